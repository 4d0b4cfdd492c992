"""Everything a page needs: loaded once per server process and shared by all sessions, or,
for a session that uploaded its own timeline, that session's own copy of the history."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import streamlit as st

import geo
from geo.model.i18n import ui_text
from geo.model.records import event_text, event_when
from geo.classroom.steps import Step
from geo.classroom.story import load_story
from geo.model.timeline import Timeline, build_timeline, client_payload
from geo.render.webassets import AssetUrls, publish

from geo.render.markdown import plain

APP_DIR = Path(__file__).resolve().parent.parent
STATIC_DIR = APP_DIR / "static"


CUSTOM_KEY = "atlas_custom_bundle"


@dataclass(frozen=True)
class Bundle:
    history: geo.History
    timeline: Timeline
    islands: gpd.GeoDataFrame
    urls: AssetUrls
    # A session's own timeline, handed to its map with the state (the shared one is a static file).
    custom_payload: dict | None = None
    # Texts made from this bundle's data (labels, panel text), kept so each is made once.
    _memo: dict = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: tuple, make):
        """``make()``, computed once per bundle and ``key``."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def event_labels(self, lang: str) -> dict[str, str]:
        """"date — title" for every event, by event id, in ``lang`` (English where untranslated)."""
        def make():
            return {event.id: f"{event_when(event, lang)} — {event_text(event, 'title', lang)}"
                    for event in self.history.events.itertuples()}
        return self.memo(("event_labels", lang), make)


def _url_prefix() -> str:
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static" if base else "/app/static"


@st.cache_resource(show_spinner=False)
def _load_bundle() -> Bundle:
    history = geo.load_history()
    islands = geo.load_islands(simplified=True)
    timeline = build_timeline(history)
    payload = client_payload(timeline, islands, ui_text())
    urls = publish(STATIC_DIR, _url_prefix(), payload)
    return Bundle(history, timeline, islands, urls)


def shared_bundle() -> Bundle:
    """The shared data; on a missing or broken data file, an error page that names the file
    and how to rebuild it, and the script stops there (the server keeps running)."""
    try:
        return _load_bundle()
    except geo.DataFileError as error:
        st.error(f"The atlas cannot start: a data file is missing or broken.\n\n{plain(str(error))}", icon="🚫")
        st.stop()


def load_bundle() -> Bundle:
    """This session's data: its own uploaded timeline if it has one, else the shared data."""
    shared = shared_bundle()
    return st.session_state.get(CUSTOM_KEY) or shared


def custom_bundle(history: geo.History, shared: Bundle) -> Bundle:
    """A bundle for a session's own history, sharing the geometry and static files."""
    timeline = build_timeline(history)
    payload = client_payload(timeline, shared.islands, ui_text())
    return Bundle(history, timeline, shared.islands, shared.urls, custom_payload=payload)


@st.cache_resource(show_spinner=False)
def _load_story(_history: geo.History) -> list[Step]:
    return load_story(_history)


def load_story_steps(bundle: Bundle) -> list[Step]:
    """The guided lesson's steps; an error naming the file and row when the story is broken."""
    try:
        return _load_story(bundle.history)
    except geo.DataFileError as error:
        st.error(f"The story cannot be shown: a data file is missing or broken.\n\n{plain(str(error))}", icon="🚫")
        st.stop()
