"""A teacher's upload in a real browser: hostile text shows literally and runs nothing, a bad
file is refused with its problems listed, and the upload stays in that session."""

from __future__ import annotations

import csv
import io
import zipfile
from urllib.parse import urlsplit

import pytest
from browser_helpers import MAP_FRAME, PageWire, open_atlas, open_sidebar, wait_for, wait_until_run_finished

pytestmark = pytest.mark.browser

HOSTILE_TITLES = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "[click me](javascript:alert(1))",
    "**not bold** <b>not bold either</b>",
    "Долгое название " * 40,
]
EVENT_COLUMNS = ["id", "date", "precision", "kind", "islands", "title_en", "title_ja", "title_ru",
                 "summary_en", "sources", "date_note"]


def events_csv(titles: list[str], day: str = "1994-10-04") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EVENT_COLUMNS)
    for number, title in enumerate(titles):
        writer.writerow([f"class-{number}", day, "day", "record", "shikotan", title, title, title,
                         f"Summary {number}: {title}", "wiki-en-kuril-islands", ""])
    return buffer.getvalue().encode("utf-8")


def upload(page, files: dict[str, bytes]) -> None:
    open_sidebar(page)
    page.get_by_text("Your own timeline").click()
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        [{"name": name, "mimeType": "text/csv", "buffer": raw} for name, raw in files.items()]
    )


def test_hostile_titles_show_literally_and_run_nothing(atlas_server, offline_page, artifacts):
    page = offline_page
    open_atlas(page, atlas_server, "?date=1994-10-04")
    upload(page, {"events.csv": events_csv(HOSTILE_TITLES)})
    wait_for(page, lambda: page.get_by_text("Your timeline is on the map").count() == 1, message="upload accepted")
    shown = page.frame_locator(MAP_FRAME).locator(".atlas-events option:checked")
    wait_for(page, lambda: shown.inner_text().startswith("1994-10-04 — "), message="the map to show the upload")
    main_text = page.locator("[data-testid=stMain]").inner_text()
    shown = shown.inner_text()
    page.screenshot(path=str(artifacts / "upload-hostile-titles.png"))
    assert "<img src=x onerror=alert(1)>" in main_text
    assert "</script><script>alert(1)</script>" in main_text
    assert "[click me](javascript:alert(1))" in main_text
    assert "**not bold** <b>not bold either</b>" in main_text
    assert shown.startswith("1994-10-04 — ")
    listed = page.frame_locator(MAP_FRAME).locator(".atlas-events option").all_inner_texts()
    assert "1994-10-04 — <img src=x onerror=alert(1)>" in listed  # the map's event list shows it as text
    assert page.frame_locator(MAP_FRAME).locator("img[src=x]").count() == 0
    assert page.locator("[data-testid=stMain] img[src=x]").count() == 0
    assert page.locator("[data-testid=stMain] a[href^='javascript']").count() == 0
    assert page.errors == []


def test_a_bad_upload_is_refused_with_its_problems_and_the_map_keeps_working(atlas_server, offline_page):
    page = offline_page
    open_atlas(page, atlas_server, "?date=1945-08-28")
    bad = events_csv(["A"]).replace(b"shikotan", b"atlantis").replace(b"1994-10-04", b"1994-13-04")
    upload(page, {"events.csv": bad})
    wait_for(page, lambda: page.get_by_text("The upload was rejected").count() == 1, message="rejection")
    text = page.locator("[data-testid=stSidebar]").inner_text()
    assert "events.csv: row 2: column date:" in text
    assert "events.csv: row 2: column islands: unknown island id 'atlantis'" in text
    frame = page.frame_locator(MAP_FRAME)
    assert frame.locator("#map_div").evaluate("() => Object.keys(KurilAtlas.current().layers).length") == 32
    assert page.errors == []


def test_an_upload_stays_in_its_own_session(atlas_server, browser):
    teacher, student = browser.new_context(), browser.new_context()
    try:
        first, second = teacher.new_page(), student.new_page()
        open_atlas(first, atlas_server, "?date=1994-10-04")
        upload(first, {"events.csv": events_csv(["Our class visited the museum"])})
        wait_for(first, lambda: first.get_by_text("Our class visited the museum").count() >= 1, message="teacher")
        listed = "1994-10-04 — Our class visited the museum"
        assert listed in first.frame_locator(MAP_FRAME).locator(".atlas-events option").all_inner_texts()
        wire = PageWire(second)
        open_atlas(second, atlas_server, "?date=1994-10-04")
        # The student's page has drawn everything for that day (its runs finished, its map
        # listing the events), and the teacher's event is in neither.
        wait_until_run_finished(second, wire)
        assert second.get_by_role("heading", name="1994-10-04").count() == 1
        assert listed not in second.frame_locator(MAP_FRAME).locator(".atlas-events option").all_inner_texts()
        assert second.get_by_text("Our class visited the museum").count() == 0
    finally:
        teacher.close()
        student.close()


def test_the_template_is_made_on_click_and_opening_the_page_fetches_no_file(atlas_server, offline_page):
    page = offline_page
    media = []
    # Streamlit's media files (what download buttons hold) live under /media/, fonts under /static/.
    page.on("request", lambda request: media.append(request.url) if urlsplit(request.url).path.startswith("/media/")
            else None)
    open_atlas(page, atlas_server, "?date=1945-08-28")
    open_sidebar(page)
    page.get_by_text("Your own timeline").click()
    download_button = page.get_by_role("button", name="Download the data as a template (ZIP)")
    download_button.wait_for(timeout=30_000)  # the open form, with its download button drawn
    assert media == []
    with page.expect_download(timeout=15_000) as download:
        download_button.click()
    saved = download.value.path()
    names = set(zipfile.ZipFile(saved).namelist())
    assert {"events.csv", "sources.csv", "control.csv", "claims.csv"} <= names
    assert download.value.suggested_filename == "kuril-atlas-template.zip"
    assert page.errors == []
