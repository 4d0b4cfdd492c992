"""Small helpers shared by the browser tests."""

from __future__ import annotations

from bench.common import MAP_FRAME, open_sidebar, wait_sidebar_added
from bench.play import PageWire

__all__ = ["MAP_FRAME", "PageWire", "map_js", "open_atlas", "open_sidebar", "view_of", "zoom_in_once", "shown_date", "step_slider_until", "wait_for",
           "wait_until_map_still", "wait_until_run_finished"]


def wait_for(page, condition, timeout_ms: int = 20_000, message: str = "condition", interval_ms: int = 50) -> None:
    """Poll ``condition`` every ``interval_ms`` until it holds, for at most ``timeout_ms``."""
    for _ in range(max(1, timeout_ms // interval_ms)):
        if condition():
            return
        # The poll's interval. Not time.sleep: Playwright delivers the page's events (and
        # page.url changes) only while it waits itself.
        page.wait_for_timeout(interval_ms)
    raise AssertionError(f"timed out waiting for {message}")


def open_atlas(page, server, query: str = ""):
    """Open the map page and wait until the map has drawn its islands and the page has added its
    sidebar (which it does once the map has drawn: ui.map.map_has_drawn); the map's frame."""
    page.goto(f"{server.url}/{query}")
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
    wait_sidebar_added(page)
    return frame


def map_js(frame, script: str):
    """The value of the JavaScript expression ``script`` inside the atlas map's frame."""
    return frame.locator("#map_div").evaluate(f"() => {script}")


def shown_date(frame) -> str:
    """The date the map in ``frame`` has drawn."""
    return frame.locator("#map_div").get_attribute("data-atlas-date")


def step_slider_until(slider, done, presses: int) -> None:
    """Press the right arrow on ``slider`` until ``done()`` holds, at most ``presses`` times."""
    slider.focus()
    for _ in range(presses):
        if done():
            return
        slider.press("ArrowRight")


VIEW_AND_MOTION = """[window.map.getZoom(), window.map.getCenter().lat, window.map.getCenter().lng,
    !!window.map._animatingZoom || !!(window.map._panAnim && window.map._panAnim._inProgress)]"""


def wait_until_map_still(page, frame, timeout_ms: int = 15_000) -> None:
    """Wait until the map in ``frame`` has stopped moving: no zoom or pan animation, and the same
    view on two reads 100 ms apart (Leaflet keeps no flag for a flight in progress)."""
    last = []

    def still() -> bool:
        view = map_js(frame, VIEW_AND_MOTION)
        settled = last == [view] and not view[3]
        last[:] = [view]
        return settled
    wait_for(page, still, timeout_ms, "the map to stop moving", interval_ms=100)


def wait_until_run_finished(page, wire: PageWire, timeout_ms: int = 30_000) -> None:
    """Wait until the page's script runs are done: at least one has finished, none it asked for
    is still going (``wire`` watches the page's websocket), and no element is left stale."""
    wait_for(page, lambda: wire.runs > 0 and not wire.rerun_pending
             and page.locator('[data-stale="true"]').count() == 0, timeout_ms, "the page's run to finish")


def open_export(page, path, fragment: str = "") -> None:
    """Open the exported atlas at ``path`` and wait until its map has drawn the islands."""
    page.goto(path.as_uri() + fragment)
    page.locator("#map[data-atlas-ready]").wait_for(timeout=20_000)


def export_fill(page, island: str) -> str:
    """The fill colour the exported atlas in ``page`` draws ``island`` with."""
    return page.evaluate(f"KurilAtlas.current().layers[{island!r}]._path.getAttribute('fill')")


def view_of(frame) -> list:
    """The map's zoom and centre (to 5 decimals) in ``frame``."""
    return map_js(frame, "[window.map.getZoom(), window.map.getCenter().lat.toFixed(5), window.map.getCenter().lng.toFixed(5)]")


def zoom_in_once(page, frame) -> list:
    """Zoom the map in ``frame`` in by one step with its + button, as a reader would, and wait
    until it has stopped moving; its view then (a view of the reader's own)."""
    zoom = view_of(frame)[0]
    frame.locator(".leaflet-control-zoom-in").click()
    wait_for(page, lambda: view_of(frame)[0] > zoom, message="the map to zoom in")
    wait_until_map_still(page, frame)
    return view_of(frame)
