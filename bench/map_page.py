"""The atlas page as ``make bench`` drives it: a fresh offline browser context, the websocket
frames it sends and receives, the map's load, the dates the map and the panel show, and a
server for one of bench/'s own pages."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from bench.appserver import AppServer
from bench.common import MAP_FRAME, REPO, is_loopback, now, wait_for
from bench.play import received_type, sent_type

# Outside hosts are unreachable without intercepting requests (Playwright's page.route adds a
# round trip to every request and would inflate load times): every request goes to a proxy on
# a closed loopback port, except loopback itself, and the requests are only observed.
DEAD_PROXY = "http://127.0.0.1:9"
BENCH_CHROMIUM_ARGS = [f"--proxy-server={DEAD_PROXY}", "--proxy-bypass-list=127.0.0.1;localhost;[::1]"]
READY = '#map_div[data-atlas-ready="1"]'
APP_ERROR = '[data-testid="stException"]'  # Streamlit's box for an uncaught exception in the script
MAP_DATE = "() => document.querySelector('#map_div').getAttribute('data-atlas-date')"
# The side panel's heading (st.subheader -> h3, st.header -> h2) shows the date: the first
# heading in the main area whose whole text is an ISO date.
PANEL_DATE = """() => [...document.querySelectorAll('[data-testid="stMain"] :is(h2, h3)')]
    .map(h => h.innerText.trim()).find(t => /^\\d{4}-\\d{2}-\\d{2}$/.test(t)) || null"""
# The page's websocket sends, on a clock shared by the page and the map's frame.
SEND_CLOCK = """(() => { const send = WebSocket.prototype.send; window.__atlasSends = [];
    WebSocket.prototype.send = function (data) { window.__atlasSends.push(performance.timeOrigin + performance.now());
        return send.call(this, data); }; })();"""
# In the map's frame: when each new date was drawn (the map sets data-atlas-date as it recolours).
DATE_CLOCK = """() => { const map = document.querySelector('#map_div'); window.__atlasDrawn = [];
    new MutationObserver(() => window.__atlasDrawn.push([map.getAttribute('data-atlas-date'),
        performance.timeOrigin + performance.now()])).observe(map, {attributes: true, attributeFilter: ['data-atlas-date']}); }"""
PAGE_CLOCK = "() => performance.timeOrigin + performance.now()"  # shared by the page and the map's frame


class Net:
    """Notes every request to a non-loopback host (the dead proxy fails them); records
    websocket frames with their times."""

    def __init__(self):
        self.blocked: list[str] = []
        self.frames: list[tuple[float, str, int, str]] = []  # (time, "sent"/"recv", bytes, message type)

    def note(self, request) -> None:
        if not is_loopback(request.url):
            self.blocked.append(request.url)

    def watch(self, ws) -> None:
        if not is_loopback(ws.url):
            self.blocked.append(ws.url)
        ws.on("framesent", lambda payload: self.frames.append((now(), "sent", len(payload), sent_type(payload))))
        ws.on("framereceived",
              lambda payload: self.frames.append((now(), "recv", len(payload), received_type(payload))))

    def since(self, mark: int, kind: str) -> list[tuple[float, str, int, str]]:
        return [frame for frame in self.frames[mark:] if frame[1] == kind]

    def runs_done(self, mark: int) -> bool:
        """Whether every rerun the page asked for after ``mark`` has had its script_finished."""
        frames = self.frames[mark:]
        asked = [i for i, frame in enumerate(frames) if frame[1] == "sent" and frame[3] == "rerun_script"]
        return not asked or any(kind == "recv" and what == "script_finished"
                                for _, kind, _, what in frames[asked[-1] + 1:])


def open_page(browser, net: Net):
    """A fresh browser context (empty cache) and page, offline except for loopback."""
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    context.on("request", net.note)
    context.add_init_script(SEND_CLOCK)
    page = context.new_page()
    page.on("websocket", net.watch)
    page.on("pageerror", lambda error: print(f"  page error: {error}"))
    return context, page


def load_map(page, url: str) -> tuple[float, float]:
    """Seconds from page.goto to the map's data-atlas-ready, and to its iframe appearing."""
    start = now()
    page.goto(url)
    first = page.wait_for_selector(f"{MAP_FRAME}, {APP_ERROR}", state="attached", timeout=60_000)
    if first.get_attribute("data-testid") == "stException":
        raise RuntimeError(f"the app raised an exception while loading {url} (see the server output)")
    iframe = now() - start
    page.frame_locator(MAP_FRAME).locator(READY).wait_for(state="attached", timeout=60_000)
    return now() - start, iframe


def map_frame(page):
    return page.wait_for_selector(MAP_FRAME).content_frame()


def wait_shows(where, shown_date: str, day: str, timeout: float) -> bool:
    """Wait (checking every animation frame) until the JavaScript function ``shown_date`` in
    ``where`` (a page or a frame) returns `day`; whether it did in time."""
    try:
        where.wait_for_function(f"(day) => ({shown_date})() === day", arg=day, polling="raf", timeout=timeout)
        return True
    except Exception:  # playwright's TimeoutError
        return False


def wait_panel(page, day: str, timeout: float = 15_000) -> bool:
    """Wait until the panel heading shows `day`."""
    return wait_shows(page, PANEL_DATE, day, timeout)


def wait_settled(page, net: Net, mark: int, timeout_ms: int = 10_000) -> None:
    """Wait (bounded) until every rerun the page asked for after ``mark`` has finished and no
    element is left stale, so that the next measure starts on a page and a server at rest."""
    try:
        wait_for(page, lambda: net.runs_done(mark) and page.locator('[data-stale="true"]').count() == 0,
                 timeout_ms, "the page to settle", interval_ms=10)
    except AssertionError:
        pass  # measure on: a pick that is then never shown says so in the table


@contextmanager
def page_server(script: str):
    """A server for one of bench/'s pages, run from a scratch folder that links the repository's
    ``static/`` and ``.streamlit/`` (Streamlit serves ``static/`` from beside the main script)."""
    with tempfile.TemporaryDirectory(prefix="atlas-page-") as scratch:
        folder = Path(scratch)
        for name in ("static", ".streamlit"):
            (folder / name).symlink_to(REPO / name, target_is_directory=True)
        shutil.copy(REPO / "bench" / script, folder / script)
        server = AppServer(app_dir=folder, script=script, env={"PYTHONPATH": str(REPO)})
        try:
            server.wait_until_healthy()
            yield server
        finally:
            server.stop()
            server.discard_log()
