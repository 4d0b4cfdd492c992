"""The lesson editor's saved lesson: opened from its edit link (``/Lesson?lesson=ID&key=KEY``),
saved on every change (autosave) with its state shown, its present and edit links, and its
earlier versions, one of which can be restored."""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from geo.classroom.store import LessonStore, StaleVersion, StoreRefusal, is_lesson_id, stored_rows
from geo.model.i18n import translate
from geo.render.markdown import plain

from .layout import note
from .lesson import has_lesson, lesson_name, set_lesson, table_rows
from .lessonstore import guarded, refusal_text, single_value

SAVED_KEY = "lesson_saved"  # the editor's saved lesson: a Saving
ADDRESS_KEY = "lesson_address_seen"  # the (lesson, key) of the address last opened, so it opens once


@dataclass(frozen=True)
class Saving:
    """The editor's lesson as the store has it: id, key (None: opened read-only), the version
    this page is based on, its rows as last saved or loaded, and the last save's outcome
    (``state``: saved, stale, refused or readonly; ``values`` fill its message in)."""

    id: str
    key: str | None
    version: int
    rows: list
    saved_at: str = ""
    state: str = "saved"
    reason: str = ""
    values: tuple = ()


def open_from_address(store: LessonStore | None, lang: str) -> list[str]:
    """On the Lesson page: open the lesson its address names (once per address), editable with
    the right key, read-only otherwise; the warnings for an id that is malformed or unknown."""
    query = st.query_params.to_dict()
    wanted = (single_value(query.get("lesson", "")), single_value(query.get("key", "")))
    if not wanted[0] or st.session_state.get(ADDRESS_KEY) == wanted:
        return []
    st.session_state[ADDRESS_KEY] = wanted
    saving = st.session_state.get(SAVED_KEY)
    if store is None or (saving is not None and saving.id == wanted[0] and saving.key == wanted[1]):
        return []
    lesson = guarded(store.load, wanted[0])
    if isinstance(lesson, StoreRefusal):
        _clear_address()
        key = "store_bad_id" if not is_lesson_id(wanted[0]) else f"store_{lesson.reason}"
        return [refusal_text(lesson.reason, lesson.values, lang) if key == "store_refused" else translate(key, lang)]
    editable = guarded(store.can_edit, wanted[0], wanted[1]) is True
    set_lesson(lesson.rows, lesson.name)
    st.session_state[SAVED_KEY] = Saving(lesson.id, wanted[1] if editable else None, lesson.version,
                                         stored_rows(lesson.rows), lesson.saved_at,
                                         "saved" if editable else "readonly",
                                         "" if editable or not wanted[1] else "wrong_key")
    return []


def _clear_address() -> None:
    for name in ("lesson", "key"):
        if name in st.query_params:
            del st.query_params[name]


def forget_saved_lesson() -> None:
    """A new lesson is started: the next change creates a new saved lesson (the old one stays
    as it is, at its own links)."""
    st.session_state[SAVED_KEY] = None
    st.session_state[ADDRESS_KEY] = ("", "")
    _clear_address()


def autosave(store: LessonStore | None) -> Saving | None:
    """Save the editor's lesson when it differs from what the store has: a new lesson on the
    first change (its links then in the address bar), else its next version. The outcome is the
    saved lesson's state; nothing is saved from a read-only or conflicting page."""
    saving: Saving | None = st.session_state.get(SAVED_KEY)
    rows = stored_rows(table_rows())
    if store is None or (saving is not None and (saving.key is None or saving.state == "stale")):
        return saving
    if saving is None:
        if not has_lesson():  # an untouched blank lesson is not worth keeping
            return None
        created = guarded(store.create, rows, lesson_name())
        if isinstance(created, StoreRefusal):
            return _refused(saving, created)
        saving = Saving(created.id, created.key, created.version, rows, store.load(created.id).saved_at)
    elif rows != saving.rows:
        version = guarded(store.save, saving.id, saving.key, rows, lesson_name(), saving.version)
        if isinstance(version, StoreRefusal):
            return _refused(saving, version)
        saving = replace(saving, version=version, rows=rows, saved_at=_saved_at(store, saving.id), state="saved",
                         reason="", values=())
    elif saving.state == "refused":
        saving = replace(saving, state="saved", reason="", values=())
    st.session_state[SAVED_KEY] = saving
    _keep_in_address(saving)
    return saving


def _keep_in_address(saving: Saving) -> None:
    """The edit link in the address bar (also after the page was left and opened again from the
    navigation, which drops the address's parameters), so that a reload opens the lesson."""
    if st.query_params.get("lesson") != saving.id or st.query_params.get("key") != saving.key:
        st.session_state[ADDRESS_KEY] = (saving.id, saving.key)
        st.query_params.update({"lesson": saving.id, "key": saving.key})


def _saved_at(store: LessonStore, lesson_id: str) -> str:
    return store.load(lesson_id).saved_at


def _refused(saving: Saving | None, refusal: StoreRefusal) -> Saving | None:
    state = "stale" if isinstance(refusal, StaleVersion) else "refused"
    if saving is None:  # not yet created: keep the reason until the next change
        st.session_state["lesson_create_refused"] = refusal
        return None
    saving = replace(saving, state=state, reason=refusal.reason, values=tuple(refusal.values.items()))
    st.session_state[SAVED_KEY] = saving
    return saving


def reload_saved(store: LessonStore) -> None:
    """After a conflict: the lesson as the store has it now, in place of this page's version."""
    saving: Saving = st.session_state[SAVED_KEY]
    lesson = store.load(saving.id)
    set_lesson(lesson.rows, lesson.name)
    st.session_state[SAVED_KEY] = replace(saving, version=lesson.version, rows=stored_rows(lesson.rows),
                                          saved_at=lesson.saved_at, state="saved", reason="", values=())


def read_only() -> bool:
    """Whether the editor's lesson was opened without its key."""
    saving = st.session_state.get(SAVED_KEY)
    return saving is not None and saving.key is None


def save_state(store: LessonStore | None, saving: Saving | None, lang: str, copy) -> None:
    """The saved lesson's state under the editor's heading: saved (version and time), not yet
    saved, refused with the reason, a conflict with the way to reload, or read-only."""
    with st.container(key="lesson-save-state"):
        if store is None:
            st.error(refusal_text("refused", {}, lang), icon=":material/cloud_off:")
        elif saving is None:
            refusal = st.session_state.pop("lesson_create_refused", None) if has_lesson() else None
            if refusal is not None:
                st.error(refusal_text(refusal.reason, refusal.values, lang), icon=":material/cloud_off:")
                st.button(translate("store_save_now", lang), key="lesson_save_now")
            else:
                note(translate("store_not_yet", lang), key="save-state")
        elif saving.state == "readonly":
            st.warning(translate("store_wrong_key" if saving.reason else "store_read_only", lang),
                       icon=":material/lock:")
            st.button(translate("store_copy", lang), key="lesson_copy", icon=":material/content_copy:", on_click=copy)
        elif saving.state == "stale":
            st.warning(translate("store_stale", lang, **dict(saving.values)), icon=":material/sync_problem:")
            st.button(translate("store_reload", lang), key="lesson_reload", icon=":material/refresh:",
                      on_click=reload_saved, args=(store,))
        elif saving.state == "refused":
            st.error(refusal_text(saving.reason, dict(saving.values), lang), icon=":material/cloud_off:")
            st.button(translate("store_save_now", lang), key="lesson_save_now")
        else:
            note(":material/cloud_done: " + translate("store_saved", lang, version=str(saving.version),
                                                      time=_time(saving.saved_at)), key="save-state")


def _time(saved_at: str) -> str:
    """``2026-12-06T11:52:03+00:00`` as ``2026-12-06 11:52:03``."""
    return saved_at[:19].replace("T", " ")


def _origin() -> str:
    """The app's address as the browser sees it (``http://host:port``), "" when not known."""
    url = st.context.url or ""
    for page in ("/Lesson", "/Story"):
        if page in url:
            return url[:url.rfind(page)]
    return url.rstrip("/")


def lesson_links(saving: Saving | None, lang: str) -> None:
    """The present link for the class and, for the teacher, the private edit link."""
    if saving is None:
        return
    origin = _origin()
    with st.container(key="lesson-links"):
        st.markdown(f"**{plain(translate('store_present_link', lang))}**")
        st.code(f"{origin}/Story?lesson={saving.id}", language=None, wrap_lines=True)
        if saving.key is not None:
            st.markdown(f"**{plain(translate('store_edit_link', lang))}**")
            st.code(f"{origin}/Lesson?lesson={saving.id}&key={saving.key}", language=None, wrap_lines=True)


def lesson_history(store: LessonStore | None, saving: Saving | None, lang: str) -> None:
    """The kept versions, newest first; the chosen one restored as the newest version."""
    if store is None or saving is None or saving.key is None:
        return
    with st.expander(translate("store_history", lang), icon=":material/history:"):
        versions = guarded(store.versions, saving.id)
        if isinstance(versions, StoreRefusal) or not versions:
            return
        labels = {info.version: translate("store_version", lang, version=str(info.version),
                                          time=_time(info.saved_at), steps=str(info.steps)) for info in versions}
        chosen = st.selectbox(translate("store_history", lang), list(labels), format_func=labels.get,
                              key="lesson_version", label_visibility="collapsed")
        st.button(translate("store_restore", lang), key="lesson_restore", icon=":material/restore:",
                  on_click=_restore, args=(store, chosen), disabled=chosen == saving.version)
        if st.session_state.get("lesson_restored"):
            old, new = st.session_state["lesson_restored"]
            note(translate("store_restored", lang, version=str(old), new=str(new)), key="restored")


def _restore(store: LessonStore, version: int) -> None:
    saving: Saving = st.session_state[SAVED_KEY]
    new = guarded(store.restore, saving.id, saving.key, version, saving.version)
    if isinstance(new, StoreRefusal):
        _refused(saving, new)
        return
    lesson = store.load(saving.id)
    set_lesson(lesson.rows, lesson.name)
    st.session_state[SAVED_KEY] = replace(saving, version=new, rows=stored_rows(lesson.rows),
                                          saved_at=lesson.saved_at, state="saved", reason="", values=())
    st.session_state["lesson_restored"] = (version, new)
