"""Teachers' lessons kept in a SQL database (SQLite by default, PostgreSQL by setting), through
a SQLAlchemy engine: no Streamlit here, so the store is tested alone (``ui/lessonstore.py`` wires
it to ``st.connection``).

A lesson has an id, for its present link, and a key, for its edit link: both random
(``secrets``), the key kept only as its SHA-256 and compared in constant time. Nothing lists
lessons. Every save is a new version based on the version the editor last had: a save based on
an older one is refused (``StaleVersion``), so two tabs never silently overwrite each other. The
last ``KEPT_VERSIONS`` versions are kept and any of them can be restored (as a new version). A
saved lesson holds to a lesson file's limits (``geo.classroom.steps``); a process takes at most
so many saves a minute, and the database at most so many bytes of lessons.

The schema is created on first use and versioned: ``schema_version`` records each migration of
``MIGRATIONS`` applied, so a later change of the tables is one more entry there.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from geo.classroom.lesson import lesson_csv
from geo.classroom.steps import LESSON_COLUMNS, MAX_CELL_CHARS, MAX_LESSON_BYTES, MAX_STEPS, cell

KEPT_VERSIONS = 20
SAVES_PER_MINUTE = 600  # a process's saves, all lessons together: ten teachers typing flat out
MAX_TOTAL_BYTES = 500_000_000  # lessons in the database, every kept version counted
ID_BYTES, KEY_BYTES = 12, 24  # 96 and 192 random bits: 16 and 32 characters in an address
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{16}")
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{32}")
MIGRATIONS = (
    # 1: lessons (who may write: the key's hash; which version is current) and their versions.
    ("""CREATE TABLE IF NOT EXISTS lessons (
           id VARCHAR(16) PRIMARY KEY,
           key_hash CHAR(64) NOT NULL,
           version INTEGER NOT NULL,
           created_at VARCHAR(32) NOT NULL)""",
     """CREATE TABLE IF NOT EXISTS lesson_versions (
           lesson_id VARCHAR(16) NOT NULL REFERENCES lessons (id),
           version INTEGER NOT NULL,
           name VARCHAR(100) NOT NULL,
           rows_json TEXT NOT NULL,
           size INTEGER NOT NULL,
           saved_at VARCHAR(32) NOT NULL,
           PRIMARY KEY (lesson_id, version))"""),
)


class StoreRefusal(Exception):
    """A save or a load the store refuses; ``reason`` names it (a UI text key: ``store_<reason>``)
    and ``values`` fill that text in."""

    reason = "refused"

    def __init__(self, **values: str):
        super().__init__(f"{self.reason}: {values}")
        self.values = {name: str(value) for name, value in values.items()}


class UnknownLesson(StoreRefusal):
    reason = "unknown"


class WrongKey(StoreRefusal):
    reason = "wrong_key"


class StaleVersion(StoreRefusal):
    """The save was based on ``based_on``; the lesson is at ``current`` (another tab saved)."""

    reason = "stale"


class TooLarge(StoreRefusal):
    reason = "too_large"


class TooManySaves(StoreRefusal):
    reason = "too_many_saves"


class StoreFull(StoreRefusal):
    reason = "full"


@dataclass(frozen=True)
class SavedLesson:
    """A lesson's current version: its table rows (every lesson column), file name and when saved."""

    id: str
    version: int
    rows: list[dict[str, str]]
    name: str
    saved_at: str


@dataclass(frozen=True)
class Created:
    """A new lesson: its id (the present link), its key (the edit link: shown once, never stored)
    and its first version."""

    id: str
    key: str
    version: int


@dataclass(frozen=True)
class VersionInfo:
    version: int
    saved_at: str
    steps: int
    size: int


def engine_url(value: str) -> str:
    """A database address as SQLAlchemy takes it: ``postgresql://`` and ``postgres://`` use
    psycopg (version 3, the driver the atlas pins), not SQLAlchemy's default psycopg2.

    >>> engine_url("postgres://atlas@db.school/lessons")
    'postgresql+psycopg://atlas@db.school/lessons'
    >>> engine_url("sqlite:///var/lessons.sqlite3")
    'sqlite:///var/lessons.sqlite3'
    """
    value = value.strip()
    for plain in ("postgresql://", "postgres://"):
        if value.startswith(plain):
            return "postgresql+psycopg://" + value[len(plain):]
    make_url(value)  # a malformed address fails here, naming the problem
    return value


def is_lesson_id(value: object) -> bool:
    """Whether ``value`` has the form of a lesson id (never looked up otherwise)."""
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


def is_lesson_key(value: object) -> bool:
    return isinstance(value, str) and KEY_PATTERN.fullmatch(value) is not None


def key_hash(key: str) -> str:
    """The key as stored: its SHA-256 (a key has 192 random bits, so no slow hash is needed)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def stored_rows(rows: list[dict]) -> list[dict[str, str]]:
    """Table rows as a lesson keeps them: every lesson column as text, steps numbered in order."""
    return [{**{column: cell(row.get(column)) for column in LESSON_COLUMNS}, "step": str(number)}
            for number, row in enumerate(rows, start=1)]


def check_size(rows: list[dict[str, str]]) -> int:
    """The lesson's size as a CSV file, in bytes; TooLarge where it breaks a lesson file's limits."""
    if len(rows) > MAX_STEPS:
        raise TooLarge(problem=f"{len(rows)} steps; a lesson has at most {MAX_STEPS}")
    for number, row in enumerate(rows, start=1):
        for column, value in row.items():
            if len(value) > MAX_CELL_CHARS:
                raise TooLarge(problem=f"step {number}: column {column}: {len(value):,} characters; "
                                       f"a cell holds at most {MAX_CELL_CHARS:,}")
    size = len(lesson_csv(rows))
    if size > MAX_LESSON_BYTES:
        raise TooLarge(problem=f"{size:,} bytes; the limit is {MAX_LESSON_BYTES:,}")
    return size


class SaveRate:
    """At most ``per_minute`` saves in any 60 seconds (one process's count, thread-safe)."""

    def __init__(self, per_minute: int = SAVES_PER_MINUTE, clock=time.monotonic):
        self.per_minute, self.clock = per_minute, clock
        self.times: collections.deque[float] = collections.deque()
        self.lock = threading.Lock()

    def take(self) -> None:
        """Count a save, or raise TooManySaves (counting nothing) when the minute is full."""
        with self.lock:
            now = self.clock()
            while self.times and self.times[0] <= now - 60:
                self.times.popleft()
            if len(self.times) >= self.per_minute:
                raise TooManySaves(limit=str(self.per_minute))
            self.times.append(now)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class LessonStore:
    """Lessons in the database behind ``engine``; ``migrate()`` before the first use."""

    def __init__(self, engine: Engine, rate: SaveRate | None = None, max_total_bytes: int = MAX_TOTAL_BYTES):
        self.engine = engine
        self.rate = rate or SaveRate()
        self.max_total_bytes = max_total_bytes

    # --- schema -------------------------------------------------------------------------------

    def migrate(self) -> int:
        """Create or bring the tables up to date (safe to run from several processes at once);
        the schema's version afterwards. SQLite is switched to WAL, so that several processes
        on one machine read while one writes."""
        sqlite = self.engine.dialect.name == "sqlite"
        if sqlite:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA journal_mode=WAL")  # kept in the file itself
        with self.engine.begin() as connection:
            if not sqlite:  # one process migrates at a time; the others wait and find it done
                connection.execute(text("SELECT pg_advisory_xact_lock(4206001)"))
            connection.execute(text("CREATE TABLE IF NOT EXISTS schema_version ("
                                    "version INTEGER PRIMARY KEY, applied_at VARCHAR(32) NOT NULL)"))
            current = self._schema_version(connection)
            for number, statements in enumerate(MIGRATIONS, start=1):
                if number <= current:
                    continue
                for statement in statements:
                    connection.execute(text(statement))
                connection.execute(text("INSERT INTO schema_version (version, applied_at) VALUES (:v, :at) "
                                        "ON CONFLICT (version) DO NOTHING"), {"v": number, "at": _now()})
            return self._schema_version(connection)

    @staticmethod
    def _schema_version(connection) -> int:
        return connection.execute(text("SELECT COALESCE(MAX(version), 0) FROM schema_version")).scalar_one()

    def journal_mode(self) -> str | None:
        """SQLite's journal mode ("wal"), None for another database."""
        if self.engine.dialect.name != "sqlite":
            return None
        with self.engine.connect() as connection:
            return connection.exec_driver_sql("PRAGMA journal_mode").scalar_one()

    # --- reading ------------------------------------------------------------------------------

    def load(self, lesson_id: str) -> SavedLesson:
        """The lesson's current version; UnknownLesson for an id of another form or not stored."""
        if not is_lesson_id(lesson_id):
            raise UnknownLesson()
        with self.engine.connect() as connection:
            found = connection.execute(text(
                "SELECT v.version, v.rows_json, v.name, v.saved_at FROM lessons l JOIN lesson_versions v "
                "ON v.lesson_id = l.id AND v.version = l.version WHERE l.id = :id"), {"id": lesson_id}).first()
        if found is None:
            raise UnknownLesson()
        return SavedLesson(lesson_id, found.version, json.loads(found.rows_json), found.name, found.saved_at)

    def version(self, lesson_id: str) -> int | None:
        """The lesson's current version number (one small read), None for an unknown lesson."""
        if not is_lesson_id(lesson_id):
            return None
        with self.engine.connect() as connection:
            return connection.execute(text("SELECT version FROM lessons WHERE id = :id"),
                                      {"id": lesson_id}).scalar_one_or_none()

    def can_edit(self, lesson_id: str, key: str) -> bool:
        """Whether ``key`` is the lesson's key (compared in constant time, as hashes)."""
        if not (is_lesson_id(lesson_id) and is_lesson_key(key)):
            return False
        with self.engine.connect() as connection:
            stored = connection.execute(text("SELECT key_hash FROM lessons WHERE id = :id"),
                                        {"id": lesson_id}).scalar_one_or_none()
        return stored is not None and hmac.compare_digest(stored, key_hash(key))

    def versions(self, lesson_id: str) -> list[VersionInfo]:
        """The kept versions, newest first."""
        if not is_lesson_id(lesson_id):
            return []
        with self.engine.connect() as connection:
            found = connection.execute(text(
                "SELECT version, saved_at, rows_json, size FROM lesson_versions WHERE lesson_id = :id "
                "ORDER BY version DESC"), {"id": lesson_id}).all()
        return [VersionInfo(row.version, row.saved_at, len(json.loads(row.rows_json)), row.size) for row in found]

    def total_bytes(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(text("SELECT COALESCE(SUM(size), 0) FROM lesson_versions")).scalar_one()

    # --- writing ------------------------------------------------------------------------------

    def create(self, rows: list[dict], name: str) -> Created:
        """Store a new lesson as its version 1; its id and key."""
        rows = stored_rows(rows)
        size = check_size(rows)
        self.rate.take()
        lesson_id, key = secrets.token_urlsafe(ID_BYTES), secrets.token_urlsafe(KEY_BYTES)
        with self.engine.begin() as connection:
            self._check_room(connection, size)
            connection.execute(text("INSERT INTO lessons (id, key_hash, version, created_at) "
                                    "VALUES (:id, :hash, 1, :at)"), {"id": lesson_id, "hash": key_hash(key), "at": _now()})
            self._insert_version(connection, lesson_id, 1, rows, name, size)
        return Created(lesson_id, key, 1)

    def save(self, lesson_id: str, key: str, rows: list[dict], name: str, based_on: int) -> int:
        """Store ``rows`` as the lesson's next version, if ``key`` is its key and ``based_on`` its
        current version (else WrongKey or StaleVersion, and nothing changes); the new version."""
        rows = stored_rows(rows)
        size = check_size(rows)
        if not self.can_edit(lesson_id, key):
            raise WrongKey()
        self.rate.take()
        with self.engine.begin() as connection:
            self._check_room(connection, size)
            # The version moves only from the one this save was based on: of two saves based on
            # the same version, the database lets one through and the other finds no row.
            moved = connection.execute(text("UPDATE lessons SET version = version + 1 "
                                            "WHERE id = :id AND version = :base"), {"id": lesson_id, "base": based_on})
            if moved.rowcount != 1:
                current = connection.execute(text("SELECT version FROM lessons WHERE id = :id"),
                                             {"id": lesson_id}).scalar_one()
                raise StaleVersion(based_on=str(based_on), current=str(current))
            self._insert_version(connection, lesson_id, based_on + 1, rows, name, size)
            connection.execute(text("DELETE FROM lesson_versions WHERE lesson_id = :id AND version <= :old"),
                               {"id": lesson_id, "old": based_on + 1 - KEPT_VERSIONS})
        return based_on + 1

    def restore(self, lesson_id: str, key: str, version: int, based_on: int) -> int:
        """Save a kept version again as the newest (so a restore can be undone too); the new version."""
        with self.engine.connect() as connection:
            found = connection.execute(text("SELECT rows_json, name FROM lesson_versions "
                                            "WHERE lesson_id = :id AND version = :v"),
                                       {"id": lesson_id, "v": version}).first()
        if found is None or not self.can_edit(lesson_id, key):
            raise WrongKey() if found is not None else UnknownLesson()
        return self.save(lesson_id, key, json.loads(found.rows_json), found.name, based_on)

    def _check_room(self, connection, size: int) -> None:
        used = connection.execute(text("SELECT COALESCE(SUM(size), 0) FROM lesson_versions")).scalar_one()
        if used + size > self.max_total_bytes:
            raise StoreFull(limit=f"{self.max_total_bytes:,}")

    @staticmethod
    def _insert_version(connection, lesson_id: str, version: int, rows: list[dict], name: str, size: int) -> None:
        connection.execute(text(
            "INSERT INTO lesson_versions (lesson_id, version, name, rows_json, size, saved_at) "
            "VALUES (:id, :v, :name, :rows, :size, :at)"),
            {"id": lesson_id, "v": version, "name": name[:100], "rows": json.dumps(rows, ensure_ascii=False),
             "size": size, "at": _now()})


@contextlib.contextmanager
def migrated_store(url: str, **options):
    """A LessonStore on the database at ``url`` (``options`` go to LessonStore), its schema made;
    its connections closed afterwards. For scripts and tests: the app opens its store through
    ``st.connection`` (ui/lessonstore.py)."""
    engine = create_engine(engine_url(url))
    try:
        store = LessonStore(engine, **options)
        store.migrate()
        yield store
    finally:
        engine.dispose()
