"""Quiz: questions made from the data, answered by choosing or by clicking an island."""

import streamlit as st

from geo.model.i18n import translate
from ui.layout import page_setup
from ui.quiz import ask, current_question, question_area, score

bundle, selection = page_setup("quiz_title")
lang = selection.lang
question = current_question(bundle)
side, options = question_area(bundle, question, lang)
with side:
    score(bundle, lang)
    if question is None:
        st.success(translate("quiz_done", lang))
    else:
        ask(bundle, question, options, lang)
