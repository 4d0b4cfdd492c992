"""Streamlit's front end sent lean: its scripts and styles gzipped and its icon font cut down,
each prepared once per process.

Streamlit serves its front end (about 2.2 MB of JavaScript and a 375 KB icon font before the
atlas's first map) without compression, on purpose: its gzip middleware would compress every
file again for every visitor, and it counts on a proxy or a CDN in front to do it. A teacher who
starts the atlas on a laptop has neither, and thirty students on one school Wi-Fi would each
download it all as it is.

``LeanStaticAssets`` sits in front of Streamlit (``st.App``'s ``middleware``, see
``ui/asgi_app.py``) and handles only the files Streamlit itself marks immutable (content-hashed
names under ``/static/``, ``Cache-Control: immutable``): the first request for such a file is
answered by Streamlit as usual, the answer is prepared once, in a worker thread (gzipped, or for
the icon font cut to the icons the atlas can show, ``ui.iconfont``), and every later request
gets those bytes from memory without touching the file or the CPU. Anything else (the page
itself, media, conditional or range requests, responses already compressed) passes through.
"""

from __future__ import annotations

import asyncio
import gzip
import logging
from dataclasses import dataclass

import anyio

from ui import iconfont

PREFIX = "/static/"
LEVEL = 9  # once per file and process, so the smallest output is worth the time
LARGEST_BYTES = 8 * 1024 * 1024  # Streamlit's largest bundle (Plotly) is 4.7 MB
COMPRESSIBLE = (b"javascript", b"css", b"json", b"svg", b"text/", b"font/ttf", b"wasm")
PASS_THROUGH_HEADERS = (b"range", b"if-none-match", b"if-modified-since")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Prepared:
    """A response's headers and its prepared body."""

    headers: list[tuple[bytes, bytes]]
    body: bytes


def accepts_gzip(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(name == b"accept-encoding" and b"gzip" in value.lower() for name, value in headers)


def preparation(scope) -> str | None:
    """How a request's answer is prepared ("icons", "gzip"), or None to pass it through: only
    plain GETs of static assets are prepared, and gzip only for a client that accepts it."""
    if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(PREFIX):
        return None
    headers = scope["headers"]
    if any(name in PASS_THROUGH_HEADERS for name, _ in headers):
        return None
    if iconfont.ICON_FONT_PATH.match(scope["path"]):
        return "icons"
    return "gzip" if accepts_gzip(headers) else None


def immutable_and_plain(headers: list[tuple[bytes, bytes]]) -> bool:
    named = {name.lower(): value.lower() for name, value in headers}
    return b"immutable" in named.get(b"cache-control", b"") and b"content-encoding" not in named


def compressible(headers: list[tuple[bytes, bytes]]) -> bool:
    kind = dict((name.lower(), value.lower()) for name, value in headers).get(b"content-type", b"")
    return any(word in kind for word in COMPRESSIBLE)


def with_body_headers(headers: list[tuple[bytes, bytes]], length: int, gzipped: bool) -> list[tuple[bytes, bytes]]:
    kept = [(name, value) for name, value in headers if name.lower() not in (b"content-length", b"vary")]
    extra = [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")] if gzipped else []
    return kept + extra + [(b"content-length", str(length).encode())]


def prepare(kind: str, body: bytes, headers: list[tuple[bytes, bytes]]) -> Prepared | None:
    """The prepared answer, or None when this one is better sent as it is."""
    if kind == "icons":
        try:
            cut = iconfont.cached_subset(body)
        except Exception:  # a font this code does not understand: send Streamlit's own
            log.exception("could not cut Streamlit's icon font; sending it whole")
            return None
        return Prepared(with_body_headers(headers, len(cut), gzipped=False), cut)
    if not compressible(headers) or len(body) > LARGEST_BYTES:
        return None
    packed = gzip.compress(body, LEVEL)
    return Prepared(with_body_headers(headers, len(packed), gzipped=True), packed) if len(packed) < len(body) else None


class LeanStaticAssets:
    """ASGI middleware: Streamlit's immutable static assets, prepared once and kept in memory."""

    def __init__(self, app):
        self.app = app
        self.cache: dict[str, Prepared | None] = {}  # None: a file that is sent as it is
        self.locks: dict[str, asyncio.Lock] = {}

    async def __call__(self, scope, receive, send) -> None:
        kind = preparation(scope)
        if kind is None:
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if path not in self.cache:
            # One preparation per file, however many students ask for it at once.
            async with self.locks.setdefault(path, asyncio.Lock()):
                if path not in self.cache:
                    await self.fetch_and_prepare(kind, scope, receive, send)
                    return
        entry = self.cache[path]
        if entry is None:
            await self.app(scope, receive, send)
        else:
            await send_prepared(entry, send)

    async def fetch_and_prepare(self, kind: str, scope, receive, send) -> None:
        """Let Streamlit answer; keep and send a prepared copy when the answer is worth it,
        else send the answer as it came."""
        messages: list[dict] = []

        async def keep(message) -> None:
            messages.append(message)

        await self.app(scope, receive, keep)
        start = messages[0]
        headers = list(start.get("headers", []))
        entry = None
        if start["status"] == 200 and immutable_and_plain(headers):
            body = b"".join(m.get("body", b"") for m in messages[1:] if m["type"] == "http.response.body")
            entry = await anyio.to_thread.run_sync(prepare, kind, body, headers)
        if start["status"] == 200:
            self.cache[scope["path"]] = entry
        if entry is None:
            for message in messages:
                await send(message)
        else:
            await send_prepared(entry, send)


async def send_prepared(entry: Prepared, send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": entry.headers})
    await send({"type": "http.response.body", "body": entry.body})
