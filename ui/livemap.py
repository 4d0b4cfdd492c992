"""The live part of the map page, the map and the panels beside it, as one fragment.

A step on the map then reruns only this part, not the page's title, navigation, sidebar or
upload form, which no step changes; bench/load.py measures what that saves.
"""

from __future__ import annotations

import streamlit as st

from .bundle import load_bundle
from .panels import event_panel, island_card
from .view import current_view, publish_to_url, show_map


@st.fragment
def live_map() -> None:
    """Map and panels side by side, with the address bar kept on the view."""
    bundle = load_bundle()
    view = current_view(bundle)
    map_column, side_column = st.columns([2.3, 1], gap="medium")
    with map_column:
        view = show_map(bundle, view)
    with side_column:
        event_panel(bundle, view)
        island_card(bundle, view)
    publish_to_url(view)
