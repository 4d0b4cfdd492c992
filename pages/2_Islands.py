"""Islands: a table of names, areas and status today, in the order the reader chooses, with CSV
and GeoJSON downloads (the CSV keeps the data's column names)."""

import streamlit as st

from geo.model.i18n import translate
from geo.model.islands import islands_table
from ui.islandtable import ORDERS, islands_html
from ui.layout import page_setup
from ui.panels import published_areas

bundle, selection = page_setup("islands_title")
lang = selection.lang
st.title(translate("islands_title", lang), anchor=False)

table = islands_table(bundle.islands, bundle.timeline, bundle.history.today, published_areas())
order = st.radio(translate("islands_sort", lang), ORDERS, horizontal=True, key="islands_order",
                 format_func=lambda choice: translate(f"islands_sort_{choice}", lang))
st.html(islands_html(table, lang, order, bundle.history.today.isoformat()))

left, right = st.columns(2)
left.download_button(translate("download_csv", lang), table.to_csv(index=False).encode("utf-8"),
                     file_name="kuril-islands.csv", mime="text/csv")
right.download_button(translate("download_geojson", lang), bundle.islands.to_json(drop_id=True).encode("utf-8"),
                      file_name="kuril-islands.geojson", mime="application/geo+json")
