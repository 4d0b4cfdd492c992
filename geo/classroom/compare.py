"""What changed between two dates (the islands whose administering state differs), and where two
perspectives of one date part ways (the islands each side's maps draw differently)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from geo.model.records import History
from geo.model.status import default_history, status_at
from geo.model.perspectives import check_perspective


@dataclass(frozen=True)
class Change:
    island: str
    before: str  # controller on the first date ("" for none)
    after: str

    def describe(self, name: str, none: str = "no state") -> str:
        """e.g. 'Urup: Russian Empire -> Japan'."""
        return f"{name}: {self.before or none} -> {self.after or none}"


def differences(first: dt.date | str, second: dt.date | str, history: History | None = None) -> list[Change]:
    """The islands (north to south) whose controller on ``second`` differs from ``first``."""
    history = history or default_history()
    before = status_at(first, history)["controller"]
    after = status_at(second, history)["controller"]
    return [Change(island, before[island], after[island])
            for island in history.island_ids if before[island] != after[island]]


@dataclass(frozen=True)
class PerspectiveDifference:
    island: str
    first: str  # what the first perspective shows: a state, "" for none, or "undetermined"
    second: str


def _shown(day, history: History, perspective: str):
    table = status_at(day, history, perspective=perspective)
    return table["controller"] if perspective == "administered" else table["shown_as"]


def perspective_differences(day: dt.date | str, first: str = "japan", second: str = "russia",
                     history: History | None = None) -> list[PerspectiveDifference]:
    """The islands (north to south) that perspectives ``first`` and ``second`` (geo.model.perspectives.PERSPECTIVES) draw
    differently on ``day``; where a side's position is unclear, its perspective counts as the
    claim it draws.

    >>> [d.island for d in perspective_differences("1930-01-01")]
    []
    >>> perspective_differences("1960-01-01")[0]
    PerspectiveDifference(island='atlasova', first='undetermined', second='Soviet Union')

    Raises DateError for a date outside the atlas's span and ValueError for an unknown perspective.
    """
    check_perspective(first), check_perspective(second)
    history = history or default_history()
    one, other = _shown(day, history, first), _shown(day, history, second)
    return [PerspectiveDifference(island, one[island], other[island])
            for island in history.island_ids if one[island] != other[island]]
