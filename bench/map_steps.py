"""``make bench``'s step rows: one Play frame's cost inside the map's frame, Play at the top speed,
the map's next-event steps through the server (zoom and centre must survive them), and the
screenshot."""

from __future__ import annotations

import math
from pathlib import Path

from bench.appserver import AppServer
from bench.common import REPO, now, view_of, wait_for, wait_sidebar_added, wait_until_map_still
from bench.map_page import MAP_DATE, Net, load_map, map_frame, open_page, wait_panel

STEP_FRAMES, PLAY_SECONDS, SERVER_STEPS = 200, 3.0, 30
WAIT_FINISHED_S = 10  # how long to wait for a rerun's script_finished message
STEPS_BUDGET_S = 45  # on a busy machine, stop the server steps after 5 once past this budget
# What must not be sent after a pause (a second report) has no moment to wait for: the pause is
# watched for this long once the panel shows its date.
AFTER_PAUSE_WATCH_MS = 1000


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
    # A measurement window, not a wait for something: Play's rate is the frames drawn in it.
    page.wait_for_timeout(PLAY_SECONDS * 1000)
    end = frame.evaluate("""() => { const a = window.KurilAtlas.current(), t = performance.now(), date = a.state.date;
        a.pause(true); return {t, date, index: a.data.frames.indexOf(date)}; }""")
    sent_during = len(net.since(mark, "sent"))
    mark = len(net.frames)
    follows = wait_panel(page, end["date"])
    page.wait_for_timeout(AFTER_PAUSE_WATCH_MS)  # a watch window (see AFTER_PAUSE_WATCH_MS)
    seconds = (end["t"] - start["t"]) / 1000
    return {"speed": start["speed"], "frames": end["index"], "seconds": seconds, "fps": end["index"] / seconds,
            "ws_sent_during_play": sent_during, "ws_sent_after_pause": len(net.since(mark, "sent")),
            "panel_follows_pause": follows, "map_date_after_pause": frame.evaluate(MAP_DATE),
            "paused_at": end["date"]}


def zoom_in_twice(frame) -> dict:
    """Click Leaflet's zoom-in button until two levels in; the view once the map is still.

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
    wait_until_map_still(frame.page, frame)
    return view_of(frame)


def wait_finished(page, net: Net, mark: int) -> float:
    """Wait (bounded) for the rerun's script_finished message after ``mark`` and the session-status
    message that follows it; the time script_finished came (NaN when it never did)."""
    def first(kind: str, after: int) -> int | None:
        return next((i for i in range(after, len(net.frames)) if net.frames[i][1] == "recv"
                     and net.frames[i][3] == kind), None)
    try:
        wait_for(page, lambda: first("script_finished", mark) is not None, WAIT_FINISHED_S * 1000,
                 "script_finished", interval_ms=10)
        wait_for(page, lambda: first("session_status_changed", first("script_finished", mark)) is not None,
                 WAIT_FINISHED_S * 1000, "the session status after script_finished", interval_ms=10)
    except AssertionError:
        pass  # counted as it is: a reply that never ended is NaN
    finished = first("script_finished", mark)
    return net.frames[finished][0] if finished is not None else math.nan


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
    """The map page at 1945-08-28 with Iturup selected, once the map is still, saved as a PNG."""
    context, page = open_page(browser, net)
    load_map(page, f"{base}/?date=1945-08-28&island=iturup")
    frame = map_frame(page)
    shown = wait_panel(page, "1945-08-28")
    wait_sidebar_added(page, 60_000)
    wait_until_map_still(page, frame)
    page.screenshot(path=str(path))
    fill = frame.evaluate("() => window.KurilAtlas.current().layers.iturup._path.getAttribute('fill')")
    context.close()
    return {"path": str(path.relative_to(REPO)), "panel_shows_date": shown, "iturup_fill": fill}
