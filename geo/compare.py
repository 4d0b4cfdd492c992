"""What changed between two dates: the islands whose administering state differs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .records import History
from .status import default_history, status_at


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
