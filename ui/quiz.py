"""The Quiz page's parts: a quiz kept in session state, the question (answered by choosing, or
by clicking an island on the map), and the check with its sources."""

from __future__ import annotations

import random

import streamlit as st

from geo.classroom.quiz import Question, answer_label, correct_answer, is_correct, make_quiz, question_text
from geo.model.i18n import translate
from geo.render.contract import MapState
from geo.render.markdown import plain

from .bundle import Bundle
from .layout import map_columns
from .map import draw_map, take_report
from .panels import sources_markdown

MAP_KEY = "quiz_map"


def new_quiz(bundle: Bundle, seed: int | None = None) -> None:
    st.session_state.quiz_seed = random.randrange(1_000_000) if seed is None else seed
    st.session_state.quiz = make_quiz(bundle.history, bundle.timeline, st.session_state.quiz_seed)
    st.session_state.quiz_index = 0
    st.session_state.quiz_results = []


def current_question(bundle: Bundle) -> Question | None:
    """The question to answer now (None when the quiz is done); a quiz starts from ``?seed=``."""
    if "quiz" not in st.session_state:
        seed = st.query_params.get("seed", "")
        new_quiz(bundle, int(seed) if seed.isdigit() and len(seed) < 10 else None)
    questions, index = st.session_state.quiz, st.session_state.quiz_index
    return questions[index] if index < len(questions) else None


def question_area(bundle: Bundle, question: Question | None, lang: str):
    """Where the question goes, and the answers to choose from: a question answered on the map
    gets the map filling the window, the question beside it."""
    history = bundle.history
    if question is None or question.kind != "changed_island":
        return st.container(), list(question.choices) if question is not None else []
    map_area, side = map_columns()
    report = take_report(MAP_KEY)
    if report and report.island in history.island_ids and len(st.session_state.quiz_results) <= st.session_state.quiz_index:
        st.session_state.quiz_answer = report.island
    with map_area:
        draw_map(bundle, MAP_KEY, MapState(question.date.isoformat(), st.session_state.get("quiz_answer") or "", lang))
    return side, list(history.island_ids)


def score(bundle: Bundle, lang: str) -> None:
    results = st.session_state.quiz_results
    st.title(translate("quiz_title", lang), anchor=False)
    st.markdown(f"**{plain(translate('quiz_score', lang, score=str(sum(results)), total=str(len(results))))}**")
    st.button(translate("quiz_new", lang), on_click=new_quiz, args=(bundle,), key="quiz_new")


def ask(bundle: Bundle, question: Question, options: list[str], lang: str) -> None:
    """The question, its answers, the check, and after it the right answer and its sources."""
    history, index, results = bundle.history, st.session_state.quiz_index, st.session_state.quiz_results
    names = bundle.islands[f"name_{lang}"]
    answered = len(results) > index

    def label(choice: str) -> str:
        return answer_label(question, choice, names, lang)

    st.header(f"{index + 1}. {question_text(question, history, names, lang)}", anchor=False)
    choice = st.radio(translate("quiz_answer", lang), options, key="quiz_answer", format_func=label,
                      index=None, disabled=answered)
    if not answered and st.button(translate("quiz_check", lang), type="primary", disabled=choice is None,
                                  key="quiz_check"):
        results.append(is_correct(question, choice, history))
        st.rerun()
    if not answered:
        return
    right = correct_answer(question, history)
    right_text = ", ".join(label(r) for r in sorted(right)) if isinstance(right, set) else label(right)
    if results[index]:
        st.success(translate("quiz_correct", lang))
    else:
        st.error(translate("quiz_wrong", lang, answer=right_text))
    with st.expander(translate("sources", lang), expanded=True):
        st.markdown(sources_markdown(bundle, question.sources, lang))

    def next_question():
        st.session_state.quiz_index += 1
        st.session_state.pop("quiz_answer", None)

    st.button(translate("quiz_next", lang), on_click=next_question, key="quiz_next")
