"""The pages for every reader (WCAG 2.2 AA, issue 25, the pages' half; the map's frame has its own
tests): the page's language, names marked with theirs, a short Tab path to the map's date slider
with no stop off screen, a visible focus ring, focus kept after opening the sidebar, an upload
and an edit in the lesson's table, nothing focused under the fixed header, the Timeline's labels
at 4.5:1, and axe with no violation of any impact on every page in English, Japanese and Russian
(the maps' frames left out). One server and one browser; a page needed for several checks is
loaded once for them."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_helpers import MAP_FRAME, PageWire, wait_for
from conftest import atlas_pages, guarded_page
from test_browser_lesson import edit_cell, open_lesson_page

from bench.common import REPO, is_loopback
from geo.model.i18n import LANGUAGES, ui_text

pytestmark = pytest.mark.browser

TEXT = ui_text()
MAX_TABS_TO_SLIDER = 15
# The element focus is on, in the page or inside a map's frame, with its box in the window's
# coordinates and whether it is the map's date slider.
FOCUSED = """() => {
  let element = document.activeElement, left = 0, top = 0;
  while (element && element.tagName === 'IFRAME' && element.contentDocument) {
    const box = element.getBoundingClientRect();
    left += box.left; top += box.top;
    element = element.contentDocument.activeElement;
  }
  const box = element.getBoundingClientRect();
  return {name: element.tagName + ' ' + (element.getAttribute('aria-label') || element.textContent || '').trim().slice(0, 40),
          left: left + box.left, top: top + box.top, right: left + box.right, bottom: top + box.bottom,
          inFrame: element.ownerDocument !== document, slider: element.matches('.atlas-slider')};
}"""


@pytest.fixture
def page(browser):
    with guarded_page(browser, is_loopback, viewport={"width": 1280, "height": 720}) as page:
        yield page


def wait_until_quiet(page, quiet_reads: int = 6) -> None:
    """Wait until the page's script has finished running and nothing is left faded, on
    ``quiet_reads`` reads in a row 50 ms apart."""
    reads = []

    def quiet() -> bool:
        reads.append(page.locator("[data-testid=stStatusWidget], [data-stale=true]").count() == 0)
        return len(reads) >= quiet_reads and all(reads[-quiet_reads:])
    wait_for(page, quiet, timeout_ms=30_000, message="the page to finish running")


def open_page(page, server, path: str) -> None:
    page.goto(f"{server.url}{path}")
    page.get_by_role("heading", level=1).first.wait_for(state="attached", timeout=30_000)
    wait_until_quiet(page)


def open_map_page(page, server, query: str = "") -> None:
    page.goto(f"{server.url}/{query}")
    page.frame_locator(MAP_FRAME).first.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
    page.locator('[data-testid="stSidebar"] [data-testid="stFileUploader"]').wait_for(state="attached", timeout=30_000)
    wait_until_quiet(page)


def html_lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def contrast(foreground: str, background: str) -> float:
    """WCAG's contrast ratio of two colours given as ``#rrggbb`` or ``rgb(r, g, b)``."""
    def luminance(colour: str) -> float:
        colour = colour.strip()
        if colour.startswith("#"):
            channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
        else:
            channels = [int(float(part)) for part in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3]]
        linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def focused_in(page, selector: str) -> bool:
    return page.evaluate(f"!!document.activeElement.closest({selector!r})")


def stops_under_the_header(page, tabs: int = 40) -> list[str]:
    """Tab ``tabs`` times from the top and Shift+Tab as many times back (going back, the browser
    scrolls a stop to the top of the window); the stops, outside the header and its skip links,
    whose top is then under Streamlit's fixed header. The page's scrolling main is the window, and
    past the first stop focus is on no element (the body)."""
    header = page.locator('header[data-testid="stHeader"]').bounding_box()
    covered = []
    for key in ["Tab"] * tabs + ["Shift+Tab"] * tabs:
        page.keyboard.press(key)
        stop = page.evaluate(FOCUSED)
        outside = page.evaluate("document.activeElement !== document.body && !document.activeElement.closest("
                                "'header, .atlas-skip-link, [data-testid=stSkipToContent], [data-testid=stMain]:focus')")
        if outside and stop["top"] < header["y"] + header["height"]:
            covered.append(f"{key}: {stop['name']}")
    return covered


def test_contrast_is_computed_as_wcag_defines_it():
    assert (round(contrast("#000000", "#ffffff"), 1), round(contrast("#767676", "#ffffff"), 2),
            round(contrast("rgb(255, 255, 255)", "#ffffff"), 1)) == (21.0, 4.54, 1.0)


def test_a_switch_of_language_sets_the_pages_language_with_no_reload(page, atlas_server):
    open_page(page, atlas_server, "/Islands?lang=ja")
    assert html_lang(page) == "ja"
    page.evaluate("window.atlasNoReload = true")
    page.locator('[data-testid="stExpandSidebarButton"]').click()
    page.locator('[data-testid="stSidebar"]').get_by_label(TEXT["ja"]["language"]).click()
    page.get_by_role("option", name="Русский").click()
    wait_for(page, lambda: html_lang(page) == "ru", message="the page's language to become ru")
    assert (page.evaluate("window.atlasNoReload"), page.get_by_role("heading", level=1).inner_text()) == (
        True, TEXT["ru"]["islands_title"])


def names_marked(page) -> list[str]:
    """The island card's (map page) or the Islands table's names of Kunashir, each in the element
    marked with its language; on Sources, the language of a Japanese title's link."""
    if page.locator("table.atlas-table").count():
        names = page.locator("table.atlas-table tr", has=page.locator("span[lang=en]", has_text="Kunashir"))
    else:
        names = page.locator("[data-testid=stHtml] p", has=page.locator("span[lang=ja]", has_text="国後島"))
    return [names.locator(f"span[lang='{lang}']").inner_text() for lang in ("en", "ja", "ru", "ja-Latn")]


KUNASHIR = ["Kunashir", "国後島", "Кунашир", "Kunashiri-tō"]


def timeline_contrast(page) -> float:
    """The lowest contrast of the Timeline chart's text (axes, legend) against the page."""
    page.locator(".vega-embed svg text").first.wait_for(timeout=30_000)
    background = page.evaluate("getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor")
    fills = set(page.locator(".vega-embed svg text").evaluate_all("texts => texts.map(t => t.getAttribute('fill'))"))
    return min(contrast(fill, background) for fill in fills)


# What each page must show besides axe's checks, in every language (3.1.2 names, 1.4.3 contrast).
PAGE_CHECKS = {
    "": lambda page: names_marked(page) == KUNASHIR,
    "Islands": lambda page: names_marked(page) == KUNASHIR,
    "Sources": lambda page: page.get_by_role("link", name="北方領土問題について").get_attribute("lang") == "ja",
    "Timeline": lambda page: timeline_contrast(page) >= 4.5,
}


@pytest.mark.parametrize("path", ["/Timeline", "/Sources"])
def test_no_focused_control_goes_under_the_fixed_header(page, atlas_server, path):
    open_page(page, atlas_server, f"{path}?lang=en")
    assert stops_under_the_header(page) == []


def test_from_the_top_of_the_map_page_the_slider_takes_at_most_15_tabs_each_stop_on_screen_and_ringed(page, atlas_server):
    """Tab from the top, Enter on "Skip to map", Tab to the date slider. Every stop is on screen,
    and each stop of the page's own (not the map's) looks different focused and unfocused.
    Needs the map's half of issue 25 (branch a11y-map): the island shapes out of the Tab order."""
    open_map_page(page, atlas_server, "?lang=en")
    skip = f"A {TEXT['en']['skip_to_map']}"
    stops, tabs, unringed, previous = [], 0, [], None
    while tabs < 40 and not (stops and stops[-1]["slider"]):
        page.keyboard.press("Enter" if stops and stops[-1]["name"] == skip and tabs == 1 else "Tab")
        tabs += not (stops and stops[-1]["name"] == skip and tabs == 1)
        stop = page.evaluate(FOCUSED)
        if previous is not None and page.screenshot(clip=previous[0]) == previous[1]:
            unringed.append(previous[2])
        previous = None
        if not stop["inFrame"]:
            box = {"x": max(0, stop["left"] - 6), "y": max(0, stop["top"] - 6),
                   "width": min(stop["right"] + 6, 1280) - max(0, stop["left"] - 6),
                   "height": min(stop["bottom"] + 6, 720) - max(0, stop["top"] - 6)}
            previous = (box, page.screenshot(clip=box), stop["name"])
        stops.append(stop)
    off_screen = [stop["name"] for stop in stops
                  if stop["right"] <= 0 or stop["bottom"] <= 0 or stop["left"] >= 1280 or stop["top"] >= 720]
    assert (stops[0]["name"], stops[-1]["slider"], off_screen, unringed) == (skip, True, [], [])
    assert tabs <= MAX_TABS_TO_SLIDER, [stop["name"] for stop in stops]


def test_focus_stays_with_the_reader_opening_the_sidebar_uploading_and_closing_it(page, atlas_server):
    """On the map page, » opened from the keyboard puts focus in the sidebar; after an upload focus
    is still in the uploader; closing the sidebar puts focus back on », and the closed sidebar is inert."""
    open_map_page(page, atlas_server, "?lang=ru")
    page.locator('[data-testid="stExpandSidebarButton"]').focus()
    page.keyboard.press("Enter")
    wait_for(page, lambda: focused_in(page, '[data-testid="stSidebar"]'), message="focus in the opened sidebar")
    page.locator('[data-testid="stSidebar"] summary').click()
    uploader = '[data-testid="stSidebar"] [data-testid="stFileUploader"]'
    with page.expect_file_chooser() as chooser:
        page.locator(f"{uploader} button").click()
    chooser.value.set_files(str(REPO / "data" / "examples" / "class-events.csv"))
    page.locator(uploader).get_by_text("class-events.csv").wait_for(timeout=15_000)
    wait_for(page, lambda: focused_in(page, uploader), 5_000, "focus back in the uploader")
    page.locator('[data-testid="stSidebarCollapseButton"] button').focus()
    page.keyboard.press("Enter")
    wait_for(page, lambda: focused_in(page, '[data-testid="stExpandSidebarButton"]'), message="focus back on »")
    assert page.locator('[data-testid="stSidebar"]').evaluate("sidebar => sidebar.inert") is True


def test_after_an_edit_in_the_lessons_table_focus_stays_in_the_table(page, atlas_server):
    wire = open_lesson_page(page, atlas_server)
    edit_cell(page, wire, 0, 0, "1945-08-28")  # as a teacher does: click, Enter, type, Enter; the page runs
    wait_for(page, lambda: focused_in(page, '[data-testid="stDataFrame"]'), 5_000, "focus back in the table")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_accessibility_violation_of_any_impact_on_any_page(page, atlas_server, lang):
    """axe on every page of app.py's PAGES, reached through the header's links as a reader does,
    in the page's own document (each map's frame has its own scan); each page is in ``lang``, has
    one level-one heading and passes its PAGE_CHECKS. The island chosen is Kunashir, for its card."""
    wire = PageWire(page)
    open_page(page, atlas_server, f"/Sources?lang={lang}&island=kunashir")
    found = []
    for _, _, url, _ in atlas_pages():
        runs = wire.runs
        link = page.locator(f'[data-testid=stTopNavLink][href="{atlas_server.url}/{url}"]')
        if link.evaluate("link => !link.closest('[inert]')"):
            link.click()
        else:  # a link the header has no room for is in its "more" menu: open the page by its address
            page.goto(f"{atlas_server.url}/{url}?lang={lang}")
        wait_for(page, lambda: wire.runs > runs and not wire.rerun_pending, message=f"/{url} to run")
        if url in ("", "Story", "Lesson", "Compare"):
            page.frame_locator(MAP_FRAME).first.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
        wait_until_quiet(page)
        assert (html_lang(page), page.locator("h1").count(), PAGE_CHECKS.get(url, bool)(page)) == (lang, 1, True), url
        if not page.evaluate("!!window.axe"):
            page.evaluate(Axe().axe_script)  # once a document: a link switches pages within it
        violations = page.evaluate("axe.run({exclude: [['iframe[src*=\"streamlit_folium\"]']]})"
                                   ".then(result => result.violations.map(v => [v.impact, v.id, v.help, v.nodes[0].target]))")
        found += [f"/{url}: {impact} {rule}: {text} at {target}" for impact, rule, text, target in violations]
    assert found == []
