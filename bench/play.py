"""Play in the browser, in many pages at once: what it costs the server (``play_check``)."""

from __future__ import annotations

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.common import MAP_FRAME, is_loopback, launch_chromium, now, wait_sidebar_added
from bench.procstats import cpu_seconds
from bench.protocol import FINISHED_OK, require_loopback

# Pages in the background keep their timers: thirty pages play at once, most of them unseen.
PLAY_CHROMIUM_ARGS = ["--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                      "--disable-backgrounding-occluded-windows"]


def sent_type(payload) -> str:
    """The kind of a message a page sends (BackMsg), e.g. "rerun_script"."""
    if isinstance(payload, str):
        return "text"
    msg = BackMsg()
    try:
        msg.ParseFromString(payload)
    except Exception:  # noqa: BLE001 - any undecodable frame is counted as such
        return "undecodable"
    return msg.WhichOneof("type") or "empty"


def received(payload) -> ForwardMsg | None:
    """A message the server sends (ForwardMsg), decoded; None for a text frame or another protocol."""
    if isinstance(payload, str):
        return None
    msg = ForwardMsg()
    try:
        msg.ParseFromString(payload)
    except Exception:  # noqa: BLE001
        return None
    return msg


def received_type(payload) -> str:
    """The kind of a message the server sends, e.g. "delta" or "script_finished"; "" when undecodable."""
    msg = received(payload)
    return (msg.WhichOneof("type") or "") if msg is not None else ""


def _is_finished_run(payload) -> bool:
    msg = received(payload)
    return msg is not None and msg.WhichOneof("type") == "script_finished" and msg.script_finished in FINISHED_OK


class PageWire:
    """Every websocket frame one page sends (decoded BackMsg type) and every finished run it
    receives; ``rerun_pending`` while a rerun it asked for has no finished run after it."""

    def __init__(self, page):
        self.sent: list[str] = []
        self.runs = 0
        self.rerun_pending = False
        page.on("websocket", self._watch)

    def _watch(self, socket_) -> None:
        if not is_loopback(socket_.url):
            raise AssertionError(f"a page opened a websocket to {socket_.url}")
        socket_.on("framesent", self._sent)
        socket_.on("framereceived", self._received)

    def _sent(self, payload) -> None:
        self.sent.append(sent_type(payload))
        self.rerun_pending = self.rerun_pending or self.sent[-1] == "rerun_script"

    def _received(self, payload) -> None:
        if _is_finished_run(payload):
            self.runs += 1
            self.rerun_pending = False


def _only_loopback(route) -> None:
    if is_loopback(route.request.url):
        route.continue_()
    else:
        route.abort()


def play_check(browser, url: str, pages: int, seconds: float, pid: int | None = None,
               speed: str = "4", start_date: str = "1644-01-01") -> dict:
    """Open ``pages`` atlas pages in one browser, press Play in every one, watch ``seconds``;
    then pause the page that started playing last. Counts what reaches the server. Starting on
    the first frame at 4 frames a second (the map's default speed), playback lasts about two
    minutes, so no page reaches the end (which pauses it and reports, as it should) while it is
    watched, even when pressing Play in 30 pages takes a while on a busy machine.

    Must be called from synchronous code (sync Playwright); waits with page.wait_for_timeout
    so that Playwright keeps delivering websocket events.
    """
    require_loopback(url)
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.route("**/*", _only_loopback)
    try:
        tabs, wires, frames = [], [], []
        start = now()
        for _ in range(pages):
            page = context.new_page()
            wires.append(PageWire(page))
            page.goto(f"{url}/?date={start_date}", wait_until="commit")
            tabs.append(page)
        ready_by = start + 60 + 10 * pages  # the whole opening is bounded, not each page
        for page in tabs:
            frame = page.frame_locator(MAP_FRAME)
            frame.locator("#map_div[data-atlas-ready]").wait_for(timeout=max(1.0, ready_by - now()) * 1000)
            frames.append(frame)
        opened_s = now() - start
        # Each map reports once it has drawn, and its page then adds the sidebar: wait for that
        # too, so that no page's "drawn" report is counted as one sent during Play.
        for page in tabs:
            wait_sidebar_added(page, max(1.0, ready_by - now()) * 1000)
        lead = tabs[0]
        dates_ready = [f.locator("#map_div").get_attribute("data-atlas-date") for f in frames]
        # Let every page settle (its first run done, no rerun it asked for still going), then
        # press Play everywhere.
        deadline = now() + 30
        while now() < deadline and any(w.runs < 1 or w.rerun_pending for w in wires):
            lead.wait_for_timeout(100)
        for frame in frames:
            frame.locator("#map_div").evaluate(
                "(node, speed) => { const s = document.querySelector('.atlas-speed'); s.value = speed;"
                " s.dispatchEvent(new Event('change')); document.querySelector('.atlas-play').click(); }", speed)
        # The page that started last has the most playback left: it is the one paused below.
        order = list(range(pages - 1, -1, -1))
        tabs, wires, frames = [tabs[i] for i in order], [wires[i] for i in order], [frames[i] for i in order]
        lead = tabs[0]
        dates_before = [f.locator("#map_div").get_attribute("data-atlas-date") for f in frames]
        sent_mark = [len(w.sent) for w in wires]
        runs_mark = [w.runs for w in wires]
        cpu0 = cpu_seconds(pid)
        # A measurement window, not a wait for something: what the pages send and the server
        # spends while they play for ``seconds``.
        lead.wait_for_timeout(seconds * 1000)
        cpu_play = cpu_seconds(pid) - cpu0
        dates_after = [f.locator("#map_div").get_attribute("data-atlas-date") for f in frames]
        playing = sum(map(lambda f: f.locator("#map_div").evaluate("() => KurilAtlas.current().playing !== null"), frames))
        sent_during = [w.sent[m:] for w, m in zip(wires, sent_mark)]
        runs_during = sum(w.runs - m for w, m in zip(wires, runs_mark))
        # Pause the first page: exactly one report should reach the server, and one run come back.
        sent_mark = [len(w.sent) for w in wires]
        runs_mark = [w.runs for w in wires]
        lead_was_playing = frames[0].locator("#map_div").evaluate("() => KurilAtlas.current().playing !== null")
        frames[0].locator(".atlas-play").click()
        paused_on = frames[0].locator("#map_div").get_attribute("data-atlas-date")
        deadline = now() + 15
        while now() < deadline and (wires[0].runs == runs_mark[0] or f"date={paused_on}" not in lead.url):
            lead.wait_for_timeout(50)
        # What must not happen (another report, another page sending) has no moment to wait
        # for: watch a fixed half second after the pause's run came back.
        lead.wait_for_timeout(500)
        sent_after = [w.sent[m:] for w, m in zip(wires, sent_mark)]
        return {
            "pages": pages, "seconds": seconds, "speed": speed, "open_s": opened_s,
            "pages_on_start_date": sum(d == start_date for d in dates_ready),
            "pages_playing": playing, "pages_advanced": sum(a != b for a, b in zip(dates_before, dates_after)),
            "frames_sent_during_play": sum(len(s) for s in sent_during),
            "reruns_sent_during_play": sum(s.count("rerun_script") for s in sent_during),
            "server_runs_during_play": runs_during, "server_cpu_s_during_play": cpu_play,
            "pause_reruns_sent": sent_after[0].count("rerun_script"),
            "pause_other_frames": [t for t in sent_after[0] if t != "rerun_script"],
            "other_pages_sent_after_pause": sum(len(s) for s in sent_after[1:]),
            "pause_server_runs": wires[0].runs - runs_mark[0], "paused_on": paused_on,
            "lead_was_playing": lead_was_playing,
            "url_after_pause": lead.url.split("?", 1)[-1],
        }
    finally:
        context.close()


def run_play(url: str, pages: int, seconds: float, pid: int | None) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, PLAY_CHROMIUM_ARGS)
        try:
            return play_check(browser, url, pages, seconds, pid)
        finally:
            browser.close()
