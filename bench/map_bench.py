"""Speed of the atlas map: first load, Play, and date steps that go through the server.

Run from the repository root: ``.venv/bin/python bench/map_bench.py`` (or ``make bench``).
Starts its own atlas server (``python -m ui.serve``) on a free loopback port and a headless Chromium that
may reach only loopback, prints a table and writes the numbers to artifacts/bench-map.json.
"""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import signal
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: `python bench/map_bench.py`
from bench.appserver import AppServer  # noqa: E402
from bench.common import (ARTIFACTS, MAP_FRAME, REPO, chromium_path, is_loopback, launch_chromium,  # noqa: E402
                          open_sidebar, wait_sidebar_added)
from bench.map_report import report  # noqa: E402

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
WARM_LOADS, STEP_FRAMES, PLAY_SECONDS, SERVER_STEPS, PICKS = 8, 200, 3.0, 30, 15
WAIT_FINISHED_S = 10  # how long to wait for a rerun's script_finished message
# On a busy machine, stop early (warm loads after 3, server steps after 5) past these budgets.
LOADS_BUDGET_S, STEPS_BUDGET_S = 60, 45


def now() -> float:
    return time.perf_counter()


def message_type(payload) -> str:
    """The kind of a Streamlit server message (ForwardMsg), e.g. "delta" or "script_finished"."""
    try:
        return ForwardMsg.FromString(payload).WhichOneof("type") or ""
    except Exception:  # not a ForwardMsg (a text frame, another protocol version)
        return ""


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
        ws.on("framesent", lambda payload: self.frames.append((now(), "sent", len(payload), "")))
        ws.on("framereceived",
              lambda payload: self.frames.append((now(), "recv", len(payload), message_type(payload))))

    def since(self, mark: int, kind: str) -> list[tuple[float, str, int, str]]:
        return [frame for frame in self.frames[mark:] if frame[1] == kind]


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


def load_bare(browser, net: Net, url: str) -> float:
    """Seconds until the bare page (bench/bare_page.py) at ``url`` shows its title, in a fresh context."""
    context, page = open_page(browser, net)
    start = now()
    page.goto(url)
    page.get_by_role("heading", name="Kuril Islands atlas").wait_for(timeout=60_000)
    seconds = now() - start
    context.close()
    return seconds


def measure_first_map(browser, net: Net, url: str) -> dict:
    """One cold load (the server's first session), then WARM_LOADS rounds, each of a bare
    Streamlit page with only a title (Streamlit's own floor), the atlas map alone on a page (the
    floor of the map component itself) and the map page, all in fresh contexts (an empty browser
    cache: a student's first visit), and the map page again in the same context (a returning
    student, with the browser's cache). The three take turns, so that all see the same machine:
    their ratios are the numbers to compare across runs."""
    loads, again, bare_times, alone_times, start = [], [], [], [], now()
    bare = AppServer(script="bench/bare_page.py")
    try:
        with page_server("map_only_page.py") as alone:
            bare.wait_until_healthy()
            load_bare(browser, net, bare.url)  # the bare server's own cold start
            for number in range(1 + WARM_LOADS):
                if number > 3 and now() - start > LOADS_BUDGET_S:
                    break
                if number:
                    bare_times.append(load_bare(browser, net, bare.url))
                    context, page = open_page(browser, net)
                    alone_times.append(load_map(page, alone.url)[0])
                    context.close()
                context, page = open_page(browser, net)
                loads.append(load_map(page, url))
                if number:
                    again.append(load_map(context.new_page(), url)[0])
                context.close()
                print(f"  load {number + 1}: {loads[-1][0]:.2f} s (iframe after {loads[-1][1]:.2f} s)"
                      + (f"; again with the cache: {again[-1]:.2f} s; bare page {bare_times[-1]:.2f} s; "
                         f"map alone {alone_times[-1]:.2f} s" if number else ""), flush=True)
    finally:
        bare.stop()
        bare.discard_log()
    return {"cold_s": loads[0][0], "warm_s": [total for total, _ in loads[1:]],
            "cold_iframe_s": loads[0][1], "warm_iframe_s": [iframe for _, iframe in loads[1:]],
            "cached_s": again, "bare_s": bare_times, "map_alone_s": alone_times}


def event_dates(count: int) -> list[str]:
    """``count`` distinct event dates from data/events.csv, spread over the whole table."""
    with (REPO / "data" / "events.csv").open(encoding="utf-8") as table:
        dates = sorted({row["date"] for row in csv.DictReader(table)})
    stride = max(1, len(dates) // count)
    return dates[::stride][:count]


PAGE_CLOCK = "() => performance.timeOrigin + performance.now()"  # shared by the page and the map's frame


def timed_picks(page, frame, choose, panel_too: bool = True) -> list[dict]:
    """Pick a spread of event dates, each with ``choose(day)``, which returns a function giving
    the pick's start on the shared clock (or None when it cannot pick that day); the time from
    that start to the map drawing the day, and to the panel showing it (``panel_too``; a page
    without a panel is timed to the map alone)."""
    picks = []
    for day in event_dates(PICKS):
        started = None if day == frame.evaluate(MAP_DATE) else choose(day)
        if started is None:
            continue
        shown = wait_panel(page, day, timeout=8_000) if panel_too else wait_shows(frame, MAP_DATE, day, 8_000)
        panel, start = page.evaluate(PAGE_CLOCK), started()
        drawn = frame.evaluate("(day) => (window.__atlasDrawn.find(([d]) => d === day) || [])[1] ?? null", day)
        picks.append({"date": day, "shown": shown,
                      "to_colours_ms": drawn - start if drawn and start else math.nan,
                      "to_panel_ms": panel - start if start else math.nan})
        page.wait_for_timeout(300)
    return picks


def sidebar_picker(page):
    """``choose(day)`` for the sidebar's "Go to event" picker: picks the event of ``day`` and
    returns a function giving the pick's websocket send on the shared clock."""
    open_sidebar(page)
    picker = page.locator('[data-testid="stSidebar"]').get_by_label("Go to event")

    def choose(day):
        sends_before = page.evaluate("() => window.__atlasSends.length")
        picker.click()
        page.keyboard.type(day)
        page.wait_for_timeout(150)
        page.keyboard.press("Enter")
        return lambda: page.evaluate("(n) => window.__atlasSends[n] ?? null", sends_before)
    return choose


def measure_picks(browser, net: Net, url: str, panel_too: bool = True) -> dict:
    """Dates chosen through Streamlit (the sidebar's "Go to event" picker), timed from the page's
    websocket send."""
    context, page = open_page(browser, net)
    load_map(page, f"{url}/?date=1644-01-01")
    frame = map_frame(page)
    frame.evaluate(DATE_CLOCK)
    picks = timed_picks(page, frame, sidebar_picker(page), panel_too)
    context.close()
    return {"picks": picks}


# In the page: when a map frame (a new one, for the usual app) first shows ``day``.
NEW_FRAME_SHOWS = f"""(day) => {{ const frame = document.querySelector('{MAP_FRAME}');
    const map = frame && frame.contentDocument && frame.contentDocument.querySelector('#map_div');
    if (!map || map.getAttribute('data-atlas-date') !== day) return false;
    window.__usualDrawn = performance.timeOrigin + performance.now(); return true; }}"""


def measure_usual_picks(browser, net: Net, url: str) -> dict:
    """The same picks in the usual st_folium app, whose every rerun mounts a new map frame: timed
    from the websocket send to the first frame that shows the new date."""
    context, page = open_page(browser, net)
    load_map(page, f"{url}/")
    choose = sidebar_picker(page)
    picks, showing = [], page.frame_locator(MAP_FRAME).locator("#map_div").get_attribute("data-atlas-date")
    for day in event_dates(PICKS):
        if day == showing:
            continue
        showing, started = day, choose(day)
        try:
            page.wait_for_function(NEW_FRAME_SHOWS, arg=day, polling="raf", timeout=15_000)
            shown = True
        except Exception:  # playwright's TimeoutError
            shown = False
        start, drawn = started(), page.evaluate("() => window.__usualDrawn ?? null")
        picks.append({"date": day, "shown": shown,
                      "to_colours_ms": drawn - start if shown and start else math.nan, "to_panel_ms": math.nan})
        page.wait_for_timeout(300)
    context.close()
    return {"picks": picks}


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


def measure_page_picks(browser, net: Net, script: str, measure=None) -> dict:
    """``measure`` (``measure_picks`` unless given) on one of bench/'s pages with a map and the
    picker and nothing else, timed to the map alone."""
    with page_server(script) as server:
        if measure is not None:
            return measure(browser, net, server.url)
        return measure_picks(browser, net, server.url, panel_too=False)


# In the map's frame: when the event list last changed, on the clock the other timings use.
LIST_CLOCK = """() => { window.__listChanged = []; document.querySelector('.atlas-events').addEventListener('change',
    () => window.__listChanged.push(performance.timeOrigin + performance.now()), true); }"""


def measure_list_picks(browser, net: Net, url: str) -> dict:
    """Events chosen in the map's own list, timed from the list's change: the new colours are
    drawn in the page (no server), the panel follows once the server has the date."""
    context, page = open_page(browser, net)
    load_map(page, f"{url}/?date=1644-01-01")
    wait_sidebar_added(page, 60_000)
    frame = map_frame(page)
    frame.evaluate(DATE_CLOCK)
    frame.evaluate(LIST_CLOCK)
    options = frame.evaluate("() => [...document.querySelectorAll('.atlas-events option')].map(o => [o.value, o.text])")

    def choose(day):
        value = next((value for value, text in options if text.startswith(day + " ")), None)
        if value is None:
            return None
        frame.select_option(".atlas-events", value)
        return lambda: frame.evaluate("() => window.__listChanged.at(-1) ?? null")
    picks = timed_picks(page, frame, choose)
    context.close()
    return {"picks": picks}


def measure_step_cost(frame) -> dict:
    """Milliseconds, timed inside the iframe, of setDate(frame) and then render() per frame."""
    return frame.evaluate("""(count) => {
        const atlas = window.KurilAtlas.current(), frames = atlas.data.frames, setDate = [], render = [];
        atlas.pause(false);
        const first = Math.max(0, Math.floor((frames.length - count) / 2));
        for (let i = first; i < Math.min(frames.length, first + count); i++) {
            let t = performance.now(); atlas.setDate(frames[i]); setDate.push(performance.now() - t);
            t = performance.now(); atlas.render(); render.push(performance.now() - t);
        }
        return {set_date_ms: setDate, render_ms: render};
    }""", STEP_FRAMES)


def measure_play(page, frame, net: Net) -> dict:
    """Play at the top speed from the first frame: frames per second and websocket messages."""
    frame.select_option(".atlas-speed", "16")
    start = frame.evaluate("""() => { const a = window.KurilAtlas.current();
        a.pause(false); a.setDate(a.data.frames[0]); a.play(); return {t: performance.now(), speed: a.speed}; }""")
    mark = len(net.frames)
    page.wait_for_timeout(PLAY_SECONDS * 1000)
    end = frame.evaluate("""() => { const a = window.KurilAtlas.current(), t = performance.now(), date = a.state.date;
        a.pause(true); return {t, date, index: a.data.frames.indexOf(date)}; }""")
    sent_during = len(net.since(mark, "sent"))
    mark = len(net.frames)
    follows = wait_panel(page, end["date"])
    page.wait_for_timeout(1000)
    seconds = (end["t"] - start["t"]) / 1000
    return {"speed": start["speed"], "frames": end["index"], "seconds": seconds, "fps": end["index"] / seconds,
            "ws_sent_during_play": sent_during, "ws_sent_after_pause": len(net.since(mark, "sent")),
            "panel_follows_pause": follows, "map_date_after_pause": frame.evaluate(MAP_DATE),
            "paused_at": end["date"]}


def view_of(frame) -> dict:
    return frame.evaluate("() => ({zoom: window.map.getZoom(), lat: +window.map.getCenter().lat.toFixed(6),"
                          " lng: +window.map.getCenter().lng.toFixed(6)})")


def zoom_in_twice(frame) -> dict:
    """Click Leaflet's zoom-in button until two levels in; the view afterwards.

    The map may still be moving from its first fitBounds, which can swallow a click, so each
    click waits for an idle map and is retried (a bounded number of times).
    """
    idle = "!window.map._animatingZoom && !(window.map._panAnim && window.map._panAnim._inProgress)"
    frame.wait_for_function(f"() => {idle}", timeout=10_000)
    target = frame.evaluate("() => window.map.getZoom()") + 2
    for _ in range(6):
        zoom = frame.evaluate("() => window.map.getZoom()")
        if zoom >= target:
            break
        frame.click(".leaflet-control-zoom-in")
        try:
            frame.wait_for_function(f"(z) => window.map.getZoom() > z && {idle}", arg=zoom, timeout=3_000)
        except Exception:  # playwright's TimeoutError: the click was swallowed; try again
            pass
    frame.page.wait_for_timeout(400)
    return view_of(frame)


def wait_finished(page, net: Net, mark: int) -> float:
    """Wait (bounded) for the rerun's script_finished message after `mark`; the time it came."""
    start = now()
    for _ in range(int(WAIT_FINISHED_S * 100)):
        done = [frame[0] for frame in net.since(mark, "recv") if frame[3] == "script_finished"]
        if done or now() - start > WAIT_FINISHED_S:
            return done[0] if done else math.nan
        page.wait_for_timeout(10)
    return math.nan


def server_step(page, frame, net: Net) -> dict | None:
    """Click the map's next-event button; time the panel update and the end of the reply."""
    mark, before = len(net.frames), frame.evaluate(MAP_DATE)
    click = now()
    day = frame.evaluate(f"() => {{ document.querySelector('.atlas-next').click(); return ({MAP_DATE})(); }}")
    if day == before:
        return None  # past the last event
    shown = wait_panel(page, day, timeout=8_000)
    panel = now()
    reply_end = wait_finished(page, net, mark)
    page.wait_for_timeout(50)  # the session-status message that follows script_finished
    sent, received = net.since(mark, "sent"), net.since(mark, "recv")
    first_sent = sent[0][0] if sent else math.nan
    return {"date": day, "shown": shown, "click_to_panel_ms": (panel - click) * 1000,
            "click_to_reply_end_ms": (reply_end - click) * 1000, "sent_to_panel_ms": (panel - first_sent) * 1000,
            "sent_to_reply_end_ms": (reply_end - first_sent) * 1000, "messages_sent": len(sent),
            "bytes_sent": sum(f[2] for f in sent), "bytes_received": sum(f[2] for f in received)}


def measure_server_steps(browser, net: Net, server: AppServer) -> dict:
    """Zoom in twice, then up to SERVER_STEPS next-event steps; zoom and centre must survive.

    Stops early past the last event, after STEPS_BUDGET_S (once 5 steps are in), or after three
    steps whose date the panel never showed.
    """
    context, page = open_page(browser, net)
    load_map(page, f"{server.url}/?date=1644-01-01")
    wait_sidebar_added(page, 60_000)
    frame = map_frame(page)
    wait_panel(page, "1644-01-01")
    zoomed, steps = zoom_in_twice(frame), []
    deadline = now() + STEPS_BUDGET_S
    while (len(steps) < SERVER_STEPS and (len(steps) < 5 or now() < deadline)
           and sum(not step["shown"] for step in steps) < 3):
        server.check()
        step = server_step(page, frame, net)
        if step is None:
            break
        steps.append(step)
    after = view_of(frame)
    context.close()
    stopped = "" if len(steps) == SERVER_STEPS else ("time budget" if now() >= deadline else "last event or failures")
    return {"steps": steps, "stopped_early": stopped, "view_before": zoomed, "view_after": after,
            "zoom_kept": zoomed == after}


def screenshot(browser, net: Net, base: str, path: Path) -> dict:
    """The map page at 1945-08-28 with Iturup selected, saved as a PNG."""
    context, page = open_page(browser, net)
    load_map(page, f"{base}/?date=1945-08-28&island=iturup")
    frame = map_frame(page)
    shown = wait_panel(page, "1945-08-28")
    page.wait_for_timeout(800)
    page.screenshot(path=str(path))
    fill = frame.evaluate("() => window.KurilAtlas.current().layers.iturup._path.getAttribute('fill')")
    context.close()
    return {"path": str(path.relative_to(REPO)), "panel_shows_date": shown, "iturup_fill": fill}


def require_chromium() -> None:
    if not chromium_path():
        sys.exit("Chromium not found: install Debian's chromium (make browser) or set CHROMIUM")


def run(server: AppServer, started: float) -> dict:
    """Every measurement, in order: the first load must be the server's cold one."""
    net, results = Net(), {"load_before": os.getloadavg()[0], "server_start_s": server.wait_until_healthy()}

    def stage(name):
        server.check()
        print(f"[{now() - started:5.1f} s] {name} ...", flush=True)
    with sync_playwright() as playwright:
        require_chromium()
        browser = launch_chromium(playwright, BENCH_CHROMIUM_ARGS)
        try:
            stage("first map loads, taking turns with a bare Streamlit page")
            results["first_map"] = measure_first_map(browser, net, server.url)
            results["bare_floor_s"] = results["first_map"]["bare_s"]
            stage("browser step cost and play")
            context, page = open_page(browser, net)
            load_map(page, f"{server.url}/?date=1644-01-01")
            wait_sidebar_added(page, 60_000)
            frame = map_frame(page)
            results["step_cost"] = measure_step_cost(frame)
            results["play"] = measure_play(page, frame, net)
            context.close()
            stage("server steps")
            results["server_steps"] = measure_server_steps(browser, net, server)
            stage("dates picked through Streamlit")
            results["picks"] = measure_picks(browser, net, server.url)
            stage("dates picked through Streamlit on a page with only the map and the picker")
            results["floor_picks"] = measure_page_picks(browser, net, "floor_pick_page.py")
            stage("dates picked in the usual st_folium app, which builds a new map every rerun")
            results["usual_picks"] = measure_page_picks(browser, net, "usual_app.py", measure_usual_picks)
            stage("events chosen in the map's own list")
            results["list_picks"] = measure_list_picks(browser, net, server.url)
            stage("screenshot")
            results["screenshot"] = screenshot(browser, net, server.url, ARTIFACTS / "map-1945-08-28.png")
        finally:
            browser.close()
    results["blocked"], results["load_after"] = net.blocked, os.getloadavg()[0]
    return results


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` stops the server
    ARTIFACTS.mkdir(exist_ok=True)
    started, server = now(), AppServer()
    try:
        results = run(server, started)
    except Exception:
        print(f"server output ({server.log}):\n{server.output()}", file=sys.stderr)
        raise
    finally:
        server.stop()
    results["total_s"] = now() - started
    (ARTIFACTS / "bench-map.json").write_text(json.dumps(results, indent=1))
    report(results)
    print(f"\ntotal {results['total_s']:.0f} s; numbers in artifacts/bench-map.json")
    server.discard_log()
    return 1 if results["blocked"] else 0


if __name__ == "__main__":
    sys.exit(main())
