"""Sources: every source of the history, the data licences, map attributions and how the data was built."""

import streamlit as st

from geo.model.i18n import translate
from geo.model.paths import DATA_DIR
from geo.model.tables import read_table
from ui.htmltext import gazetteer_list
from ui.layout import page_setup
from ui.panels import sources_list
from geo.render.markdown import plain

bundle, selection = page_setup("sources")
lang = selection.lang
st.title(translate("sources", lang), anchor=False)

st.header(translate("sources_licences_title", lang))
# Texts the atlas's team wrote (ui_text.csv), Markdown with one link: not data from elsewhere.
st.markdown(translate("sources_licences_body", lang))
st.header(translate("sources_build_title", lang))
st.markdown(translate("sources_build_body", lang))

st.header(translate("sources_history_title", lang))
st.markdown(plain(translate("source_kinds_legend", lang)))
# HTML made and escaped by ui.htmltext, so that a title in Japanese or Russian says so (lang).
sources = bundle.history.sources
st.html(sources_list(sources, lang))

st.header(translate("sources_gazetteer_title", lang))
gazetteer = read_table(DATA_DIR / "gazetteer.csv", ["id", "name_en", "source_title", "source_url"])
st.html(gazetteer_list(gazetteer))
