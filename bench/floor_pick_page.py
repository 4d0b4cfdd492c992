"""The floor under `make bench`'s "date picked" time: the atlas map and one "Go to event" picker
in a fragment, and nothing else. A pick moves the map's date, as on the map page."""

import streamlit as st

from geo.render.contract import MapState
from ui.bundle import load_bundle
from ui.mapcomponent import atlas_map

bundle = load_bundle()
labels = bundle.event_labels("en")
st.session_state.setdefault("floor_date", bundle.history.first_record.isoformat())


def picked() -> None:
    if st.session_state.w_event is not None:
        st.session_state.floor_date = str(bundle.history.events.loc[st.session_state.w_event, "date"])
    st.session_state.w_event = None


@st.fragment
def live_map() -> None:
    atlas_map(bundle, "atlas_map", MapState(st.session_state.floor_date))
    st.sidebar.selectbox("Go to event", list(labels), key="w_event", index=None, format_func=labels.get, on_change=picked)


live_map()
