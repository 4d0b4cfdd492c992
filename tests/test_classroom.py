"""Classroom mode: the story file, comparing two dates, and the quiz, checked against the
same status model as the map."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import geo
from bench.common import REPO
from geo.classroom.compare import Change, PerspectiveDifference, differences, perspective_differences
from geo.model.paths import DATA_DIR
from geo.classroom.quiz import Question, answer_label, correct_answer, is_correct, make_quiz, question_text
from geo.classroom.steps import STORY_COLUMNS
from geo.classroom.story import load_story
from geo.model.timeline import build_timeline

JAPANESE, CYRILLIC = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"), re.compile(r"[\u0400-\u04ff]")
NORTHERN_AND_MIDDLE = {
    "atlasova", "shumshu", "paramushir", "antsiferova", "makanrushi", "onekotan", "kharimkotan",
    "chirinkotan", "ekarma", "shiashkotan", "raikoke", "matua", "rasshua", "ushishir", "ketoy",
    "simushir", "broutona", "chirpoy", "brat-chirpoyev", "urup",
}


@pytest.fixture(scope="module")
def history():
    return geo.load_history()


@pytest.fixture(scope="module")
def timeline(history):
    return build_timeline(history)


# --- story ----------------------------------------------------------------------------------

def test_the_story_loads_with_every_step_checked(history):
    steps = load_story(history)
    assert [step.number for step in steps] == list(range(1, len(steps) + 1))


def test_the_story_covers_the_key_moments_in_order(history):
    dates = [step.date for step in load_story(history)]
    for moment in ["1855-02-07", "1905-09-05", "1945-08-18", "1951-09-08", "1956-10-19",
                   "1991-12-26", "2010-11-01", "2022-03-21"]:
        assert dt.date.fromisoformat(moment) in dates
    assert dates == sorted(dates)


def test_every_story_step_has_its_title_narrative_and_both_sides_views_in_three_languages(history):
    for step in load_story(history):
        for texts in (step.titles, step.narrative, step.japan_view, step.russia_view):
            assert texts["en"] and JAPANESE.search(texts["ja"]) and CYRILLIC.search(texts["ru"])


def broken_story(tmp_path, change) -> Path:
    for name in ["story.csv", "sources.csv"]:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    path = tmp_path / "story.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    change(rows[1])
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=[*STORY_COLUMNS, "view"])
        writer.writeheader()
        writer.writerows(rows)
    return tmp_path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda row: row.update(date="1855-02-30"), "row 3: column date:"),
        (lambda row: row.update(date="2999-01-01"), "row 3: column date: 2999-01-01 is after today"),
        (lambda row: row.update(islands="iturup;atlantis"), "row 3: column islands: unknown island id 'atlantis'"),
        (lambda row: row.update(sources="no-such-source"), "row 3: column sources: unknown source id 'no-such-source'"),
        (lambda row: row.update(step="7"), "row 3: column step: expected 2, found '7'"),
        (lambda row: row.update(japan_view_en=""), "row 3: column japan_view_en: is empty"),
        (lambda row: row.update(view="china"), "row 3: column view: 'china' is not one of administered, japan, russia"),
        (lambda row: row.update(view="Japan"), "row 3: column view: 'Japan' is not one of administered, japan, russia"),
    ],
)
def test_a_broken_story_step_is_named_with_its_row_and_problem(history, tmp_path, change, message):
    data_dir = broken_story(tmp_path, change)
    with pytest.raises(geo.DataFileError, match="story.csv") as raised:
        load_story(history, data_dir)
    assert message in str(raised.value)


def test_a_story_without_a_view_column_shows_the_administered_map(history, tmp_path):
    for name in ["story.csv", "sources.csv"]:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    path = tmp_path / "story.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=STORY_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    assert {step.perspective for step in load_story(history, tmp_path)} == {"administered"}


def test_a_story_step_shows_todays_chain_on_japans_maps(history):
    steps = load_story(history)
    japan = [step for step in steps if step.perspective == "japan"]
    assert [(step.islands == tuple(history.island_ids), step.date >= dt.date(2026, 1, 1)) for step in japan] == [(True, True)]
    assert "Russia's maps" in japan[0].narrative["en"] and "ロシアの地図" in japan[0].narrative["ja"]
    assert "Карты России" in japan[0].narrative["ru"]
    assert {step.perspective for step in steps if step is not japan[0]} == {"administered"}


# --- compare --------------------------------------------------------------------------------

def test_compare_lists_exactly_the_1875_handover(history):
    changes = differences("1875-08-21", "1875-08-22", history)
    assert {c.island for c in changes} == NORTHERN_AND_MIDDLE
    assert {(c.before, c.after) for c in changes} == {("Russian Empire", "Japan")}


def test_compare_lists_exactly_the_islands_occupied_between_27_august_and_5_september_1945(history):
    already_soviet = {"shumshu", "paramushir", "antsiferova", "makanrushi", "onekotan", "matua"}
    changes = differences("1945-08-27", "1945-09-05", history)
    assert [c.island for c in changes] == [i for i in history.island_ids if i not in already_soviet]


def test_compare_finds_nothing_between_two_quiet_days(history):
    assert differences("1930-01-01", "1930-06-01", history) == []


def test_japans_and_russias_maps_differ_today_on_every_island(history):
    found = {d.island: (d.first, d.second) for d in perspective_differences("2024-01-01", history=history)}
    assert list(found) == list(history.island_ids)
    assert found["iturup"] == found["anuchina"] == ("Japan", "Russian Federation")
    assert found["urup"] == found["shumshu"] == ("undetermined", "Russian Federation")


@pytest.mark.parametrize("day", ["1860-06-01", "1880-01-01", "1930-01-01"])
def test_both_sides_maps_agree_before_the_war(history, day):
    assert perspective_differences(day, "japan", "russia", history) == []


def test_the_administered_map_and_russias_agree_today(history):
    assert perspective_differences("2024-01-01", "administered", "russia", history) == []


def test_where_japans_position_is_unclear_its_maps_draw_its_claim_not_the_administered_state(history):
    # 1950: Japan's position on the Kurils is unclear in the sources until 1952; its maps still draw
    # its title (issue 21), so every island differs from the Soviet administration.
    assert {d.second for d in perspective_differences("1950-01-01", "administered", "japan", history)} == {"Japan"}
    assert perspective_differences("1960-01-01", "administered", "japan", history)[0] == PerspectiveDifference(
        "atlasova", "Soviet Union", "undetermined")


def test_an_unknown_perspective_is_refused(history):
    with pytest.raises(ValueError, match="unknown perspective 'china'"):
        perspective_differences("2024-01-01", "china", "russia", history)


def test_a_change_reads_as_before_and_after():
    assert Change("urup", "Russian Empire", "Japan").describe("Urup") == "Urup: Russian Empire -> Japan"


# --- quiz -----------------------------------------------------------------------------------

def test_the_same_seed_gives_the_same_quiz(history, timeline):
    assert make_quiz(history, timeline, seed=11) == make_quiz(history, timeline, seed=11)


def test_a_quiz_has_eight_distinct_questions(history, timeline):
    questions = make_quiz(history, timeline, seed=5)
    assert len(set(questions)) == 8


@pytest.mark.parametrize("seed", range(6))
def test_controller_answers_agree_with_status_at(history, timeline, seed):
    for question in make_quiz(history, timeline, seed):
        if question.kind == "controller":
            expected = geo.status_at(question.date, history).loc[question.island, "controller"]
            assert correct_answer(question, history) == expected


@pytest.mark.parametrize("seed", range(6))
def test_a_wrong_answer_is_marked_wrong_and_the_right_one_right(history, timeline, seed):
    for question in make_quiz(history, timeline, seed):
        right = correct_answer(question, history)
        choices = question.choices or history.island_ids
        wrong = next(c for c in choices if c not in (right if isinstance(right, set) else {right}))
        assert (is_correct(question, wrong, history), is_correct(question, sorted(right)[0] if isinstance(right, set) else right, history)) == (False, True)


def test_the_1956_promise_covers_shikotan_and_the_habomai_islets(history, timeline):
    promise = next(q for q in make_quiz(history, timeline, seed=1) if q.kind == "promise")
    assert correct_answer(promise, history) == "lesser"


def test_on_28_august_1945_the_island_that_changed_hands_was_iturup(history):
    from geo.classroom.quiz import Question

    question = Question("changed_island", date=dt.date(1945, 8, 28))
    assert correct_answer(question, history) == {"iturup"}


# --- pages ----------------------------------------------------------------------------------

def run_page(page: str, query: dict | None = None) -> AppTest:
    app = AppTest.from_file(str(REPO / page), default_timeout=60)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    return app.run()


@pytest.mark.parametrize("page", ["pages/4_Story.py", "pages/6_Compare.py", "pages/7_Quiz.py"])
def test_each_classroom_page_renders_without_an_exception(page):
    assert not run_page(page).exception


def test_story_next_moves_to_step_two_and_its_date(history):
    app = run_page("pages/4_Story.py")
    app.button(key="story_next").click().run()
    steps = load_story(history)
    assert app.session_state["atlas_selection"].date == steps[1].date


def test_story_back_returns_to_step_one(history):
    app = run_page("pages/4_Story.py")
    app.button(key="story_next").click().run()
    app.button(key="story_back").click().run()
    assert app.session_state["story_step"] == 0


def test_compare_page_lists_urup_for_the_1875_handover():
    app = run_page("pages/6_Compare.py")
    app.date_input(key="compare_first").set_value(dt.date(1875, 8, 21))
    app.date_input(key="compare_second").set_value(dt.date(1875, 8, 22)).run()
    assert "Urup: Russian Empire → Japan" in " ".join(m.value for m in app.markdown)


def test_quiz_page_marks_a_wrong_answer_wrong_and_shows_the_source(history):
    app = run_page("pages/7_Quiz.py", {"seed": "3"})
    question = app.session_state["quiz"][0]
    right = correct_answer(question, history)
    choices = question.choices or history.island_ids
    wrong = next(c for c in choices if c not in (right if isinstance(right, set) else {right}))
    app.radio(key="quiz_answer").set_value(wrong).run()
    app.button(key="quiz_check").click().run()
    assert (app.session_state["quiz_results"], len(app.error)) == ([False], 1)


def test_quiz_page_marks_the_right_answer_right(history):
    app = run_page("pages/7_Quiz.py", {"seed": "3"})
    question = app.session_state["quiz"][0]
    right = correct_answer(question, history)
    app.radio(key="quiz_answer").set_value(sorted(right)[0] if isinstance(right, set) else right).run()
    app.button(key="quiz_check").click().run()
    assert (app.session_state["quiz_results"], len(app.success)) == ([True], 1)


@pytest.mark.parametrize(
    ("question", "choice", "lang", "expected"),
    [
        (Question("controller", island="kunashir", date=dt.date(1960, 1, 1)), "Soviet Union", "ja", "ソビエト連邦"),
        (Question("controller", island="kunashir", date=dt.date(1700, 1, 1)), "", "en", "No state administration"),
        (Question("changed_island", date=dt.date(1945, 9, 1)), "kunashir", "ru", "Кунашир"),
        (Question("event_year", event="1855-02-07-shimoda"), "1855", "en", "1855"),
    ],
)
def test_a_quiz_answer_reads_in_the_readers_language(question, choice, lang, expected):
    names = geo.load_islands(simplified=True)[f"name_{lang}"]
    assert answer_label(question, choice, names, lang) == expected


def test_a_quiz_question_names_its_event_in_the_readers_language(history):
    names = geo.load_islands(simplified=True)["name_ja"]
    text = question_text(Question("event_year", event="1855-02-07-shimoda"), history, names, "ja")
    assert history.events.loc["1855-02-07-shimoda", "title_ja"] in text


def test_a_story_step_with_a_perspective_hands_it_to_the_map_and_the_next_step_takes_it_back(history):
    steps = load_story(history)
    number = next(step.number for step in steps if step.perspective == "japan")
    app = run_page("pages/4_Story.py", {"step": str(number)})
    assert (app.session_state["atlas_selection"].perspective, app.query_params["view"]) == ("japan", "japan")
    app.button(key="story_back").click().run()
    assert app.session_state["atlas_selection"].perspective == "administered" and "view" not in app.query_params


def test_compare_page_lists_where_japans_and_russias_maps_differ_on_one_date():
    app = run_page("pages/6_Compare.py")
    app.radio(key="compare_kind").set_value("views").run()
    app.date_input(key="compare_first").set_value(dt.date(2024, 1, 1)).run()
    text = " ".join(m.value for m in app.markdown)
    assert "Iturup: Japan (Japan's maps) · Russian Federation (Russia's maps)" in text
    assert "Urup: undetermined (Japan's maps) · Russian Federation (Russia's maps)" in text
    assert not app.exception
