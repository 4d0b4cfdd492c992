"""For course pages and slides, in Chromium: the map page embedded (``?embed=true``) in a 960×600
frame gives the map at least 70 % of it, with the event panel in reach; the map's copy-link
button copies the address of the view shown (or shows it to copy by hand), and that address
opens the same view; the Handouts page draws an animation with a progress bar and downloads it.
Screenshots of each go to artifacts/screens/."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_helpers import MAP_FRAME, open_atlas, shown_date, wait_for
from conftest import guarded_page
from PIL import Image

from bench.common import is_loopback
from geo.classroom.address import ADDRESS_PARAMETERS

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1366, 768), (390, 844)]
MIN_SHARE = 0.70
EMBED = (960, 600)

# In the embedded app's document: the map frame's share of the window, and whether the time
# control lies wholly in sight.
MAP_SHARE = """() => {
  const frame = document.querySelector('.st-key-atlas-map-area iframe').getBoundingClientRect();
  const seen = (a, b) => Math.max(0, Math.min(a.right, innerWidth) - Math.max(a.left, 0)) *
                         Math.max(0, Math.min(a.bottom, innerHeight) - Math.max(a.top, 0));
  return seen(frame) / (innerWidth * innerHeight);
}"""


@pytest.fixture(scope="module")
def shots(artifacts):
    folder = artifacts / "screens"
    folder.mkdir(exist_ok=True)
    return folder


def embedded_app(page):
    """The frame the host page embeds the atlas in, once its map has drawn."""
    wait_for(page, lambda: any("embed=true" in frame.url for frame in page.frames), 30_000, "the embedded app")
    app = next(frame for frame in page.frames if "embed=true" in frame.url)
    app.frame_locator(MAP_FRAME).locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
    return app


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_embedded_in_a_960_by_600_frame_the_map_fills_it_and_the_panel_is_in_reach(atlas_server, browser, shots, lang):
    with guarded_page(browser, is_loopback, viewport={"width": 1100, "height": 700}) as page:
        page.set_content(f'<iframe src="{atlas_server.url}/?embed=true&date=1945-08-28&lang={lang}" width="{EMBED[0]}" '
                         f'height="{EMBED[1]}" title="Kuril Islands atlas" style="border:0"></iframe>')
        app = embedded_app(page)
        wait_for(page, lambda: app.evaluate(MAP_SHARE) >= MIN_SHARE, 10_000, "the map to fill the frame")
        time_control = app.frame_locator(MAP_FRAME).locator(".atlas-time")
        box, frame_box = time_control.bounding_box(), page.locator("iframe").bounding_box()
        assert frame_box["y"] <= box["y"] and box["y"] + box["height"] <= frame_box["y"] + frame_box["height"]
        page.screenshot(path=str(shots / f"embed-960x600-{lang}.png"))
        # The event panel is below the map, in the same frame: scrolled to, it is in sight.
        heading = app.locator(".st-key-atlas-side h2").first
        heading.scroll_into_view_if_needed()
        assert heading.text_content() == "1945-08-28"
        top = heading.bounding_box()["y"]
        assert frame_box["y"] <= top < frame_box["y"] + frame_box["height"]
        assert page.errors == [] and page.context.blocked == []
        for width, height in SIZES:  # the page embedded in frames of a slide's and a phone's size
            page.set_viewport_size({"width": width, "height": height})
            page.locator("iframe").evaluate(f"frame => {{ frame.width = {width}; frame.height = {height}; }}")
            app.evaluate("() => document.querySelector('.st-key-atlas-map-area').scrollIntoView({block: 'start'})")
            wait_for(page, lambda: app.evaluate(MAP_SHARE) >= MIN_SHARE, 10_000, f"the map to fill {width}x{height}")
            page.screenshot(path=str(shots / f"embed-{width}x{height}-{lang}.png"))


def copied(page, frame) -> str:
    """Press the map's copy-link button; the address it copied, once it says so (after the last
    confirmation has gone)."""
    toast = frame.locator(".atlas-link-toast")
    toast.wait_for(state="hidden", timeout=5_000)
    frame.locator(".atlas-link-button").click()
    toast.wait_for(state="visible", timeout=5_000)
    return page.evaluate("navigator.clipboard.readText()")


def query_of(address: str) -> dict[str, str]:
    return {name: values[-1] for name, values in parse_qs(urlsplit(address).query).items()}


def test_the_copy_link_button_copies_the_address_of_the_view_shown_which_opens_it_again(atlas_server, browser, shots):
    names = ADDRESS_PARAMETERS
    with guarded_page(browser, is_loopback, viewport={"width": 1280, "height": 720},
                      permissions=["clipboard-read", "clipboard-write"]) as page:
        frame = open_atlas(page, atlas_server, "?date=1945-08-28&island=iturup&lang=ja&view=japan")
        assert frame.locator(".atlas-link-button").get_attribute("aria-label").startswith("この表示へのリンクをコピー")
        address = copied(page, frame)
        assert address.startswith(atlas_server.url + "/?")
        assert query_of(address) == {names["date"]: "1945-08-28", names["island"]: "iturup", names["lang"]: "ja",
                                     names["perspective"]: "japan"}
        assert frame.locator(".atlas-link-status").text_content() == "リンクをコピーしました"
        page.screenshot(path=str(shots / "copy-link-1280x720-ja.png"))
        # The map moves on (next event, Russia's maps): the link follows what is shown.
        frame.locator(".atlas-next").click()
        frame.locator('.atlas-view[data-view="russia"]').click()
        wait_for(page, lambda: shown_date(frame) != "1945-08-28", message="the next event")
        moved = query_of(copied(page, frame))
        assert moved[names["date"]] == shown_date(frame) and moved[names["perspective"]] == "russia"
        # Opened, the copied address shows that view.
        frame = open_atlas(page, atlas_server, "?" + urlsplit(copied(page, frame)).query)
        assert shown_date(frame) == moved[names["date"]]
        assert frame.locator("#map_div").get_attribute("data-atlas-perspective") == "russia"
        # A story step is part of the address, on the Story page's own path.
        page.goto(f"{atlas_server.url}/Story?step=3&lang=ru")
        story = page.frame_locator(MAP_FRAME)
        story.locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
        wait_for(page, lambda: story.locator(".atlas-lesson-count").text_content().startswith("Шаг 3"),
                 message="the story's third step")
        address = copied(page, story)
        assert urlsplit(address).path == "/Story"
        assert query_of(address)[names["step"]] == "3" and query_of(address)[names["lang"]] == "ru"
        assert page.errors == [] and page.context.blocked == []


def test_where_the_clipboard_is_refused_the_link_is_shown_selected_to_copy_by_hand(atlas_server, browser, shots):
    with guarded_page(browser, is_loopback, viewport={"width": 390, "height": 844}) as page:
        page.context.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });")
        frame = open_atlas(page, atlas_server, "?date=1956-10-19&lang=ru")
        frame.locator(".atlas-link-button").click()
        field = frame.locator(".atlas-link-field")
        field.wait_for(state="visible", timeout=5_000)
        assert query_of(field.input_value()) == {"date": "1956-10-19", "lang": "ru"}
        selected = field.evaluate("node => node.value.slice(node.selectionStart, node.selectionEnd)")
        assert selected == field.input_value()
        assert frame.locator(".atlas-link-status").text_content().startswith("Нажмите Ctrl+C")
        page.screenshot(path=str(shots / "copy-link-fallback-390x844-ru.png"))


@pytest.mark.parametrize("lang, make, download", [
    ("ja", "アニメーションを作成", "アニメーションをダウンロード"),
    ("en", "Make the animation", "Download the animation"),
])
def test_the_handouts_page_draws_an_animation_with_progress_and_downloads_it(atlas_server, browser, shots, lang, make,
                                                                              download):
    with guarded_page(browser, is_loopback, viewport={"width": 1280, "height": 720}) as page:
        page.goto(f"{atlas_server.url}/Handouts?lang={lang}")
        page.get_by_role("button", name=make).click()
        page.locator("[data-testid=stProgress]").wait_for(timeout=30_000)
        button = page.get_by_role("button", name=download)
        button.wait_for(timeout=60_000)
        with page.expect_download(timeout=15_000) as saved:
            button.click()
        assert saved.value.suggested_filename == f"kuril-islands-1945-08-15-1945-09-10-administered-{lang}.gif"
        image = Image.open(io.BytesIO(open(saved.value.path(), "rb").read()))
        assert image.n_frames == 9 and image.size == (1280, 720)
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            button.scroll_into_view_if_needed()
            page.screenshot(path=str(shots / f"handouts-animation-{width}x{height}-{lang}.png"))
        assert page.errors == [] and page.context.blocked == []
