"""The floor under `make bench`'s first-map ratio that is the map itself: the atlas map (the
streamlit-folium component, Leaflet, the atlas's script and data) alone on a page, with no
navigation, panel or sidebar."""

import streamlit as st

from geo.render.contract import MapState
from ui.bundle import load_bundle
from ui.mapcomponent import atlas_map

st.set_page_config(layout="wide")
atlas_map(load_bundle(), "atlas_map", MapState(""))
