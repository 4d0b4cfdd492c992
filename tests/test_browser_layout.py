"""The map first, on the screens schools use: on every page with a map and at every size from a
360 px phone to a 1920 px projector, the map fills most of the window, its time control is on
screen without scrolling, nothing scrolls sideways, and on phones every control is big enough
for a finger. Each page and size is saved as a screenshot in artifacts/screens/ for review."""

from __future__ import annotations

import pytest
from browser_helpers import MAP_FRAME, wait_for
from conftest import guarded_page

from bench.common import is_loopback

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1366, 768), (1920, 1080), (1024, 768), (768, 1024), (390, 844), (360, 800)]
PAGES = {"map": "/?date=1945-09-01", "story": "/Story", "compare": "/Compare"}
# Screenshots in the other two languages at a projector, a laptop and a phone size.
LANGUAGES = {(1280, 720): "ja", (1366, 768): "ru", (390, 844): "ja"}
PHONE_WIDTH = 800  # below this the screen is taken for a phone or a tablet held upright


def min_map_share(page: str, width: int, height: int) -> float:
    if page == "story" and (width, height) == (1280, 720):
        return 0.55
    return 0.60 if width >= 1024 else 0.50


def visible_map_share(page) -> float:
    """The part of the window covered by the maps' frames, as a share of the window."""
    return page.evaluate("""() => {
      let covered = 0;
      for (const frame of document.querySelectorAll('%s')) {
        const r = frame.getBoundingClientRect();
        const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
        const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
        covered += w * h;
      }
      return covered / (innerWidth * innerHeight);
    }""" % MAP_FRAME)


def boxes_off_screen(page, selectors: list[str]) -> list[str]:
    """Those of ``selectors`` (in the first map's frame) not wholly inside the window (boxes of
    elements in a frame are given in the window's coordinates)."""
    viewport = page.viewport_size
    frame = page.frame_locator(MAP_FRAME).first
    outside = []
    for selector in selectors:
        box = frame.locator(selector).bounding_box()
        if box is None:
            outside.append(f"{selector}: not shown")
            continue
        left, top = box["x"], box["y"]
        if left < 0 or top < 0 or left + box["width"] > viewport["width"] + 0.5 \
                or top + box["height"] > viewport["height"] + 0.5:
            outside.append(f"{selector}: {left:.0f},{top:.0f} {box['width']:.0f}x{box['height']:.0f}")
    return outside


# Whether the page itself (not a column of it) is taller than the window.
PAGE_SCROLLS = """() => [document.scrollingElement, document.querySelector('[data-testid=stMain]')]
  .some(node => node && node.scrollHeight > node.clientHeight + 1)"""
# A radio button or checkbox is hit through its label, so the label is what is measured.
SMALL_CONTROLS = """(root) => [...root.querySelectorAll(SELECTOR)]
  .map(node => node.matches('input[type=radio], input[type=checkbox]') ? node.closest('label') || node : node)
  .filter(node => { const r = node.getBoundingClientRect(); return r.width > 0 && r.height > 0
                    && getComputedStyle(node).visibility !== 'hidden'; })
  .map(node => { const r = node.getBoundingClientRect();
                 return [node.tagName + '.' + (node.className.baseVal ?? node.className) + ' '
                         + (node.getAttribute('aria-label') || node.textContent.trim().slice(0, 30)),
                         Math.round(r.width), Math.round(r.height)]; })
  .filter(([, w, h]) => w < 44 || h < 44)"""
MAP_CONTROLS = "button, select, input, summary, a.leaflet-control-zoom-in, a.leaflet-control-zoom-out, a.leaflet-control-layers-toggle"
PAGE_CONTROLS = "[data-testid=stMain] button, header button, [data-testid=stMain] input, [data-baseweb=select] > div"


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_map_fills_the_screen_with_its_controls_on_it(atlas_server, browser, artifacts, name, width, height):
    lang = LANGUAGES.get((width, height), "en")
    separator = "&" if "?" in PAGES[name] else "?"
    with guarded_page(browser, is_loopback, viewport={"width": width, "height": height},
                      has_touch=width < PHONE_WIDTH, is_mobile=width < PHONE_WIDTH) as page:
        page.goto(f"{atlas_server.url}{PAGES[name]}{separator}lang={lang}")
        for index in range(page.locator(MAP_FRAME).count() or 1):
            page.frame_locator(MAP_FRAME).nth(index).locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
        wait_for(page, lambda: page.evaluate("document.fonts.status") == "loaded", message="fonts")
        folder = artifacts / "screens"
        folder.mkdir(exist_ok=True)
        page.screenshot(path=str(folder / f"{name}-{width}x{height}-{lang}.png"))

        share = visible_map_share(page)
        assert share >= min_map_share(name, width, height), f"the map covers {share:.0%} of the window"
        assert boxes_off_screen(page, [".atlas-slider", ".atlas-play", ".atlas-date"]) == []
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), "the page scrolls sideways"
        if name in ("map", "story") and width >= 1024:  # one screen: only the side column scrolls
            assert page.evaluate(PAGE_SCROLLS) is False, "the page scrolls"
        if width < PHONE_WIDTH:
            small = page.frame_locator(MAP_FRAME).first.locator("body").evaluate(
                SMALL_CONTROLS.replace("SELECTOR", repr(MAP_CONTROLS)))
            small += page.locator("body").evaluate(SMALL_CONTROLS.replace("SELECTOR", repr(PAGE_CONTROLS)))
            assert small == [], "controls smaller than 44 x 44 px"
        assert page.errors == []


# Streamlit's icons are letters drawn by its icon font as one glyph each: an icon the cut font
# (ui/iconfont.py) had lost would show as its name, many times wider than it is tall.
ICONS_AS_WORDS = """() => [...document.querySelectorAll('[data-testid=stIconMaterial]')]
  .filter(icon => icon.getBoundingClientRect().width > 0)
  .filter(icon => { const text = document.createRange(); text.selectNodeContents(icon);
                    return text.getBoundingClientRect().width > 1.5 * parseFloat(getComputedStyle(icon).fontSize); })
  .map(icon => icon.textContent)"""


@pytest.mark.parametrize("path", ["/", "/Lesson", "/Story"])
def test_streamlits_icons_are_drawn_as_icons_not_as_their_names(atlas_server, browser, path):
    with guarded_page(browser, is_loopback, viewport={"width": 1366, "height": 768}) as page:
        page.goto(f"{atlas_server.url}{path}")
        wait_for(page, lambda: page.locator("[data-testid=stIconMaterial]").count() >= 2, message="two icons")
        wait_for(page, lambda: page.evaluate("document.fonts.status") == "loaded", message="fonts")
        assert page.evaluate(ICONS_AS_WORDS) == []
