"""The page's own accessibility script: ``<html lang>`` in the atlas's language, a "Skip to map"
link, the closed sidebar out of the Tab order, focus kept where the reader was across a run, and
Streamlit's upload drop zone given a role that fits it.

Streamlit offers none of these, so one small script does, put on every page by
``ui.layout.page_setup``. Its parts are files in ``ui/web/``, one a job (``SCRIPT_FILES``); the
first defines ``KurilPage``, which the others register with. Streamlit runs a script of
``st.html`` again only when the HTML changes, so the parts install themselves once and each run
hands them the run's options (``KurilPage.configure``): a new language is set at once, with no
reload.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import streamlit as st

from geo.model.i18n import translate
from ui.htmltext import safe_html

WEB = Path(__file__).resolve().parent / "web"
SCRIPT_FILES = ("page-core.js", "page-lang.js", "page-skip-link.js", "page-sidebar.js", "page-focus.js",
                "page-uploader.js")


@lru_cache(maxsize=1)
def script_source() -> str:
    """The parts, joined in order, installed once per browser page."""
    parts = "\n".join((WEB / name).read_text(encoding="utf-8") for name in SCRIPT_FILES)
    if "<" in parts:
        # Streamlit's sanitizer (DOMPurify) drops a script whose text holds a "<" tag-like sequence.
        raise ValueError("ui/web/page-*.js must hold no '<' (Streamlit's sanitizer would drop the script)")
    return f"if (!window.KurilPage) {{\n{parts}\n}}\n"


def page_options(lang: str) -> dict[str, str]:
    """What the script needs from this run: the language and the skip link's text in it."""
    return {"lang": lang, "skipToMap": translate("skip_to_map", lang)}


@safe_html
def script_html(lang: str) -> str:
    """The script and this run's options as one ``<script>``; the options are JSON with ``<``
    escaped, so no text of them can end the script."""
    options = json.dumps(page_options(lang), ensure_ascii=False).replace("<", "\\u003c")
    return f'<script data-atlas-page>{script_source()}KurilPage.configure({options});</script>'


def page_script(lang: str) -> None:
    """Put the script on the page (its element is hidden by ``ui.layout``'s style)."""
    st.html(script_html(lang), unsafe_allow_javascript=True)
