"""The guided lesson: the atlas's own story, read from ``data/story.csv`` as any lesson is
(``geo.classroom.steps``), but complete: every step has every text in every language."""

from __future__ import annotations

from pathlib import Path

from geo.classroom.steps import Step, read_steps
from geo.model.errors import DataFileError
from geo.model.paths import DATA_DIR, REBUILD_HINT
from geo.model.records import History, event_when


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


def step_when(step: Step, history: History, lang: str) -> str:
    """A step's date as it is shown: at the precision of the event of that day where there is one
    (step 1 of the story, on the day of the Cossacks' landing of 1711, reads "1711"), else the day."""
    events = history.events.loc[step_events(step, history)]
    if events.empty:
        return step.date.isoformat()
    precisions = ("year", "month", "day")
    coarsest = min(events.itertuples(), key=lambda event: precisions.index(event.precision))
    return event_when(coarsest, lang)
