"""The lesson player in the map, as a teacher presents with it: on the Story page ← and → step
the story in Present mode (the address, the headline and the page's narrative follow), a phone
has Back and Next on screen with the map, a date typed into the time control moves the map (a
bad one leaves it with a message), the event list and its caption name the same event, and the
map's keys leave a field alone; an exported lesson opened from a file presents the same way."""

from __future__ import annotations

import pytest
from browser_helpers import MAP_FRAME, open_export, shown_date, wait_for
from conftest import guarded_page, is_local_file

from bench.common import is_loopback
from geo.classroom.story import load_story
from geo.model.status import default_history
from geo.render.export import build_offline_html

pytestmark = pytest.mark.browser

STEPS = load_story(default_history())


def open_map(page, server, path: str):
    page.goto(f"{server.url}{path}")
    frame = page.frame_locator(MAP_FRAME).first
    frame.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
    return frame


def headline(frame) -> list[str]:
    return [frame.locator(".atlas-headline-date").inner_text(), frame.locator(".atlas-headline-title").inner_text()]


def test_present_mode_steps_the_story_and_everything_follows(atlas_server, browser, artifacts):
    with guarded_page(browser, is_loopback, viewport={"width": 1280, "height": 720}) as page:
        frame = open_map(page, atlas_server, "/Story?step=6")
        wait_for(page, lambda: frame.locator("#map_div").get_attribute("data-lesson-step") == "6", message="step 6")
        frame.locator(".atlas-present").click()
        frame.locator(".atlas-headline").wait_for()
        total = len(STEPS)
        assert headline(frame)[0].startswith(f"Step 6 of {total}")
        frame.locator("#map_div").press("ArrowRight")
        seventh = STEPS[6]
        wait_for(page, lambda: "step=7" in page.url, message="step 7 in the address")
        assert shown_date(frame) == seventh.date.isoformat()
        assert headline(frame)[0].startswith(f"Step 7 of {total}") and headline(frame)[1] == seventh.titles["en"]
        size = frame.locator(".atlas-headline-title").evaluate("node => parseFloat(getComputedStyle(node).fontSize)")
        assert size >= 24
        page.get_by_role("heading", name=seventh.titles["en"]).wait_for()  # the page's narrative follows
        page.screenshot(path=str(artifacts / "screens" / "present-story-step-7-en.png"))
        frame.locator("#map_div").press("ArrowLeft")
        wait_for(page, lambda: "step=6" in page.url, message="back to step 6")
        assert shown_date(frame) == STEPS[5].date.isoformat() and headline(frame)[1] == STEPS[5].titles["en"]
        assert page.errors == []


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_phone_has_back_and_next_on_screen_with_the_map(atlas_server, browser, artifacts, lang):
    with guarded_page(browser, is_loopback, viewport={"width": 390, "height": 844}, has_touch=True,
                      is_mobile=True) as page:
        frame = open_map(page, atlas_server, f"/Story?lang={lang}")
        bar = frame.locator(".atlas-lesson-bar")
        bar.wait_for()
        for box in (bar.bounding_box(), page.locator(MAP_FRAME).first.bounding_box()):
            assert box["y"] >= 0 and box["y"] + min(box["height"], 300) <= 844
        page.screenshot(path=str(artifacts / "screens" / f"story-phone-bar-{lang}.png"))
        frame.locator(".atlas-lesson-next").tap()
        wait_for(page, lambda: "step=2" in page.url, message="step 2 by the map's Next")
        assert shown_date(frame) == STEPS[1].date.isoformat()
        assert page.errors == []


def test_a_typed_date_moves_the_map_and_a_bad_one_says_why(atlas_server, browser, artifacts):
    with guarded_page(browser, is_loopback, viewport={"width": 1366, "height": 768}) as page:
        frame = open_map(page, atlas_server, "/?date=1945-09-01")
        field = frame.locator(".atlas-date-field")
        field.fill("1945-08-28")
        field.press("Enter")
        wait_for(page, lambda: shown_date(frame) == "1945-08-28", message="the typed date")
        assert frame.locator(".atlas-date").inner_text() == "1945-08-28"
        wait_for(page, lambda: "date=1945-08-28" in page.url, message="the server to hear of it")
        field.fill("1945-02-30")
        field.press("Enter")
        problem = frame.locator(".atlas-date-problem")
        assert problem.inner_text() == f"Type a date as YYYY-MM-DD, from 1644-01-01 to {default_history().today}."
        assert field.get_attribute("aria-invalid") == "true" and shown_date(frame) == "1945-08-28"
        page.screenshot(path=str(artifacts / "screens" / "date-field-bad-en.png"))
        # Typing "f" in the field is typing, not Present mode.
        field.fill("")
        field.type("f")
        assert frame.locator(".atlas-headline").is_visible() is False and field.input_value() == "f"
        assert page.errors == []


def test_on_a_day_of_two_events_the_list_shows_the_one_the_caption_names(atlas_server, browser):
    with guarded_page(browser, is_loopback, viewport={"width": 1366, "height": 768}) as page:
        frame = open_map(page, atlas_server, "/?date=1945-09-01")
        chosen = frame.locator(".atlas-events").evaluate("select => select.selectedOptions[0].textContent")
        assert frame.locator(".atlas-caption").inner_text() == chosen
        # Another event of that day chosen from the list stays chosen; the caption still names the
        # event that set the state shown.
        other = frame.locator(".atlas-events option").filter(has_text="1945-09-01").all_inner_texts()
        assert len(other) >= 2
        second = next(text for text in other if text != chosen)
        frame.locator(".atlas-events").select_option(label=second)
        wait_for(page, lambda: frame.locator(".atlas-events").evaluate("s => s.selectedOptions[0].textContent") == second,
                 message="the chosen event")
        assert frame.locator(".atlas-caption").inner_text() == chosen
        assert page.errors == []


def test_an_exported_lesson_presents_the_same_from_a_file(browser, tmp_path, artifacts):
    history = default_history()
    steps = STEPS[:3]
    path = tmp_path / "lesson.html"
    path.write_text(build_offline_html("ja", lesson=steps, history=history), encoding="utf-8")
    with guarded_page(browser, is_local_file, viewport={"width": 1280, "height": 720}) as page:
        open_export(page, path)
        page.locator(".atlas-present").click()
        page.locator(".atlas-headline").wait_for()
        assert page.locator(".atlas-headline-date").inner_text().startswith("ステップ 1/3")
        page.locator("#map").press("ArrowRight")
        wait_for(page, lambda: page.locator("#map").get_attribute("data-lesson-step") == "2", message="step 2")
        assert page.locator("#map").get_attribute("data-atlas-date") == steps[1].date.isoformat()
        assert page.locator(".atlas-headline-date").inner_text().startswith("ステップ 2/3")
        assert page.locator(".atlas-headline-title").inner_text() == steps[1].titles["ja"]
        page.screenshot(path=str(artifacts / "screens" / "export-present-step-2-ja.png"))
        assert page.errors == [] and page.context.blocked == []
