"""A session's own lesson: its table of steps in session state (``ui/lesson_saving.py`` keeps a
copy on the server), the editor's changes applied to it, and the one place that chooses what the
Story page plays: a present link's saved lesson, this lesson, or the atlas's own story."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.model.i18n import translate
from geo.classroom.lesson import table_edits
from geo.classroom.steps import LessonError, Step, blank_row, check_step_rows, read_step_rows

from .bundle import Bundle, load_story_steps
from .layout import note
from geo.render.markdown import plain
from .session import update_selection

ROWS_KEY = "lesson_rows"  # the lesson's table: a list of row dicts of text, one a step
NAME_KEY = "lesson_name"  # the file name it came from or is downloaded as
SOURCE_KEY = "story_source"  # what the Story page plays: "saved", "lesson" or "story"
SHOWN_KEY = "story_source_shown"  # what it played on its last run
DEFAULT_NAME = "my-lesson.csv"
MAX_SHOWN_PROBLEMS = 50


def table_rows() -> list[dict[str, str]]:
    """The session's lesson table; a blank lesson of one empty step until one is started."""
    if ROWS_KEY not in st.session_state:
        st.session_state[ROWS_KEY] = [blank_row()]
    return st.session_state[ROWS_KEY]


def lesson_name() -> str:
    return st.session_state.get(NAME_KEY, DEFAULT_NAME)


def set_lesson(rows: list[dict[str, str]], name: str = DEFAULT_NAME) -> None:
    """Make ``rows`` the session's lesson, and the one the Story page plays."""
    st.session_state[ROWS_KEY] = table_edits(rows, {})
    st.session_state[NAME_KEY] = Path(name).name[:80] or DEFAULT_NAME
    st.session_state[SOURCE_KEY] = "lesson"


def checked_lesson(bundle: Bundle) -> tuple[list[Step | None], list[str]]:
    """Each step of the session's lesson (None where it has a problem) and every problem, named
    by the lesson's file name, the step (the table's row) and the column."""
    return check_step_rows(table_rows(), bundle.history, lesson_name(), place="step")


def has_lesson() -> bool:
    """Whether the session has a lesson with anything written in it (a step's number and the
    table's default perspective in its ``view`` column are not writing)."""
    return any(value for row in st.session_state.get(ROWS_KEY, []) for column, value in row.items()
               if column not in ("step", "view"))


def read_lesson_file(raw: bytes, name: str, bundle: Bundle) -> list[str]:
    """Open a lesson file as the session's lesson; its problems (by file, row and column) if it
    cannot be opened, in which case the lesson is left as it was."""
    try:
        rows = read_step_rows(raw, name)
    except LessonError as error:
        return error.problems
    problems = check_step_rows(rows, bundle.history, Path(name).name)[1]
    if not problems:
        set_lesson(rows, name)
    return problems


def apply_table_edits(key: str, shown_rows: list[dict]) -> None:
    """The data editor's changes (``st.session_state[key]``, by position in ``shown_rows``)
    applied to the session's lesson."""
    st.session_state[ROWS_KEY] = table_edits(shown_rows, st.session_state.get(key) or {})
    st.session_state[SOURCE_KEY] = "lesson"


def show_problems(problems: list[str], heading: str) -> None:
    """Problems as a list of text (every character shown as it is), the first 50 of them."""
    shown = "\n".join(f"- {plain(problem)}" for problem in problems[:MAX_SHOWN_PROBLEMS])
    more = len(problems) - MAX_SHOWN_PROBLEMS
    st.error(heading + "\n\n" + shown + (f"\n- … {more}" if more > 0 else ""), icon=":material/warning:")


def story_steps(bundle: Bundle, saved: list[Step] | None = None) -> tuple[list[Step], str]:
    """What the Story page plays, and which it is: the ``saved`` lesson of a present link
    (``"saved"``) until the reader goes back to the atlas's story; else the session's lesson
    (``"lesson"``) when it has one with no problem and the reader has not gone back to the
    atlas's story, else the atlas's own (``"story"``). When that changes, the story starts
    again at its first step."""
    source, steps = "story", None
    if saved and st.session_state.get(SOURCE_KEY) == "saved":
        source, steps = "saved", saved
    elif has_lesson() and st.session_state.get(SOURCE_KEY, "lesson") == "lesson":
        checked, problems = checked_lesson(bundle)
        if not problems:
            source, steps = "lesson", checked
    steps = steps or load_story_steps(bundle)
    shown = st.session_state.get(SHOWN_KEY)
    st.session_state[SHOWN_KEY] = source
    if "story_step" in st.session_state and (shown != source or st.session_state.story_step >= len(steps)):
        st.session_state.story_step = 0 if shown != source else len(steps) - 1
        update_selection(date=steps[st.session_state.story_step].date, island="")
    return steps, source


def story_source_controls(bundle: Bundle, source: str, lang: str) -> None:
    """On the Story page: which story is playing, and the way to the other one."""
    if source == "saved":
        st.info(translate("story_saved_playing", lang), icon=":material/co_present:")
        st.button(translate("story_atlas_story", lang), key="story_to_atlas", icon=":material/arrow_back:",
                  on_click=lambda: st.session_state.update({SOURCE_KEY: "story"}))
    elif source == "lesson":
        st.info(translate("story_lesson_playing", lang, count=str(len(table_rows()))), icon=":material/edit_note:")
        st.button(translate("story_atlas_story", lang), key="story_to_atlas", icon=":material/arrow_back:",
                  on_click=lambda: st.session_state.update({SOURCE_KEY: "story"}))
    elif has_lesson():
        problems = checked_lesson(bundle)[1]
        if problems:
            note(translate("lesson_problems", lang, count=str(len(problems))), key="lesson-problems")
            st.page_link("pages/8_Lesson.py", label=translate("lesson_title", lang), icon=":material/edit:")
        else:
            st.button(translate("story_my_lesson", lang), key="story_to_lesson", icon=":material/school:",
                      on_click=lambda: st.session_state.update({SOURCE_KEY: "lesson"}))
