"""The lesson store in the app: ``geo.classroom.store`` opened through Streamlit's own SQL
connection (``st.connection``), once per process, and its refusals put in the reader's words.

Where: ``KURIL_ATLAS_LESSONS_URL`` (any SQLAlchemy address, e.g. a PostgreSQL server shared by
several app processes), else the SQLite file ``var/lessons.sqlite3`` in the app's folder.
``KURIL_ATLAS_LESSON_SAVES_PER_MINUTE`` and ``KURIL_ATLAS_LESSONS_MAX_MB`` change the caps.
The editor's side is ``ui/lesson_saving.py``, the Story page's ``ui/lesson_present.py``.
"""

from __future__ import annotations

import os

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from geo.classroom.store import LessonStore, SaveRate, StoreRefusal, engine_url
from geo.model.i18n import translate
from geo.model.paths import REPO_DIR

URL_SETTING = "KURIL_ATLAS_LESSONS_URL"
DEFAULT_FILE = REPO_DIR / "var" / "lessons.sqlite3"
SAVES_SETTING = "KURIL_ATLAS_LESSON_SAVES_PER_MINUTE"
ROOM_SETTING = "KURIL_ATLAS_LESSONS_MAX_MB"
STORE_ERROR_KEY = "lesson_store_error"


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> LessonStore:
    """The store at ``url`` with its caps, its schema made (once a process: a cached resource)."""
    if url == _default_url():
        DEFAULT_FILE.parent.mkdir(parents=True, exist_ok=True)
    connection = st.connection("lessons", type="sql", url=url)
    saves = int(os.environ.get(SAVES_SETTING) or 0) or None
    room = int(os.environ.get(ROOM_SETTING) or 0)
    store = LessonStore(connection.engine, SaveRate(saves) if saves else None,
                        **({"max_total_bytes": room * 1_000_000} if room else {}))
    store.migrate()
    return store


def _default_url() -> str:
    return f"sqlite:///{DEFAULT_FILE}"


def lesson_store() -> LessonStore | None:
    """This process's store; None (and a message for the page to show) when it cannot be opened."""
    try:
        store = _open_store(engine_url(os.environ.get(URL_SETTING) or _default_url()))
    except (SQLAlchemyError, OSError, ValueError, ImportError) as error:
        st.session_state[STORE_ERROR_KEY] = type(error).__name__
        return None
    st.session_state.pop(STORE_ERROR_KEY, None)
    return store


def guarded(action, *args):
    """``action(*args)``: a StoreRefusal is returned, not raised; a database error becomes the
    store's "cannot be reached" refusal, so that a page never stops on it."""
    try:
        return action(*args)
    except StoreRefusal as refusal:
        return refusal
    except SQLAlchemyError as error:
        st.session_state[STORE_ERROR_KEY] = type(error).__name__
        return StoreRefusal()


def single_value(value) -> str:
    """An address parameter as one string (the last of a repeated one; "" for another type)."""
    return value[-1] if isinstance(value, list) and value else value if isinstance(value, str) else ""


def refusal_text(reason: str, values: dict, lang: str) -> str:
    """What the reader is told of a refusal (``StoreRefusal.reason`` and its ``values``), or of
    a database that cannot be reached."""
    if reason == "refused" and st.session_state.get(STORE_ERROR_KEY):
        return translate("store_error", lang, error=st.session_state[STORE_ERROR_KEY])
    return translate(f"store_{reason}", lang, **values)
