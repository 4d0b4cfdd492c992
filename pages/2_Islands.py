"""Islands: a sortable table of names, areas and status today, with CSV and GeoJSON downloads."""

import streamlit as st

from geo.i18n import translate
from ui.bundle import load_bundle
from ui.panels import published_areas, state_name
from ui.text import plain
from ui.view import current_view

st.set_page_config(page_title="Islands · Kuril Islands atlas", page_icon="🗾", layout="wide")
bundle = load_bundle()
view = current_view(bundle)
lang = view.lang
st.title(translate("islands_title", lang))

today = bundle.history.today
table = bundle.islands.drop(columns=["geometry", "gshhg_ids"]).copy()
table["held_by_today"] = [state_name(bundle.timeline.status(i, today).controller, "en") for i in table.index]
table["claimed_by_today"] = [", ".join(bundle.timeline.status(i, today).claimants) for i in table.index]
table["disputed_today"] = [bundle.timeline.status(i, today).disputed for i in table.index]
areas = published_areas()
table["area_km2_published"] = areas["area_km2_published"].reindex(table.index)
table["area_km2_gsi"] = areas["area_km2_gsi"].reindex(table.index)  # Japan's Geospatial Information Authority
table = table.loc[list(bundle.history.island_ids)]
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
