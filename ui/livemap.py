"""The live part of the map page as one fragment: the map, the panels beside it and the
sidebar's island, date and event pickers.

A step on the map, or a pick in the sidebar, then reruns only this part, never the page's
navigation, language picker or upload form, which neither changes. bench/load.py measures
what that saves.
"""

from __future__ import annotations

import streamlit as st

from geo.model.i18n import translate

from .bundle import load_bundle
from .layout import PAGE_SIDEBAR_KEY, compact_header, map_columns, note
from .panels import event_panel, island_card
from .map import map_has_drawn, show_map
from .session import current_selection, publish_to_url
from .sidebar import go_to_controls


@st.fragment
def live_map() -> None:
    """Map and panels side by side, the pickers in the sidebar, and the address bar kept on the selection.

    The sidebar's pickers come once the map has drawn (``map_has_drawn``); the run the map's
    first report starts then runs the whole page, so that the page adds its own sidebar too."""
    drawn = map_has_drawn()
    if drawn and not st.session_state.get(PAGE_SIDEBAR_KEY):
        st.rerun()  # the map's first report: the whole page, which then takes the report
    bundle = load_bundle()
    selection = current_selection(bundle)
    map_area, side = map_columns()
    with map_area:
        selection = show_map(bundle, selection, report_drawn=not drawn)
    with side:
        compact_header(translate("app_title", selection.lang), translate("app_subtitle", selection.lang))
        event_panel(bundle, selection)
        island_card(bundle, selection)
        note(translate("attribution", selection.lang), key="attribution")
    if drawn:
        go_to_controls(bundle, selection.lang)
    publish_to_url(selection)
