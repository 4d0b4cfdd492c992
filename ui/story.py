"""The Story page's lesson: handed to the map's lesson player once, its step kept in session
state, and moved by the address (``?step=``), the map's reports and the page's own buttons."""

from __future__ import annotations

import streamlit as st

from geo.classroom.address import Selection, step_from_query
from geo.classroom.lesson import player_steps
from geo.classroom.steps import Step
from geo.model.records import History
from geo.render.contract import Lesson, MapReport

from .session import update_selection

STEP_KEY = "story_step"  # the index of the step shown, from 0


def player_lesson(steps: list[Step], history: History) -> Lesson:
    """The steps as the map's lesson player takes them: dates, islands, perspectives and titles
    (the page shows the rest), keyed by their content."""
    return Lesson.of(player_steps(steps, history, texts=("title",)))


def go_to_step(steps: list[Step], index: int) -> None:
    """Show the step at ``index`` (clamped to the lesson): its date, no island, its perspective."""
    st.session_state[STEP_KEY] = max(0, min(len(steps) - 1, index))
    step = steps[st.session_state[STEP_KEY]]
    update_selection(date=step.date, island="", perspective=step.perspective)


def step_from_address(steps: list[Step], lang: str) -> Selection:
    """On the session's first run of the page, go to the step the address asks for (with a
    warning for a bad one), else the first; the session's selection then."""
    if STEP_KEY not in st.session_state:
        wanted, warnings = step_from_query(st.query_params.to_dict(), len(steps), lang)
        for warning in warnings:
            st.warning(warning, icon=":material/warning:")
        go_to_step(steps, wanted or 0)
    return update_selection()


def step_from_report(steps: list[Step], report: MapReport | None) -> Step:
    """The step to show: the one the map reported it stepped to (the map has already moved
    there itself), else the one kept in session state."""
    if report is not None and report.step is not None and 1 <= report.step <= len(steps):
        st.session_state[STEP_KEY] = report.step - 1
    return steps[min(st.session_state[STEP_KEY], len(steps) - 1)]

