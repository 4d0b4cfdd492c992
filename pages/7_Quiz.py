"""Quiz: questions made from the data, answered by choosing or by clicking an island."""

import random

import streamlit as st

from geo.i18n import translate
from geo.quiz import Question, correct_answer, is_correct, make_quiz
from geo.records import event_text
from ui.bundle import load_bundle
from ui.panels import sources_markdown, state_name
from ui.text import plain
from ui.view import current_view, draw_map, take_report

st.set_page_config(page_title="Quiz · Kuril Islands atlas", page_icon="🗾", layout="wide")
bundle = load_bundle()
view = current_view(bundle)
lang, history = view.lang, bundle.history
names = bundle.islands[f"name_{lang}"]


def new_quiz(seed: int | None = None) -> None:
    st.session_state.quiz_seed = random.randrange(1_000_000) if seed is None else seed
    st.session_state.quiz = make_quiz(history, bundle.timeline, st.session_state.quiz_seed)
    st.session_state.quiz_index = 0
    st.session_state.quiz_results = []


def label(question: Question, choice: str) -> str:
    if question.kind == "controller":
        return state_name(choice, lang)
    if question.kind == "promise":
        return translate(f"group_{choice}", lang)
    if question.kind == "changed_island":
        return names[choice]
    return choice


def prompt(question: Question) -> str:
    events = history.events
    title = event_text(events.loc[question.event], "title", lang) if question.event else ""
    return translate(f"quiz_{question.kind}", lang, island=names.get(question.island, ""),
                     date=question.date.isoformat() if question.date else "", event=title)


if "quiz" not in st.session_state:
    seed = st.query_params.get("seed", "")
    new_quiz(int(seed) if seed.isdigit() and len(seed) < 10 else None)

st.title(translate("quiz_title", lang))
questions, index, results = st.session_state.quiz, st.session_state.quiz_index, st.session_state.quiz_results
st.markdown(f"**{plain(translate('quiz_score', lang, score=str(sum(results)), total=str(len(results))))}**")
st.button(translate("quiz_new", lang), on_click=new_quiz, key="quiz_new")

if index >= len(questions):
    st.success(translate("quiz_done", lang))
    st.stop()

question = questions[index]
answered = len(results) > index
st.header(f"{index + 1}. {prompt(question)}", anchor=False)

if question.kind == "changed_island":
    report = take_report("quiz_map")
    if report and report.island in history.island_ids and not answered:
        st.session_state.quiz_answer = report.island
    options = list(history.island_ids)
    draw_map(bundle, "quiz_map", {"date": question.date.isoformat(), "island": st.session_state.get("quiz_answer") or "",
                                  "lang": lang}, height=480)
else:
    options = list(question.choices)

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
        st.markdown(sources_markdown(bundle, question.sources))

    def next_question():
        st.session_state.quiz_index += 1
        st.session_state.pop("quiz_answer", None)

    st.button(translate("quiz_next", lang), on_click=next_question, key="quiz_next")
