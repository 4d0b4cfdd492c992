"""Islands: a sortable table of names, areas and status today, with CSV and GeoJSON downloads."""

import streamlit as st

from geo.model.i18n import translate
from geo.model.islands import islands_table
from ui.layout import page_setup
from ui.panels import published_areas
from geo.render.markdown import plain

bundle, selection = page_setup("islands_title")
lang = selection.lang
st.title(translate("islands_title", lang))

table = islands_table(bundle.islands, bundle.timeline, bundle.history.today, published_areas())
st.dataframe(table, hide_index=True, width="stretch",
             column_config={"area_km2": st.column_config.NumberColumn("area_km2", format="%.1f"),
                            "area_km2_gsi": st.column_config.NumberColumn("area_km2_gsi", format="%.1f")})
st.markdown(plain(f"area_km2: {translate('area_outline', lang)} · area_km2_published: {translate('area_published', lang)} · "
                 f"area_km2_gsi: {translate('area_gsi', lang)}"))

left, right = st.columns(2)
left.download_button(translate("download_csv", lang), table.to_csv(index=False).encode("utf-8"),
                     file_name="kuril-islands.csv", mime="text/csv")
right.download_button(translate("download_geojson", lang), bundle.islands.to_json(drop_id=True).encode("utf-8"),
                      file_name="kuril-islands.geojson", mime="application/geo+json")
