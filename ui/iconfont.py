"""Streamlit's icon font cut down to the icons the atlas can show: 375 KB become about 66 KB.

Streamlit draws its icons (the sidebar's arrow, the uploader's cloud, ``:material/...:``
icons) with Google's Material Symbols font, whose 4,300 icons are ligatures: the text
``upload`` in that font is drawn as the upload icon. Every student's browser downloaded all of
them before the first map, a quarter of the page's bytes. An icon can only be shown when its
name reaches the browser, and the names come from two places: Streamlit's own front end (its
scripts name the icons it draws) and the atlas's Python code (``icon=":material/edit:"``).
``icon_names`` reads both; ``subset_icon_font`` keeps the ligatures of those names and drops
the rest. The cut font is built once and kept in ``CACHE`` under the hash of the original
font and of the names, so a restart does not build it again.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from pathlib import Path

ICON_FONT_PATH = re.compile(r"^/static/media/MaterialSymbols-[A-Za-z]+\.[\w-]+\.woff2$")
REPO = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("KURIL_ATLAS_CACHE") or REPO / ".cache")
APP_ICON = re.compile(r":material/([a-z0-9_]+):")
WORD = re.compile(r"[a-z0-9_]+")


def streamlit_scripts() -> Path:
    import streamlit

    return Path(streamlit.__file__).parent / "static" / "static" / "js"


def icon_names(scripts: Path | None = None, app_dir: Path = REPO) -> frozenset[str]:
    """Every word in Streamlit's front-end scripts and every ``:material/NAME:`` in the app's
    Python files: a superset of the icon names the browser can be asked to draw."""
    names: set[str] = set()
    for script in sorted((scripts or streamlit_scripts()).glob("*.js")):
        names.update(WORD.findall(script.read_text(encoding="utf-8", errors="ignore")))
    for source in [app_dir / "app.py", *(app_dir / "ui").glob("*.py"), *(app_dir / "pages").glob("*.py")]:
        if source.is_file():
            names.update(APP_ICON.findall(source.read_text(encoding="utf-8", errors="ignore")))
    return frozenset(names)


def ligatures(font) -> dict[str, str]:
    """The font's icon ligatures: the text that spells each one, and its glyph."""
    letters = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
    spelled = {}
    for table in ligature_tables(font):
        for first, entries in table.ligatures.items():
            for entry in entries:
                text = letters.get(first, "") + "".join(letters.get(glyph, "\0") for glyph in entry.Component)
                spelled[text] = entry.LigGlyph
    return spelled


def ligature_tables(font):
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = getattr(table, "ExtSubTable", table)  # extension lookups wrap the real one
            if getattr(table, "ligatures", None) is not None:
                yield table


def subset_icon_font(font_bytes: bytes, names: frozenset[str]) -> bytes:
    """The WOFF2 font with only the ligatures whose text is in ``names``, and the letters they are spelled with."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_bytes))
    spelled = ligatures(font)
    kept = {glyph for text, glyph in spelled.items() if text in names}
    for table in ligature_tables(font):
        for first in list(table.ligatures):
            table.ligatures[first] = [entry for entry in table.ligatures[first] if entry.LigGlyph in kept]
    letters = [glyph for code, glyph in font.getBestCmap().items() if code < 128]
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=sorted(kept) + letters)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def kept_icon_names(font_bytes: bytes) -> frozenset[str]:
    """The icon names a (cut) font still draws."""
    from fontTools.ttLib import TTFont

    return frozenset(ligatures(TTFont(io.BytesIO(font_bytes))))


def cached_subset(font_bytes: bytes, names: frozenset[str] | None = None, cache: Path | None = None) -> bytes:
    """``subset_icon_font`` of the font, from the cache (``CACHE``) when it was built before."""
    names = icon_names() if names is None else names
    cache = CACHE if cache is None else cache
    key = hashlib.sha256(font_bytes + "\n".join(sorted(names)).encode()).hexdigest()[:24]
    path = cache / f"icons-{key}.woff2"
    if path.is_file():
        return path.read_bytes()
    cut = subset_icon_font(font_bytes, names)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(cut)
        partial.replace(path)  # atomic: two processes building at once both end with a whole file
    except OSError:  # a read-only checkout: the next start builds it again
        pass
    return cut
