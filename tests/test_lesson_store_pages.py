"""The Story and Lesson pages, run headless with AppTest against a SQLite file of their own, given
present and edit links: a saved lesson played or opened for editing, a wrong key read-only, and
any malformed, unknown or hostile ``lesson=`` / ``key=`` a warning and the atlas's own story,
never an exception."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.common import REPO
from geo.classroom.lesson import story_lesson_rows
from geo.classroom.store import migrated_store
from geo.model.i18n import translate
from geo.render.markdown import plain

STORY_TITLE = story_lesson_rows()[0]["title_en"]
HOSTILE_LINKS = [  # the value given as lesson= and key=, and the warning it gets
    ("<script>alert(1)</script>", "store_bad_id"), ("AAAAAAAAAAAAAAAA", "store_unknown"),
    ("../../etc/passwd", "store_bad_id"), ("A" * 5000, "store_bad_id"), ("\u202eevil", "store_bad_id"),
    ("' OR 1=1 --", "store_bad_id"), ("%00", "store_bad_id"), ("ＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡ", "store_bad_id"),
    ("AAAAAAAA%2F..AAAA", "store_bad_id"), ("", None)]


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'lessons.sqlite3'}"
    monkeypatch.setenv("KURIL_ATLAS_LESSONS_URL", url)
    with migrated_store(url) as lessons:
        yield lessons


def run_page(page: str, **query) -> AppTest:
    app = AppTest.from_file(str(REPO / "pages" / page), default_timeout=60)
    for name, value in query.items():
        app.query_params[name] = value
    return app.run()


def warnings(app: AppTest) -> str:
    return " ".join(warning.value for warning in app.warning)


def test_a_present_link_plays_the_saved_lesson_at_its_step_in_the_readers_language(store):
    rows = story_lesson_rows()
    rows[2]["title_ru"] = "<b>Урок</b>"
    created = store.create(rows, "mine.csv")
    app = run_page("4_Story.py", lesson=created.id, step="3", lang="ru", extra="ignored")
    assert not app.exception
    assert app.header[0].value == plain("<b>Урок</b>")
    assert app.info[0].value == translate("story_saved_playing", "ru")
    assert (app.query_params["lesson"], app.query_params["step"]) == (created.id, "3")


def test_a_present_link_follows_the_teachers_next_good_version_and_keeps_the_last_good_one(store):
    created = store.create(story_lesson_rows(), "mine.csv")
    app = run_page("4_Story.py", lesson=created.id)
    rows = story_lesson_rows()
    rows[0]["title_en"] = "Fixed by the teacher"
    version = store.save(created.id, created.key, rows, "mine.csv", created.version)
    assert app.run().header[0].value == "Fixed by the teacher"
    rows[0]["date"] = "not yet"  # the teacher is half-way through an edit
    store.save(created.id, created.key, rows, "mine.csv", version)
    assert app.run().header[0].value == "Fixed by the teacher" and not app.exception


def test_a_present_link_to_a_lesson_with_problems_warns_and_plays_the_atlas_story(store):
    rows = story_lesson_rows()
    rows[0]["date"] = "1994-13-04"
    created = store.create(rows, "mine.csv")
    app = run_page("4_Story.py", lesson=created.id)
    assert warnings(app) == translate("store_present_problems", "en", count="1")
    assert app.header[0].value == plain(STORY_TITLE)


@pytest.mark.parametrize("value, warning", HOSTILE_LINKS)
def test_a_hostile_or_unknown_present_link_warns_and_plays_the_atlas_story(store, value, warning):
    app = run_page("4_Story.py", lesson=value, key=value)
    assert not app.exception
    assert app.header[0].value == plain(STORY_TITLE)
    assert warnings(app) == (translate(warning, "en") if warning else "")
    assert "lesson" not in app.query_params  # the address no longer names it


@pytest.mark.parametrize("value, warning", HOSTILE_LINKS)
def test_a_hostile_or_unknown_edit_link_warns_and_opens_the_editor_on_nothing_saved(store, value, warning):
    app = run_page("8_Lesson.py", lesson=value, key=value)
    assert not app.exception
    assert warnings(app) == (translate(warning, "en") if warning else "")
    assert "lesson_saved" not in app.session_state and not app.query_params.get("lesson")


def test_an_edit_link_opens_the_saved_lesson_for_editing_and_a_wrong_key_read_only(store):
    created = store.create(story_lesson_rows(), "mine.csv")
    editing = run_page("8_Lesson.py", lesson=created.id, key=created.key)
    assert editing.session_state["lesson_saved"].key == created.key and not editing.warning
    assert [code.value for code in editing.code][1].endswith(f"/Lesson?lesson={created.id}&key={created.key}")
    wrong = run_page("8_Lesson.py", lesson=created.id, key="B" * 32)
    assert wrong.session_state["lesson_saved"].key is None
    assert warnings(wrong) == translate("store_wrong_key", "en")
    assert len(wrong.code) == 1  # the present link only
    no_key = run_page("8_Lesson.py", lesson=created.id)
    assert warnings(no_key) == translate("store_read_only", "en")
    assert store.version(created.id) == 1


def edited(app: AppTest, **changes) -> AppTest:
    """The editor's lesson with ``changes`` to its first step, as the table's edit leaves it; run."""
    rows = [dict(row) for row in app.session_state["lesson_rows"]]
    rows[0].update(changes)
    app.session_state["lesson_rows"] = rows
    return app.run()


def errors(app: AppTest) -> str:
    return " ".join(error.value for error in app.error)


def test_a_save_past_the_processes_saves_a_minute_is_refused_with_a_message_and_kept_on_the_page(store, monkeypatch):
    monkeypatch.setenv("KURIL_ATLAS_LESSON_SAVES_PER_MINUTE", "1")
    created = store.create(story_lesson_rows(), "mine.csv")
    app = run_page("8_Lesson.py", lesson=created.id, key=created.key)
    assert "version 2" in " ".join(m.value for m in edited(app, title_en="Saved").markdown)
    edited(app, title_en="Refused")
    assert errors(app) == translate("store_too_many_saves", "en", limit="1")
    assert app.session_state["lesson_rows"][0]["title_en"] == "Refused"  # kept on the page
    assert store.load(created.id).rows[0]["title_en"] == "Saved"


def test_a_save_past_a_lesson_files_limits_is_refused_with_the_limit_named(store):
    created = store.create(story_lesson_rows(), "mine.csv")
    app = edited(run_page("8_Lesson.py", lesson=created.id, key=created.key), title_en="x" * 2_001)
    assert errors(app).startswith(translate("store_too_large", "en", problem="step 1: column title_en: 2,001 "
                                            "characters; a cell holds at most 2,000"))
    assert store.version(created.id) == 1


def test_a_save_past_the_stores_total_size_is_refused_with_a_message(store, monkeypatch):
    monkeypatch.setenv("KURIL_ATLAS_LESSONS_MAX_MB", "1")
    big = [{**row, "narrative_ja": "長" * 1_900} for row in story_lesson_rows()]
    while store.total_bytes() < 900_000:
        store.create(big, "big.csv")
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/8_Lesson.py").run()  # through the navigation: the page links its Story page
    app.button(key="lesson_story").click().run()
    assert not app.exception
    assert errors(app) == translate("store_full", "en", limit="1,000,000")
    assert "lesson" not in app.query_params  # no lesson was made


def test_the_edit_link_comes_back_to_the_address_when_the_lesson_page_is_opened_again(store):
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/8_Lesson.py").run()
    app.button(key="lesson_story").click().run()
    saving = app.session_state["lesson_saved"]
    for name in ("lesson", "key"):
        del app.query_params[name]  # as the navigation leaves them out
    app.switch_page("pages/8_Lesson.py").run()
    assert (app.query_params["lesson"], app.query_params["key"]) == (saving.id, saving.key)
    assert app.session_state["lesson_saved"].version == 1  # opened again, not saved again
