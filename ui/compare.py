"""The Compare page's parts: its choices (two dates, or one date in two perspectives; side by
side or swipe), its maps, and the list of islands that changed hands or that the two
perspectives draw differently."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from geo.classroom.address import Selection
from geo.classroom.compare import differences, perspective_differences
from geo.model.i18n import translate
from geo.model.perspectives import PERSPECTIVES, UNDETERMINED
from geo.render.contract import MapState
from geo.render.markdown import plain

from .bundle import Bundle
from .layout import CONTROLS, MAP_AREA_LOW
from .map import draw_map, take_report
from .panels import state_name
from .session import update_selection

MODES = ("side_by_side", "swipe")
KINDS = ("dates", "views")  # two dates, or one date in two perspectives
DEFAULTS = {"compare_kind": KINDS[0], "compare_left_view": "japan", "compare_right_view": "russia",
            "compare_first": dt.date(1945, 8, 27), "compare_second": dt.date(1945, 9, 5), "compare_mode": MODES[0]}


@dataclass(frozen=True)
class Comparison:
    """What the reader chose to compare: two days in two perspectives, side by side or swiped."""

    first: dt.date
    second: dt.date
    left: str
    right: str
    by_perspectives: bool
    mode: str


def take_map_reports(bundle: Bundle, selection: Selection) -> Selection:
    """A date set on either map's own slider (reported when it stops) moves that side's date
    picker (with two perspectives, the one date); a perspective switched on a map moves that
    side's perspective, or, with two dates, both maps'."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    by_perspectives = st.session_state.compare_kind == "views"
    for map_key, picker, side in (("compare_a", "compare_first", "compare_left_view"),
                                  ("compare_b", "compare_first" if by_perspectives else "compare_second",
                                   "compare_right_view")):
        report = take_report(map_key)
        if report and report.date is not None:
            try:
                st.session_state[picker] = bundle.history.check_day(report.date)
            except ValueError:
                pass
        if report and report.perspective in PERSPECTIVES:
            if by_perspectives:
                st.session_state[side] = report.perspective
            else:
                selection = update_selection(perspective=report.perspective)
    return selection


def comparison_controls(bundle: Bundle, selection: Selection) -> Comparison:
    """One row of choices above the maps (two to a line on a phone)."""
    lang, history = selection.lang, bundle.history
    by_perspectives = st.session_state.compare_kind == "views"
    columns = st.container(key=CONTROLS).columns([1.1, 1, 1, 1, 1.2] if by_perspectives else [1.1, 1, 1, 1.2],
                                                 vertical_alignment="bottom")
    # Radios, not segmented controls, whose chosen option's text is too pale to read (4.47:1).
    columns[0].radio(translate("compare_kind", lang), KINDS, key="compare_kind", horizontal=True,
                     label_visibility="collapsed", format_func=lambda k: translate(f"compare_{k}", lang))
    days = {"min_value": history.first_record, "max_value": history.today, "format": "YYYY-MM-DD"}
    first = columns[1].date_input(translate("compare_date" if by_perspectives else "compare_first", lang),
                                  key="compare_first", **days)
    if by_perspectives:
        second = first
        named = {"format_func": lambda p: translate(f"view_{p}", lang)}
        left = columns[2].selectbox(translate("compare_left_view", lang), PERSPECTIVES, key="compare_left_view", **named)
        right = columns[3].selectbox(translate("compare_right_view", lang), PERSPECTIVES, key="compare_right_view",
                                     **named)
    else:
        second = columns[2].date_input(translate("compare_second", lang), key="compare_second", **days)
        left = right = selection.perspective
    mode = columns[-1].radio(translate("compare_mode", lang), MODES, key="compare_mode", horizontal=True,
                             label_visibility="collapsed", format_func=lambda m: translate(f"compare_{m}", lang))
    return Comparison(first, second, left, right, by_perspectives, mode)


def comparison_maps(bundle: Bundle, chosen: Comparison, lang: str) -> None:
    """One map with a divider to swipe, or two maps that pan and zoom together."""
    with st.container(key=MAP_AREA_LOW):
        if chosen.mode == "swipe":
            draw_map(bundle, "compare_swipe", MapState(chosen.first.isoformat(), lang=lang, perspective=chosen.left,
                                                       swipe=chosen.second.isoformat(),
                                                       swipe_perspective=chosen.right))
            return
        for column, key, day, perspective in zip(st.columns(2, gap="small"), ("compare_a", "compare_b"),
                                                 (chosen.first, chosen.second), (chosen.left, chosen.right)):
            with column:
                draw_map(bundle, key, MapState(day.isoformat(), lang=lang, perspective=perspective, swipe=""),
                         link_group="compare")


def comparison_list(bundle: Bundle, chosen: Comparison, lang: str) -> None:
    """The islands that changed hands between the two dates, or that the two perspectives draw
    differently on the one date."""
    names = bundle.islands[f"name_{lang}"]
    if chosen.by_perspectives:
        def shown_name(shown: str) -> str:
            return translate("state_undetermined_short", lang) if shown == UNDETERMINED else state_name(shown, lang)

        st.header(translate("compare_view_changes", lang), anchor=False)
        left, right = translate(f"view_{chosen.left}", lang), translate(f"view_{chosen.right}", lang)
        lines = [f"- {plain(names[d.island])}: {plain(shown_name(d.first))} ({plain(left)}) · "
                 f"{plain(shown_name(d.second))} ({plain(right)})"
                 for d in perspective_differences(chosen.first, chosen.left, chosen.right, bundle.history)]
        st.markdown("\n".join(lines) if lines else plain(translate("compare_view_none", lang)))
        return
    st.header(translate("compare_changes", lang), anchor=False)
    lines = [f"- {plain(names[c.island])}: {plain(state_name(c.before, lang))} → {plain(state_name(c.after, lang))}"
             for c in differences(chosen.first, chosen.second, bundle.history)]
    st.markdown("\n".join(lines) if lines else translate("compare_none", lang))
