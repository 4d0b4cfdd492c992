"""Quiz: questions made from the data, answered by choosing or by clicking an island."""

import random

import streamlit as st

from geo.model.i18n import translate
from geo.classroom.quiz import Question, answer_label, correct_answer, is_correct, make_quiz, question_text
from ui.layout import map_columns, page_setup
from ui.panels import sources_markdown
from ui.text import plain
from ui.view import draw_map, take_report

bundle, view = page_setup("quiz_title")
lang, history = view.lang, bundle.history
names = bundle.islands[f"name_{lang}"]


def new_quiz(seed: int | None = None) -> None:
    st.session_state.quiz_seed = random.randrange(1_000_000) if seed is None else seed
    st.session_state.quiz = make_quiz(history, bundle.timeline, st.session_state.quiz_seed)
    st.session_state.quiz_index = 0
    st.session_state.quiz_results = []


def label(question: Question, choice: str) -> str:
    return answer_label(question, choice, names, lang)


def prompt(question: Question) -> str:
    return question_text(question, history, names, lang)


if "quiz" not in st.session_state:
    seed = st.query_params.get("seed", "")
    new_quiz(int(seed) if seed.isdigit() and len(seed) < 10 else None)

questions, index, results = st.session_state.quiz, st.session_state.quiz_index, st.session_state.quiz_results
question = questions[index] if index < len(questions) else None
answered = len(results) > index

# A question answered on the map: the map fills the window, the question beside it.
if question is not None and question.kind == "changed_island":
    map_area, side = map_columns()
    report = take_report("quiz_map")
    if report and report.island in history.island_ids and not answered:
        st.session_state.quiz_answer = report.island
    options = list(history.island_ids)
    with map_area:
        draw_map(bundle, "quiz_map", {"date": question.date.isoformat(),
                                      "island": st.session_state.get("quiz_answer") or "", "lang": lang})
else:
    side = st.container()
    options = list(question.choices) if question is not None else []
side.title(translate("quiz_title", lang), anchor=False)
side.markdown(f"**{plain(translate('quiz_score', lang, score=str(sum(results)), total=str(len(results))))}**")
side.button(translate("quiz_new", lang), on_click=new_quiz, key="quiz_new")

if question is None:
    side.success(translate("quiz_done", lang))
    st.stop()

with side:
    st.subheader(f"{index + 1}. {prompt(question)}", anchor=False)

    choice = st.radio(translate("quiz_answer", lang), options, key="quiz_answer", format_func=lambda c: label(question, c),
                      index=None, disabled=answered)
    if not answered and st.button(translate("quiz_check", lang), type="primary", disabled=choice is None, key="quiz_check"):
        results.append(is_correct(question, choice, history))
        st.rerun()

    if answered:
        right = correct_answer(question, history)
        right_text = ", ".join(label(question, r) for r in sorted(right)) if isinstance(right, set) else label(question, right)
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
