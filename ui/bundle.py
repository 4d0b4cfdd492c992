"""Everything a page needs, loaded once per server process and shared by all sessions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import streamlit as st

import geo
from geo.i18n import ui_text
from geo.timeline import Timeline, build_timeline, client_payload
from geo.webassets import AssetUrls, publish

APP_DIR = Path(__file__).resolve().parent.parent
STATIC_DIR = APP_DIR / "static"


@dataclass(frozen=True)
class Bundle:
    history: geo.History
    timeline: Timeline
    islands: gpd.GeoDataFrame
    urls: AssetUrls


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


def load_bundle() -> Bundle:
    """The shared data; on a missing or broken data file, an error page that names the file
    and how to rebuild it, and the script stops there (the server keeps running)."""
    try:
        return _load_bundle()
    except geo.DataFileError as error:
        st.error(f"The atlas cannot start: a data file is missing or broken.\n\n{error}", icon="🚫")
        st.stop()
