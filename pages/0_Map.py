"""The map page: islands coloured by who held them on the chosen date, with the event panel."""

import streamlit as st

from geo.i18n import translate
from ui.bundle import load_bundle
from ui.livemap import live_map
from ui.upload import upload_controls
from ui.view import current_view, language_control, show_warnings

view = current_view(load_bundle())
st.title(translate("app_title", view.lang))
st.markdown(translate("app_subtitle", view.lang))
show_warnings()
language_control(view)
live_map()
st.markdown(translate("attribution", view.lang))
upload_controls(view.lang)
