"""The atlas map on a page: a Folium map drawn by streamlit-folium's component, rendered once
per server process and then handed only the new state on each rerun.

``st_folium`` rebuilds and re-renders the whole Folium map on every rerun, although this map's
HTML never changes. So the map is built and rendered once with streamlit-folium's own helpers, the
component's arguments are cached, and each rerun sends the same arguments plus one line of
JavaScript, ``KurilAtlas.sync({...})`` (``MapState.sync_script``), in the component's feature-group slot (which its
frontend evaluates without rebuilding the map).

Those helpers are private, so they are gated as ``ui.serve``'s Streamlit patches are
(``ui.patches``, key "map"): when the installed streamlit-folium's differ from the record, or
``KURIL_ATLAS_PATCHES_OFF`` names "map", none is called, the log says so once, and the page
shows an error naming what changed where the map would be.
"""

from __future__ import annotations

import functools
import json
import sys

import streamlit as st
import streamlit_folium as stf

from geo.model.i18n import translate
from geo.render.contract import MapReport, MapState
from geo.render.mapview import build_map

from . import patches
from .bundle import Bundle


@functools.cache
def helpers_off() -> str:
    """Why streamlit-folium's private helpers must not be called ("" when they may), checked once
    per process and logged, when they are off, as ``ui.serve`` logs a patch that is off."""
    why = "; ".join(patches.why_off("map"))
    if why:
        print(f"ui.mapcomponent: {patches.off_line('map', why)}", file=sys.stderr)
    return why


def helpers_off_message(why: str) -> str:
    """What the page shows instead of the map when its helpers are off."""
    installed = patches.installed_versions()["streamlit-folium"]
    pinned = patches.pinned_versions().get("streamlit-folium", "(nothing)")
    return (f"The map cannot be drawn: `{why}`. The atlas draws it with private helpers of streamlit-folium "
            f"{pinned}, the version requirements.txt pins; this server has {installed}. "
            "Install the pinned versions: `pip install -r requirements.txt`.")


@st.cache_resource(show_spinner=False, max_entries=8)
def _component_args(_bundle_urls, urls_key: str, view_group: str) -> dict:
    """The component's arguments for the atlas map, which do not depend on the session."""
    labels = {name: translate(name, "en") for name in ("offline_base", "osm", "satellite")}
    fmap = build_map(_bundle_urls, MapState(""), labels, view_group=view_group)
    fmap.get_root().render()
    html, header = stf._get_html(fmap), stf._get_header(fmap)
    script = stf._get_map_string(fmap)
    urls = _bundle_urls
    return {
        "script": script,
        "header": header,
        "html": html,
        "id": stf.get_full_id(fmap),
        "css_links": [urls.leaflet_css, urls.atlas_css],
        # One script (Leaflet and the atlas's, the data's downloads started first): streamlit-folium
        # loads its js_links one after another.
        "js_links": [urls.map_js],
    }


def atlas_map(bundle: Bundle, key: str, state: MapState, view_group: str = "", height: int = 620) -> None:
    """Draw (or update) the atlas map ``key`` with ``state``; the map's reports land in
    ``st.session_state[key]`` before the next run; an error in its place when streamlit-folium's
    helpers are off (``helpers_off``)."""
    why = helpers_off()
    if why:
        st.error(helpers_off_message(why))
        return
    urls_key = json.dumps(bundle.urls.data_urls(), sort_keys=True)
    args = _component_args(bundle.urls, urls_key, view_group)
    component_key = stf.generate_js_hash(args["script"], key, False)

    def keep_report() -> None:
        st.session_state[key] = st.session_state.get(component_key, {})

    value = stf._component_func(
        **args,
        key=component_key,
        height=height,
        width=None,
        returned_objects=[],
        default={},
        zoom=None,
        center=None,
        feature_group=state.sync_script(),
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        wrap_longitude=False,
        on_change=keep_report,
    )
    # A tab that reconnected to a restarted server sends its map's last report with the new
    # session's first run, before this session has a change callback to hand it over: take it,
    # and run the page again so that what is drawn from the report follows the map.
    if key not in st.session_state and MapReport.from_value(value) is not None:
        st.session_state[key] = value
        st.rerun()
