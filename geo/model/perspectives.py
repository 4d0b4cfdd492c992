"""Each side's perspective on the islands: the state its official position assigns each island to.

The ``administered`` perspective is who held the island (``control.csv``). The ``japan`` and ``russia``
perspectives are derived from ``claims.csv`` by the rules of ``views.csv``: for each side, which of its
claim positions draw the island as its own state, which as ``undetermined``, where the administered
state is shown because the side recorded no position (``administered``), and where its position in
that period is unclear in the sources (``unclear``, with a note): then the claim the side held is
drawn and marked unclear, never another state's colour.
Every rule cites its sources; the answers themselves are never written down by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.model.dates import DateError, parse_date
from geo.model.errors import DataProblemsError
from geo.model.paths import DATA_DIR
from geo.model.records import POSITIONS, SHADED_REGIONS, STATES, History, Period, expand_islands, island_groups
from geo.model.tables import read_table

ADMINISTERED = "administered"  # who held each island; the sides' perspectives follow it
PERSPECTIVES = (ADMINISTERED, "japan", "russia")
UNDETERMINED = "undetermined"
NO_POSITION = "none"  # the positions column's word for "this side recorded no position"
SHOWS = ("state", "undetermined", "administered", "unclear")
COLUMNS = ["view", "states", "positions", "islands", "start", "end", "shows", "sources", "note"]


class PerspectiveRuleError(DataProblemsError):
    """Problems in ``views.csv``; ``problems`` lists each one."""


@dataclass(frozen=True)
class PerspectiveRule:
    """One row of ``views.csv``: how ``perspective`` draws a place where its side holds one of ``positions``
    (the file's ``view`` column)."""

    perspective: str
    states: tuple[str, ...]  # the side's states, whose claims count
    positions: tuple[str, ...]  # claim positions, or NO_POSITION
    places: tuple[str, ...]  # island ids and shaded context regions
    start: dt.date | None  # None: from the beginning
    end: dt.date | None  # None: still so today
    shows: str  # one of SHOWS
    sources: tuple[str, ...]
    note: str
    row: int

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Shown:
    """What a perspective draws on one place and day: a state, "" (no state) or ``undetermined``."""

    shown_as: str
    unclear: bool  # the side's position is unclear then: its claim is drawn, marked unclear
    rule: PerspectiveRule


def _dates(problems, where, row) -> tuple[dt.date | None, dt.date | None]:
    days = []
    for column in ("start", "end"):
        try:
            days.append(parse_date(row[column]) if row[column] else None)
        except DateError as error:
            problems.append(f"{where}: column {column}: {error}")
            days.append(None)
    if days[0] and days[1] and days[1] <= days[0]:
        problems.append(f"{where}: column end: {days[1]} is not after the start {days[0]}")
    return days[0], days[1]


def load_perspective_rules(data_dir: Path = DATA_DIR) -> tuple[PerspectiveRule, ...]:
    """The rules of ``data_dir/views.csv``, checked; PerspectiveRuleError names every problem.

    For each perspective, every claim position (and ``none``) on every island and shaded region must
    have exactly one rule on every day, so that a perspective never has to guess.
    """
    data_dir = Path(data_dir)
    path = data_dir / "views.csv"
    island_ids, groups = island_groups(data_dir)
    sources = {row["id"] for row in read_table(data_dir / "sources.csv", ["id", "title", "url", "publisher"])}
    problems: list[str] = []
    rules: list[PerspectiveRule] = []
    for number, row in enumerate(read_table(path, COLUMNS), start=2):
        where = f"{path}: row {number}"
        if row["view"] not in PERSPECTIVES[1:]:
            problems.append(f"{where}: column view: {row['view']!r} is not one of {', '.join(PERSPECTIVES[1:])}")
        states = tuple(s.strip() for s in row["states"].split(";") if s.strip())
        problems += [f"{where}: column states: {s!r} is not one of {', '.join(STATES)}" for s in states if s not in STATES]
        positions = tuple(p.strip() for p in row["positions"].split(";") if p.strip())
        problems += [f"{where}: column positions: {p!r} is not one of {', '.join([*POSITIONS, NO_POSITION])}"
                     for p in positions if p not in (*POSITIONS, NO_POSITION)]
        if row["islands"]:
            places, unknown = expand_islands(row["islands"], island_ids, groups, SHADED_REGIONS)
            places += tuple(t.strip() for t in row["islands"].split(";") if t.strip() in SHADED_REGIONS)
            problems += [f"{where}: column islands: unknown island id {token!r}" for token in unknown]
        else:
            places = (*island_ids, *SHADED_REGIONS)  # empty: every island and shaded region
        if row["shows"] not in SHOWS:
            problems.append(f"{where}: column shows: {row['shows']!r} is not one of {', '.join(SHOWS)}")
        cited = tuple(s.strip() for s in row["sources"].split(";") if s.strip())
        if not cited:
            problems.append(f"{where}: column sources: no source given")
        problems += [f"{where}: column sources: unknown source id {s!r}" for s in cited if s not in sources]
        start, end = _dates(problems, where, row)
        rules.append(PerspectiveRule(row["view"], states, positions, places, start, end, row["shows"], cited,
                              row["note"], number))
    if not problems:
        problems += _coverage(path, rules, (*island_ids, *SHADED_REGIONS))
    if problems:
        raise PerspectiveRuleError(problems)
    return tuple(rules)


def _coverage(path: Path, rules: list[PerspectiveRule], places: tuple[str, ...]) -> list[str]:
    """Each perspective, position and place has one rule a day: no gap, no overlap, one set of states."""
    problems = []
    for perspective in PERSPECTIVES[1:]:
        own = [rule for rule in rules if rule.perspective == perspective]
        if len({rule.states for rule in own}) > 1:
            problems.append(f"{path}: view {perspective}: every row must name the same states")
        for position in (*POSITIONS, NO_POSITION):
            for place in places:
                found = sorted((r for r in own if position in r.positions and place in r.places),
                               key=lambda r: r.start or dt.date.min)
                reached: dt.date | None = None  # where the rules so far end; None: the beginning, or today
                for number, rule in enumerate(found):
                    if number and reached is None:
                        problems.append(f"{path}: row {rule.row}: view {perspective}, position {position}, {place}: "
                                        f"overlaps row {found[number - 1].row}, which runs to today")
                        break
                    if rule.start != reached:
                        problems.append(f"{path}: row {rule.row}: view {perspective}, position {position}, {place}: "
                                        f"starts {rule.start or 'at the beginning'}, not where the rules before "
                                        f"it end ({reached or 'the beginning'}): a gap or an overlap")
                        break
                    reached = rule.end
                else:
                    if not found or reached is not None:
                        problems.append(f"{path}: view {perspective}, position {position}, {place}: no rule "
                                        f"from {reached or 'the beginning'}")
    return problems


@lru_cache(maxsize=1)
def default_perspective_rules() -> tuple[PerspectiveRule, ...]:
    """The rules in ``data/views.csv``, loaded and checked once per process."""
    return load_perspective_rules()


def check_perspective(perspective: str) -> str:
    """``perspective`` itself, or ValueError naming the perspectives there are."""
    if perspective not in PERSPECTIVES:
        raise ValueError(f"unknown perspective {perspective!r}; use one of {', '.join(PERSPECTIVES)}")
    return perspective


def shown(rules, perspective: str, place: str, day: dt.date, controller: str, claims: list[Period]) -> Shown:
    """What ``perspective`` draws on ``place`` on ``day``, given who administered it and the claims in force.

    The side's claim is the one of its states that started last; with none, its position is ``none``.
    """
    own = [rule for rule in rules if rule.perspective == perspective]
    states = own[0].states if own else ()
    claim = max((p for p in claims if p.state in states and p.covers(day)), key=lambda p: p.start, default=None)
    position = claim.position if claim else NO_POSITION
    rule = next(r for r in own if position in r.positions and place in r.places and r.covers(day))
    if rule.shows == "state":
        return Shown(claim.state, False, rule)
    if rule.shows == "undetermined":
        return Shown(UNDETERMINED, False, rule)
    if rule.shows == "unclear":
        # A side's own map never showed another state there: draw the claim it held, flagged.
        return Shown(claim.state if claim else "", True, rule)
    return Shown(controller, False, rule)


def perspective_change_dates(rules) -> set[dt.date]:
    """Days on which a rule begins or ends."""
    return {day for rule in rules for day in (rule.start, rule.end) if day is not None}


def context_periods(history: History, region: str) -> tuple[list[Period], list[Period]]:
    """The control and claim periods of one shaded context region."""
    return ([p for p in history.context_control if p.island == region],
            [p for p in history.context_claims if p.island == region])
