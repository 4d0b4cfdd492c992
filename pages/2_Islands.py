"""Islands: a sortable table of names, areas and status today, with CSV and GeoJSON downloads."""

import streamlit as st

from geo.i18n import translate
from geo.islands import islands_table
from ui.layout import page_setup

bundle, view = page_setup("islands_title")
lang = view.lang
st.title(translate("islands_title", lang))

today = bundle.history.today
table = islands_table(bundle.islands, bundle.timeline, today)
st.dataframe(table, hide_index=True, width="stretch",
             column_config={"area_km2": st.column_config.NumberColumn("area_km2", format="%.1f")})

left, right = st.columns(2)
left.download_button(translate("download_csv", lang), table.to_csv(index=False).encode("utf-8"),
                     file_name="kuril-islands.csv", mime="text/csv")
right.download_button(translate("download_geojson", lang), bundle.islands.to_json(drop_id=True).encode("utf-8"),
                      file_name="kuril-islands.geojson", mime="application/geo+json")
