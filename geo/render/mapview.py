"""The atlas map as a Folium (Leaflet) map whose HTML stays the same from one rerun to the next.

The islands are coloured in the browser by the atlas's script (``geo/render/web/``, joined in the
order of ``webassets.SCRIPT_FILES``) from the replay table, so a new
date reaches the map as a one-line ``KurilAtlas.sync(...)`` call (see ui/mapcomponent.py),
not as a new map. Zoom and centre therefore survive every step, and Play costs the server
nothing.

The element classes live here, in an imported module, and not in a Streamlit script: a class
defined in the script is created anew on every rerun and leaks memory.
"""

from __future__ import annotations

import re

import folium
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.classroom.address import ADDRESS_PARAMETERS
from geo.model.perspectives import PERSPECTIVES
from geo.model.timeline import PERSPECTIVE_SEGMENT_FIELDS, SEGMENT_FIELDS, UNDETERMINED_INDEX
from geo.render.contract import REPORT_KEY, MapReport, MapState
from geo.render.style import CENTER, MAX_ZOOM, MIN_ZOOM, START_ZOOM, map_style
from geo.render.webassets import ATTRIBUTION, DATA_FILES, AssetUrls

MAP_ID = "kurilatlas"  # no underscore: streamlit-folium renames ids by their "_xxx" suffix
# The base layers, in the order of the layer control; each name is also its label's text key.
BASE_LAYERS = ("offline_base", "osm", "satellite")
HATCH_PATTERN = "atlas-undetermined"  # the id of the SVG pattern that draws "undetermined"


def map_tables() -> dict:
    """Every table the map's script needs besides the style, as its options hand them over
    (JSON-ready), so that the script holds no copy of its own: the perspectives (the first is
    the administered one), the undetermined state's index, the base layers, the data files by
    the name the script loads them in, the hatch's id, the fields of the replay table's
    segments by name (``{field: index}``) and the address's parameter for each part of a view."""
    return {
        "perspectives": list(PERSPECTIVES),
        "administered": PERSPECTIVES[0],
        "undetermined": UNDETERMINED_INDEX,
        "baseLayers": list(BASE_LAYERS),
        "dataFiles": list(DATA_FILES),
        "hatchPattern": HATCH_PATTERN,
        "segment": {name: number for number, name in enumerate(SEGMENT_FIELDS)},
        "perspectiveSegment": {name: number for number, name in enumerate(PERSPECTIVE_SEGMENT_FIELDS)},
        "address": ADDRESS_PARAMETERS,
    }


# Folium's map writes a viewport that forbids zooming (WCAG 1.4.4): the frame keeps the page's own.
_NO_ZOOM_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*user-scalable=no[^>]*>', re.DOTALL)


class AtlasMap(folium.Map):
    """Folium's map without the viewport meta that stops a reader from zooming the frame."""

    def render(self, **kwargs):
        super().render(**kwargs)
        header, name = self.get_root().header, self.get_name()
        written = header._children[name].render()
        header.add_child(Element(_NO_ZOOM_VIEWPORT.sub("", written).replace("{", "{{ '{' }}")), name=name)


class AtlasLayer(JSCSSMixin, MacroElement):
    """Loads the atlas's geometry and replay table and draws the time control on the map."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "window.KurilAtlas.attach({{ this._parent.get_name() }}, {{ this.options|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, urls: AssetUrls, state: MapState, report: bool = True, view_group: str = ""):
        super().__init__()
        self._name = "AtlasLayer"
        self._id = "layer"
        self.default_js = [("kurilatlas_js", urls.atlas_js)]
        self.default_css = [("kurilatlas_css", urls.atlas_css)]
        self.options = {
            "urls": urls.data_urls(),
            "state": state.to_sync(),
            "report": REPORT_KEY if report else "",
            "reportFields": MapReport.fields(),
            "attribution": ATTRIBUTION,
            "style": map_style(),
            "tables": map_tables(),
            "viewGroup": view_group,
            # A map with a server has an address to copy; two maps that move together (Compare) are
            # one view, whose address their page keeps.
            "copyLink": report and not view_group,
        }


def build_map(urls: AssetUrls, state: MapState, labels: dict[str, str], report: bool = True,
              view_group: str = "") -> folium.Map:
    """The base map: offline land and sea by default, online tiles as optional layers.

    ``state`` is the first date, island and language; ``labels`` names the base layers; maps with
    the same ``view_group`` on one page pan and zoom together.
    """
    fmap = AtlasMap(
        location=CENTER, zoom_start=START_ZOOM, min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM, tiles=None,
        # No bounds to pan in: Leaflet would pan a fit that leaves room for the controls on a
        # small screen back under them (atlas-fit.js keeps the islands in sight instead).
        control_scale=False, max_bounds=False,
    )
    fmap._id = MAP_ID
    # Only Leaflet, served by the app itself: folium's defaults would fetch jQuery,
    # Bootstrap and more from CDNs, which a classroom without internet cannot reach.
    fmap.default_js = [("leaflet", urls.leaflet_js)]
    fmap.default_css = [("leaflet_css", urls.leaflet_css)]
    offline_name, osm_name, satellite_name = BASE_LAYERS  # in the order the script labels them
    offline = folium.FeatureGroup(name=labels[offline_name], overlay=False, control=True)
    offline._id = "offline"
    offline.add_to(fmap)
    osm = folium.TileLayer(
        "OpenStreetMap", name=labels[osm_name], overlay=False, show=False, control=True,
        attr='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    )
    osm._id = "osm"
    osm.add_to(fmap)
    satellite = folium.TileLayer(
        tiles="https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        name=labels[satellite_name], overlay=False, show=False, control=True,
        attr="Imagery &copy; Esri, Maxar, Earthstar Geographics and the GIS user community",
    )
    satellite._id = "satellite"
    satellite.add_to(fmap)
    control = folium.LayerControl(position="topleft", collapsed=True)
    control._id = "layers"
    control.add_to(fmap)
    AtlasLayer(urls, state, report=report, view_group=view_group).add_to(fmap)
    return fmap
