"""Every island in sight: on Map, Story, Compare and Quiz, at every size from a 320 px phone and a
window zoomed to 200 % to a 1920 px projector, no island lies under one of the map's own controls (time control, lesson
control, legend, perspective switch, zoom, layers) or outside the map, and in Present mode the
headline covers no control. An island counts as hidden where the centre of its outline (Leaflet's
``getCenter``) is under a control's box or outside the map's. Each page is opened once per kind of
screen (mouse, touch) and resized through its sizes, as a window is; each case is saved as a
screenshot in artifacts/screens/fit-*.png. Where the map has flown to a story step's islands,
those are the islands it must show."""

from __future__ import annotations

import pytest
from browser_helpers import MAP_FRAME, wait_for, wait_until_map_still
from conftest import guarded_page

from bench.common import is_loopback
from geo.classroom.quiz import make_quiz
from geo.model.status import default_history
from geo.model.timeline import build_timeline

pytestmark = pytest.mark.browser

DESKTOP = [(1280, 720), (1366, 768), (1920, 1080), (1024, 768), (640, 360)]  # 640 x 360: 1280 x 720 zoomed to 200 %
TOUCH = [(768, 1024), (390, 844), (360, 800), (320, 640)]  # 320 px: WCAG 1.4.10's reflow width
PRESENT = [*DESKTOP[:4], (390, 844)]  # Present mode on a projector, and on a phone
# The controls a reader uses; the attribution line is small print, not a control.
CONTROLS = ".leaflet-control:not(.leaflet-control-attribution), .atlas-headline"

# Inside a map's frame: every island whose outline's centre is under a control or off the map.
HIDDEN_ISLANDS = """() => {
  const atlas = KurilAtlas.current(), map = atlas.map, box = map.getContainer().getBoundingClientRect();
  const controls = [...map.getContainer().querySelectorAll(%r)]
    .filter(node => node.getClientRects().length && getComputedStyle(node).visibility !== 'hidden')
    .map(node => { const r = node.getBoundingClientRect();
                   return {name: node.className, left: r.left - box.left, top: r.top - box.top,
                           right: r.right - box.left, bottom: r.bottom - box.top}; })
    .filter(c => c.right > c.left && c.bottom > c.top);
  const hidden = [];
  for (const id of atlas.shownIslands()) {
    const p = map.latLngToContainerPoint(atlas.layers[id].getCenter());
    if (p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height) { hidden.push(id + ': outside the map'); continue; }
    const under = controls.find(c => p.x >= c.left && p.x <= c.right && p.y >= c.top && p.y <= c.bottom);
    if (under) hidden.push(id + ': under ' + under.name);
  }
  return hidden;
}""" % CONTROLS

# Inside a map's frame: the controls that Present mode's headline overlaps.
UNDER_HEADLINE = """() => {
  const headline = document.querySelector('.atlas-headline').getBoundingClientRect();
  return [...document.querySelectorAll('.leaflet-control:not(.leaflet-control-attribution)')]
    .filter(node => node.getClientRects().length)
    .map(node => [node.className, node.getBoundingClientRect()])
    .filter(([, r]) => r.width && r.height && r.left < headline.right && headline.left < r.right
                       && r.top < headline.bottom && headline.top < r.bottom)
    .map(([name]) => name);
}"""


def quiz_seed_with_a_map_question() -> int:
    """A seed whose quiz opens on a question answered on the map."""
    history = default_history()
    timeline = build_timeline(history)
    return next(seed for seed in range(500) if make_quiz(history, timeline, seed)[0].kind == "changed_island")


def pages() -> dict[str, str]:
    return {"map": "/?date=1945-09-01", "story": "/Story", "compare": "/Compare",
            "quiz": f"/Quiz?seed={quiz_seed_with_a_map_question()}"}


def map_frames(page):
    return [page.frame_locator(MAP_FRAME).nth(index) for index in range(page.locator(MAP_FRAME).count())]


def settled_at(page, width: int, height: int) -> None:
    """Resize the window and wait until every map has followed it and stopped moving."""
    page.set_viewport_size({"width": width, "height": height})
    wait_for(page, lambda: page.evaluate("[innerWidth, innerHeight]") == [width, height], message="the resize")
    for frame in map_frames(page):
        wait_until_map_still(page, frame)


def hidden_islands(page) -> list[str]:
    """The islands hidden on each map of the page, named with the map's number."""
    return [f"map {index + 1}: {name}" for index, frame in enumerate(map_frames(page))
            for name in frame.locator("#map_div").evaluate(HIDDEN_ISLANDS)]


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "touch"])
@pytest.mark.parametrize("name", ["map", "story", "compare", "quiz"])
def test_no_island_is_under_a_control_or_off_the_map(atlas_server, browser, artifacts, name, touch):
    sizes, lang = (TOUCH, "ja") if touch else (DESKTOP, "en")
    path = pages()[name]
    first = sizes[0]
    folder = artifacts / "screens"
    folder.mkdir(exist_ok=True)
    with guarded_page(browser, is_loopback, viewport={"width": first[0], "height": first[1]},
                      has_touch=touch, is_mobile=touch) as page:
        page.goto(f"{atlas_server.url}{path}{'&' if '?' in path else '?'}lang={lang}")
        page.frame_locator(MAP_FRAME).first.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
        for frame in map_frames(page):
            frame.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
        found = {}
        for width, height in sizes:
            settled_at(page, width, height)
            page.screenshot(path=str(folder / f"fit-{name}-{width}x{height}-{lang}.png"))
            found[f"{width}x{height}"] = hidden_islands(page)
        assert found == {f"{w}x{h}": [] for w, h in sizes}
        assert page.errors == []


@pytest.mark.parametrize("name", ["map", "story"])
def test_present_modes_headline_covers_no_control_and_no_island(atlas_server, browser, artifacts, name):
    path = pages()[name]
    with guarded_page(browser, is_loopback, viewport={"width": 1280, "height": 720}) as page:
        page.goto(f"{atlas_server.url}{path}")
        frame = page.frame_locator(MAP_FRAME).first
        frame.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
        found = {}
        for width, height in PRESENT:
            settled_at(page, width, height)
            frame.locator(".atlas-present").click()
            frame.locator(".atlas-headline").wait_for()
            wait_until_map_still(page, frame)
            page.screenshot(path=str(artifacts / "screens" / f"fit-present-{name}-{width}x{height}-en.png"))
            found[f"{width}x{height}"] = (frame.locator("#map_div").evaluate(UNDER_HEADLINE), hidden_islands(page))
            frame.locator(".atlas-present").click()
            wait_for(page, lambda: not frame.locator(".atlas-headline").is_visible(), message="Present mode to end")
        assert found == {f"{w}x{h}": ([], []) for w, h in PRESENT}
        assert page.errors == []
