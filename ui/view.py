"""The view a session looks at (date, island, language, whose maps), kept in session state and the URL."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from geo.model.dates import DateError
from geo.model.i18n import LANGUAGE_NAMES, LANGUAGES, translate
from geo.render.contract import MapReport
from geo.classroom.address import Selection, selection_from_query
from geo.model.perspectives import PERSPECTIVES

from .bundle import Bundle
from .mapcomponent import atlas_map

SELECTION_KEY = "atlas_view"
WARNINGS_KEY = "atlas_warnings"
SEEN_REPORTS_KEY = "atlas_last_report"
MAP_KEY = "atlas_map"
MAP_HEIGHT = 660


def current_selection(bundle: Bundle) -> Selection:
    """This session's view; on its first run, read from the URL (with warnings for bad parts)."""
    if SELECTION_KEY not in st.session_state:
        view, warnings = selection_from_query(st.query_params.to_dict(), bundle.history)
        st.session_state[SELECTION_KEY] = view
        st.session_state[WARNINGS_KEY] = warnings
    return st.session_state[SELECTION_KEY]


def update_selection(**changes) -> Selection:
    view = replace(st.session_state[SELECTION_KEY], **changes)
    st.session_state[SELECTION_KEY] = view
    return view


def show_warnings(keep: bool = False) -> None:
    """The warnings about the link the session opened with: shown once, or kept for the next run too."""
    warnings = st.session_state.get(WARNINGS_KEY, []) if keep else st.session_state.pop(WARNINGS_KEY, [])
    for warning in warnings:
        st.warning(warning, icon=":material/warning:")


def publish_to_url(view: Selection, **extra: str) -> None:
    """Keep the address bar on the current view (and a page's ``extra`` parts, such as the
    story's step), so that it can be copied into a slide."""
    wanted = {**view.as_query(), **extra}
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def take_report(key: str) -> MapReport | None:
    """The date/island the map ``key`` reported since the last run, once per report.

    streamlit-folium stores the map's value in session state under ``key`` before the script
    runs, so a report is seen before the map is drawn again (and the state handed back to the
    map is already the reported one).
    """
    report = MapReport.from_value(st.session_state.get(key))
    seen = st.session_state.setdefault(SEEN_REPORTS_KEY, {})
    if report is None or report.seq == seen.get(key):
        return None
    seen[key] = report.seq
    return report


def draw_map(bundle: Bundle, key: str, state: dict, view_group: str = "", height: int = MAP_HEIGHT) -> None:
    """An atlas map; ``state`` (date, island, lang, and optionally focus) is handed
    to the map already on the page, which keeps its zoom and centre."""
    # This session's own uploaded history, or None: back to the shared replay table.
    state = {**state, "timeline": bundle.custom_payload}
    atlas_map(bundle, key, state, view_group=view_group, height=height)


def _apply_report(bundle: Bundle, report: MapReport | None, view: Selection) -> Selection:
    if report is None:
        return view
    changes = {}
    if report.date is not None:
        try:
            changes["date"] = bundle.history.check_day(report.date)
        except DateError:
            pass  # a report the map could not have sent; keep the date we have
    if report.island == "" or report.island in bundle.history.island_ids:
        changes["island"] = report.island
    if report.view in PERSPECTIVES:
        changes["view"] = report.view
    return update_selection(**changes)


def show_map(bundle: Bundle, view: Selection, extra: dict | None = None, height: int = MAP_HEIGHT,
             report_drawn: bool = False) -> Selection:
    """The session's map; returns the view, updated by what the map reported. With
    ``report_drawn``, the map reports as soon as it has drawn (see ``map_has_drawn``)."""
    view = _apply_report(bundle, take_report(MAP_KEY), view)
    state = {**view.as_sync(), **(extra or {})}
    if report_drawn:
        state["reportDrawn"] = True
    draw_map(bundle, MAP_KEY, state, height=height)
    return view


def map_has_drawn() -> bool:
    """Whether this session's map has reported yet: it does once it has drawn, when asked to
    (``show_map(report_drawn=True)``), and at every step. Until then the map page leaves out its
    sidebar's widgets: Streamlit's front end draws every widget of a page, sidebar closed or
    not, before it adds the map's frame, and they held the first map back by about 0.3 s."""
    return MapReport.from_value(st.session_state.get(MAP_KEY)) is not None


def language_control(view: Selection) -> None:
    """The sidebar's language picker; a change reruns the whole page (titles, navigation)."""
    st.session_state.w_lang = view.lang
    st.sidebar.selectbox(translate("language", view.lang), LANGUAGES, key="w_lang",
                         format_func=LANGUAGE_NAMES.get, on_change=lambda: update_selection(lang=st.session_state.w_lang))


def go_to_controls(bundle: Bundle, lang: str) -> None:
    """The sidebar's island, date and event pickers: each moves the view and then empties
    itself, so it never shows a stale value while the map moves on."""
    history = bundle.history
    names = bundle.islands[f"name_{lang}"].to_dict()
    labels = bundle.event_labels(lang)

    def picked(key: str, change) -> None:
        value = st.session_state[key]
        if value is not None:
            change(value)
        st.session_state[key] = None

    def on_island():
        picked("w_island", lambda island: update_selection(island=island))

    def on_date():
        picked("w_date", lambda day: update_selection(date=day) if isinstance(day, dt.date) else None)

    def on_event():
        picked("w_event", lambda event: update_selection(date=history.events.loc[event, "date"]))

    choose = translate("choose", lang)
    with st.sidebar:
        st.selectbox(translate("go_to_island", lang), ["", *history.island_ids], key="w_island", index=None,
                     placeholder=choose, format_func=lambda i: names.get(i, translate("no_island", lang)),
                     on_change=on_island)
        st.date_input(translate("go_to_date", lang), value=None, key="w_date", min_value=history.first_record,
                      max_value=history.today, format="YYYY-MM-DD", on_change=on_date)
        st.selectbox(translate("go_to_event", lang), list(labels), key="w_event", index=None, placeholder=choose,
                     format_func=labels.get, on_change=on_event)
