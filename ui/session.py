"""What a session has selected (date, island, language, perspective): kept in session state,
read from the address on the session's first run and written back to it."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geo.classroom.address import Selection, selection_from_query

from .bundle import Bundle

SELECTION_KEY = "atlas_selection"
WARNINGS_KEY = "atlas_warnings"


def current_selection(bundle: Bundle) -> Selection:
    """This session's selection; on its first run, read from the URL (with warnings for bad parts)."""
    if SELECTION_KEY not in st.session_state:
        selection, warnings = selection_from_query(st.query_params.to_dict(), bundle.history)
        st.session_state[SELECTION_KEY] = selection
        st.session_state[WARNINGS_KEY] = warnings
    return st.session_state[SELECTION_KEY]


def update_selection(**changes) -> Selection:
    """The session's selection with ``changes`` (fields of ``Selection``), kept for the next runs."""
    selection = replace(st.session_state[SELECTION_KEY], **changes)
    st.session_state[SELECTION_KEY] = selection
    return selection


def show_warnings(keep: bool = False) -> None:
    """The warnings about the link the session opened with: shown once, or kept for the next run too."""
    warnings = st.session_state.get(WARNINGS_KEY, []) if keep else st.session_state.pop(WARNINGS_KEY, [])
    for warning in warnings:
        st.warning(warning, icon=":material/warning:")


def publish_to_url(selection: Selection, **extra: str) -> None:
    """Keep the address bar on the current selection (and a page's ``extra`` parts, such as the
    story's step), so that it can be copied into a slide."""
    wanted = {**selection.as_query(), **extra}
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
