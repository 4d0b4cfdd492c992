"""A session's atlas map: the state handed to it on each run, and what it reports back."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geo.classroom.address import Selection
from geo.model.dates import DateError
from geo.model.perspectives import PERSPECTIVES
from geo.render.contract import MapReport, MapState

from .bundle import Bundle
from .mapcomponent import atlas_map
from .session import update_selection

SEEN_REPORTS_KEY = "atlas_last_report"
MAP_KEY = "atlas_map"
MAP_HEIGHT = 660


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


def draw_map(bundle: Bundle, key: str, state: MapState, link_group: str = "", height: int = MAP_HEIGHT) -> None:
    """An atlas map; ``state`` is handed to the map already on the page, which keeps its zoom
    and centre. Maps with the same ``link_group`` on a page pan and zoom together."""
    # This session's own uploaded history, or None: back to the shared replay table.
    atlas_map(bundle, key, replace(state, timeline=bundle.custom_payload), view_group=link_group, height=height)


def _apply_report(bundle: Bundle, report: MapReport | None, selection: Selection) -> Selection:
    if report is None:
        return selection
    changes = {}
    if report.date is not None:
        try:
            changes["date"] = bundle.history.check_day(report.date)
        except DateError:
            pass  # a report the map could not have sent; keep the date we have
    if report.island == "" or report.island in bundle.history.island_ids:
        changes["island"] = report.island
    if report.perspective in PERSPECTIVES:
        changes["perspective"] = report.perspective
    return update_selection(**changes)


def take_map_report(bundle: Bundle, selection: Selection) -> tuple[Selection, MapReport | None]:
    """The session's selection updated by what its map reported since the last run, and the report."""
    report = take_report(MAP_KEY)
    return _apply_report(bundle, report, selection), report


def show_map(bundle: Bundle, selection: Selection, height: int = MAP_HEIGHT, report_drawn: bool = False,
             **extra) -> Selection:
    """The session's map; returns the selection, updated by what the map reported. ``extra``
    sets MapState's other fields (a focus, a lesson); with ``report_drawn``, the map reports as
    soon as it has drawn (see ``map_has_drawn``)."""
    selection = take_map_report(bundle, selection)[0]
    draw_map(bundle, MAP_KEY, selection.map_state(report_drawn=report_drawn, **extra), height=height)
    return selection


def map_has_drawn() -> bool:
    """Whether this session's map has reported yet: it does once it has drawn, when asked to
    (``show_map(report_drawn=True)``), and at every step. Until then the map page leaves out its
    sidebar's widgets: Streamlit's front end draws every widget of a page, sidebar closed or
    not, before it adds the map's frame, and they held the first map back by about 0.3 s."""
    return MapReport.from_value(st.session_state.get(MAP_KEY)) is not None
