"""The sidebar's widgets shared by the pages: the language picker and the go-to pickers."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.classroom.address import Selection
from geo.model.i18n import LANGUAGE_NAMES, LANGUAGES, translate

from .bundle import Bundle
from .session import update_selection


def language_control(selection: Selection) -> None:
    """The sidebar's language picker; a change reruns the whole page (titles, navigation)."""
    st.session_state.w_lang = selection.lang
    st.sidebar.selectbox(translate("language", selection.lang), LANGUAGES, key="w_lang",
                         format_func=LANGUAGE_NAMES.get, on_change=lambda: update_selection(lang=st.session_state.w_lang))


def go_to_controls(bundle: Bundle, lang: str) -> None:
    """The sidebar's island, date and event pickers: each moves the selection and then empties
    itself, so it never shows a stale value while the map moves on."""
    history = bundle.history
    names = bundle.islands[f"name_{lang}"].to_dict()
    labels = bundle.event_labels(lang)

    def picked(key: str, change) -> None:
        value = st.session_state[key]
        if value is not None:
            change(value)
        st.session_state[key] = None

    def on_island():
        picked("w_island", lambda island: update_selection(island=island))

    def on_date():
        picked("w_date", lambda day: update_selection(date=day) if isinstance(day, dt.date) else None)

    def on_event():
        picked("w_event", lambda event: update_selection(date=history.events.loc[event, "date"]))

    choose = translate("choose", lang)
    with st.sidebar:
        st.selectbox(translate("go_to_island", lang), ["", *history.island_ids], key="w_island", index=None,
                     placeholder=choose, format_func=lambda i: names.get(i, translate("no_island", lang)),
                     on_change=on_island)
        st.date_input(translate("go_to_date", lang), value=None, key="w_date", min_value=history.first_record,
                      max_value=history.today, format="YYYY-MM-DD", on_change=on_date)
        st.selectbox(translate("go_to_event", lang), list(labels), key="w_event", index=None, placeholder=choose,
                     format_func=labels.get, on_change=on_event)
