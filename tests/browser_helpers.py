"""Small helpers shared by the browser tests."""

from __future__ import annotations

from bench.common import MAP_FRAME, map_js, open_sidebar, view_of, wait_for, wait_sidebar_added, wait_until_map_still
from bench.play import PageWire

__all__ = ["MAP_FRAME", "PageWire", "map_js", "open_atlas", "open_sidebar", "view_of", "zoom_in_once", "shown_date", "step_slider_until", "wait_for",
           "wait_until_map_still", "wait_until_run_finished"]


def open_atlas(page, server, query: str = ""):
    """Open the map page and wait until the map has drawn its islands and the page has added its
    sidebar (which it does once the map has drawn: ui.map.map_has_drawn); the map's frame."""
    page.goto(f"{server.url}/{query}")
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
    wait_sidebar_added(page)
    return frame


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


def zoom_in_once(page, frame) -> dict:
    """Zoom the map in ``frame`` in by one step with its + button, as a reader would, and wait
    until it has stopped moving; its view then (a view of the reader's own)."""
    zoom = view_of(frame)["zoom"]
    frame.locator(".leaflet-control-zoom-in").click()
    wait_for(page, lambda: view_of(frame)["zoom"] > zoom, message="the map to zoom in")
    wait_until_map_still(page, frame)
    return view_of(frame)
