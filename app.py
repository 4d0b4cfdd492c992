"""The Kuril Islands atlas: the map page. Run with `make run` (streamlit run app.py)."""

import streamlit as st

from geo.i18n import translate
from ui.bundle import load_bundle
from ui.panels import event_panel, island_card
from ui.view import current_view, publish_to_url, show_map, show_warnings, sidebar_controls

st.set_page_config(page_title="Kuril Islands atlas", page_icon="🗾", layout="wide")

bundle = load_bundle()
view = current_view(bundle)
st.title(translate("app_title", view.lang))
st.markdown(translate("app_subtitle", view.lang))
show_warnings()

map_column, side_column = st.columns([2.3, 1], gap="medium")
with map_column:
    view = show_map(bundle, view)
    st.markdown(translate("attribution", view.lang))
with side_column:
    event_panel(bundle, view)
    island_card(bundle, view)

sidebar_controls(bundle, view)
publish_to_url(view)
