"""A table of steps, the one format of the atlas's story (``data/story.csv``) and of a teacher's
lesson: read from CSV or from the lesson editor's table, checked cell by cell, one ``Step`` a row.

A step has a date, the islands the map flies to, the perspective it shows (the ``view`` column:
``administered``, ``japan`` or ``russia``; empty for administered), and a title, a narrative, each
side's view and a question for the class in each language. Only ``date`` and one title column
must be in a lesson's header; a translated cell left empty shows the English text, or the text
of any language the step has. The atlas's own story must be complete (every column filled, no
question). Every problem is collected and named by file, row (or the editor's step) and column,
and the size of a file, the number of steps and the length of a cell are bounded, so that a
lesson stays a lesson.

Step text is data: nothing here or in the pages that show it reads it as markup.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field

from geo.model.dates import DateError
from geo.model.errors import DataFileError, Row
from geo.model.i18n import LANGUAGES
from geo.model.perspectives import ADMINISTERED, PERSPECTIVES
from geo.model.records import History, HistoryDataError
from geo.model.tables import parse_table

MAX_LESSON_BYTES = 300_000  # the atlas's own 15 steps in three languages take 55 KB
MAX_STEPS = 60
MAX_CELL_CHARS = 2_000  # the longest narrative of data/story.csv has 773 characters
TEXTS = ("title", "narrative", "japan_view", "russia_view")  # the story has each in every language
LESSON_TEXTS = (*TEXTS, "question")
STORY_COLUMNS = ["step", "date", "islands", *(f"{text}_{lang}" for text in TEXTS for lang in LANGUAGES), "sources"]
LESSON_COLUMNS = [
    "step", "date", "islands", "view",
    *(f"{text}_{lang}" for text in LESSON_TEXTS for lang in LANGUAGES), "sources",
]
TITLE_COLUMNS = tuple(f"title_{lang}" for lang in LANGUAGES)
TODAY = "today"  # a step's date that means the day the lesson is shown, not a fixed day


class LessonError(HistoryDataError):
    """A table of steps that cannot be used; ``problems`` names each one by file, row and column."""


@dataclass(frozen=True)
class Step:
    """One step; every text has all three languages filled (an empty translation holds the
    fallback text)."""

    number: int
    date: dt.date
    islands: tuple[str, ...]
    titles: dict[str, str]  # each text by language code
    narrative: dict[str, str]
    japan_view: dict[str, str]
    russia_view: dict[str, str]
    sources: tuple[str, ...]
    perspective: str = ADMINISTERED  # whose maps the step shows
    question: dict[str, str] = field(default_factory=dict)

    def text(self, text: str, lang: str) -> str:
        """The step's ``text`` (``title``, ``narrative``, ``japan_view``, ``russia_view`` or
        ``question``) in ``lang``, or in English; "" where the step has none."""
        values = {"title": self.titles, "narrative": self.narrative, "japan_view": self.japan_view,
                  "russia_view": self.russia_view, "question": self.question}[text]
        return values.get(lang) or values.get("en", "")


def step_day(value: str, history: History) -> dt.date:
    """A step's date: ``today`` is the atlas's today (the last day of its slider, the day the
    history was loaded), so that a step about the present never goes stale; any other value is a
    day of the atlas's span (DateError otherwise). A table keeps the word as it was written."""
    if value.strip().lower() == TODAY:
        return history.today
    return history.check_day(value)


def blank_row() -> dict[str, str]:
    """A table row with every lesson column empty."""
    return dict.fromkeys(LESSON_COLUMNS, "")


def read_step_rows(raw: bytes, name: str) -> list[dict[str, str]]:
    """The rows of a step table in CSV, every lesson column present (empty where the file has no
    such column); LessonError for a file too large, not UTF-8 CSV, with an unknown or missing
    column, or with no step or too many."""
    if len(raw) > MAX_LESSON_BYTES:
        raise LessonError([f"{name}: too large ({len(raw):,} bytes; the limit is {MAX_LESSON_BYTES:,})"])
    optional = tuple(column for column in LESSON_COLUMNS if column != "date")
    try:
        rows = parse_table(raw, ["date"], name, optional)
    except DataFileError as error:
        raise LessonError([str(error)]) from None
    header = next(csv.reader([raw.decode("utf-8-sig").splitlines()[0]]))
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


def check_step_rows(rows: list[dict], history: History, name: str, place: str = "row",
                    complete: bool = False) -> tuple[list[Step | None], list[str]]:
    """Each row as a step (None where the row has a problem) and every problem found.

    ``place`` names where a row is: ``"row"`` counts as a CSV file does (the header is row 1),
    ``"step"`` as the editor's table does (its first row is step 1). Islands and sources are
    checked against ``history``, so a lesson may rely on the session's uploaded timeline. With
    ``complete`` (the atlas's own story), every story column must be filled.
    """
    problems: list[str] = []
    if len(rows) > MAX_STEPS:
        problems.append(f"{name}: {len(rows)} steps; a lesson has at most {MAX_STEPS}")
    steps: list[Step | None] = []
    for index, raw_row in enumerate(rows[:MAX_STEPS]):
        where = Row(name, index + 2 if place == "row" else index + 1, place)
        row = {column: cell(raw_row.get(column)) for column in LESSON_COLUMNS}
        empty = [column for column in STORY_COLUMNS if complete and not row[column]]
        step, found = (None, [where.problem(empty[0], "is empty")]) if empty else _check_row(row, index + 1, history,
                                                                                            where)
        problems.extend(found)
        steps.append(step)
    if not rows:
        problems.append(f"{name}: the lesson has no steps")
    return steps, problems


def cell(value) -> str:
    """A table cell as text: the editor gives None (or NaN) for a cell never filled."""
    if value is None or value != value:
        return ""
    return str(value).strip()


def _check_row(row: dict[str, str], number: int, history: History, where: Row) -> tuple[Step | None, list[str]]:
    problems = [where.problem(column, f"{len(value):,} characters; a cell holds at most {MAX_CELL_CHARS:,}")
                for column, value in row.items() if len(value) > MAX_CELL_CHARS]
    if row["step"] and row["step"] != str(number):
        problems.append(where.problem("step", f"expected {number}, found {row['step']!r}"))
    day = None
    if not row["date"]:
        problems.append(where.problem("date", "is empty; a step needs a date (YYYY-MM-DD)"))
    else:
        try:
            day = step_day(row["date"], history)
        except DateError as error:
            problems.append(where.problem("date", str(error)))
    islands: tuple[str, ...] = ()
    if row["islands"]:
        islands, unknown = history.expand(row["islands"])
        problems.extend(where.problem("islands", f"unknown island id {token!r}") for token in unknown)
    perspective = row["view"] or ADMINISTERED
    if perspective not in PERSPECTIVES:
        problems.append(where.problem("view", f"{row['view']!r} is not one of {', '.join(PERSPECTIVES)}; "
                                              f"leave it empty for {ADMINISTERED}"))
    sources = tuple(source.strip() for source in row["sources"].split(";") if source.strip())
    problems.extend(where.problem("sources", f"unknown source id {source!r}")
                    for source in sources if source not in history.sources.index)
    texts = {text: _with_fallback({lang: row[f"{text}_{lang}"] for lang in LANGUAGES}) for text in LESSON_TEXTS}
    if not texts["title"]["en"]:
        problems.append(where.problem("title_en", "is empty; a step needs a title in at least one language"))
    if problems or day is None:
        return None, problems
    return Step(number, day, islands, texts["title"], texts["narrative"], texts["japan_view"],
                texts["russia_view"], sources, perspective, texts["question"]), []


def _with_fallback(texts: dict[str, str]) -> dict[str, str]:
    """Every language filled: an empty one takes the English text, or the first one there is."""
    fallback = texts["en"] or next((text for text in texts.values() if text), "")
    return {lang: text or fallback for lang, text in texts.items()}


def read_steps(raw: bytes, name: str, history: History, complete: bool = False) -> list[Step]:
    """A step table's steps; LessonError listing every problem by file, row and column."""
    steps, problems = check_step_rows(read_step_rows(raw, name), history, name, complete=complete)
    if problems:
        raise LessonError(problems)
    return steps
