"""A teacher's own lesson: steps in the format of ``data/story.csv``, read from a CSV file or
from the lesson editor's table, checked cell by cell, and written back as CSV.

A lesson has the story's columns (``geo.classroom.story.STORY_COLUMNS``) and may add a ``view`` (whose
maps the step shows: ``administered``, ``japan`` or ``russia``; empty for administered) and a
``question`` for the class in each language. Only ``date`` and one title column must be in the
header; a translated cell left empty shows the English text, or the text of any language the
step has. Every problem is collected and named by file, row (or the editor's step) and column,
as uploads are, and the size of the file, the number of steps and the length of a cell are
bounded, so that a lesson stays a lesson.

Lesson text is data: nothing here or in the pages that show it reads it as markup.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from geo.model.dates import DateError
from geo.model.geojson_io import DataFileError
from geo.model.i18n import LANGUAGES
from geo.model.paths import DATA_DIR
from geo.model.records import History, HistoryDataError
from geo.classroom.story import TEXTS, StoryStep
from geo.model.tables import parse_table
from geo.model.perspectives import PERSPECTIVES

MAX_LESSON_BYTES = 300_000  # the atlas's own 15 steps in three languages take 55 KB
MAX_STEPS = 60
MAX_CELL_CHARS = 2_000  # the longest narrative of data/story.csv has 773 characters
DEFAULT_VIEW = "administered"
LESSON_TEXTS = (*TEXTS, "question")
LESSON_COLUMNS = [
    "step", "date", "islands", "view",
    *(f"{text}_{lang}" for text in LESSON_TEXTS for lang in LANGUAGES), "sources",
]
TITLE_COLUMNS = tuple(f"title_{lang}" for lang in LANGUAGES)


class LessonError(HistoryDataError):
    """A lesson that cannot be used; ``problems`` names each one by file, row and column."""


@dataclass(frozen=True, kw_only=True)
class LessonStep(StoryStep):
    """A story step with the lesson's additions; every text has all three languages filled
    (an empty translation holds the fallback text). The additions are keyword-only, so that
    they stay valid whatever fields StoryStep gains (a ``view`` of its own is replaced here)."""

    view: str = DEFAULT_VIEW
    question: dict[str, str] = field(default_factory=dict)


def blank_row() -> dict[str, str]:
    """A table row with every lesson column empty."""
    return dict.fromkeys(LESSON_COLUMNS, "")


def read_lesson_rows(raw: bytes, name: str) -> list[dict[str, str]]:
    """The rows of a lesson CSV file, every lesson column present (empty where the file has no
    such column); LessonError for a file too large, not UTF-8 CSV, with an unknown or missing
    column, or with no step or too many."""
    if len(raw) > MAX_LESSON_BYTES:
        raise LessonError([f"{name}: too large ({len(raw):,} bytes; the limit is {MAX_LESSON_BYTES:,})"])
    optional = tuple(column for column in LESSON_COLUMNS if column != "date")
    try:
        rows = parse_table(raw, ["date"], name, optional)
    except DataFileError as error:
        raise LessonError([str(error)]) from None
    header = _header(raw)
    problems = [f"{name}: row 1: unknown column {column!r}; a lesson has the columns {','.join(LESSON_COLUMNS)}"
                for column in header if column not in LESSON_COLUMNS]
    if not any(column in header for column in TITLE_COLUMNS):
        problems.append(f"{name}: row 1: no title column; add title_en, title_ja or title_ru")
    if not rows:
        problems.append(f"{name}: holds a header but no steps")
    elif len(rows) > MAX_STEPS:
        problems.append(f"{name}: {len(rows)} steps; a lesson has at most {MAX_STEPS}")
    if problems:
        raise LessonError(problems)
    return [{column: row.get(column, "") for column in LESSON_COLUMNS} for row in rows]


def _header(raw: bytes) -> list[str]:
    first = raw.decode("utf-8-sig").splitlines()[0]
    return next(csv.reader([first]))


def check_lesson_rows(rows: list[dict], history: History, name: str,
                      place: str = "row") -> tuple[list[LessonStep | None], list[str]]:
    """Each row as a step (None where the row has a problem) and every problem found.

    ``place`` names where a row is: ``"row"`` counts as a CSV file does (the header is row 1),
    ``"step"`` as the editor's table does (its first row is step 1). Islands and sources are
    checked against ``history``, so a lesson may rely on the session's uploaded timeline.
    """
    problems: list[str] = []
    if len(rows) > MAX_STEPS:
        problems.append(f"{name}: {len(rows)} steps; a lesson has at most {MAX_STEPS}")
    steps: list[LessonStep | None] = []
    for index, raw_row in enumerate(rows[:MAX_STEPS]):
        where = f"{name}: {place} {index + 2 if place == 'row' else index + 1}"
        row = {column: _cell(raw_row.get(column)) for column in LESSON_COLUMNS}
        found = _check_row(row, index + 1, history, where)
        problems.extend(found[1])
        steps.append(found[0])
    if not rows:
        problems.append(f"{name}: the lesson has no steps")
    return steps, problems


def _cell(value) -> str:
    """A table cell as text: the editor gives None (or NaN) for a cell never filled."""
    if value is None or value != value:
        return ""
    return str(value).strip()


def _check_row(row: dict[str, str], number: int, history: History, where: str) -> tuple[LessonStep | None, list[str]]:
    problems = [f"{where}: column {column}: {len(value):,} characters; a cell holds at most {MAX_CELL_CHARS:,}"
                for column, value in row.items() if len(value) > MAX_CELL_CHARS]
    if row["step"] and row["step"] != str(number):
        problems.append(f"{where}: column step: expected {number}, found {row['step']!r}")
    day = None
    if not row["date"]:
        problems.append(f"{where}: column date: is empty; a step needs a date (YYYY-MM-DD)")
    else:
        try:
            day = history.check_day(row["date"])
        except DateError as error:
            problems.append(f"{where}: column date: {error}")
    islands: tuple[str, ...] = ()
    if row["islands"]:
        islands, unknown = history.expand(row["islands"])
        problems.extend(f"{where}: column islands: unknown island id {token!r}" for token in unknown)
    view = row["view"] or DEFAULT_VIEW
    if view not in PERSPECTIVES:
        problems.append(f"{where}: column view: unknown view {row['view']!r}; use {', '.join(PERSPECTIVES)} or leave it empty")
    sources = tuple(source.strip() for source in row["sources"].split(";") if source.strip())
    problems.extend(f"{where}: column sources: unknown source id {source!r}"
                    for source in sources if source not in history.sources.index)
    texts = {text: _with_fallback({lang: row[f"{text}_{lang}"] for lang in LANGUAGES}) for text in LESSON_TEXTS}
    if not texts["title"]["en"]:
        problems.append(f"{where}: column title_en: is empty; a step needs a title in at least one language")
    if problems or day is None:
        return None, problems
    return LessonStep(number, day, islands, texts["title"], texts["narrative"], texts["japan_view"],
                      texts["russia_view"], sources, view=view, question=texts["question"]), []


def _with_fallback(texts: dict[str, str]) -> dict[str, str]:
    """Every language filled: an empty one takes the English text, or the first one there is."""
    fallback = texts["en"] or next((text for text in texts.values() if text), "")
    return {lang: text or fallback for lang, text in texts.items()}


def read_lesson(raw: bytes, name: str, history: History) -> list[LessonStep]:
    """A lesson file's steps; LessonError listing every problem by file, row and column."""
    steps, problems = check_lesson_rows(read_lesson_rows(raw, name), history, name)
    if problems:
        raise LessonError(problems)
    return steps


def story_lesson_rows(data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    """The atlas's own story as a lesson's table, as its file has it (groups such as ``all``
    stay groups), to start a lesson from."""
    return read_lesson_rows((Path(data_dir) / "story.csv").read_bytes(), "story.csv")


def table_edits(rows: list[dict], changes: dict) -> list[dict[str, str]]:
    """``rows`` with a data editor's ``changes`` applied (``edited_rows`` by position,
    ``deleted_rows``, ``added_rows``; unknown columns dropped, empty cells as ""), every row with
    every lesson column and its ``step`` set to its place. ``rows`` itself is left as it was."""
    table = [{**blank_row(), **{column: _cell(row.get(column)) for column in LESSON_COLUMNS}} for row in rows]
    for position, edits in (changes.get("edited_rows") or {}).items():
        table[int(position)].update({column: _cell(value) for column, value in edits.items() if column in LESSON_COLUMNS})
    deleted = {int(position) for position in changes.get("deleted_rows") or []}
    table = [row for position, row in enumerate(table) if position not in deleted]
    for added in changes.get("added_rows") or []:
        table.append({**blank_row(), **{column: _cell(value) for column, value in added.items() if column in LESSON_COLUMNS}})
    return [{**row, "step": str(number)} for number, row in enumerate(table, start=1)]


def lesson_csv(rows: list[dict]) -> bytes:
    """Table rows as a lesson CSV file (UTF-8, a header row, steps numbered in order), which
    ``read_lesson_rows`` reads back to the same rows."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=LESSON_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for number, row in enumerate(rows, start=1):
        writer.writerow({**{column: _cell(row.get(column)) for column in LESSON_COLUMNS}, "step": str(number)})
    return buffer.getvalue().encode("utf-8")


def step_text(step: StoryStep, text: str, lang: str) -> str:
    """A step's ``text`` (``title``, ``narrative``, ``japan_view``, ``russia_view`` or
    ``question``) in ``lang``, or in English; "" where the step has none (the atlas's own
    steps have no question)."""
    values = {"title": step.titles, "narrative": step.narrative, "japan_view": step.japan_view,
              "russia_view": step.russia_view, "question": getattr(step, "question", {})}[text]
    return values.get(lang) or values.get("en", "")


def export_steps(steps: list[StoryStep]) -> list[dict]:
    """Steps as the offline page's lesson player reads them (JSON-ready)."""
    return [{
        "date": step.date.isoformat(), "islands": list(step.islands), "view": getattr(step, "view", DEFAULT_VIEW),
        **{text: {lang: step_text(step, text, lang) for lang in LANGUAGES} for text in LESSON_TEXTS},
    } for step in steps]
