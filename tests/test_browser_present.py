"""Present mode and the map for those who cannot see its colours, in Chromium: the map fills the
screen with type a class can read from the back, the keys work, Esc leaves; a live region says
what changed in words and a table gives every island's status; the same in the offline export."""

from __future__ import annotations

import pytest
from browser_helpers import MAP_FRAME, map_js, open_atlas, open_export, shown_date, wait_for
from conftest import guarded_page, is_local_file

from bench.common import is_loopback

from geo.render.export import build_offline_html
from geo.model.islands import load_islands
from geo.model.records import event_text
from geo.model.status import default_history, setting_event, status_at

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
HISTORY = default_history()
NAMES = load_islands(simplified=True)["name_en"]


def font_px(frame, selector: str) -> float:
    return float(frame.locator(selector).evaluate("node => getComputedStyle(node).fontSize").removesuffix("px"))


def frame_box(page) -> list[float]:
    box = page.locator(MAP_FRAME).first.bounding_box()
    return [round(box["x"]), round(box["y"]), round(box["width"]), round(box["height"])]


def event_days() -> list[str]:
    return sorted({day.isoformat() for day in HISTORY.events["date"]})


def test_present_mode_fills_the_screen_in_large_type_and_its_keys_work(atlas_server, browser, artifacts):
    with guarded_page(browser, is_loopback, viewport=PROJECTOR) as page:
        frame = open_atlas(page, atlas_server, "?date=1945-08-28")
        before = frame_box(page)
        frame.locator(".atlas-present").click()
        wait_for(page, lambda: frame_box(page) == [0, 0, 1280, 720], message="the map to fill the screen")
        assert frame.locator("html.atlas-presenting").count() == 1
        assert font_px(frame, ".atlas-headline-date") >= 32
        assert font_px(frame, ".atlas-headline-title") >= 24
        assert frame.locator(".atlas-headline-date").inner_text() == "August 28, 1945"
        assert frame.locator(".atlas-legend").evaluate("node => node.open")
        page.screenshot(path=str(artifacts / "present-1280x720-en.png"))

        days = event_days()
        page.keyboard.press("ArrowRight")
        wait_for(page, lambda: shown_date(frame) == days[days.index("1945-08-28") + 1], message="next event")
        assert "now administered by Soviet Union" in frame.locator(".atlas-headline-change").inner_text()
        page.keyboard.press("ArrowLeft")
        wait_for(page, lambda: shown_date(frame) == "1945-08-28", message="previous event")
        page.keyboard.press(" ")
        wait_for(page, lambda: map_js(frame, "!!KurilAtlas.current().playing"), message="Space plays")
        page.keyboard.press(" ")
        wait_for(page, lambda: not map_js(frame, "!!KurilAtlas.current().playing"), message="Space pauses")
        page.keyboard.press("Escape")
        wait_for(page, lambda: frame_box(page) == before, message="Esc to leave")
        assert frame.locator("html.atlas-presenting").count() == 0
        assert page.errors == []


def test_the_key_f_presents_from_the_page_around_the_map(atlas_server, browser):
    with guarded_page(browser, is_loopback, viewport=PROJECTOR) as page:
        frame = open_atlas(page, atlas_server, "?date=1956-12-12&lang=ja")
        page.keyboard.press("f")
        wait_for(page, lambda: frame_box(page) == [0, 0, 1280, 720], message="F to present")
        assert frame.locator(".atlas-headline-date").inner_text() == "1956年12月12日"
        page.keyboard.press("Escape")
        wait_for(page, lambda: frame.locator("html.atlas-presenting").count() == 0, message="Esc to leave")


def test_the_live_region_says_in_words_what_a_step_changed(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?date=1945-08-31")
    frame.locator(".atlas-next").click()
    wait_for(offline_page, lambda: shown_date(frame) == "1945-09-01", message="the step")
    before, after = status_at("1945-08-31"), status_at("1945-09-01")
    changed = [island for island in before.index if before.loc[island, "controller"] != after.loc[island, "controller"]]
    names = ", ".join(NAMES[island] for island in changed)
    # The day in words (the event is known to the day), the event that set the state shown, then what changed.
    event = HISTORY.events.loc[setting_event("1945-09-01")]
    expected = f"September 1, 1945: {event_text(event, 'title', 'en')}. {names}, now administered by Soviet Union"
    wait_for(offline_page, lambda: frame.locator("[role=status][aria-live=polite]").text_content() == expected,
             message=f"the live region to say {expected!r}")


def test_the_live_region_is_quiet_while_playing_and_speaks_when_play_stops(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?date=1945-08-14")
    region = frame.locator(".atlas-announcer")
    said = region.text_content()
    frame.locator(".atlas-speed").select_option("16")
    frame.locator(".atlas-play").click()
    wait_for(offline_page, lambda: shown_date(frame) > "1945-08-20", message="Play to move on")
    assert region.text_content() == said  # every frame of Play is not read out
    frame.locator(".atlas-play").click()
    wait_for(offline_page, lambda: region.text_content() != said, message="a word when Play stops")


def test_a_screen_reader_finds_every_islands_status_in_a_table(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?date=1960-01-01")
    table = frame.locator("table.atlas-status-table")
    rows = table.locator("tr:has(th[scope=row])")
    assert rows.count() == len(HISTORY.island_ids)
    kunashir = table.locator("tr", has=frame.locator("th", has_text="Kunashir"))
    assert kunashir.locator("td").all_text_contents() == ["Soviet Union", "Japan, Soviet Union"]


def test_present_mode_works_in_the_offline_export(browser, tmp_path, artifacts):
    path = tmp_path / "atlas.html"
    path.write_text(build_offline_html("ru", "1945-09-01"), encoding="utf-8")
    with guarded_page(browser, is_local_file, viewport=PROJECTOR) as page:
        open_export(page, path)
        page.keyboard.press("f")
        wait_for(page, lambda: page.locator("html.atlas-presenting").count() == 1, message="F to present")
        assert font_px(page, ".atlas-headline-date") >= 32 and font_px(page, ".atlas-headline-title") >= 24
        assert page.locator("#map").bounding_box() == {"x": 0, "y": 0, "width": 1280, "height": 720}
        page.screenshot(path=str(artifacts / "present-export-1280x720-ru.png"))
        days = event_days()
        headline = page.locator(".atlas-headline-date").inner_text()
        page.keyboard.press("ArrowRight")
        following = days[days.index("1945-09-01") + 1]
        wait_for(page, lambda: page.locator("#map").get_attribute("data-atlas-date") == following, message="next")
        assert page.locator(".atlas-headline-date").inner_text() not in ("", headline)
        page.keyboard.press("Escape")
        wait_for(page, lambda: page.locator("html.atlas-presenting").count() == 0, message="Esc to leave")
        assert page.context.blocked == [] and page.errors == []

