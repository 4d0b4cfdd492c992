"""Classroom mode in a real browser: the story on a projector, driven by the keyboard, and two
dates compared side by side with the maps moving together."""

from __future__ import annotations

import pytest
from browser_helpers import MAP_FRAME, wait_for, wait_until_map_still

pytestmark = pytest.mark.browser


def step_label(page) -> str:
    return page.get_by_text("Step ").first.inner_text()


def test_the_story_runs_by_keyboard_in_projector_layout(atlas_server, offline_page, artifacts):
    page = offline_page
    page.goto(f"{atlas_server.url}/Story")
    page.frame_locator(MAP_FRAME).locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
    page.get_by_text("Projector layout").click()
    wait_for(page, lambda: page.locator("section[data-testid=stSidebar]").is_hidden(), message="projector")
    page.get_by_text("Keys:").click()  # focus the page itself, not a widget
    page.keyboard.press("ArrowRight")
    wait_for(page, lambda: step_label(page).startswith("Step 2 of"), message="step 2 by arrow key")
    page.keyboard.press("Space")
    wait_for(page, lambda: step_label(page).startswith("Step 3 of"), message="step 3 by space")
    page.keyboard.press("ArrowLeft")
    wait_for(page, lambda: step_label(page).startswith("Step 2 of"), message="back to step 2")
    frame = page.frame_locator(MAP_FRAME)
    wait_for(page, lambda: frame.locator("#map_div").get_attribute("data-atlas-date") == "1855-02-07",
             message="the map at the step's date")
    assert frame.locator("#map_div.atlas-projector").count() == 1
    wait_until_map_still(page, frame)  # the map has flown to the step's islands
    page.screenshot(path=str(artifacts / "story-projector-step-2.png"))
    assert page.errors == []


def test_compared_maps_pan_and_zoom_together(atlas_server, offline_page):
    page = offline_page
    page.goto(f"{atlas_server.url}/Compare")
    frames = page.locator(MAP_FRAME)
    wait_for(page, lambda: frames.count() == 2, message="two maps")
    left, right = page.frame_locator(MAP_FRAME).first, page.frame_locator(MAP_FRAME).last
    for frame in (left, right):
        frame.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
    left.locator(".leaflet-control-zoom-in").click()
    left.locator(".leaflet-control-zoom-in").click()
    zoom = "() => [window.map.getZoom(), window.map.getCenter().lat.toFixed(4), window.map.getCenter().lng.toFixed(4)]"
    wait_for(page, lambda: right.locator("#map_div").evaluate(zoom) == left.locator("#map_div").evaluate(zoom),
             message="the right map to follow the left")
    assert left.locator("#map_div").get_attribute("data-atlas-date") == "1945-08-27"
    assert right.locator("#map_div").get_attribute("data-atlas-date") == "1945-09-05"
