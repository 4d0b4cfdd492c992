"""A teacher's own lesson: read from CSV or from the editor's table, every problem named by file,
row (or step) and column, written back to the same CSV, and checked in the editor page."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

import geo
from bench.common import REPO
from geo.cli import main
from geo.render.export import build_offline_html
from geo.classroom.lesson import lesson_csv, table_edits
from geo.classroom.steps import (LESSON_COLUMNS, MAX_CELL_CHARS, MAX_LESSON_BYTES, MAX_STEPS, LessonError, STORY_COLUMNS,
                                 check_step_rows, read_step_rows, read_steps)
from geo.model.paths import DATA_DIR
from geo.model.status import default_history
from geo.classroom.story import load_story
from geo.model.upload import history_with_uploads

HOSTILE = ["<img src=x onerror=alert(1)>", "[x](javascript:alert(1))"]


@pytest.fixture(scope="module")
def history():
    return geo.load_history()


def lesson_file(*rows: dict, columns=("step", "date", "islands", "title_en", "narrative_en")) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def problems_of(raw: bytes, history, name: str = "my-lesson.csv") -> list[str]:
    with pytest.raises(LessonError) as raised:
        read_steps(raw, name, history)
    return raised.value.problems


# --- the format -----------------------------------------------------------------------------

def test_the_atlas_story_is_a_valid_lesson(history):
    steps = read_steps((DATA_DIR / "story.csv").read_bytes(), "story.csv", history)
    story = load_story(history)
    assert [(s.date, s.islands, s.titles, s.sources, s.perspective) for s in steps] == \
        [(s.date, s.islands, s.titles, s.sources, s.perspective) for s in story]


def test_a_lesson_holds_the_story_columns_and_adds_view_and_questions():
    assert set(STORY_COLUMNS) <= set(LESSON_COLUMNS)
    assert set(LESSON_COLUMNS) - set(STORY_COLUMNS) == {"view", "question_en", "question_ja", "question_ru"}


def test_a_lesson_written_to_csv_reads_back_the_same(history):
    rows = read_step_rows((DATA_DIR / "story.csv").read_bytes(), "story.csv")
    rows[2].update(view="japan", question_ja="なぜ？", title_en=HOSTILE[0], narrative_ru=HOSTILE[1] + "\nline two")
    written = lesson_csv(rows)
    assert read_step_rows(written, "again.csv") == rows
    assert lesson_csv(read_step_rows(written, "again.csv")) == written
    step = read_steps(written, "again.csv", history)[2]
    assert (step.perspective, step.question["ja"], step.titles["en"]) == ("japan", "なぜ？", HOSTILE[0])


def test_empty_translations_fall_back_to_english_or_to_any_language_given(history):
    raw = lesson_file({"date": "1956-10-19", "title_en": "Joint Declaration", "narrative_ja": "共同宣言"},
                      columns=("date", "title_en", "narrative_ja"))
    step = read_steps(raw, "a.csv", history)[0]
    assert step.titles == {"en": "Joint Declaration", "ja": "Joint Declaration", "ru": "Joint Declaration"}
    assert step.narrative == {"en": "共同宣言", "ja": "共同宣言", "ru": "共同宣言"}
    assert step.question == {"en": "", "ja": "", "ru": ""} and step.islands == () and step.sources == ()


# --- every problem, named by file, row and column -------------------------------------------

@pytest.mark.parametrize(("change", "message"), [
    ({"date": "1994-13-04"}, "my-lesson.csv: row 3: column date: '1994-13-04' is not a valid date (month must be in 1..12)"),
    ({"date": ""}, "my-lesson.csv: row 3: column date: is empty; a step needs a date (YYYY-MM-DD)"),
    ({"date": "2999-01-01"}, "my-lesson.csv: row 3: column date: 2999-01-01 is after today"),
    ({"islands": "iturup;atlantis"}, "my-lesson.csv: row 3: column islands: unknown island id 'atlantis'"),
    ({"title_en": ""}, "my-lesson.csv: row 3: column title_en: is empty; a step needs a title in at least one language"),
    ({"step": "7"}, "my-lesson.csv: row 3: column step: expected 2, found '7'"),
    ({"view": "china"}, "my-lesson.csv: row 3: column view: 'china' is not one of administered, japan, russia; leave it empty for administered"),
    ({"sources": "no-such-source"}, "my-lesson.csv: row 3: column sources: unknown source id 'no-such-source'"),
    ({"narrative_en": "x" * (MAX_CELL_CHARS + 1)},
     f"my-lesson.csv: row 3: column narrative_en: {MAX_CELL_CHARS + 1:,} characters; a cell holds at most {MAX_CELL_CHARS:,}"),
])
def test_a_bad_cell_is_named_by_file_row_and_column(history, change, message):
    good = {"step": "1", "date": "1945-08-28", "islands": "iturup", "title_en": "Landing", "view": "", "sources": ""}
    raw = lesson_file(good, {**good, "step": "2", **change}, columns=(*good, "narrative_en"))
    problems = problems_of(raw, history)
    assert len(problems) == 1 and problems[0].startswith(message)


def test_every_problem_of_a_file_is_listed_at_once(history):
    raw = lesson_file({"date": "1994-13-04", "islands": "atlantis", "title_en": "A"}, {"date": "", "title_en": ""},
                      columns=("date", "islands", "title_en"))
    assert problems_of(raw, history) == [
        "my-lesson.csv: row 2: column date: '1994-13-04' is not a valid date (month must be in 1..12)",
        "my-lesson.csv: row 2: column islands: unknown island id 'atlantis'",
        "my-lesson.csv: row 3: column date: is empty; a step needs a date (YYYY-MM-DD)",
        "my-lesson.csv: row 3: column title_en: is empty; a step needs a title in at least one language",
    ]


@pytest.mark.parametrize(("raw", "message"), [
    (b"x" * (MAX_LESSON_BYTES + 1), f"my-lesson.csv: too large ({MAX_LESSON_BYTES + 1:,} bytes; the limit is {MAX_LESSON_BYTES:,})"),
    (b"title_en\nA\n", "my-lesson.csv: row 1: missing column(s) date"),
    (b"date,titel_en\n1945-08-28,A\n", "my-lesson.csv: row 1: unknown column 'titel_en'"),
    (b"date,islands\n1945-08-28,iturup\n", "my-lesson.csv: row 1: no title column; add title_en, title_ja or title_ru"),
    (b"date,title_en\n", "my-lesson.csv: holds a header but no steps"),
    (b"date,title_en\n" + b"1945-08-28,A\n" * (MAX_STEPS + 1), f"my-lesson.csv: {MAX_STEPS + 1} steps; a lesson has at most {MAX_STEPS}"),
    ("date,title_en\n1945-08-28,A\n".encode("utf-16"), "my-lesson.csv: wrong encoding: the file is UTF-16"),
])
def test_a_file_that_is_no_lesson_is_refused_with_a_clear_message(history, raw, message):
    assert problems_of(raw, history)[0].startswith(message)


def test_the_editors_changes_are_applied_and_the_steps_numbered_again():
    rows = [{"step": "1", "date": "1855-02-07", "title_en": "One"}, {"step": "2", "date": "1875-08-22", "title_en": "Two"},
            {"step": "3", "date": "1945-08-28", "title_en": "Three"}]
    changes = {"edited_rows": {"2": {"title_en": "Three!", "narrative_en": None}}, "deleted_rows": [0],
               "added_rows": [{"date": "1956-10-19", "title_en": "Four", "bogus": "x"}]}
    assert [(row["step"], row["date"], row["title_en"], row["narrative_en"]) for row in table_edits(rows, changes)] == [
        ("1", "1875-08-22", "Two", ""), ("2", "1945-08-28", "Three!", ""), ("3", "1956-10-19", "Four", "")]
    assert rows[2]["title_en"] == "Three"  # the rows given are left as they were


def test_the_editors_table_names_the_step(history):
    rows = [{"date": "1945-08-28", "title_en": "A"}, {"date": "1945-02-30", "title_ru": "Б"}]
    steps, problems = check_step_rows(rows, history, "my-lesson.csv", place="step")
    assert steps[0] is not None and steps[1] is None
    assert problems == ["my-lesson.csv: step 2: column date: '1945-02-30' is not a valid date (day is out of range for month)"]


def test_a_lesson_may_rely_on_the_sessions_uploaded_timeline(history):
    uploaded = history_with_uploads({"sources.csv": b"id,title,url,publisher\nclass-notes,Our notes,https://example.org/notes,Class 7\n"}, history)
    raw = lesson_file({"date": "1945-08-28", "title_en": "A", "sources": "class-notes"}, columns=("date", "title_en", "sources"))
    assert problems_of(raw, history) == ["my-lesson.csv: row 2: column sources: unknown source id 'class-notes'"]
    assert read_steps(raw, "my-lesson.csv", uploaded)[0].sources == ("class-notes",)


# --- taken away: the offline page and the command line --------------------------------------

def embedded(text: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="atlas-data">(.*?)</script>', text, re.S).group(1))


def test_the_offline_page_holds_the_lesson_as_escaped_json(history):
    raw = lesson_file({"date": "1945-08-28", "islands": "iturup", "title_en": HOSTILE[0], "narrative_en": HOSTILE[1]},
                      {"date": "1956-10-19", "islands": "shikotan;habomai", "title_en": "</script><script>alert(1)</script>"},
                      columns=("date", "islands", "title_en", "narrative_en"))
    text = build_offline_html("en", lesson=read_steps(raw, "l.csv", history), history=history)
    assert "<img src=x" not in text and "</script><script>alert(1)" not in text
    data = embedded(text)
    assert data["state"]["date"] == "1945-08-28"  # it opens on the first step
    steps = data["state"]["lesson"]["steps"]  # handed to the map's lesson player with its first state
    assert [step["title"]["en"] for step in steps] == [HOSTILE[0], "</script><script>alert(1)</script>"]
    assert steps[1]["islands"][0] == "shikotan" and steps[0]["narrative"]["ja"] == HOSTILE[1]
    assert "innerHTML" not in text.split("<script>")[-1]  # the player sets text only


def test_the_command_line_exports_a_lesson(tmp_path, capsys):
    lesson = tmp_path / "my-lesson.csv"
    lesson.write_bytes(lesson_file({"date": "1855-02-07", "islands": "iturup;urup", "title_en": "Shimoda"},
                                   columns=("date", "islands", "title_en")))
    assert main(["export", str(tmp_path / "lesson.html"), "--story", str(lesson)]) == 0
    assert "with a lesson of 1 steps" in capsys.readouterr().out
    assert embedded((tmp_path / "lesson.html").read_text(encoding="utf-8"))["state"]["lesson"]["steps"][0]["title"]["ru"] == "Shimoda"


def test_the_command_line_lists_every_problem_of_a_bad_lesson(tmp_path, capsys):
    lesson = tmp_path / "bad.csv"
    lesson.write_bytes(b"date,title_en\n1994-13-04,A\n,B\n")
    assert main(["export", str(tmp_path / "lesson.html"), "--story", str(lesson)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "python -m geo: error: bad.csv: row 2: column date: '1994-13-04' is not a valid date (month must be in 1..12)",
        "python -m geo: error: bad.csv: row 3: column date: is empty; a step needs a date (YYYY-MM-DD)",
    ]
    assert not (tmp_path / "lesson.html").exists()


# --- the editor page (AppTest) --------------------------------------------------------------

def editor(rows: list[dict] | None = None, lang: str = "en") -> AppTest:
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    app.query_params["lang"] = lang
    app.run()
    if rows is not None:
        app.session_state["lesson_rows"] = rows
    app.switch_page("pages/8_Lesson.py").run()
    assert not app.exception
    return app


def test_a_blank_lesson_shows_no_problem_until_something_is_written():
    app = editor()
    assert [error.value for error in app.error] == []
    assert app.session_state["lesson_rows"][0]["date"] == ""
    app.button(key="lesson_blank").click().run()
    assert [error.value for error in app.error] == [] and app.warning == []
    assert app.session_state["lesson_rows"] == [{**dict.fromkeys(LESSON_COLUMNS, ""), "step": "1"}]


def test_the_editor_lists_every_problem_with_its_step_and_column_as_text():
    app = editor([{"date": "1994-13-04", "title_en": "A"}, {"date": "1945-08-28", "islands": "atlantis"}])
    assert [error.value for error in app.error] == [
        "3 problem(s) in the lesson:\n\n"
        "- my\\-lesson\\.csv\\: step 1\\: column date\\: '1994\\-13\\-04' is not a valid date \\(month must be in 1\\.\\.12\\)\n"
        "- my\\-lesson\\.csv\\: step 2\\: column islands\\: unknown island id 'atlantis'\n"
        "- my\\-lesson\\.csv\\: step 2\\: column title\\_en\\: is empty; a step needs a title in at least one language"
    ]
    assert app.warning[0].value == "This step has a problem (see the list); the map keeps the last step that could be shown."


def test_the_editor_shows_problems_in_the_readers_language_heading():
    app = editor([{"date": "1994-13-04", "title_en": "A"}], lang="ja")
    assert app.error[0].value.startswith("授業の問題 1 件：\n\n- my\\-lesson\\.csv\\: step 1\\: column date\\:")


def test_a_good_lesson_previews_its_step_with_hostile_text_escaped():
    app = editor([{"date": "1945-08-28", "islands": "iturup", "title_en": HOSTILE[0], "narrative_en": HOSTILE[1],
                   "question_en": "Who held Iturup?"}])
    assert app.success[0].value == "No problems: the lesson is ready to present."
    assert app.subheader[-1].value == "\\<img src=x onerror=alert\\(1\\)\\>"
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in [item.value for item in app.markdown]
    assert app.session_state["lesson_last_good"].date == "1945-08-28"


def test_the_story_page_presents_the_sessions_lesson_and_goes_back_to_the_atlas_story():
    app = editor([{"date": "1945-08-28", "islands": "iturup", "title_en": "One"},
                  {"date": "1956-10-19", "title_en": "Two", "question_en": "Why?"}])
    app.switch_page("pages/4_Story.py").run()
    assert [item.value for item in app.header] == ["One"]
    assert app.info[0].value == "You are presenting your own lesson (2 steps)."
    app.button(key="story_next").click().run()
    assert [item.value for item in app.header] == ["Two"] and app.query_params["step"] == "2"
    assert "**Question for the class**: Why?" in [item.value for item in app.markdown]
    app.button(key="story_to_atlas").click().run()
    assert app.header[0].value == "First records of the islands" and app.session_state["story_step"] == 0
    app.button(key="story_to_lesson").click().run()
    assert [item.value for item in app.header] == ["One"]


def test_a_lesson_with_problems_is_not_presented():
    app = editor([{"date": "1945-13-28", "title_en": "One"}])
    app.switch_page("pages/4_Story.py").run()
    assert app.header[0].value == "First records of the islands"
    assert "1 problem(s) in the lesson:" in [block.value for block in app.markdown]



def test_a_lesson_started_from_the_atlas_story_has_its_steps_and_no_problem():
    app = editor()
    app.button(key="lesson_story").click().run()
    rows = app.session_state["lesson_rows"]
    assert len(rows) == len(load_story(default_history())) and rows[0]["islands"] == "all"
    assert rows[-1]["step"] == str(len(rows))
    assert app.success[0].value == "No problems: the lesson is ready to present."
