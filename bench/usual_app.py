"""The baseline for `make bench`'s "date picked" ratio: the usual streamlit-folium app, which
builds a new Folium map on every rerun and hands it to ``st_folium``.

It draws the atlas's own simplified geometry coloured by the same status model
(``geo.status_at``) with the same "Go to event" picker in the sidebar, so the only difference
from the atlas is how the map reaches the page (both load Leaflet from the app's static folder).
When the map has drawn a date, it marks
``#map_div`` with ``data-atlas-date``, as the atlas's map does, so that both are timed alike.
"""

import folium
import streamlit as st
from branca.element import MacroElement
from jinja2 import Template
from streamlit_folium import st_folium

import geo
from geo.render.style import CENTER, OUTLINE, START_ZOOM, STATE_COLORS


@st.cache_resource
def _data():
    history = geo.load_history()
    labels = {event.id: f"{event.date} — {event.title_en}" for event in history.events.itertuples()}
    return history, geo.load_islands(simplified=True), labels


history, islands, labels = _data()
st.session_state.setdefault("usual_date", history.first_record.isoformat())


def picked() -> None:
    if st.session_state.w_event is not None:
        st.session_state.usual_date = str(history.events.loc[st.session_state.w_event, "date"])
    st.session_state.w_event = None


st.sidebar.selectbox("Go to event", list(labels), key="w_event", index=None, format_func=labels.get, on_change=picked)
day = st.session_state.usual_date
controller = geo.status_at(day, history)["controller"]
fmap = folium.Map(location=CENTER, zoom_start=START_ZOOM, tiles=None)
# Leaflet from the app's static folder, as the atlas loads it (folium's CDN is out of reach here).
fmap.default_js = [("leaflet", "/app/static/vendor/leaflet/leaflet.js")]
fmap.default_css = [("leaflet_css", "/app/static/vendor/leaflet/leaflet.css")]
folium.GeoJson(
    islands.reset_index(drop=True).drop(columns=["gshhg_ids"], errors="ignore").to_json(),
    style_function=lambda feature: {"fillColor": STATE_COLORS[controller[feature["properties"]["id"]]],
                                    "color": OUTLINE, "weight": 1, "fillOpacity": 1},
).add_to(fmap)
# The map's last child: its script runs once the layers above are drawn, i.e. when this date's
# colours are on the map.
drawn = MacroElement()
drawn._template = Template("{% macro script(this, kwargs) %}"
                           f"document.getElementById('map_div').setAttribute('data-atlas-date', '{day}');"
                           "document.getElementById('map_div').setAttribute('data-atlas-ready', '1');"
                           "{% endmacro %}")
drawn.add_to(fmap)
st_folium(fmap, height=600, returned_objects=[], key="usual_map")
