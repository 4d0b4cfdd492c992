"""The guided lesson: steps read from ``data/story.csv``, each checked against the history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .dates import DateError
from .geojson_io import DataFileError
from .paths import DATA_DIR
from .records import History
from .tables import read_table

STORY_COLUMNS = [
    "step", "date", "islands", "title_en", "title_ja", "title_ru",
    "narrative_en", "japan_view_en", "russia_view_en", "sources",
]


@dataclass(frozen=True)
class StoryStep:
    number: int
    date: dt.date
    islands: tuple[str, ...]
    titles: dict[str, str]
    narrative: str
    japan_view: str
    russia_view: str
    sources: tuple[str, ...]


def load_story(history: History, data_dir: Path = DATA_DIR) -> list[StoryStep]:
    """The story's steps in order; DataFileError naming the row for a bad date, island or source."""
    path = Path(data_dir) / "story.csv"
    problems: list[str] = []
    steps: list[StoryStep] = []
    for row_number, row in enumerate(read_table(path, STORY_COLUMNS), start=2):
        where = f"{path}: row {row_number}"
        empty = [column for column in STORY_COLUMNS if not row[column]]
        if empty:
            problems.append(f"{where}: column {empty[0]}: is empty")
            continue
        try:
            day = history.check_day(row["date"])
        except DateError as error:
            problems.append(f"{where}: column date: {error}")
            continue
        islands, unknown = history.expand(row["islands"])
        problems.extend(f"{where}: column islands: unknown island id {token!r}" for token in unknown)
        sources = tuple(row["sources"].split(";"))
        for source in sources:
            if source not in history.sources.index:
                problems.append(f"{where}: column sources: unknown source id {source!r}")
        if row["step"] != str(len(steps) + 1):
            problems.append(f"{where}: column step: expected {len(steps) + 1}, found {row['step']!r}")
        steps.append(StoryStep(
            len(steps) + 1, day, islands,
            {"en": row["title_en"], "ja": row["title_ja"], "ru": row["title_ru"]},
            row["narrative_en"], row["japan_view_en"], row["russia_view_en"], sources,
        ))
    if problems:
        raise DataFileError("\n".join(problems))
    if not steps:
        raise DataFileError(f"{path}: the story has no steps")
    return steps
