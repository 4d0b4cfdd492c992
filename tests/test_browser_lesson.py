"""A teacher's own lesson in Chromium: written in the editor's table with the map previewing the
chosen step, downloaded, opened again in a fresh session and presented with the keys; problems
named by row and column; hostile text shown literally; and the exported lesson played from a
file with the network blocked."""

from __future__ import annotations

import csv
import io

import pytest
from browser_helpers import MAP_FRAME, PageWire, open_export, shown_date, wait_for, wait_until_run_finished
from conftest import guarded_page, is_local_file

from bench.common import is_loopback

from geo.render.export import build_offline_html
from geo.classroom.steps import read_step_rows, read_steps
from geo.model.status import default_history

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
HOSTILE = ["<img src=x onerror=alert(1)>", "[x](javascript:alert(1))"]
STEPS = [  # date, islands, English title
    ("1855-02-07", "iturup;urup", "Shimoda: the first border"),
    ("1945-08-28", "iturup", "The landing on Iturup"),
    ("1956-10-19", "shikotan;habomai", "The Joint Declaration"),
]


@pytest.fixture(scope="module")
def shots(artifacts):
    """Where the lesson's screenshots go, for a reviewer to look at."""
    folder = artifacts / "lesson"
    folder.mkdir(exist_ok=True)
    return folder


def lesson_csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["date", "islands", "title_en", "title_ja", "narrative_en",
                                                "japan_view_en", "question_en"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


HOSTILE_LESSON = lesson_csv([
    {"date": "1945-08-28", "islands": "iturup", "title_en": HOSTILE[0], "title_ja": "択捉島への上陸",
     "narrative_en": HOSTILE[1], "japan_view_en": "</script><script>alert(1)</script>", "question_en": "**why?**"},
    {"date": "1956-10-19", "islands": "shikotan;habomai", "title_en": HOSTILE[1], "narrative_en": HOSTILE[0]},
])


def open_lesson_page(page, server, query: str = ""):
    """The lesson editor, once its first run has finished and its map has drawn; its PageWire."""
    wire = PageWire(page)
    page.goto(f"{server.url}/Lesson{query}")
    page.frame_locator(MAP_FRAME).locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
    wait_until_run_finished(page, wire)
    return wire


def selected_cell(grid) -> str | None:
    # One read in the page: the table may be drawn again between two reads of it.
    return grid.evaluate("table => { const cells = table.querySelectorAll('td[aria-selected=true]');"
                         " return cells.length === 1 ? cells[0].id : null; }")


def edit_cell(page, wire, row: int, column: int, text: str) -> None:
    """Type ``text`` into the editor's cell (row, column) as a teacher does: select it, Enter,
    type, Enter; then wait until the page has run with it. Columns count from the date, 0."""
    grid = page.locator("[data-testid=stDataFrame]")
    target = f"glide-cell-{column + 1}-{row}"
    for _ in range(5):  # a click that lands while the table is being drawn again is lost: click again
        boxes = []
        wait_for(page, lambda: boxes.append(grid.locator("canvas").first.bounding_box(timeout=2_000)) or boxes[-1],
                 message="the table to be drawn")
        box = boxes[-1]
        page.mouse.click(box["x"] + 55, box["y"] + 35 + 17 + 35 * row)  # 35 px rows under a 35 px header
        # The table keeps focus and its chosen cell across the page's runs (ui/web/page-focus.js), and
        # a click on a focused table's chosen cell opens its editor: close it, the cell stays chosen.
        if page.locator("textarea.gdg-input").count():
            page.keyboard.press("Escape")
        try:
            wait_for(page, lambda: selected_cell(grid) == f"glide-cell-1-{row}", 2_000, "the click to select a cell")
            break
        except AssertionError:
            continue
    for step in range(2, column + 2):
        # A key pressed while the page's run redraws the table can be lost, and a click on the
        # chosen cell may open its editor a moment late: close it and press again.
        for _ in range(4):
            if page.locator("textarea.gdg-input").count():
                page.keyboard.press("Escape")
            if selected_cell(grid) != f"glide-cell-{step}-{row}":
                page.keyboard.press("ArrowRight")
            try:
                wait_for(page, lambda: selected_cell(grid) == f"glide-cell-{step}-{row}", 1_000, "a step right")
                break
            except AssertionError:
                continue
    if selected_cell(grid) != target:
        # Seen now and then after a run redrew the table: the arrows do nothing at all. Choose the
        # cell as a screen reader does, through the table's accessible copy (noted in the README).
        grid.locator(f"#{target}").focus()
    wait_for(page, lambda: selected_cell(grid) == target, 5_000, f"{target} to be selected")
    page.keyboard.press("Enter")
    editor = page.locator("textarea.gdg-input")
    editor.wait_for(timeout=5_000)
    editor.fill(text)
    editor.press("Enter")
    wait_until_run_finished(page, wire)
    cell = grid.get_by_test_id(target)
    wait_for(page, lambda: cell.count() == 1 and cell.text_content() == text, message=f"{target} to hold {text!r}")


def add_row(page, wire, number: int) -> None:
    page.locator("[data-testid=stDataFrame]").hover()
    page.get_by_role("button", name="Add row").click()
    wait_for(page, lambda: page.get_by_text(f"step {number}: column date: is empty").count() == 1,
             message=f"step {number} to be added")
    wait_until_run_finished(page, wire)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the select box ``label``; a click that lands while the box is being
    drawn again opens nothing, so click until the list shows."""
    for _ in range(5):
        page.get_by_role("combobox", name=label).click()
        try:
            wait_for(page, lambda: page.get_by_role("option", name=option).count() == 1, 2_000, "the list to open")
            break
        except AssertionError:
            page.keyboard.press("Escape")
    page.get_by_role("option", name=option).click()


def upload_lesson(page, wire, name: str, raw: bytes) -> None:
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        [{"name": name, "mimeType": "text/csv", "buffer": raw}])
    wait_until_run_finished(page, wire)


def main_text(page) -> str:
    return page.locator("[data-testid=stMain]").inner_text()


def nothing_ran(page) -> None:
    """No markup or link made from lesson text, and no script run (no error, no dialog)."""
    assert page.locator("[data-testid=stMain] img[src=x]").count() == 0
    assert page.locator("[data-testid=stMain] a[href^='javascript']").count() == 0
    assert page.errors == []


def test_a_lesson_written_in_the_editor_previews_downloads_and_presents_in_a_fresh_session(atlas_server, browser, shots):
    with guarded_page(browser, is_loopback, viewport=PROJECTOR) as page:
        wire = open_lesson_page(page, atlas_server)
        frame = page.frame_locator(MAP_FRAME)
        for row, (day, islands, title) in enumerate(STEPS):
            if row:
                add_row(page, wire, row + 1)
            edit_cell(page, wire, row, 0, day)
            edit_cell(page, wire, row, 1, islands)
            edit_cell(page, wire, row, 3, title)
            if row == 0:  # the first step, complete, is on the map at once
                wait_for(page, lambda: shown_date(frame) == "1855-02-07", message="the preview of step 1")
        assert "No problems: the lesson is ready to present." in main_text(page)
        # Choosing another step moves the preview to its date.
        choose(page, "Step shown on the map", "3 — The Joint Declaration")
        wait_for(page, lambda: shown_date(frame) == "1956-10-19", message="the preview to follow step 3")
        page.get_by_role("heading", name="The Joint Declaration").wait_for()
        page.screenshot(path=str(shots / "editor-1280x720-en.png"))
        with page.expect_download(timeout=15_000) as download:
            page.get_by_role("button", name="Download the lesson (CSV)").click()
        assert download.value.suggested_filename == "my-lesson.csv"
        saved = open(download.value.path(), "rb").read()
        assert [(row["date"], row["islands"], row["title_en"]) for row in read_step_rows(saved, "my-lesson.csv")] == STEPS
        assert page.errors == []

    with guarded_page(browser, is_loopback, viewport=PROJECTOR) as fresh:  # another browser: a new session
        wire = open_lesson_page(fresh, atlas_server)
        assert "The landing on Iturup" not in main_text(fresh)
        upload_lesson(fresh, wire, "my-lesson.csv", saved)
        fresh.get_by_text("Opened my-lesson.csv: 3 steps.").wait_for()
        fresh.get_by_role("link", name="Present this lesson").click()
        fresh.get_by_role("heading", name="Shimoda: the first border").wait_for(timeout=30_000)
        wait_until_run_finished(fresh, wire)
        assert "You are presenting your own lesson (3 steps)." in main_text(fresh)
        frame = fresh.frame_locator(MAP_FRAME)
        wait_for(fresh, lambda: shown_date(frame) == "1855-02-07", message="the story's map on step 1")
        fresh.locator("body").press("ArrowRight")
        fresh.get_by_role("heading", name="The landing on Iturup").wait_for()
        wait_for(fresh, lambda: "step=2" in fresh.url and shown_date(frame) == "1945-08-28", message="step 2")
        fresh.locator("body").press("ArrowRight")
        fresh.get_by_role("heading", name="The Joint Declaration").wait_for()
        fresh.locator("body").press("ArrowLeft")
        fresh.get_by_role("heading", name="The landing on Iturup").wait_for()
        fresh.keyboard.press("f")  # the map's Present mode, as for the atlas's own story
        wait_for(fresh, lambda: frame.locator("html.atlas-presenting").count() == 1, message="F to present")
        fresh.keyboard.press("Escape")
        wait_for(fresh, lambda: frame.locator("html.atlas-presenting").count() == 0, message="Esc to leave")
        fresh.get_by_role("button", name="Back to the atlas's own story").click()
        fresh.get_by_role("heading", name="First records of the islands").wait_for()
        assert fresh.errors == []


def test_a_bad_date_is_named_by_row_and_column_and_the_preview_keeps_the_last_good_step(atlas_server, offline_page):
    page = offline_page
    wire = open_lesson_page(page, atlas_server)
    bad = lesson_csv([{"date": "1945-08-28", "title_en": "Fine"}, {"date": "1994-13-04", "title_en": "Bad"}])
    upload_lesson(page, wire, "bad-lesson.csv", bad)
    page.get_by_text("The file was not opened; your lesson was not changed. 1 problem(s):").wait_for()
    assert ("bad-lesson.csv: row 3: column date: '1994-13-04' is not a valid date (month must be in 1..12)"
            in main_text(page))
    frame = page.frame_locator(MAP_FRAME)
    edit_cell(page, wire, 0, 0, "1945-08-28")
    edit_cell(page, wire, 0, 3, "Landing")
    wait_for(page, lambda: shown_date(frame) == "1945-08-28", message="the preview of the good step")
    edit_cell(page, wire, 0, 0, "1945-02-30")
    page.get_by_text("my-lesson.csv: step 1: column date: '1945-02-30' is not a valid date "
                     "(day is out of range for month)").wait_for()
    assert "the map keeps the last step that could be shown" in main_text(page)
    assert shown_date(frame) == "1945-08-28"
    assert page.frame_locator(MAP_FRAME).locator("#map_div").evaluate(
        "() => Object.keys(KurilAtlas.current().layers).length") == 32
    assert page.errors == []


def test_hostile_lesson_text_shows_literally_in_the_editor_the_story_and_the_export(atlas_server, browser, tmp_path):
    with guarded_page(browser, is_loopback, viewport=PROJECTOR) as page:
        wire = open_lesson_page(page, atlas_server)
        upload_lesson(page, wire, "hostile.csv", HOSTILE_LESSON)
        page.get_by_text("Opened hostile.csv: 2 steps.").wait_for()
        text = main_text(page)
        assert HOSTILE[0] in text and HOSTILE[1] in text and "</script><script>alert(1)</script>" in text
        assert "**why?**" in text
        nothing_ran(page)
        with page.expect_download(timeout=30_000) as download:
            page.get_by_role("button", name="Download the lesson as one offline file (HTML)").click()
        exported = tmp_path / download.value.suggested_filename
        download.value.save_as(exported)
        page.get_by_role("link", name="Present this lesson").click()
        page.get_by_role("heading", name=HOSTILE[0]).wait_for(timeout=30_000)
        wait_until_run_finished(page, wire)
        # The map plays the lesson: its keys are there once its frame has drawn.
        page.frame_locator(MAP_FRAME).locator("#map_div[data-atlas-ready]").wait_for(timeout=30_000)
        page.locator("body").press("ArrowRight")
        page.get_by_role("heading", name=HOSTILE[1]).wait_for()
        assert HOSTILE[0] in main_text(page)
        nothing_ran(page)
    assert exported.name == "hostile.html"
    with guarded_page(browser, is_local_file, viewport=PROJECTOR) as page:
        open_export(page, exported)
        panel = page.locator(".atlas-lesson")
        assert panel.locator("h1").text_content() == HOSTILE[0]
        assert HOSTILE[1] in panel.text_content() and "</script><script>alert(1)</script>" in panel.text_content()
        page.locator(".atlas-lesson-next").click()
        wait_for(page, lambda: panel.locator("h1").text_content() == HOSTILE[1], message="step 2 in the export")
        assert page.locator("img[src=x]").count() == 0 and page.locator("a[href^='javascript']").count() == 0
        assert page.errors == [] and page.context.blocked == []


def test_the_exported_lesson_plays_offline_with_the_keys_and_asks_for_nothing(browser, tmp_path, shots):
    history = default_history()
    raw = lesson_csv([{"date": day, "islands": islands, "title_en": title, "title_ja": title_ja,
                       "narrative_en": f"Step {number}.", "japan_view_en": "Japan's view.", "question_en": "Why?"}
                      for number, ((day, islands, title), title_ja)
                      in enumerate(zip(STEPS, ["下田条約：最初の国境", "択捉島への上陸", "日ソ共同宣言"]), start=1)])
    lesson = read_steps(raw, "my-lesson.csv", history)
    for lang in ("en", "ja"):
        path = tmp_path / f"lesson-{lang}.html"
        path.write_text(build_offline_html(lang, lesson=lesson, history=history), encoding="utf-8")
        for name, viewport in (("1280x720", PROJECTOR), ("390x844", PHONE)):
            with guarded_page(browser, is_local_file, viewport=viewport) as page:
                open_export(page, path)
                title = page.locator(".atlas-lesson h1")
                assert title.text_content() == (STEPS[0][2] if lang == "en" else "下田条約：最初の国境")
                assert page.locator("#map").get_attribute("data-atlas-date") == "1855-02-07"
                page.screenshot(path=str(shots / f"export-{name}-{lang}.png"))
                if lang == "en" and name == "1280x720":
                    page.keyboard.press("ArrowRight")
                    wait_for(page, lambda: page.locator("#map").get_attribute("data-atlas-date") == "1945-08-28",
                             message="→ to step 2")
                    assert title.text_content() == "The landing on Iturup"
                    assert page.locator(".atlas-lesson-position").text_content() == "Step 2 of 3 · 1945-08-28"
                    assert "Why?" in page.locator(".atlas-lesson").text_content()
                    page.keyboard.press("ArrowRight")
                    wait_for(page, lambda: title.text_content() == "The Joint Declaration", message="→ to step 3")
                    assert page.locator(".atlas-lesson-next").is_disabled()
                    page.keyboard.press("ArrowLeft")
                    wait_for(page, lambda: page.locator("#map").get_attribute("data-atlas-date") == "1945-08-28",
                             message="← to step 2")
                    page.locator("#atlas-export-lang").select_option("ru")
                    assert page.locator(".atlas-lesson-next").text_content() == "Далее →"
                assert page.context.blocked == [] and page.errors == []


@pytest.mark.parametrize(("lang", "viewport"), [("ja", PROJECTOR), ("en", PHONE), ("ja", PHONE)])
def test_the_editor_with_the_atlas_story_in_each_language_and_screen(atlas_server, browser, shots, lang, viewport):
    with guarded_page(browser, is_loopback, viewport=viewport) as page:
        wire = open_lesson_page(page, atlas_server, f"?lang={lang}")
        label = {"en": "The atlas's story", "ja": "アトラスの物語"}[lang]
        page.get_by_role("button", name=label).click()
        wait_until_run_finished(page, wire)
        ready = {"en": "No problems: the lesson is ready to present.", "ja": "問題はありません。授業を始められます。"}[lang]
        page.get_by_text(ready).wait_for()
        name = f"{viewport['width']}x{viewport['height']}"
        page.screenshot(path=str(shots / f"editor-{name}-{lang}.png"), full_page=True)
        assert page.errors == []
