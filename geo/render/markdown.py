"""Putting data text on a Markdown page safely: as plain text, with Markdown's syntax escaped.

The one escaper of the atlas: the pages, the warnings about a link and the event panel use it."""

from __future__ import annotations

import re

# Every character that starts Markdown or HTML (links, images, emphasis, maths, tables, autolinks,
# entities): backslash-escaped, each shows as itself.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&@])")


def plain(text: str) -> str:
    """``text`` with every Markdown and HTML character escaped, so it shows literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def link(title: str, url: str) -> str:
    """A Markdown link when ``url`` is a web address, otherwise the escaped title and url as text."""
    url = str(url).strip()
    if re.fullmatch(r"https?://[^\s<>()\[\]\"'`]+", url):
        return f"[{plain(title)}](<{url}>)"
    return f"{plain(title)} ({plain(url)})"
