"""Teachers' own timelines: upload CSV files, see every problem, or replay them on the map."""

from __future__ import annotations

import hashlib

import streamlit as st

import geo
from geo.model.i18n import translate
from geo.model.upload import history_with_uploads, template_zip

from .bundle import CUSTOM_KEY, custom_bundle, shared_bundle
from geo.render.markdown import plain

FILES_KEY = "upload_files"
SEEN_KEY = "upload_seen"
PROBLEMS_KEY = "upload_problems"
MAX_SHOWN_PROBLEMS = 50


def _fingerprint(files) -> str:
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode("utf-8", "replace") + b"\0" + file.getvalue())
    return digest.hexdigest()


def _take_upload() -> None:
    """Check the files just chosen; keep the session's data unless every file is valid."""
    files = st.session_state.get(FILES_KEY) or []
    fingerprint = _fingerprint(files)
    if not files or fingerprint == st.session_state.get(SEEN_KEY):
        return
    st.session_state[SEEN_KEY] = fingerprint
    shared = shared_bundle()
    try:
        history = history_with_uploads({f.name: f.getvalue() for f in files}, shared.history)
    except geo.HistoryDataError as error:
        st.session_state[PROBLEMS_KEY] = error.problems
        return
    except geo.DataFileError as error:
        st.session_state[PROBLEMS_KEY] = [str(error)]
        return
    st.session_state[PROBLEMS_KEY] = []
    st.session_state[CUSTOM_KEY] = custom_bundle(history, shared)


def _forget_upload() -> None:
    for key in (CUSTOM_KEY, SEEN_KEY, PROBLEMS_KEY):
        st.session_state.pop(key, None)


@st.cache_resource(show_spinner=False)
def _template() -> bytes:
    return template_zip()


def upload_controls(lang: str) -> None:
    """The sidebar's "your own timeline" section."""
    with st.sidebar.expander(translate("upload_title", lang), expanded=bool(st.session_state.get(PROBLEMS_KEY))):
        st.markdown(translate("upload_help", lang))
        # Made on click: a page that only shows the button fetches nothing more (weak school Wi-Fi).
        st.download_button(translate("upload_template", lang), _template, file_name="kuril-atlas-template.zip",
                           mime="application/zip", key="upload_template", on_click="ignore")
        st.file_uploader(translate("upload_files", lang), type=["csv"], accept_multiple_files=True,
                         key=FILES_KEY, on_change=_take_upload)
        problems = st.session_state.get(PROBLEMS_KEY)
        if problems:
            shown = "\n".join(f"- {plain(problem)}" for problem in problems[:MAX_SHOWN_PROBLEMS])
            more = len(problems) - MAX_SHOWN_PROBLEMS
            st.error(translate("upload_rejected", lang, count=str(len(problems))) + "\n\n" + shown
                     + (f"\n- … {more}" if more > 0 else ""))
        if st.session_state.get(CUSTOM_KEY):
            bundle = st.session_state[CUSTOM_KEY]
            st.success(translate("upload_active", lang, events=str(len(bundle.history.events))))
            st.button(translate("upload_remove", lang), on_click=_forget_upload, key="upload_remove")
