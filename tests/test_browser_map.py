"""The map in a real browser (Debian's Chromium through Playwright) with the outside network
blocked: what a student or a teacher on a school projector sees and does."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import atlas_pages
from browser_helpers import (MAP_FRAME, PageWire, map_js, open_atlas, open_sidebar, shown_date, step_slider_until, view_of,
                             wait_for, wait_until_map_still, wait_until_run_finished, zoom_in_once)

pytestmark = pytest.mark.browser

SOVIET_BLUE = "#0072B2"
JAPAN_ORANGE = "#D55E00"


def fill_of(frame, island: str) -> str:
    return map_js(frame, f"KurilAtlas.current().layers[{island!r}]._path.getAttribute('fill')")


def test_the_map_renders_every_island_with_no_internet(atlas_server, offline_page, artifacts):
    frame = open_atlas(offline_page, atlas_server, "?date=1945-08-28")
    assert frame.locator(".atlas-time").count() == 1
    assert map_js(frame, "Object.keys(KurilAtlas.current().layers).length") == 32
    offline_page.screenshot(path=str(artifacts / "map-offline-1945-08-28.png"))
    assert offline_page.context.blocked == []
    assert offline_page.errors == []


def test_on_1945_08_28_iturup_is_soviet_while_kunashir_is_still_japanese(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?date=1945-08-28")
    assert (fill_of(frame, "iturup"), fill_of(frame, "kunashir")) == (SOVIET_BLUE, JAPAN_ORANGE)


def test_moving_the_slider_past_1945_09_05_turns_kunashir_soviet(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?date=1945-08-30")
    step_slider_until(frame.locator(".atlas-slider"), lambda: shown_date(frame) > "1945-09-05", presses=20)
    assert shown_date(frame) > "1945-09-05"
    assert fill_of(frame, "kunashir") == SOVIET_BLUE


def test_a_link_with_date_and_island_opens_that_state(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?date=1945-08-28&island=iturup")
    wait_for(offline_page, lambda: map_js(frame, "KurilAtlas.current().state.island") == "iturup", message="island selected")
    assert shown_date(frame) == "1945-08-28"
    assert offline_page.get_by_role("heading", name="Iturup").count() == 1


def test_a_bad_date_in_the_link_shows_a_warning_and_the_map_still_works(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?date=1945-02-30")
    assert offline_page.get_by_text("The date in the link (1945-02-30) could not be used").count() == 1
    assert map_js(frame, "Object.keys(KurilAtlas.current().layers).length") == 32


def test_zoom_and_centre_survive_a_step_through_the_server(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?date=1945-08-17")  # the day before the next event, the Shumshu landing
    wait_until_map_still(offline_page, frame)
    before = zoom_in_once(offline_page, frame)
    frame.locator(".atlas-next").click()
    wait_for(offline_page, lambda: "date=1945-08-18" in offline_page.url, message="the server to learn the new date")
    wait_for(offline_page, lambda: offline_page.get_by_role("heading", name="1945-08-18").count() == 1, message="panel")
    assert view_of(frame) == before


def test_choosing_an_event_in_the_sidebar_recolours_the_map_and_empties_the_picker(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?date=1945-08-28")
    open_sidebar(offline_page)  # the map, narrower now, fits the chain again
    wait_until_map_still(offline_page, frame)
    before = zoom_in_once(offline_page, frame)  # a view of the reader's own, which a pick must keep
    picker = offline_page.locator('[data-testid="stSidebar"]').get_by_label("Go to event")
    picker.click()
    offline_page.keyboard.type("Soviet landing on Kunashir")
    offline_page.get_by_role("option", name=re.compile("Soviet landing on Kunashir")).click()
    wait_for(offline_page, lambda: shown_date(frame) == "1945-09-01", message="the map to move to the event")
    assert fill_of(frame, "kunashir") == SOVIET_BLUE
    wait_for(offline_page, lambda: "date=1945-09-01" in offline_page.url, message="the URL")
    assert offline_page.get_by_role("heading", name="1945-09-01").count() == 1
    assert view_of(frame) == before  # a pick is a step like any other: zoom and centre stay
    assert "Kunashir" not in offline_page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').last.inner_text()


def test_an_event_chosen_in_the_maps_own_list_recolours_at_once_and_the_server_follows(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?date=1945-08-28")
    wait_until_map_still(offline_page, frame)
    before = view_of(frame)
    # Choose the event and read the map in the same JavaScript task: no server could have answered.
    drawn = frame.locator(".atlas-events").evaluate("""(list, label) => {
        list.value = [...list.options].find(option => option.text === label).value;
        list.dispatchEvent(new Event("change"));
        return [document.querySelector("#map_div").getAttribute("data-atlas-date"),
                KurilAtlas.current().layers.kunashir._path.getAttribute("fill"), list.value];
    }""", "1945-09-01 — Soviet landing on Kunashir")
    # The list shows the chosen event, the one in force, so that arrow keys step from there.
    assert drawn == ["1945-09-01", SOVIET_BLUE, frame.locator(".atlas-events").input_value()]
    assert frame.locator(".atlas-events option:checked").inner_text() == "1945-09-01 — Soviet landing on Kunashir"
    wait_for(offline_page, lambda: "date=1945-09-01" in offline_page.url, message="the URL to follow")
    wait_for(offline_page, lambda: offline_page.get_by_role("heading", name="1945-09-01").count() == 1, message="panel")
    assert view_of(frame) == before


def test_arrow_keys_on_the_maps_event_list_step_through_the_events(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?date=1945-08-28")
    events = frame.locator(".atlas-events")
    assert events.locator("option:checked").inner_text() == "1945-08-28 — Soviet landing on Iturup"
    events.focus()
    offline_page.keyboard.press("ArrowDown")
    wait_for(offline_page, lambda: shown_date(frame) > "1945-08-28", message="the next event by keyboard")
    assert events.locator("option:checked").inner_text().startswith(shown_date(frame) + " — ")
    offline_page.keyboard.press("ArrowUp")
    wait_for(offline_page, lambda: shown_date(frame) == "1945-08-28", message="back by keyboard")


def test_the_maps_event_list_speaks_the_chosen_language(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?lang=ru")
    options = frame.locator(".atlas-events option").all_inner_texts()
    assert options[0] == "Перейти к событию…"
    assert "1945-09-01 — Высадка советских войск на Кунашире" in options
    assert len(options) == 1 + map_js(frame, "KurilAtlas.current().data.events.length")


def test_the_map_draws_first_then_tells_the_server_and_the_sidebar_follows(atlas_server, offline_page):
    # When the map said it was drawn, the sidebar had none of its widgets yet.
    offline_page.add_init_script("""window.addEventListener('message', () => {
        if (window.__widgetsAtReport === undefined && [...document.querySelectorAll('iframe')].some(f => {
                const map = f.contentDocument && f.contentDocument.querySelector('#map_div[data-atlas-ready]');
                return map !== null; }))
            window.__widgetsAtReport = document.querySelectorAll('[data-testid=stSidebar] [data-testid=stSelectbox]').length;
    }, true);""")
    wire = PageWire(offline_page)
    open_atlas(offline_page, atlas_server, "?date=1945-08-28")
    wait_until_run_finished(offline_page, wire)
    sidebar = offline_page.locator("[data-testid=stSidebar]")
    assert offline_page.evaluate("window.__widgetsAtReport") == 0
    assert sidebar.locator("[data-testid=stSelectbox]").count() == 3  # language, island, event
    assert sidebar.locator("[data-testid=stDateInput]").count() == 1
    assert wire.sent.count("rerun_script") == 2  # the first run, then the map's "drawn" report
    assert "date=1945-08-28" in offline_page.url
    assert offline_page.errors == []


def test_play_runs_in_the_browser_and_the_server_learns_the_date_only_on_pause(atlas_server, offline_page):
    wire = PageWire(offline_page)
    frame = open_atlas(offline_page, atlas_server, "?date=1945-08-01")
    wait_until_run_finished(offline_page, wire)
    sent_before = len(wire.sent)
    frame.locator(".atlas-play").click()
    first = map_js(frame, "KurilAtlas.current().data.frames.indexOf('1945-08-01')")
    wait_for(offline_page, lambda: map_js(frame, "KurilAtlas.current().data.frames.indexOf(KurilAtlas.current().state.date)")
             >= first + 8, timeout_ms=30_000, message="eight frames played")
    sent_while_playing = len(wire.sent) - sent_before
    frame.locator(".atlas-play").click()
    paused_on = shown_date(frame)
    assert paused_on > "1945-08-01"
    assert sent_while_playing == 0
    wait_for(offline_page, lambda: f"date={paused_on}" in offline_page.url, message="the URL to catch up after pause")


def test_the_time_control_works_by_keyboard_alone(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?date=1945-08-18")
    frame.locator(".atlas-next").focus()
    offline_page.keyboard.press("Enter")
    wait_for(offline_page, lambda: shown_date(frame) == "1945-08-23", message="next event by keyboard")
    frame.locator(".atlas-play").focus()
    offline_page.keyboard.press("Space")
    wait_for(offline_page, lambda: map_js(frame, "KurilAtlas.current().playing !== null"), message="play by keyboard")
    offline_page.keyboard.press("Space")
    assert map_js(frame, "KurilAtlas.current().playing") is None


@pytest.mark.parametrize("control", [".atlas-previous", ".atlas-play", ".atlas-next", ".atlas-slider", ".atlas-speed",
                                     ".atlas-events"])
def test_each_time_control_has_a_label_a_screen_reader_announces(atlas_server, offline_page, control):
    frame = open_atlas(offline_page, atlas_server, "?lang=ja")
    label = frame.locator(control).get_attribute("aria-label")
    assert label and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", label)


def test_keyboard_focus_is_visible_on_the_time_control(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server)
    frame.locator(".atlas-play").focus()
    offline_page.keyboard.press("Tab")
    outline = frame.locator(".atlas-next").evaluate("node => getComputedStyle(node).outlineStyle")
    assert outline == "solid"


def test_clicking_an_island_selects_it_and_tells_the_server(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?date=1960-01-01")
    map_js(frame, "KurilAtlas.current().layers['shikotan'].fire('click')")
    wait_for(offline_page, lambda: "island=shikotan" in offline_page.url, message="the island in the URL")
    assert offline_page.get_by_role("heading", name="Shikotan").count() == 1


@pytest.mark.parametrize("path", [f"/{url}" for _, _, url, _ in atlas_pages()])
def test_no_serious_accessibility_violation_on_any_page(atlas_server, offline_page, path):
    wire = PageWire(offline_page)
    offline_page.goto(f"{atlas_server.url}{path}")
    offline_page.get_by_role("heading").first.wait_for(timeout=30_000)
    # Scan the page as a reader sees it: after the script has finished running.
    wait_for(offline_page, lambda: offline_page.locator("[data-testid=stStatusWidget]").count() == 0,
             timeout_ms=30_000, message="the page to finish running")
    targets = [offline_page]
    if path == "/":
        frame = offline_page.frame_locator(MAP_FRAME)
        frame.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
        targets.append(next(f for f in offline_page.frames if "streamlit_folium" in f.url))
    # The map's first render hands the server its value, which reruns the map's fragment: wait
    # until the page has been quiet (no run asked for, nothing faded) for half a second.
    quiet = []

    def settled() -> bool:
        idle = not wire.rerun_pending and offline_page.locator('[data-stale="true"]').count() == 0
        quiet.append(idle)
        return len(quiet) >= 10 and all(quiet[-10:])
    wait_for(offline_page, settled, timeout_ms=30_000, message="the page to be quiet")
    found = []
    for target in targets:
        for violation in Axe().run(target).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                found.append(f"{violation['id']}: {violation['help']} at {violation['nodes'][0]['target']}")
    assert found == []


def test_two_quick_event_steps_both_count(atlas_server, offline_page):
    wire = PageWire(offline_page)
    frame = open_atlas(offline_page, atlas_server, "?date=1700-01-01")
    wait_until_run_finished(offline_page, wire)
    reruns = wire.sent.count("rerun_script")
    frame.locator(".atlas-next").click()
    # The second step comes once the first step's report is on its way to the server.
    wait_for(offline_page, lambda: wire.sent.count("rerun_script") > reruns, message="the first step's report to be sent")
    frame.locator(".atlas-next").click()
    wait_for(offline_page, lambda: "date=1754-01-01" in offline_page.url, message="the second step to reach the server")
    wait_until_run_finished(offline_page, wire)
    assert (shown_date(frame), "date=1754-01-01" in offline_page.url) == ("1754-01-01", True)
