"""The guided lesson: steps read from ``data/story.csv``, each checked against the history.

A step may set whose maps the map shows (the optional ``view`` column, one of geo.model.perspectives.PERSPECTIVES;
empty or missing: ``administered``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from geo.model.dates import DateError
from geo.model.geojson_io import DataFileError
from geo.model.i18n import LANGUAGES
from geo.model.paths import DATA_DIR
from geo.model.records import History
from geo.model.tables import read_table
from geo.model.perspectives import PERSPECTIVES

TEXTS = ("title", "narrative", "japan_view", "russia_view")  # each in every language
STORY_COLUMNS = [
    "step", "date", "islands", *(f"{text}_{lang}" for text in TEXTS for lang in LANGUAGES), "sources",
]
OPTIONAL_COLUMNS = ("view",)


@dataclass(frozen=True)
class StoryStep:
    number: int
    date: dt.date
    islands: tuple[str, ...]
    titles: dict[str, str]  # each of these four by language code
    narrative: dict[str, str]
    japan_view: dict[str, str]
    russia_view: dict[str, str]
    sources: tuple[str, ...]
    view: str = PERSPECTIVES[0]  # whose maps the step shows


def load_story(history: History, data_dir: Path = DATA_DIR) -> list[StoryStep]:
    """The story's steps in order; DataFileError naming the row for a bad date, island or source."""
    path = Path(data_dir) / "story.csv"
    problems: list[str] = []
    steps: list[StoryStep] = []
    for row_number, row in enumerate(read_table(path, STORY_COLUMNS, OPTIONAL_COLUMNS), start=2):
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
        view = row["view"] or PERSPECTIVES[0]
        if view not in PERSPECTIVES:
            problems.append(f"{where}: column view: {view!r} is not one of {', '.join(PERSPECTIVES)}")
        if row["step"] != str(len(steps) + 1):
            problems.append(f"{where}: column step: expected {len(steps) + 1}, found {row['step']!r}")
        texts = [{lang: row[f"{text}_{lang}"] for lang in LANGUAGES} for text in TEXTS]
        steps.append(StoryStep(len(steps) + 1, day, islands, *texts, sources, view))
    if problems:
        raise DataFileError("\n".join(problems))
    if not steps:
        raise DataFileError(f"{path}: the story has no steps")
    return steps


def step_events(step: StoryStep, history: History) -> list[str]:
    """The events on the day a story step shows: the ones whose provisions the step concerns."""
    events = history.events
    return list(events.index[events["date"] == step.date])

