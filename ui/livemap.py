"""The live part of the map page as one fragment: the map, the panels beside it and the
sidebar's island, date and event pickers.

A step on the map, or a pick in the sidebar, then reruns only this part, never the page's
navigation, language picker or upload form, which neither changes. bench/load.py measures
what that saves.
"""

from __future__ import annotations

import streamlit as st

from geo.i18n import translate

from .bundle import load_bundle
from .layout import compact_header, map_columns, note
from .panels import event_panel, island_card
from .view import current_view, go_to_controls, publish_to_url, show_map


@st.fragment
def live_map() -> None:
    """Map and panels side by side, the pickers in the sidebar, and the address bar kept on the view."""
    bundle = load_bundle()
    view = current_view(bundle)
    map_area, side = map_columns()
    with map_area:
        view = show_map(bundle, view)
    with side:
        compact_header(translate("app_title", view.lang), translate("app_subtitle", view.lang))
        event_panel(bundle, view)
        island_card(bundle, view)
        note(translate("attribution", view.lang), key="attribution")
    go_to_controls(bundle, view.lang)
    publish_to_url(view)
