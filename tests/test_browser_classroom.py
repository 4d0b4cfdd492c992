"""Classroom mode in a real browser: the story driven by the keyboard, a step opened from a
link, and two dates compared side by side (the maps moving together) or on one map with a
divider moved by mouse, touch and keyboard."""

from __future__ import annotations

import re

import pytest
from browser_helpers import MAP_FRAME, shown_date, wait_for, wait_until_map_still
from conftest import guarded_page

from bench.common import is_loopback
from geo.model.status import default_history
from geo.classroom.story import load_story

pytestmark = pytest.mark.browser

STEPS = load_story(default_history())

def step_label(page) -> str:
    return page.get_by_text(re.compile(r"Step \d+ of \d+")).first.inner_text()


def test_the_story_runs_by_keyboard(atlas_server, offline_page, artifacts):
    page = offline_page
    page.goto(f"{atlas_server.url}/Story")
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
    page.keyboard.press("ArrowRight")
    wait_for(page, lambda: "Step 2 of" in step_label(page), message="step 2 by arrow key")
    page.keyboard.press("ArrowRight")
    wait_for(page, lambda: "Step 3 of" in step_label(page), message="step 3")
    page.keyboard.press("ArrowLeft")
    wait_for(page, lambda: "Step 2 of" in step_label(page), message="back to step 2")
    wait_for(page, lambda: shown_date(frame) == STEPS[1].date.isoformat(), message="the map at the step's date")
    wait_for(page, lambda: "step=2" in page.url, message="the step in the address")
    # The keys are the map's (the page's own Back and Next take no key, so a step is never taken twice).
    assert page.locator("[data-testid=stMain] button kbd").count() == 0
    assert frame.locator(".atlas-lesson-bar").inner_text().split("\n")[0] == "← Back"
    wait_until_map_still(page, frame)  # the map has flown to the step's islands
    page.screenshot(path=str(artifacts / "story-step-2.png"))
    assert page.errors == []


def test_a_link_opens_the_story_at_its_step(atlas_server, offline_page):
    page = offline_page
    page.goto(f"{atlas_server.url}/Story?step=9")
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
    wait_for(page, lambda: f"Step 9 of {len(STEPS)}" in step_label(page), message="step 9")
    wait_for(page, lambda: shown_date(frame) == STEPS[8].date.isoformat(), message="step 9's date")
    page.get_by_role("button", name="Next").click()
    wait_for(page, lambda: "step=10" in page.url, message="step 10 in the address")


def test_a_bad_step_in_the_link_warns_and_starts_at_step_one(atlas_server, offline_page):
    page = offline_page
    page.goto(f"{atlas_server.url}/Story?step=99")
    wait_for(page, lambda: page.get_by_text("is not a number from 1 to").count() == 1, message="a warning")
    assert f"Step 1 of {len(STEPS)}" in step_label(page)


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


def divider(frame) -> int:
    return int(frame.locator("#map_div").get_attribute("data-atlas-swipe"))


def test_the_swipe_divider_moves_by_mouse_touch_and_keyboard(atlas_server, browser, artifacts):

    with guarded_page(browser, is_loopback, viewport={"width": 1280, "height": 720}, has_touch=True) as page:
        page.goto(f"{atlas_server.url}/Compare")
        page.frame_locator(MAP_FRAME).first.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
        page.locator("[data-testid=stRadio]").get_by_text("Swipe", exact=True).click()
        wait_for(page, lambda: page.locator(MAP_FRAME).count() == 1, message="one map")
        frame = page.frame_locator(MAP_FRAME).first
        frame.locator("#map_div[data-atlas-swipe]").wait_for(timeout=30_000)
        assert divider(frame) == 500
        assert frame.locator(".atlas-swipe-left").inner_text() == "← 1945-08-27"
        assert frame.locator(".atlas-swipe-right").inner_text() == "1945-09-05 →"

        box = page.locator(MAP_FRAME).bounding_box()
        thumb_x, thumb_y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(thumb_x, thumb_y)
        page.mouse.down()
        page.mouse.move(thumb_x - box["width"] / 4, thumb_y, steps=8)
        page.mouse.up()
        wait_for(page, lambda: 200 <= divider(frame) <= 300, message="the mouse to drag the divider left")

        by_mouse = divider(frame)
        frame.locator(".atlas-swipe-range").focus()
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        wait_for(page, lambda: divider(frame) == by_mouse + 50, message="arrow keys to move it")

        start = box["x"] + box["width"] * (24 + (box["width"] - 48) * divider(frame) / 1000) / box["width"]
        touch = page.context.new_cdp_session(page)
        points = [start + step * box["width"] / 40 for step in range(11)]
        touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": points[0], "y": thumb_y}]})
        for x in points[1:]:
            touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": thumb_y}]})
        touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        wait_for(page, lambda: divider(frame) >= by_mouse + 50 + 200, message="a finger to drag it right")
        page.screenshot(path=str(artifacts / "compare-swipe-1280x720-en.png"))
        assert page.errors == []
