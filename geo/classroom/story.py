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


PRECISIONS = ("year", "month", "day")  # coarsest first


def coarsest_events(history: History) -> dict:
    """For each day with events, the one of them given at the coarsest precision (the first of
    them where several are): the day is shown at its precision. One pass over the events."""
    coarsest = {}
    for event in history.events.itertuples():
        held = coarsest.get(event.date)
        if held is None or PRECISIONS.index(event.precision) < PRECISIONS.index(held.precision):
            coarsest[event.date] = event
    return coarsest


def step_when(step: Step, history: History, lang: str, coarsest: dict | None = None) -> str:
    """A step's date as it is shown: at the precision of the event of that day where there is one
    (step 1 of the story, on the day of the Cossacks' landing of 1711, reads "1711"), else the day.
    ``coarsest`` is ``coarsest_events(history)``, for a caller that shows many steps."""
    event = (coarsest_events(history) if coarsest is None else coarsest).get(step.date)
    return step.date.isoformat() if event is None else event_when(event, lang)
