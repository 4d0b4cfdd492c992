"""What the benchmarks and the tests share: the repository's folders, the loopback addresses
they may reach, where Chromium is and how every headless run of it here starts, the map's frame
on the page and how to read and wait for it, the clock, and the percentile the tables print."""

from __future__ import annotations

import math
import os
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "artifacts"  # screenshots, logs and numbers, for a reviewer to look at

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})  # the only hosts a run may reach
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# The map's frame, by the component's address (its title is the map's own, set by the map: atlas-frame.js).
MAP_FRAME = 'iframe[src*="/component/streamlit_folium.st_folium/"]'
# The map page's sidebar, its last part: the page adds it once the map has drawn (ui.map.map_has_drawn).
SIDEBAR_ADDED = '[data-testid="stSidebar"] [data-testid="stFileUploader"]'


def now() -> float:
    """The clock every benchmark times with, in seconds."""
    return time.perf_counter()


def is_loopback(url: str) -> bool:
    """Whether ``url`` stays on this machine: a loopback host, or a ``data:``/``blob:``/``about:`` address."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOOPBACK


def chromium_path() -> str | None:
    """Debian's Chromium, or the one ``CHROMIUM`` names; None when there is none."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def launch_chromium(playwright, extra_args: tuple[str, ...] | list[str] = ()):
    """A headless Chromium (``chromium_path()``) started with CHROMIUM_ARGS and ``extra_args``."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=[*CHROMIUM_ARGS, *extra_args])


def percentile(values, share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1); NaN for no values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else math.nan


def wait_sidebar_added(page, timeout_ms: float = 30_000) -> None:
    """Wait until the map page has added its sidebar, which it does once the map has drawn: the
    map's "drawn" report and the page's run that answers it are then over."""
    page.locator(SIDEBAR_ADDED).wait_for(state="attached", timeout=timeout_ms)


def open_sidebar(page) -> None:
    """Open the page's sidebar (it starts closed, so that the map has the window) and wait
    until it shows."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.wait_for(state="attached", timeout=30_000)
    if sidebar.get_attribute("data-collapsed") != "false":
        page.locator('[data-testid="stExpandSidebarButton"]').click()
    page.wait_for_function("() => document.querySelector('[data-testid=stSidebar]')?.dataset.collapsed === 'false'",
                           timeout=10_000)


def wait_for(page, condition, timeout_ms: int = 20_000, message: str = "condition", interval_ms: int = 50) -> None:
    """Poll ``condition`` every ``interval_ms`` until it holds, for at most ``timeout_ms``;
    an AssertionError naming ``message`` when it never does."""
    for _ in range(max(1, timeout_ms // interval_ms)):
        if condition():
            return
        # The poll's interval. Not time.sleep: Playwright delivers the page's events (and
        # page.url changes) only while it waits itself.
        page.wait_for_timeout(interval_ms)
    raise AssertionError(f"timed out waiting for {message}")


def map_js(frame, script: str):
    """The value of the JavaScript expression ``script`` inside the atlas map's frame (a
    Playwright frame or frame locator)."""
    return frame.locator("#map_div").evaluate(f"() => {script}")


def view_of(frame) -> dict:
    """The map's zoom and centre in ``frame``, the centre to 5 decimals (about a metre): two maps
    that show the same place compare equal, though Leaflet's arithmetic may differ in the last digits."""
    return map_js(frame, "({zoom: window.map.getZoom(), lat: +window.map.getCenter().lat.toFixed(5),"
                         " lng: +window.map.getCenter().lng.toFixed(5)})")


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
