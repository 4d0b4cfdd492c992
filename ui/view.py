"""The view a session looks at (date, island, language), kept in session state and the URL."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from geo.dates import DateError
from geo.i18n import LANGUAGE_NAMES, LANGUAGES, translate
from geo.urlstate import View, view_from_query

from .bundle import Bundle
from .mapcomponent import atlas_map

VIEW_KEY = "atlas_view"
WARNINGS_KEY = "atlas_warnings"
REPORT_KEY = "atlas_last_report"
MAP_KEY = "atlas_map"
MAP_HEIGHT = 660


def current_view(bundle: Bundle) -> View:
    """This session's view; on its first run, read from the URL (with warnings for bad parts)."""
    if VIEW_KEY not in st.session_state:
        view, warnings = view_from_query(st.query_params.to_dict(), bundle.history)
        st.session_state[VIEW_KEY] = view
        st.session_state[WARNINGS_KEY] = warnings
    return st.session_state[VIEW_KEY]


def set_view(**changes) -> View:
    view = replace(st.session_state[VIEW_KEY], **changes)
    st.session_state[VIEW_KEY] = view
    return view


def show_warnings() -> None:
    for warning in st.session_state.pop(WARNINGS_KEY, []):
        st.warning(warning, icon="⚠️")


def publish_to_url(view: View) -> None:
    """Keep the address bar on the current view, so that it can be copied into a slide."""
    wanted = view.as_query()
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def take_report(key: str) -> dict | None:
    """The date/island the map ``key`` reported since the last run, once per report.

    streamlit-folium stores the map's value in session state under ``key`` before the script
    runs, so a report is seen before the map is drawn again (and the state handed back to the
    map is already the reported one).
    """
    value = st.session_state.get(key)
    report = value.get("atlas") if isinstance(value, dict) else None
    seen = st.session_state.setdefault(REPORT_KEY, {})
    if not isinstance(report, dict) or report.get("seq") == seen.get(key):
        return None
    seen[key] = report.get("seq")
    return report


def draw_map(bundle: Bundle, key: str, state: dict, view_group: str = "", height: int = MAP_HEIGHT) -> None:
    """An atlas map; ``state`` (date, island, lang, and optionally focus, projector) is handed
    to the map already on the page, which keeps its zoom and centre."""
    # This session's own uploaded history, or None: back to the shared replay table.
    state = {**state, "timeline": bundle.custom_payload}
    atlas_map(bundle, key, state, view_group=view_group, height=height)


def _apply_report(bundle: Bundle, report: dict | None, view: View) -> View:
    if report is None:
        return view
    changes = {}
    if "date" in report:
        try:
            changes["date"] = bundle.history.check_day(str(report["date"]))
        except DateError:
            pass  # a report the map could not have sent; keep the date we have
    island = str(report.get("island", "?"))
    if island == "" or island in bundle.history.island_ids:
        changes["island"] = island
    return set_view(**changes)


def show_map(bundle: Bundle, view: View, extra: dict | None = None, height: int = MAP_HEIGHT) -> View:
    """The session's map; returns the view, updated by what the map reported."""
    view = _apply_report(bundle, take_report(MAP_KEY), view)
    draw_map(bundle, MAP_KEY, {**view.as_sync(), **(extra or {})}, height=height)
    return view


def sidebar_controls(bundle: Bundle, view: View) -> None:
    """Language, island, date and event pickers; each changes the view through a callback."""
    history, lang = bundle.history, view.lang
    names = bundle.islands[f"name_{lang}"].to_dict()

    def on_lang():
        set_view(lang=st.session_state.w_lang)

    def on_island():
        set_view(island=st.session_state.w_island or "")

    def on_date():
        if isinstance(st.session_state.w_date, dt.date):
            set_view(date=st.session_state.w_date)

    def on_event():
        chosen = st.session_state.w_event
        if chosen is not None:
            set_view(date=history.events.loc[chosen, "date"])
        st.session_state.w_event = None

    st.session_state.w_lang = view.lang
    st.session_state.w_island = view.island
    st.session_state.w_date = view.date
    with st.sidebar:
        st.selectbox(translate("language", lang), LANGUAGES, key="w_lang",
                     format_func=LANGUAGE_NAMES.get, on_change=on_lang)
        st.selectbox(translate("island", lang), ["", *history.island_ids], key="w_island",
                     format_func=lambda i: names.get(i, translate("no_island", lang)), on_change=on_island)
        st.date_input(translate("go_to_date", lang), key="w_date", min_value=history.first_record,
                      max_value=history.today, format="YYYY-MM-DD", on_change=on_date)
        events = history.events
        # One label per event, made in one pass: a pandas lookup per option costs ~10 ms a rerun.
        labels = {
            event: f"{day} — {title or title_en}"
            for event, day, title, title_en in zip(events.index, events["date"], events[f"title_{lang}"],
                                                   events["title_en"])
        }
        st.selectbox(translate("go_to_event", lang), list(labels), key="w_event",
                     index=None, placeholder="…", format_func=labels.get, on_change=on_event)
