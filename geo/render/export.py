"""The whole atlas as one HTML file that works with no server and no network.

The file holds Leaflet (from PyPI's ``xstatic-leaflet``), the atlas's script and style, the
simplified geometry, the replay table and the list of sources, so it can be opened from a USB
stick (a ``file://`` address, where a browser may not fetch anything) or put on any static web
host. The map takes its data inline (``KurilAtlas.attach(map, {inline: ...})``) and never reports
to a server. Data text reaches the page only through ``textContent``; the JSON is embedded
with ``<``, ``>``, ``&`` and the line separators escaped, so no data can close its script tag.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re
from pathlib import Path

from geo.model.i18n import LANGUAGE_NAMES, LANGUAGES, ui_text
from geo.model.islands import context_areas_geojson, load_islands
from geo.classroom.lesson import player_steps
from geo.model.paths import DATA_DIR
from geo.model.records import History, load_history
from geo.model.status import default_history
from geo.classroom.steps import Step
from geo.render.contract import Lesson, MapState, script_json
from geo.render.style import map_style
from geo.model.timeline import build_timeline, client_payload
from geo.render.mapview import map_tables
from geo.render.webassets import ATTRIBUTION, LEAFLET_DIR, WEB_DIR, atlas_script, without_source_map

TEMPLATE = WEB_DIR / "export-template.html"
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")



def _raw_text(content: str, tag: str, name: str) -> str:
    """Code placed verbatim in a ``<script>`` or ``<style>`` element must not close it early."""
    if f"</{tag}" in content.lower() or (tag == "script" and "<!--" in content):
        raise ValueError(f"{name} contains '</{tag}' or '<!--' and cannot be embedded in the page")
    return content


def _leaflet_css() -> str:
    """Leaflet's style with its images (layer and marker icons) as data: addresses."""
    css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:
        image = LEAFLET_DIR / "images" / match.group(1)
        return f"url(data:image/png;base64,{base64.b64encode(image.read_bytes()).decode('ascii')})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", inline, css)


def _geojson(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def offline_data(lang: str, day: dt.date, history: History, data_dir: Path) -> dict:
    """What the exported page needs, as JSON-ready data."""
    text = ui_text(Path(data_dir))
    islands = load_islands(data_dir, simplified=True)
    payload = client_payload(build_timeline(history), islands, text)
    sources = history.sources.sort_values("title", kind="stable")
    return {
        "inline": {
            "timeline": payload,
            "islands": _geojson(Path(data_dir) / "islands_simplified.geojson"),
            "context": _geojson(Path(data_dir) / "context.geojson"),
            "boundaries": _geojson(Path(data_dir) / "boundaries.geojson"),
            "areas": context_areas_geojson(Path(data_dir)),
        },
        "state": MapState(day.isoformat(), lang=lang).to_sync(),
        "languages": dict(LANGUAGE_NAMES),
        "titles": {code: text[code]["app_title"] for code in LANGUAGES},
        "editions": {code: text[code]["export_edition"].format(today=history.today.isoformat()) for code in LANGUAGES},
        "sources": [{"title": row.title, "url": row.url, "publisher": row.publisher} for row in sources.itertuples()],
        "attribution": ATTRIBUTION,
        "style": map_style(),
        "tables": map_tables(),
    }


def build_offline_html(lang: str = "en", date: dt.date | str | None = None, *,
                       data_dir: Path = DATA_DIR, history: History | None = None,
                       lesson: list[Step] | None = None) -> str:
    """The self-contained HTML page of the atlas, opening on ``date`` (default today) in ``lang``.

    With a ``lesson`` (steps of ``geo.classroom.lesson``; ``history`` must be the one they were checked
    against), the page also holds a lesson player that opens on its first step's date.
    Raises DateError for a date outside the atlas's span, ValueError for an unknown language.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    if history is None:
        history = default_history() if Path(data_dir) == DATA_DIR else load_history(Path(data_dir))
    day = history.today if date is None else history.check_day(date)
    if lesson and date is None:
        day = lesson[0].date
    data = offline_data(lang, day, history, Path(data_dir))
    if lesson:  # the map's lesson player takes it with the first state, every text in it: no server to ask
        data["state"] = MapState(day.isoformat(), lang=lang, perspective=lesson[0].perspective,
                                 lesson=Lesson.of(player_steps(lesson, history)), step=1).to_sync()
    parts = {
        "lang": lang,
        "title": html.escape(ui_text(Path(data_dir))[lang]["app_title"]),
        "leaflet_css": _raw_text(_leaflet_css(), "style", "leaflet.css"),
        "atlas_css": _raw_text((WEB_DIR / "atlas-map.css").read_text(encoding="utf-8"), "style", "atlas-map.css"),
        "leaflet_js": _raw_text(without_source_map((LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")),
                                "script", "leaflet.js"),
        "atlas_js": _raw_text(atlas_script(), "script", "the atlas's script"),
        "data": script_json(data),
    }
    template = TEMPLATE.read_text(encoding="utf-8")
    # One pass over the template only: what is put in is never scanned for placeholders again.
    return _PLACEHOLDER.sub(lambda match: parts[match.group(1)], template)
