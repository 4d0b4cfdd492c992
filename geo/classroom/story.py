"""The guided lesson: the atlas's own story, read from ``data/story.csv`` as any lesson is
(``geo.classroom.steps``), but complete: every step has every text in every language."""

from __future__ import annotations

from pathlib import Path

from geo.classroom.steps import Step, read_steps
from geo.model.errors import DataFileError
from geo.model.paths import DATA_DIR, REBUILD_HINT
from geo.model.records import History


def load_story(history: History, data_dir: Path = DATA_DIR) -> list[Step]:
    """The story's steps in order; DataFileError naming the row for a bad date, island or source."""
    path = Path(data_dir) / "story.csv"
    if not path.is_file():
        raise DataFileError(f"{path}: file not found; {REBUILD_HINT}")
    return read_steps(path.read_bytes(), str(path), history, complete=True)


def step_events(step: Step, history: History) -> list[str]:
    """The events on the day a story step shows: the ones whose provisions the step concerns."""
    events = history.events
    return list(events.index[events["date"] == step.date])
