"""Inside the map's frame, for every reader (WCAG 2.2 AA), in Chromium: axe finds nothing in any map
frame (Map, Story, Compare's two, Quiz) or in the offline export, in English, Japanese and Russian;
each frame has a title of its own in the map's language; the keyboard reaches the date slider in a
few Tabs, never through the island shapes, and chooses islands in the status table; tooltips close
on Esc and stay while the pointer moves onto them; the live region speaks once per settled change,
never during Play; Present mode where the browser refuses full screen keeps Tab in the map; and
where the reader asks for less motion the map jumps."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_helpers import MAP_FRAME, open_atlas, shown_date, wait_for, wait_until_map_still
from conftest import guarded_page, is_local_file
from test_browser_fit import pages

from bench.common import is_loopback
from geo.model.i18n import LANGUAGES, ui_text
from geo.model.islands import load_islands
from geo.model.status import status_at
from geo.render import style
from geo.render.export import build_offline_html

pytestmark = pytest.mark.browser

TEXT = ui_text()
PROJECTOR = {"width": 1280, "height": 720}
NAMES = load_islands(simplified=True)["name_en"]


def map_frames(page) -> list:
    """The page's map frames (Playwright frames), once each has drawn."""
    page.locator(MAP_FRAME).first.wait_for(timeout=30_000)
    for index in range(page.locator(MAP_FRAME).count()):
        page.frame_locator(MAP_FRAME).nth(index).locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
    return [frame for frame in page.frames if "streamlit_folium" in frame.url]


def violations(target) -> list[str]:
    return [f"{v['impact']} {v['id']}: {v['help']} at {v['nodes'][0]['target']}" for v in Axe().run(target).response["violations"]]


def test_axe_finds_nothing_in_any_map_frame_or_the_export_in_any_language_and_each_frame_is_titled(atlas_server, browser, tmp_path):
    found, titles, errors = {}, {}, []
    export = tmp_path / "atlas.html"
    export.write_text(build_offline_html("en", "1945-09-01"), encoding="utf-8")
    # Each map takes each language as it does when the reader picks one: from the server's sync,
    # and in the export from its own picker.
    with guarded_page(browser, is_loopback, viewport=PROJECTOR) as page:
        for name, path in pages().items():
            page.goto(f"{atlas_server.url}{path}")
            frames = map_frames(page)
            # The page's own runs are over, so that no sync from the server changes a map's language back.
            wait_for(page, lambda: page.locator("[data-testid=stStatusWidget]").count() == 0, 30_000, "the page's run")
            for number, frame in enumerate(frames):
                for lang in LANGUAGES:
                    frame.evaluate(f"KurilAtlas.sync({{lang: {lang!r}}})")
                    found[f"{lang} {name} {number + 1}"] = (frame.evaluate("document.documentElement.lang"), violations(frame))
                    if name == "compare":  # the place comes once both maps of the page are live
                        place = TEXT[lang]["map_left" if number == 0 else "map_right"]
                        wait_for(page, lambda: place in frame.evaluate("window.frameElement.title"), 10_000,
                                 f"'{place}' in the frame's title")
                    titles.setdefault(f"{lang} {name}", []).append(frame.evaluate("window.frameElement.title"))
        errors += page.errors
    with guarded_page(browser, is_local_file, viewport=PROJECTOR) as offline:
        offline.goto(export.as_uri())
        offline.locator("#map[data-atlas-ready]").wait_for(timeout=20_000)
        for lang in LANGUAGES:
            offline.locator("#atlas-export-lang").select_option(lang)
            found[f"{lang} export"] = (offline.evaluate("document.documentElement.lang"), violations(offline))
        errors += offline.errors
    assert errors == []
    assert found == {name: (name.split()[0], []) for name in found} and len(found) == 18
    for lang in LANGUAGES:
        title = TEXT[lang]["map_frame_title"]
        assert [t.startswith(title) for name in pages() for t in titles[f"{lang} {name}"]] == [True] * 5
        left, right = titles[f"{lang} compare"]
        assert (TEXT[lang]["map_left"] in left, TEXT[lang]["map_right"] in right) == (True, True)


def focused(frame) -> str:
    return frame.evaluate("document.activeElement.className || document.activeElement.tagName")


def test_the_keyboard_reaches_the_slider_in_four_tabs_and_chooses_islands_in_the_table(atlas_server, browser):
    with guarded_page(browser, is_loopback, viewport=PROJECTOR) as page:
        open_atlas(page, atlas_server, "?date=1945-09-01")
        frame = map_frames(page)[0]
        assert frame.evaluate("""Object.values(KurilAtlas.current().layers).concat(Object.values(KurilAtlas.current().areaLayers))
                                 .filter(layer => layer.getElement().tabIndex >= 0).length""") == 0
        frame.locator("#map_div").focus()
        stops = []
        for _ in range(4):
            page.keyboard.press("Tab")
            stops.append(focused(frame))
        assert stops == ["atlas-previous", "atlas-play", "atlas-next", "atlas-slider"]

        # The layer list keeps focus on the layer chosen (no internet here: the tiles are refused).
        frame.locator(".leaflet-control-layers-toggle").focus()
        page.keyboard.press("Enter")
        wait_for(page, lambda: frame.evaluate("document.activeElement.checked === true"), message="focus on the layer shown")
        page.keyboard.press("ArrowDown")
        wait_for(page, lambda: frame.evaluate("document.querySelectorAll('.leaflet-control-layers-base input')[1].checked"),
                 message="the second base layer")
        assert frame.evaluate("document.activeElement.closest('.leaflet-control-layers') !== null")
        page.keyboard.press("ArrowUp")

        frame.locator(".atlas-table-toggle").focus()
        page.keyboard.press("Enter")
        assert frame.locator(".atlas-table-panel").is_visible() and focused(frame) == "atlas-table-close"
        page.keyboard.press("Tab")
        first = frame.evaluate("document.activeElement.getAttribute('data-island')")
        page.keyboard.press("Enter")
        wait_for(page, lambda: "island=" + first in page.url, message="the chosen island to reach the server")
        assert frame.locator(".atlas-announcer").text_content() == (
            f"Chosen: {NAMES[first]}. Held by: " + frame.locator(f"[data-island='{first}'] >> xpath=../../td[1]").text_content())
        page.keyboard.press("Escape")
        assert (frame.locator(".atlas-table-panel").is_visible(), focused(frame)) == (False, "atlas-table-toggle")

        assert page.errors == []


def test_island_tooltips_close_on_escape_and_stay_while_the_pointer_moves_onto_them(atlas_server, browser):
    with guarded_page(browser, is_loopback, viewport=PROJECTOR) as page:
        wait_until_map_still(page, open_atlas(page, atlas_server, "?date=1945-09-01"))
        frame = map_frames(page)[0]
        is_open = "KurilAtlas.current().layers.iturup.isTooltipOpen()"

        def hover_iturup() -> bool:
            """Point at Iturup's centre where it is now (a late refit may have moved it)."""
            box = page.locator(MAP_FRAME).bounding_box()
            point = frame.evaluate("""(() => { const a = KurilAtlas.current();
                                      return a.map.latLngToContainerPoint(a.layers.iturup.getCenter()); })()""")
            page.mouse.move(box["x"] + point["x"] + 1, box["y"] + point["y"])
            page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
            return frame.evaluate(is_open)
        wait_for(page, hover_iturup, message="the tooltip", interval_ms=200)
        tip = frame.locator(".atlas-tooltip").bounding_box()  # in the page's coordinates
        page.mouse.move(tip["x"] + tip["width"] / 2, tip["y"] + tip["height"] / 2, steps=4)
        page.wait_for_timeout(700)  # longer than a tooltip waits for the pointer once it has left the island
        assert frame.evaluate(is_open)
        page.keyboard.press("Escape")
        assert not frame.evaluate(is_open)


def test_the_live_region_speaks_once_per_settled_change_and_not_during_play(atlas_server, browser):
    with guarded_page(browser, is_loopback, viewport=PROJECTOR) as page:
        open_atlas(page, atlas_server, "?date=1700-01-01")
        frame = map_frames(page)[0]
        assert frame.locator("[aria-live]").evaluate_all("nodes => nodes.map(node => node.className)") == ["atlas-sr atlas-announcer"]
        frame.evaluate("""(() => { window.spoken = [];
          new MutationObserver(() => spoken.push(document.querySelector('.atlas-announcer').textContent))
            .observe(document.querySelector('.atlas-announcer'), {childList: true, characterData: true, subtree: true}); })()""")
        frame.locator(".atlas-play").click()
        page.wait_for_timeout(5000)  # five seconds of Play, about twenty frames
        during, day = frame.evaluate("spoken.length"), shown_date(frame)
        frame.locator(".atlas-play").click()
        wait_for(page, lambda: frame.evaluate("spoken.length") > 0, message="a word when Play stops")
        assert (during, day > "1700-01-01", frame.evaluate("spoken.length")) == (0, True, 1)
        frame.locator(".atlas-next").click()
        wait_for(page, lambda: frame.evaluate("spoken.length") == 2, message="a word after a step")
        said = frame.evaluate("spoken[1]")
        assert shown_date(frame) in said or shown_date(frame)[:4] in said
        assert TEXT["en"]["state_none"] not in said


def test_fallback_present_mode_keeps_tab_in_the_map_and_gives_the_page_back(atlas_server, browser):
    with guarded_page(browser, is_loopback, viewport=PROJECTOR) as page:
        frame = open_atlas(page, atlas_server, "?date=1945-09-01")
        page.evaluate("() => { Element.prototype.requestFullscreen = () => Promise.reject(new Error('refused')); }")
        inert_before = page.evaluate("document.querySelectorAll('[inert]').length")
        frame.locator(".atlas-present").click()
        wait_for(page, lambda: page.locator(MAP_FRAME).bounding_box() == {"x": 0, "y": 0, "width": 1280, "height": 720},
                 message="the map over the page")
        outside = []
        for _ in range(30):
            page.keyboard.press("Tab")
            outside += page.evaluate(f"""(() => {{ const e = document.activeElement;
                return e === document.body || e.matches('{MAP_FRAME}') ? [] : [e.outerHTML.slice(0, 80)]; }})()""")
        assert outside == []
        frame.locator(".atlas-present").click()
        wait_for(page, lambda: frame.locator("html.atlas-presenting").count() == 0, message="Present mode to end")
        assert page.evaluate("document.querySelectorAll('[inert]').length") == inert_before


def test_shapes_are_outlined_and_japan_is_dotted(atlas_server, browser):
    held = status_at("1945-09-01")["controller"]
    japanese, soviet = held[held == "Japan"].index[0], held[held == "Soviet Union"].index[0]
    with guarded_page(browser, is_loopback, viewport=PROJECTOR) as page:
        open_atlas(page, atlas_server, "?date=1945-09-01")
        frame = map_frames(page)[0]
        # South Sakhalin is shaded Soviet that day: outlined, as every island is (dashed where disputed).
        area, island, dots, japan_dotted, soviet_dotted = frame.evaluate(f"""(() => {{ const a = KurilAtlas.current(), attr = (layer, name) => layer.getElement().getAttribute(name);
            return [attr(a.areaLayers['south-sakhalin'], 'stroke'), attr(a.layers[{soviet!r}], 'stroke'),
                    attr(a.patternLayers[{japanese!r}], 'fill'), attr(a.patternLayers[{japanese!r}], 'fill-opacity'),
                    attr(a.patternLayers[{soviet!r}], 'fill-opacity')]; }})()""")
        assert (area, island in (style.OUTLINE, style.DISPUTED_OUTLINE), dots, japan_dotted, soviet_dotted) == (
            style.OUTLINE, True, f"url(#{style.pattern_id('Japan')})", "1", "0")


def test_with_reduced_motion_the_map_jumps_and_a_story_step_is_said(atlas_server, browser):
    with guarded_page(browser, is_loopback, viewport=PROJECTOR, reduced_motion="reduce") as page:
        page.goto(f"{atlas_server.url}/Story")
        frame = map_frames(page)[0]
        frame.evaluate("""(() => { window.moves = 0; KurilAtlas.current().map.on('zoom move', () => moves++); })()""")
        frame.locator(".atlas-lesson-next").click()
        wait_for(page, lambda: frame.evaluate("moves") > 0, message="the step's jump")
        page.wait_for_timeout(300)  # a flight would still be moving
        assert frame.evaluate("moves") <= 4  # a flight fires a move every frame for over a second
        steps = frame.evaluate("KurilAtlas.current().lesson.steps.length")
        assert frame.locator(".atlas-announcer").text_content().startswith(f"Step 2 of {steps}: ")
        zoom = frame.evaluate("""(() => { window.zoomAnimations = 0; const map = KurilAtlas.current().map;
                                 map.on('zoomanim', () => zoomAnimations++); return map.getZoom(); })()""")
        frame.locator(".leaflet-control-zoom-in").click()
        wait_for(page, lambda: frame.evaluate("KurilAtlas.current().map.getZoom()") == zoom + 1, message="the zoom")
        assert frame.evaluate("zoomAnimations") == 0
