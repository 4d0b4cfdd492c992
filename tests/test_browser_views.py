"""Each side's maps in Chromium: the perspective switch on the map recolours at once with no
server run and keeps zoom, ``?view=`` opens a perspective, undetermined is a hatch, the legend,
caption, tooltip and status table say whose perspective it is; Compare shows one date in two
perspectives; the export has the switch. Screenshots in artifacts/views/."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_helpers import (MAP_FRAME, PageWire, map_js, open_atlas, open_export, view_of, wait_for,
                             wait_until_map_still, wait_until_run_finished, zoom_in_once)
from conftest import guarded_page, is_local_file

from bench.common import is_loopback
from geo.render.export import build_offline_html
from geo.model.i18n import ui_text
from geo.model.status import default_history
from geo.classroom.story import load_story
from geo.render.style import STATE_COLORS

pytestmark = pytest.mark.browser

PROJECTOR, PHONE = {"width": 1280, "height": 720}, {"width": 390, "height": 844}
JAPAN, SOVIET, RUSSIA = STATE_COLORS["Japan"], STATE_COLORS["Soviet Union"], STATE_COLORS["Russian Federation"]
HATCH = "url(#atlas-undetermined)"
TEXT = ui_text()
EN = TEXT["en"]


@pytest.fixture(scope="module")
def shots(artifacts):
    folder = artifacts / "views"
    folder.mkdir(exist_ok=True)
    return folder


def fills(frame, *islands: str) -> list[str]:
    return [map_js(frame, f"KurilAtlas.current().layers[{island!r}]._path.getAttribute('fill')") for island in islands]


def area_fill(frame) -> str:
    return map_js(frame, "KurilAtlas.current().areaLayers['south-sakhalin']._path.getAttribute('fill')")


def tooltip(frame, island: str) -> str:
    return map_js(frame, f"(() => {{ const layer = KurilAtlas.current().layers[{island!r}];"
                         " layer.openTooltip(layer.getBounds().getCenter());"
                         " const text = layer.getTooltip().getElement().textContent; layer.closeTooltip(); return text; })()")


def status_row(frame, name: str):
    """The status table's row of the island called ``name``."""
    return frame.locator("table.atlas-status-table tr", has=frame.locator("th", has_text=re.compile(f"^{name}$")))


def test_japans_maps_draw_iturup_as_japan_and_urup_hatched_as_undetermined(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?view=japan&date=2024-01-01")
    wait_for(offline_page, lambda: frame.locator("#map_div[data-atlas-perspective=japan]").count() == 1, message="Japan's maps")
    assert fills(frame, "iturup", "kunashir", "urup", "shumshu") == [JAPAN, JAPAN, HATCH, HATCH]
    assert area_fill(frame) == HATCH  # South Sakhalin, renounced in 1951 too
    # The hatch is a pattern of Python's two hatch colours, not a state's colour.
    pattern = map_js(frame, "[...document.querySelectorAll('#atlas-undetermined rect')].map(r => r.getAttribute('fill'))")
    assert pattern == ["#ffffff", "#555555"]
    assert frame.locator(".atlas-view-caption").inner_text() == EN["view_caption_japan"]
    assert frame.locator(".atlas-legend summary").inner_text() == f"{EN['legend']} · {EN['view_japan']}"
    assert EN["state_undetermined"] in frame.locator(".atlas-legend").inner_text()
    assert frame.locator(".atlas-view[aria-pressed=true]").inner_text() == EN["view_japan"]
    assert f"{EN['view_japan']}: {EN['state_undetermined_short']}" in tooltip(frame, "urup")
    urup = status_row(frame, "Urup")
    assert urup.locator("td").all_text_contents() == ["Russian Federation", "Russian Federation", "undetermined"]
    assert offline_page.errors == [] and offline_page.context.blocked == []


def test_russias_maps_draw_iturup_and_urup_as_the_russian_federation(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?view=russia&date=2024-01-01")
    wait_for(offline_page, lambda: frame.locator("#map_div[data-atlas-perspective=russia]").count() == 1, message="Russia's maps")
    assert fills(frame, "iturup", "urup", "anuchina") == [RUSSIA, RUSSIA, RUSSIA]
    assert area_fill(frame) == RUSSIA
    assert frame.locator(".atlas-view-caption").inner_text() == EN["view_caption_russia"]
    assert EN["state_undetermined"] in frame.locator(".atlas-legend").inner_text()


def test_the_switch_recolours_at_once_with_no_server_run_keeps_zoom_and_the_server_follows(atlas_server, offline_page):
    wire = PageWire(offline_page)
    frame = open_atlas(offline_page, atlas_server, "?date=2024-01-01")
    wait_until_run_finished(offline_page, wire)
    wait_until_map_still(offline_page, frame)
    before = zoom_in_once(offline_page, frame)
    assert fills(frame, "iturup", "urup") == [RUSSIA, RUSSIA]
    assert EN["state_undetermined"] not in frame.locator(".atlas-legend").inner_text()
    # Click and read the map in the same JavaScript task: no server could have answered.
    drawn = frame.locator(".atlas-view[data-view=japan]").evaluate("""button => { button.click();
        const atlas = KurilAtlas.current();
        return [atlas.layers.iturup._path.getAttribute("fill"), atlas.layers.urup._path.getAttribute("fill"),
                document.querySelector(".atlas-view-caption").textContent,
                document.querySelector(".atlas-legend summary").textContent]; }""")
    assert drawn == [JAPAN, HATCH, EN["view_caption_japan"], f"{EN['legend']} · {EN['view_japan']}"]
    wait_for(offline_page, lambda: "view=japan" in offline_page.url, message="the server to learn the perspective")
    wait_until_run_finished(offline_page, wire)
    assert fills(frame, "iturup", "urup") == [JAPAN, HATCH]  # the server's answer keeps the perspective
    assert view_of(frame) == before
    assert frame.locator(".atlas-announcer").text_content().startswith(EN["view_japan"])
    frame.locator(".atlas-view[data-view=russia]").click()
    wait_for(offline_page, lambda: "view=russia" in offline_page.url, message="Russia's maps in the address")
    assert fills(frame, "iturup", "urup") == [RUSSIA, RUSSIA] and view_of(frame) == before
    assert offline_page.errors == []


def test_where_japans_position_is_unclear_its_claim_is_drawn_and_marked(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?view=japan&date=1950-01-01")
    wait_for(offline_page, lambda: frame.locator("#map_div[data-atlas-perspective=japan]").count() == 1, message="Japan's maps")
    assert fills(frame, "urup", "iturup") == [JAPAN, JAPAN]
    assert EN["view_unclear"] in tooltip(frame, "urup")
    urup = status_row(frame, "Urup")
    assert urup.locator("td").last.text_content() == f"Japan ({EN['view_unclear_short']})"


def test_the_administered_map_shades_south_sakhalin_japanese_from_1905_to_1945(atlas_server, offline_page):
    frame = open_atlas(offline_page, atlas_server, "?date=1930-01-01")
    assert (area_fill(frame), map_js(frame, "KurilAtlas.current().areaLayers['south-sakhalin'].options.fillOpacity") > 0) == (JAPAN, True)
    map_js(frame, "KurilAtlas.current().setDate('1900-01-01')")
    assert map_js(frame, "KurilAtlas.current().areaLayers['south-sakhalin'].options.fillOpacity") == 0


def test_no_serious_accessibility_violation_on_japans_maps(atlas_server, offline_page):
    open_atlas(offline_page, atlas_server, "?view=japan&date=2024-01-01")
    wait_for(offline_page, lambda: offline_page.locator("[data-testid=stStatusWidget]").count() == 0,
             timeout_ms=30_000, message="the page to finish running")
    wait_for(offline_page, lambda: offline_page.locator('[data-stale="true"]').count() == 0, timeout_ms=30_000,
             message="no element left faded from the run before")
    found = []
    for target in (offline_page, next(f for f in offline_page.frames if "streamlit_folium" in f.url)):
        found += [f"{v['id']}: {v['help']} at {v['nodes'][0]['target']}" for v in Axe().run(target).response["violations"]
                  if v["impact"] in ("serious", "critical")]
    assert found == []


def open_compare_perspectives(page, server, lang: str):
    """Compare at 2024-01-01 with two perspectives (Japan's maps | Russia's maps); the two maps' frames."""
    text = TEXT[lang]
    page.goto(f"{server.url}/Compare?lang={lang}")
    page.frame_locator(MAP_FRAME).first.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
    page.locator("[data-testid=stRadio]").get_by_text(text["compare_views"], exact=True).click()
    # Streamlit's date field: year, month and day segments, typed in turn.
    year = page.get_by_role("group", name=text["compare_date"], exact=True).get_by_role("spinbutton").first
    year.click()
    page.keyboard.type("20240101")
    page.get_by_role("grid").get_by_text(re.compile(r"^1$")).first.click()  # the calendar shows January 2024
    wait_for(page, lambda: page.get_by_text(text["compare_view_changes"]).count() == 1, message="the list of differences")
    frames = [page.frame_locator(MAP_FRAME).nth(n) for n in (0, 1)]
    for frame, perspective in zip(frames, ("japan", "russia")):
        frame.locator(f"#map_div[data-atlas-perspective={perspective}][data-atlas-date='2024-01-01']").wait_for(timeout=30_000)
    return frames


def test_compare_shows_one_date_in_two_perspectives_and_where_they_differ(atlas_server, offline_page):
    left, right = open_compare_perspectives(offline_page, atlas_server, "en")
    assert (fills(left, "iturup", "urup"), fills(right, "iturup", "urup")) == ([JAPAN, HATCH], [RUSSIA, RUSSIA])
    listed = offline_page.get_by_text("Iturup: Japan (Japan's maps) · Russian Federation (Russia's maps)")
    assert listed.count() == 1
    offline_page.locator("[data-testid=stRadio]").get_by_text("Swipe", exact=True).click()
    wait_for(offline_page, lambda: offline_page.locator(MAP_FRAME).count() == 1, message="one map")
    frame = offline_page.frame_locator(MAP_FRAME).first
    frame.locator("#map_div[data-atlas-swipe]").wait_for(timeout=30_000)
    assert frame.locator(".atlas-swipe-left").inner_text() == "← 2024-01-01 · Japan's maps"
    assert frame.locator(".atlas-swipe-right").inner_text() == "2024-01-01 · Russia's maps →"
    assert fills(frame, "urup") == [HATCH]
    assert map_js(frame, "KurilAtlas.current().swipe.layers.urup._path.getAttribute('fill')") == RUSSIA
    assert offline_page.errors == []


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_screenshots_of_both_perspectives_and_of_compare(atlas_server, browser, shots, lang):
    text = TEXT[lang]
    with guarded_page(browser, is_loopback, viewport=PROJECTOR) as page:
        frame = open_atlas(page, atlas_server, f"?view=japan&date=2024-01-01&lang={lang}")
        wait_for(page, lambda: frame.locator(".atlas-view-caption").inner_text() == text["view_caption_japan"],
                 message="Japan's maps in the reader's language")
        wait_until_map_still(page, frame)
        page.screenshot(path=str(shots / f"map-japan-1280x720-{lang}.png"))
        frame.locator(".atlas-view[data-view=russia]").click()
        wait_for(page, lambda: frame.locator(".atlas-view-caption").inner_text() == text["view_caption_russia"],
                 message="Russia's maps")
        page.screenshot(path=str(shots / f"map-russia-1280x720-{lang}.png"))
        left, right = open_compare_perspectives(page, atlas_server, lang)
        # Zoomed in on the southern islands, as a class would look at them (the right map follows).
        left.locator("#map_div").evaluate("() => window.map.setView([43.9, 146.9], 7, {animate: false})")
        wait_for(page, lambda: view_of(right) == view_of(left), message="the right map to follow")
        page.screenshot(path=str(shots / f"compare-views-1280x720-{lang}.png"))
        assert page.errors == []


def test_screenshot_of_japans_maps_on_a_phone(atlas_server, browser, shots):
    with guarded_page(browser, is_loopback, viewport=PHONE, has_touch=True, is_mobile=True) as page:
        frame = open_atlas(page, atlas_server, "?view=japan&date=2024-01-01")
        wait_until_map_still(page, frame)
        buttons = frame.locator(".atlas-view")
        assert buttons.count() == 3 and all(buttons.nth(n).bounding_box()["height"] >= 44 for n in range(3))
        page.screenshot(path=str(shots / "map-japan-390x844-en.png"))


def test_the_export_has_the_switch_and_opens_a_perspective_from_its_address(file_page, tmp_path):
    path = tmp_path / "atlas.html"
    path.write_text(build_offline_html("en", "2024-01-01"), encoding="utf-8")
    open_export(file_page, path)
    fill = "island => KurilAtlas.current().layers[island]._path.getAttribute('fill')"
    assert [file_page.evaluate(fill, island) for island in ("iturup", "urup")] == [RUSSIA, RUSSIA]
    file_page.locator(".atlas-view[data-view=japan]").click()
    assert [file_page.evaluate(fill, island) for island in ("iturup", "urup")] == [JAPAN, HATCH]
    assert file_page.locator(".atlas-view-caption").inner_text() == EN["view_caption_japan"]
    again = tmp_path / "again.html"  # another file: a new address, not a jump within the same page
    again.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    open_export(file_page, again, "#date=2024-01-01&view=japan")
    assert file_page.locator("#map").get_attribute("data-atlas-perspective") == "japan"
    assert file_page.evaluate(fill, "urup") == HATCH
    assert file_page.context.blocked == [] and file_page.errors == []


def test_the_story_step_on_todays_chain_opens_japans_maps_and_the_next_step_goes_back(atlas_server, browser, shots):
    steps = load_story(default_history())
    number = next(step.number for step in steps if step.perspective == "japan")
    with guarded_page(browser, is_loopback, viewport=PROJECTOR) as page:
        page.goto(f"{atlas_server.url}/Story?step={number}")
        frame = page.frame_locator(MAP_FRAME)
        frame.locator("#map_div[data-atlas-perspective=japan]").wait_for(timeout=30_000)
        assert fills(frame, "iturup", "urup") == [JAPAN, HATCH]
        wait_until_map_still(page, frame)
        page.screenshot(path=str(shots / "story-japans-maps-1280x720-en.png"))
        page.get_by_role("button", name="Back").click()
        frame.locator("#map_div[data-atlas-perspective=administered]").wait_for(timeout=30_000)
        assert "view=" not in page.url
