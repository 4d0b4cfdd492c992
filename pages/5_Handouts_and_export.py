"""Handouts and export: a printable map of any date (PNG, PDF), an animated map of a period (GIF,
WebP) and the whole atlas as one HTML file."""

import datetime as dt

import streamlit as st

from geo.render.export import build_offline_html
from geo.render.handout import render_handout
from geo.model.i18n import LANGUAGE_NAMES, LANGUAGES, translate
from ui.animation import animation_section
from ui.layout import page_setup

bundle, selection = page_setup("handouts_title")


@st.cache_data(show_spinner=False, max_entries=32)
def handout(day: dt.date, lang: str, fmt: str) -> bytes:
    return render_handout(day, lang, fmt)


@st.cache_data(show_spinner=False, max_entries=6)
def offline_atlas(lang: str, day: dt.date) -> bytes:
    return build_offline_html(lang, day).encode("utf-8")


history = bundle.history
if "w_handout_lang" not in st.session_state:
    st.session_state.w_handout_lang = selection.lang
if "w_handout_date" not in st.session_state:
    st.session_state.w_handout_date = selection.date
lang = st.session_state.w_handout_lang

st.title(translate("handout_page_title", lang))
st.write(translate("handout_intro", lang))
left, right = st.columns(2)
left.date_input(translate("date", lang), key="w_handout_date", min_value=history.first_record,
                max_value=history.today, format="YYYY-MM-DD")
right.selectbox(translate("language", lang), LANGUAGES, key="w_handout_lang", format_func=LANGUAGE_NAMES.get)
day = st.session_state.w_handout_date if isinstance(st.session_state.w_handout_date, dt.date) else selection.date
stem = f"kuril-islands-{day.isoformat()}-{lang}"

with st.spinner("…"):
    png = handout(day, lang, "png")
png_column, pdf_column = st.columns(2)
png_column.download_button(translate("handout_download_png", lang), png, file_name=f"{stem}.png",
                           mime="image/png", on_click="ignore", icon=":material/image:")
pdf_column.download_button(translate("handout_download_pdf", lang), lambda: handout(day, lang, "pdf"),
                           file_name=f"{stem}.pdf", mime="application/pdf", on_click="ignore",
                           icon=":material/picture_as_pdf:")
st.image(png, caption=translate("handout_preview", lang), width="stretch",
         alt=f"{translate('handout_preview', lang)}: {day.isoformat()}")

animation_section(lang, selection.perspective)

st.header(translate("export_title", lang))
st.write(translate("export_intro", lang))
st.download_button(translate("export_download", lang), lambda: offline_atlas(lang, day),
                   file_name=f"kuril-islands-atlas-{lang}.html", mime="text/html", on_click="ignore",
                   icon=":material/download:")
