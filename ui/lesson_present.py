"""The Story page's present link (``/Story?lesson=ID``): a teacher's saved lesson played
read-only, following the teacher's newer versions that have no problem; a clear warning and the
atlas's own story for a link that is malformed or names no lesson."""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from geo.classroom.steps import Step, check_step_rows
from geo.classroom.store import StoreRefusal, UnknownLesson, is_lesson_id
from geo.model.i18n import translate

from .bundle import Bundle
from .lesson import SOURCE_KEY
from .lesson_saving import SAVED_KEY
from .lessonstore import guarded, lesson_store, refusal_text, single_value

PRESENT_KEY = "story_present"  # the Story page's lesson from a present link: a Presenting
PRESENT_WARNINGS_KEY = "story_present_warnings"


@dataclass(frozen=True)
class Presenting:
    """A present link's lesson on the Story page: the id the link gave, the version shown and
    its steps (None until one version could be played), and the warnings about the link."""

    id: str
    version: int | None
    steps: tuple | None
    name: str
    warnings: tuple = ()


def present_lesson(bundle: Bundle, lang: str) -> Presenting | None:
    """The lesson a present link (``/Story?lesson=ID``) names, read when the address first names
    it (and then played: the Story page's source becomes ``"saved"``); on later runs, a newer
    saved version takes its place when it has no problem (a version being edited with problems
    leaves the class on the last good one). None when no present link was opened, or when it
    names the lesson this session is editing."""
    presenting: Presenting | None = st.session_state.get(PRESENT_KEY)
    wanted = single_value(st.query_params.to_dict().get("lesson", ""))
    editing = st.session_state.get(SAVED_KEY)
    if editing is not None and editing.id == wanted:
        return None  # the teacher's own lesson, being edited in this session: it plays as it is now
    if wanted and (presenting is None or presenting.id != wanted):
        presenting = _first_present(bundle, wanted, lang)
        st.session_state[PRESENT_KEY] = presenting
        st.session_state[PRESENT_WARNINGS_KEY] = presenting.warnings
        if presenting.steps:
            st.session_state[SOURCE_KEY] = "saved"
        return presenting
    if presenting is None or presenting.steps is None:
        return presenting
    store = lesson_store()
    version = guarded(store.version, presenting.id) if store is not None else None
    if isinstance(version, int) and version != presenting.version:
        lesson = guarded(store.load, presenting.id)
        if not isinstance(lesson, StoreRefusal):
            steps, problems = check_step_rows(lesson.rows, bundle.history, lesson.name, place="step")
            presenting = replace(presenting, version=lesson.version, name=lesson.name,
                                 steps=presenting.steps if problems else tuple(steps))
            st.session_state[PRESENT_KEY] = presenting
    return presenting


def _first_present(bundle: Bundle, wanted: str, lang: str) -> Presenting:
    if not is_lesson_id(wanted):
        return Presenting(wanted, None, None, "", (translate("store_bad_id", lang),))
    store = lesson_store()
    if store is None:
        return Presenting(wanted, None, None, "", (refusal_text("refused", {}, lang),))
    lesson = guarded(store.load, wanted)
    if isinstance(lesson, StoreRefusal):
        reason = "unknown" if isinstance(lesson, UnknownLesson) else lesson.reason
        return Presenting(wanted, None, None, "", (refusal_text(reason, lesson.values, lang),))
    steps, problems = check_step_rows(lesson.rows, bundle.history, lesson.name, place="step")
    if problems:
        return Presenting(wanted, lesson.version, None, lesson.name,
                          (translate("store_present_problems", lang, count=str(len(problems))),))
    return Presenting(wanted, lesson.version, tuple(steps), lesson.name)


def present_steps(presenting: Presenting | None) -> list[Step] | None:
    return list(presenting.steps) if presenting is not None and presenting.steps else None


def present_warnings() -> None:
    """The warnings about the present link just opened (the atlas's own story is shown instead), once."""
    for warning in st.session_state.pop(PRESENT_WARNINGS_KEY, ()):
        st.warning(warning, icon=":material/warning:")


def present_query(source: str) -> dict[str, str]:
    """The address's part that keeps a present link's lesson playing after a reload."""
    presenting = st.session_state.get(PRESENT_KEY)
    return {"lesson": presenting.id} if source == "saved" and presenting is not None else {}
