"""The files the browser map needs, published into a folder a web server serves.

Leaflet comes from PyPI's ``xstatic-leaflet`` (so nothing is fetched from a CDN), the
geometry from ``data/``, and the replay table is computed from the history. Each URL carries
a hash of the content, so that browsers may cache the files and still see a rebuild.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from xstatic.pkg import leaflet as xstatic_leaflet

from geo.model.errors import DataFileError
from geo.model.islands import context_areas_geojson
from geo.model.paths import DATA_DIR, REBUILD_HINT

WEB_DIR = Path(__file__).resolve().parent / "web"
LEAFLET_DIR = Path(xstatic_leaflet.BASE_DIR)
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                 "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png")
ATTRIBUTION = "Coastlines: GSHHG (LGPL)"
# The map's data files, by the name the map's script asks for them: see AssetUrls.data_urls.
DATA_FILES = {"timeline": "atlas/timeline.json", "islands": "atlas/islands.geojson",
              "context": "atlas/context.geojson", "boundaries": "atlas/boundaries.geojson",
              "areas": "atlas/areas.geojson"}
# The atlas's script, one file per job in web/, in the order they are joined: the DOM helpers and
# the core first, then the features that extend it (each registers itself with the core). The
# shapes come before the controls and the features that react to a move of the map; the view
# switch comes before the legend, which it stands above, Present mode's headline before the
# status table in the map's reading order, and the table's control after the table; the keyboard's
# order (atlas-focus.js) comes once every control is there; the lesson player comes last. The app's map gets them
# joined after Leaflet (``map_script``), the offline export inline (geo/render/export.py).
SCRIPT_FILES = ("atlas-dom.js", "atlas-core.js", "atlas-frame.js", "atlas-replay.js", "atlas-layers.js", "atlas-fit.js",
                "atlas-motion.js", "atlas-tooltips.js", "control-time.js", "control-perspective.js", "control-legend.js",
                "control-link.js", "atlas-present.js", "atlas-narration.js", "control-table.js", "atlas-focus.js",
                "handler-keys.js", "atlas-swipe.js", "atlas-linked.js", "atlas-server.js",
                "lesson-player.js", "control-lesson.js", "lesson-panel.js")


@dataclass(frozen=True)
class AssetUrls:
    """Where the browser finds each file, relative to the server's root."""

    leaflet_js: str
    leaflet_css: str
    atlas_js: str  # the atlas's script alone: the files of SCRIPT_FILES joined
    map_js: str  # the one script a map's frame loads: the data's downloads started, Leaflet, the atlas's script
    atlas_css: str
    timeline: str
    islands: str
    context: str
    boundaries: str
    areas: str  # the shaded context regions (South Sakhalin)

    def data_urls(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in DATA_FILES}


def _write_atomically(target: Path, content: bytes) -> None:
    """Replace ``target`` in one step, so that a server never sends half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_file() and target.read_bytes() == content:
        return
    handle, scratch = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(content)
    os.chmod(scratch, 0o644)
    os.replace(scratch, target)


def without_source_map(script: str) -> str:
    """The script without its source-map comment, which would point to a file that is not there."""
    return re.sub(r"^//# sourceMappingURL=.*$", "", script, flags=re.MULTILINE)


def atlas_script() -> str:
    """The atlas's script: the files of ``SCRIPT_FILES``, in that order, as one."""
    return "\n;\n".join((WEB_DIR / name).read_text(encoding="utf-8") for name in SCRIPT_FILES)


def map_script(data_urls: dict[str, str]) -> bytes:
    """The map frame's one script: first the start of the downloads of ``data_urls`` (so that
    they run while the rest is evaluated), then Leaflet, then the atlas's script. One file
    instead of three loaded one after another saves round trips, which a school's network
    makes long."""
    prefetch = (WEB_DIR / "atlas-prefetch.js").read_text(encoding="utf-8").replace(
        "ATLAS_DATA_URLS", json.dumps(data_urls, sort_keys=True))
    leaflet = without_source_map((LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8"))
    return "\n;\n".join([prefetch, leaflet, atlas_script()]).encode("utf-8")


def _versioned(url: str, content: bytes) -> str:
    return f"{url}?v={hashlib.sha256(content).hexdigest()[:12]}"


def publish(static_dir: Path, url_prefix: str, timeline_payload: dict, data_dir: Path = DATA_DIR) -> AssetUrls:
    """Write Leaflet, the atlas's script and style, the geometry (with the shaded context regions,
    cut from the context land) and the replay table into
    ``static_dir`` (served at ``url_prefix``) and return their URLs."""
    static_dir = Path(static_dir)
    contents: dict[str, bytes] = {}
    for name in LEAFLET_FILES:
        contents[f"vendor/leaflet/{name}"] = (LEAFLET_DIR / name).read_bytes()
    contents["atlas/atlas-map.js"] = atlas_script().encode("utf-8")
    contents["atlas/atlas-map.css"] = (WEB_DIR / "atlas-map.css").read_bytes()
    for target, source in (("islands", "islands_simplified"), ("context", "context"), ("boundaries", "boundaries")):
        path = Path(data_dir) / f"{source}.geojson"
        if not path.is_file():
            raise DataFileError(f"{path}: file not found; {REBUILD_HINT}")
        contents[f"atlas/{target}.geojson"] = path.read_bytes()
    contents["atlas/areas.geojson"] = json.dumps(
        context_areas_geojson(data_dir), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    contents["atlas/timeline.json"] = json.dumps(
        timeline_payload, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")
    url = {name: _versioned(f"{url_prefix}/{name}", content) for name, content in contents.items()}
    data_urls = {name: url[path] for name, path in DATA_FILES.items()}
    contents["atlas/atlas-map-all.js"] = map_script(data_urls)
    url["atlas/atlas-map-all.js"] = _versioned(f"{url_prefix}/atlas/atlas-map-all.js", contents["atlas/atlas-map-all.js"])
    for name, content in contents.items():
        _write_atomically(static_dir / name, content)
    return AssetUrls(
        leaflet_js=url["vendor/leaflet/leaflet.js"],
        leaflet_css=url["vendor/leaflet/leaflet.css"],
        atlas_js=url["atlas/atlas-map.js"],
        map_js=url["atlas/atlas-map-all.js"],
        atlas_css=url["atlas/atlas-map.css"],
        **data_urls,
    )


def clear(static_dir: Path) -> None:
    """Remove what ``publish`` wrote."""
    for folder in ("vendor", "atlas"):
        shutil.rmtree(Path(static_dir) / folder, ignore_errors=True)
