"""A teacher's own lesson: a table of steps (``geo.classroom.steps``) as the lesson editor holds
it, its edits, and the lesson written back as CSV or handed to the offline page's player.

Lesson text is data: nothing here or in the pages that show it reads it as markup.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from geo.classroom.steps import LESSON_COLUMNS, LESSON_TEXTS, Step, blank_row, cell, read_step_rows
from geo.classroom.story import coarsest_events, step_when
from geo.model.i18n import LANGUAGES
from geo.model.paths import DATA_DIR
from geo.model.records import History


def story_lesson_rows(data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    """The atlas's own story as a lesson's table, as its file has it (groups such as ``all``
    stay groups), to start a lesson from."""
    return read_step_rows((Path(data_dir) / "story.csv").read_bytes(), "story.csv")


def table_edits(rows: list[dict], changes: dict) -> list[dict[str, str]]:
    """``rows`` with a data editor's ``changes`` applied (``edited_rows`` by position,
    ``deleted_rows``, ``added_rows``; unknown columns dropped, empty cells as ""), every row with
    every lesson column and its ``step`` set to its place. ``rows`` itself is left as it was."""
    table = [{**blank_row(), **{column: cell(row.get(column)) for column in LESSON_COLUMNS}} for row in rows]
    for position, edits in (changes.get("edited_rows") or {}).items():
        table[int(position)].update({column: cell(value) for column, value in edits.items() if column in LESSON_COLUMNS})
    deleted = {int(position) for position in changes.get("deleted_rows") or []}
    table = [row for position, row in enumerate(table) if position not in deleted]
    for added in changes.get("added_rows") or []:
        table.append({**blank_row(), **{column: cell(value) for column, value in added.items() if column in LESSON_COLUMNS}})
    return [{**row, "step": str(number)} for number, row in enumerate(table, start=1)]


def lesson_csv(rows: list[dict]) -> bytes:
    """Table rows as a lesson CSV file (UTF-8, a header row, steps numbered in order), which
    ``read_step_rows`` reads back to the same rows."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=LESSON_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for number, row in enumerate(rows, start=1):
        writer.writerow({**{column: cell(row.get(column)) for column in LESSON_COLUMNS}, "step": str(number)})
    return buffer.getvalue().encode("utf-8")


def player_steps(steps: list[Step], history: History, texts: tuple[str, ...] = LESSON_TEXTS) -> list[dict]:
    """Steps as the map's lesson player reads them (JSON-ready): date (and ``when``, the date as
    shown, at its precision), islands, perspective and ``texts`` in every language. The app's map
    needs only the titles (the page beside it shows the rest); the offline page, which has no
    server, takes them all."""
    coarsest = coarsest_events(history)
    return [{
        "date": step.date.isoformat(), "when": {lang: step_when(step, history, lang, coarsest) for lang in LANGUAGES},
        "islands": list(step.islands), "perspective": step.perspective,
        **{text: {lang: step.text(text, lang) for lang in LANGUAGES} for text in texts},
    } for step in steps]
