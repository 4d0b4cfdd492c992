"""Putting data text on a page safely: as plain text, with Markdown's syntax escaped."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")


def plain(text: str) -> str:
    """``text`` with every Markdown and HTML character escaped, so it shows literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def link(title: str, url: str) -> str:
    """A Markdown link when ``url`` is a web address, otherwise the escaped title and url as text."""
    url = str(url).strip()
    if re.fullmatch(r"https?://[^\s<>()\[\]\"'`]+", url):
        return f"[{plain(title)}](<{url}>)"
    return f"{plain(title)} ({plain(url)})"
