"""Data text as HTML that says which language each piece is in (WCAG 3.1.2): a Japanese name on an
English page is read by a screen reader in a Japanese voice, not spelled out in an English one.

Streamlit's Markdown cannot carry ``lang``, so where a page shows names or titles written in
another script it puts them in ``st.html`` made here. Every text is escaped with
``html.escape``; a link is made only for a web address, as ``geo.render.markdown.link`` does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

# The language of a name column of the gazetteer; ja-Latn: Japanese written in Latin letters.
NAME_LANGS = {"name_en": "en", "name_ja": "ja", "name_ru": "ru", "name_ja_latn": "ja-Latn"}
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WEB_ADDRESS = re.compile(r"https?://[^\s<>()\[\]\"'`]+")
SAFE_HTML_BUILDERS: set[str] = set()  # the only functions whose result a page may hand to st.html


def safe_html(builder):
    """Mark ``builder`` as one that makes HTML with every text in it escaped, the only kind of
    value besides a constant that ``tests/test_security_settings.py`` lets reach ``st.html``."""
    SAFE_HTML_BUILDERS.add(builder.__name__)
    return builder


def script_lang(text: str) -> str:
    """The language a text of this atlas is written in, told by its script: "ja" for kana or kanji,
    "ru" for Cyrillic, "" for anything else (Latin letters: the page's own language or unknown)."""
    if _JAPANESE.search(text):
        return "ja"
    if _CYRILLIC.search(text):
        return "ru"
    return ""


def in_lang(text: str, lang: str = "", tag: str = "span") -> str:
    """``text`` escaped, in a ``tag`` with ``lang`` when one is given (``lang`` "" : no attribute)."""
    attribute = f' lang="{html.escape(lang)}"' if lang else ""
    return f"<{tag}{attribute}>{html.escape(str(text))}</{tag}>"


def in_own_lang(text: str) -> str:
    """``text`` escaped, marked with the language its script shows (``script_lang``), if any."""
    return in_lang(text, script_lang(str(text)))


def html_link(title: str, url: str) -> str:
    """A link when ``url`` is a web address, its title marked with its language; otherwise the
    title and the address as text."""
    url = str(url).strip()
    title_lang = script_lang(str(title))
    attribute = f' lang="{title_lang}"' if title_lang else ""
    if _WEB_ADDRESS.fullmatch(url):
        return f'<a href="{html.escape(url)}"{attribute}>{html.escape(str(title))}</a>'
    return f"{in_own_lang(title)} ({html.escape(url)})"


@safe_html
def names_line(island, langs: Iterable[str]) -> str:
    """An island's names in ``langs`` and its Japanese name in Latin letters, each marked with its
    language: "Kunashir · 国後島 · Кунашир (Kunashiri-tō)"."""
    names = " · ".join(in_lang(island[f"name_{lang}"], NAME_LANGS[f"name_{lang}"]) for lang in langs)
    return f"<p>{names} ({in_lang(island['name_ja_latn'], NAME_LANGS['name_ja_latn'])})</p>"


def html_table(caption: str, headers: list[str], rows: list[list[str]], numeric: Iterable[int] = ()) -> str:
    """A table with a caption and column headers (escaped here), in a region that scrolls sideways;
    ``rows`` hold cells already made HTML (``in_lang``, ``in_own_lang`` or ``cell``); the columns
    ``numeric`` are aligned right."""
    numeric = set(numeric)

    def align(number: int) -> str:
        return ' class="atlas-number"' if number in numeric else ""
    head = "".join(f'<th scope="col"{align(n)}>{html.escape(h)}</th>' for n, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f"<td{align(n)}>{c}</td>" for n, c in enumerate(row)) + "</tr>" for row in rows)
    # A region that scrolls sideways on a narrow screen, reachable by keyboard to scroll it.
    return (f'<div class="atlas-table-scroll" role="region" tabindex="0" aria-label="{html.escape(caption)}">'
            f'<table class="atlas-table"><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


def cell(value, decimals: int | None = None) -> str:
    """A table cell's text, escaped: blank for a missing value (None, NaN, ""), a number with
    ``decimals`` and thousands separators."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return ""
    if decimals is not None:
        return html.escape(f"{float(value):,.{decimals}f}")
    return html.escape(str(value))


@safe_html
def html_list(items: Iterable[str]) -> str:
    """Items made by this module's builders (escaped already) as one list."""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


@safe_html
def gazetteer_list(rows: Iterable[dict]) -> str:
    """The gazetteer's sources: each name (in English) and the title it was checked against."""
    return html_list(f"{in_lang(row['name_en'], 'en')}: {html_link(row['source_title'], row['source_url'])}"
                     for row in rows)
