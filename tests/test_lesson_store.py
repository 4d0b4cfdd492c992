"""The lesson store (geo.classroom.store) against a real SQLite file and a real PostgreSQL
server: lessons stored and read back as written, keys kept only as hashes, a wrong key and a
stale version refused, twenty versions kept and one restored, the limits held, bad ids refused."""

from __future__ import annotations

import hashlib
import os
import threading
import uuid

import pytest
import sqlalchemy as sa
from lesson_databases import throwaway_postgres

from geo.classroom import store as store_module
from geo.classroom.steps import MAX_CELL_CHARS, MAX_STEPS, blank_row
from geo.classroom.store import (KEPT_VERSIONS, LessonStore, SaveRate, StaleVersion, StoreFull, StoreRefusal,
                                 TooLarge, TooManySaves, UnknownLesson, WrongKey, engine_url, migrated_store,
                                 stored_rows)
from geo.model.i18n import LANGUAGES, translate

HOSTILE = ["<img src=x onerror=alert(1)>", "'); DROP TABLE lessons; --", "[x](javascript:alert(1))", "**b**\x00"]


def lesson(*titles: str) -> list[dict[str, str]]:
    return [{**blank_row(), "date": "1945-08-28", "islands": "iturup", "title_en": title} for title in titles]


@pytest.fixture(scope="module")
def postgres_url():
    try:
        with throwaway_postgres() as url:
            yield url
    except RuntimeError as error:
        if os.environ.get("CI"):
            pytest.fail(f"the store's PostgreSQL tests need a server: {error}")
        pytest.skip(str(error))


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """A new, empty database: a SQLite file, or a database of its own on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'lessons.sqlite3'}"
        return
    server = request.getfixturevalue("postgres_url")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE DATABASE {name}"))
    yield server.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def store(database):
    with migrated_store(database) as lessons:
        yield lessons


def test_a_lesson_is_read_back_exactly_as_written_hostile_text_and_all(store):
    rows = lesson(*HOSTILE, "択捉島への上陸", "Высадка на Итуруп")
    created = store.create(rows, "my <lesson>.csv")
    saved = store.load(created.id)
    assert (saved.version, saved.name, saved.rows) == (1, "my <lesson>.csv", stored_rows(rows))


def test_the_key_is_kept_only_as_its_hash(store):
    created = store.create(lesson("One"), "a.csv")
    with store.engine.connect() as connection:
        stored = [str(value) for row in connection.execute(sa.text("SELECT * FROM lessons")) for value in row]
    assert created.key not in " ".join(stored)
    assert hashlib.sha256(created.key.encode()).hexdigest() in stored


def test_ids_and_keys_are_random_and_of_one_form(store):
    made = [store.create(lesson("One"), "a.csv") for _ in range(5)]
    assert len({m.id for m in made}) == len({m.key for m in made}) == 5
    assert all(store_module.is_lesson_id(m.id) and store_module.is_lesson_key(m.key) for m in made)


def test_a_wrong_key_changes_nothing(store):
    created = store.create(lesson("Mine"), "a.csv")
    other = store.create(lesson("Theirs"), "b.csv")
    for key in (other.key, created.key[:-1] + ("A" if created.key[-1] != "A" else "B"), "", *HOSTILE):
        assert not store.can_edit(created.id, key)
        with pytest.raises(WrongKey):
            store.save(created.id, key, lesson("Changed"), "a.csv", based_on=1)
        with pytest.raises(WrongKey):
            store.restore(created.id, key, 1, based_on=1)
    assert store.load(created.id).rows == stored_rows(lesson("Mine"))


def test_a_save_based_on_an_older_version_is_refused_and_the_newer_one_kept(store):
    created = store.create(lesson("First"), "a.csv")
    assert store.save(created.id, created.key, lesson("Tab one"), "a.csv", based_on=1) == 2
    with pytest.raises(StaleVersion) as refused:
        store.save(created.id, created.key, lesson("Tab two"), "a.csv", based_on=1)
    assert refused.value.values == {"based_on": "1", "current": "2"}
    assert store.load(created.id).rows == stored_rows(lesson("Tab one"))


def test_of_two_saves_at_once_on_the_same_version_exactly_one_goes_through(store):
    created = store.create(lesson("First"), "a.csv")
    engines = [sa.create_engine(store.engine.url) for _ in range(2)]  # two processes' own connections
    outcomes, start = [], threading.Barrier(2)

    def tab(number):
        start.wait()
        try:
            outcomes.append(LessonStore(engines[number]).save(created.id, created.key, lesson(f"Tab {number}"),
                                                              "a.csv", based_on=1))
        except StaleVersion:
            outcomes.append("stale")
    threads = [threading.Thread(target=tab, args=(number,)) for number in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    for engine in engines:
        engine.dispose()
    assert sorted(outcomes, key=str) == [2, "stale"]
    assert store.version(created.id) == 2 and [v.version for v in store.versions(created.id)] == [2, 1]


def test_the_last_twenty_versions_are_kept_and_a_deleted_step_comes_back_on_restore(store):
    created = store.create(lesson("One", "Two"), "a.csv")
    version = created.version
    for number in range(24):
        version = store.save(created.id, created.key, lesson("One", "Two", f"Three {number}"), "a.csv", version)
    version = store.save(created.id, created.key, lesson("One"), "a.csv", version)  # two steps deleted
    kept = [info.version for info in store.versions(created.id)]
    assert kept == list(range(version, version - KEPT_VERSIONS, -1))
    restored = store.restore(created.id, created.key, version - 1, based_on=version)
    assert restored == version + 1
    assert store.load(created.id).rows == stored_rows(lesson("One", "Two", "Three 23"))
    assert store.versions(created.id)[0].steps == 3


@pytest.mark.parametrize("value", ["", "short", "A" * 17, "A" * 15 + "!", "../../etc/passwd", "' OR 1=1 --",
                                   "%00" * 6, "ＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡ", None, 12, ["A" * 16]])
def test_a_malformed_id_is_refused_before_any_query(value):
    engine = sa.create_engine("sqlite://")  # no tables at all: any query would fail
    store = LessonStore(engine)
    with pytest.raises(UnknownLesson):
        store.load(value)
    assert store.version(value) is None and store.versions(value) == []
    assert store.can_edit(value, "A" * 32) is False


def test_an_unknown_id_is_refused(store):
    with pytest.raises(UnknownLesson):
        store.load("A" * 16)
    assert store.version("A" * 16) is None and not store.can_edit("A" * 16, "A" * 32)


@pytest.mark.parametrize("rows, problem", [
    (lesson(*["Step"] * (MAX_STEPS + 1)), f"{MAX_STEPS + 1} steps; a lesson has at most {MAX_STEPS}"),
    (lesson("x" * (MAX_CELL_CHARS + 1)), f"step 1: column title_en: {MAX_CELL_CHARS + 1:,} characters"),
    ([{**row, **{f"narrative_{lang}": "長" * 1_900 for lang in LANGUAGES}} for row in lesson(*["S"] * 20)],
     "bytes; the limit is 300,000"),
])
def test_a_saved_lesson_holds_to_a_lesson_files_limits(store, rows, problem):
    with pytest.raises(TooLarge, match=problem.replace("(", r"\(").replace(")", r"\)")):
        store.create(rows, "big.csv")
    created = store.create(lesson("Small"), "a.csv")
    with pytest.raises(TooLarge):
        store.save(created.id, created.key, rows, "a.csv", based_on=1)
    assert store.load(created.id).rows == stored_rows(lesson("Small")) and store.total_bytes() < 1_000


def test_a_process_takes_only_so_many_saves_a_minute():
    now = [0.0]
    rate = SaveRate(per_minute=3, clock=lambda: now[0])
    for second in (0, 10, 20):
        now[0] = second
        rate.take()
    now[0] = 59
    with pytest.raises(TooManySaves):
        rate.take()
    now[0] = 60.5  # the first save is now more than a minute old
    rate.take()
    with pytest.raises(TooManySaves):
        rate.take()


def test_saves_past_the_per_minute_cap_are_refused_and_change_nothing(database):
    with migrated_store(database, rate=SaveRate(per_minute=2)) as store:
        saves_past_the_cap_are_refused(store)


def saves_past_the_cap_are_refused(store):
    created = store.create(lesson("One"), "a.csv")
    store.save(created.id, created.key, lesson("Two"), "a.csv", based_on=1)
    with pytest.raises(TooManySaves):
        store.save(created.id, created.key, lesson("Three"), "a.csv", based_on=2)
    assert store.load(created.id).rows == stored_rows(lesson("Two"))


def test_the_store_refuses_lessons_past_its_total_size(database):
    with migrated_store(database, max_total_bytes=3_000) as store:
        the_total_size_is_held(store)


def the_total_size_is_held(store):
    created = store.create(lesson("One"), "a.csv")
    version = created.version
    with pytest.raises(StoreFull):
        for number in range(100):
            version = store.save(created.id, created.key, lesson(f"Version {number}"), "a.csv", version)
    assert store.total_bytes() <= 3_000
    assert store.load(created.id).version == version


def test_the_schema_is_created_once_and_its_version_recorded(database):
    engine = sa.create_engine(database)
    assert LessonStore(engine).migrate() == len(store_module.MIGRATIONS) == 1
    assert LessonStore(engine).migrate() == 1  # a second process finds it done
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT version FROM schema_version")).scalars().all() == [1]
    assert {"lessons", "lesson_versions", "schema_version"} <= set(sa.inspect(engine).get_table_names())
    engine.dispose()


def test_two_processes_on_one_sqlite_file_share_it_in_wal_mode(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    first, second = sa.create_engine(url), sa.create_engine(url)
    one, two = LessonStore(first), LessonStore(second)
    one.migrate()
    two.migrate()
    assert one.journal_mode() == two.journal_mode() == "wal"
    created = one.create(lesson("Shared"), "a.csv")
    assert two.save(created.id, created.key, lesson("Changed by two"), "a.csv", based_on=1) == 2
    assert one.load(created.id).rows == stored_rows(lesson("Changed by two"))
    first.dispose()
    second.dispose()


@pytest.mark.parametrize("given, expected", [
    ("postgresql://atlas@db/lessons", "postgresql+psycopg://atlas@db/lessons"),
    ("postgres://atlas:pw@db:5433/lessons", "postgresql+psycopg://atlas:pw@db:5433/lessons"),
    ("postgresql+psycopg://atlas@db/lessons", "postgresql+psycopg://atlas@db/lessons"),
    (" sqlite:///var/lessons.sqlite3 ", "sqlite:///var/lessons.sqlite3"),
])
def test_a_database_address_uses_the_pinned_driver(given, expected):
    assert engine_url(given) == expected


def test_a_malformed_database_address_is_refused_with_sqlalchemys_message():
    with pytest.raises(sa.exc.ArgumentError):
        engine_url("not a database")


@pytest.mark.parametrize("refusal", StoreRefusal.__subclasses__())
def test_every_refusal_has_a_message_in_every_language(refusal):
    values = {"based_on": "1", "current": "2", "problem": "p", "limit": "9"}
    for lang in LANGUAGES:
        assert translate(f"store_{refusal.reason}", lang, **values)
