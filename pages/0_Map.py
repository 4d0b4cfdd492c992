"""The map page: islands coloured by who held them on the chosen date, with the event panel."""

import streamlit as st

from geo.i18n import translate
from ui.bundle import load_bundle
from ui.panels import event_panel, island_card
from ui.upload import upload_controls
from ui.view import current_view, publish_to_url, show_map, show_warnings, sidebar_controls

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
upload_controls(view.lang)
publish_to_url(view)
