"""Small helpers shared by the browser tests."""

from __future__ import annotations

from bench.common import MAP_FRAME


def wait_for(page, condition, timeout_ms: int = 20_000, message: str = "condition") -> None:
    """Poll ``condition`` while letting Playwright deliver the page's events (a plain sleep
    would hold them back, and page.url would never change)."""
    for _ in range(timeout_ms // 50):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"timed out waiting for {message}")


def open_atlas(page, server, query: str = ""):
    """Open the map page and wait until the map has drawn its islands; the map's frame."""
    page.goto(f"{server.url}/{query}")
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
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


def open_export(page, path, fragment: str = "") -> None:
    """Open the exported atlas at ``path`` and wait until its map has drawn the islands."""
    page.goto(path.as_uri() + fragment)
    page.locator("#map[data-atlas-ready]").wait_for(timeout=20_000)


def export_fill(page, island: str) -> str:
    """The fill colour the exported atlas in ``page`` draws ``island`` with."""
    return page.evaluate(f"KurilAtlas.current().layers[{island!r}]._path.getAttribute('fill')")
