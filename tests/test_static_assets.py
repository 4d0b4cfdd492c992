"""Streamlit's front end sent lean (ui.static_assets, ui.iconfont): its immutable scripts go out
gzipped, prepared once however many students ask at once; its icon font is cut down to the
icons the atlas can show; everything else passes through as Streamlit sent it."""

from __future__ import annotations

import asyncio
import gzip
import http.client
import re
from urllib.parse import urlsplit

import pytest

from bench.protocol import run_coroutine
from ui import iconfont
from ui.static_assets import LeanStaticAssets

SCRIPT = b"function atlas(){return 'Kuril';}\n" * 400
IMMUTABLE = b"public, immutable, max-age=31536000"


class Streamlit:
    """Stands in for Streamlit's app: answers every path from ``files`` and counts the requests."""

    def __init__(self, files: dict[str, tuple[int, bytes, bytes, bytes]]):
        self.files, self.asked = files, []  # path -> (status, content type, cache control, body)

    async def __call__(self, scope, receive, send):
        self.asked.append(scope["path"])
        status, kind, cache, body = self.files.get(scope["path"], (404, b"text/plain", b"no-cache", b"not found"))
        await asyncio.sleep(0)  # let other requests in, as a real file read would
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", kind), (b"cache-control", cache),
                                (b"content-length", str(len(body)).encode())]})
        half = len(body) // 2  # a body in two chunks, as Starlette's FileResponse sends large files
        await send({"type": "http.response.body", "body": body[:half], "more_body": True})
        await send({"type": "http.response.body", "body": body[half:]})


def request(path: str, **headers: str) -> dict:
    return {"type": "http", "method": "GET", "path": path,
            "headers": [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()]}


async def fetch(app, scope) -> tuple[int, dict[bytes, bytes], bytes]:
    sent = []

    async def send(message):
        sent.append(message)

    await app(scope, None, send)
    headers = dict(sent[0]["headers"])
    return sent[0]["status"], headers, b"".join(m.get("body", b"") for m in sent[1:])


def get(app, path: str, **headers: str):
    return run_coroutine(lambda: fetch(app, request(path, **headers)))


@pytest.fixture
def streamlit():
    return Streamlit({"/static/js/index.abc123.js": (200, b"text/javascript", IMMUTABLE, SCRIPT),
                      "/static/media/Source.abc.woff2": (200, b"font/woff2", IMMUTABLE, b"wOF2" + bytes(range(256)) * 8),
                      "/static/manifest.json": (200, b"application/json", b"no-cache", b'{"name": "atlas"}' * 40),
                      "/app/static/atlas/timeline.json": (200, b"application/json", b"no-cache", b"[]" * 600)})


def test_an_immutable_script_is_sent_gzipped_and_compressed_once(streamlit):
    lean = LeanStaticAssets(streamlit)
    for _ in range(3):
        status, headers, body = get(lean, "/static/js/index.abc123.js", accept_encoding="gzip, deflate")
        assert status == 200 and headers[b"content-encoding"] == b"gzip"
        assert gzip.decompress(body) == SCRIPT
        assert int(headers[b"content-length"]) == len(body) < len(SCRIPT) / 10
        assert headers[b"cache-control"] == IMMUTABLE and headers[b"vary"] == b"Accept-Encoding"
    assert streamlit.asked == ["/static/js/index.abc123.js"]  # later requests came from memory


def test_a_class_asking_at_once_gets_one_compression(streamlit):
    lean = LeanStaticAssets(streamlit)

    async def class_of(students):
        return await asyncio.gather(*(fetch(lean, request("/static/js/index.abc123.js", accept_encoding="gzip"))
                                      for _ in range(students)))
    answers = run_coroutine(lambda: class_of(30))
    assert {gzip.decompress(body) for _, _, body in answers} == {SCRIPT}
    assert streamlit.asked == ["/static/js/index.abc123.js"]


@pytest.mark.parametrize(("path", "headers"), [
    ("/static/js/index.abc123.js", {}),  # a client that does not accept gzip
    ("/static/js/index.abc123.js", {"accept_encoding": "gzip", "range": "bytes=0-99"}),
    ("/static/js/index.abc123.js", {"accept_encoding": "gzip", "if_none_match": '"abc"'}),
    ("/static/media/Source.abc.woff2", {"accept_encoding": "gzip"}),  # compressed already
    ("/static/manifest.json", {"accept_encoding": "gzip"}),  # not immutable
    ("/static/js/missing.js", {"accept_encoding": "gzip"}),  # an error
    ("/app/static/atlas/timeline.json", {"accept_encoding": "gzip"}),  # not Streamlit's front end
], ids=["no-gzip", "range", "conditional", "woff2", "no-cache", "404", "app-static"])
def test_anything_else_passes_through_as_streamlit_sent_it(streamlit, path, headers):
    lean = LeanStaticAssets(streamlit)
    expected = streamlit.files.get(path, (404, b"", b"", b"not found"))
    for _ in range(2):
        status, sent_headers, body = get(lean, path, **headers)
        assert (status, body) == (expected[0], expected[3])
        assert b"content-encoding" not in sent_headers
    assert streamlit.asked == [path, path]


def icon_font() -> tuple[str, bytes]:
    fonts = sorted((iconfont.streamlit_scripts().parent / "media").glob("MaterialSymbols-*.woff2"))
    assert fonts, "Streamlit no longer ships its Material Symbols font: ui.iconfont can go"
    return f"/static/media/{fonts[0].name}", fonts[0].read_bytes()


def test_the_icon_font_keeps_the_icons_streamlit_and_the_atlas_draw_and_drops_the_rest(tmp_path, monkeypatch):
    monkeypatch.setattr(iconfont, "CACHE", tmp_path)
    path, whole = icon_font()
    lean = LeanStaticAssets(Streamlit({path: (200, b"font/woff2", IMMUTABLE, whole)}))
    status, headers, cut = get(lean, path, accept_encoding="gzip")
    assert status == 200 and b"content-encoding" not in headers and int(headers[b"content-length"]) == len(cut)
    assert len(cut) < len(whole) / 3
    kept, every = iconfont.kept_icon_names(cut), iconfont.kept_icon_names(whole)
    # Streamlit's own (the sidebar's arrow, the uploader) and the atlas's (ui/lesson.py's icons).
    assert {"keyboard_double_arrow_right", "upload", "edit_note", "slideshow", "school"} <= kept
    assert every & iconfont.icon_names() <= kept  # (with other names of the same icons: star and grade)
    assert len(kept) < len(every) / 4
    assert list(tmp_path.glob("icons-*.woff2")), "the cut font is kept for the next start"


def test_a_font_the_cutter_cannot_read_is_sent_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(iconfont, "CACHE", tmp_path)
    broken = b"wOF2" + b"\0" * 300
    path = "/static/media/MaterialSymbols-Rounded.zzz.woff2"
    lean = LeanStaticAssets(Streamlit({path: (200, b"font/woff2", IMMUTABLE, broken)}))
    assert get(lean, path)[::2] == (200, broken)


def test_the_running_atlas_sends_streamlits_scripts_gzipped(atlas_server):
    """Through the real server (``python -m ui.serve``, which serves app.py as an ``st.App``)."""
    address = urlsplit(atlas_server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    connection.request("GET", "/")
    page = connection.getresponse().read().decode()
    scripts = re.findall(r'href="\./(static/js/[^"]+\.js)"', page)
    assert scripts, "the page names no scripts of Streamlit's"
    for script in scripts[:3]:
        connection.request("GET", f"/{script}", headers={"Accept-Encoding": "gzip"})
        answer = connection.getresponse()
        body = answer.read()
        assert answer.status == 200 and answer.getheader("Content-Encoding") == "gzip", script
        assert gzip.decompress(body)
    connection.close()


def test_a_cache_that_cannot_be_written_still_gets_the_cut_font(tmp_path):
    _, whole = icon_font()
    read_only = tmp_path / "file-not-folder"
    read_only.write_text("")
    cut = iconfont.cached_subset(whole, frozenset({"upload"}), cache=read_only / "cache")
    assert iconfont.kept_icon_names(cut) >= {"upload"} and len(cut) < len(whole) / 10
