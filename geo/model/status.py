"""Questions asked of the history: who held and who claimed each island on a given day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from geo.model.records import POSITIONS, SHADED_REGIONS, History, Period, load_history
from geo.model.perspectives import check_perspective, context_periods, default_perspective_rules, shown

STATUS_COLUMNS = ["id", "controller", "claimants", "disputed", "event"]
PERSPECTIVE_COLUMNS = ["shown_as", "unclear", "view_note"]  # added by the japan and russia perspectives


@lru_cache(maxsize=1)
def default_history() -> History:
    """The history in ``data/``, loaded and validated once per process."""
    return load_history()


def _island_status(history: History, island: str, day: dt.date) -> dict:
    return _place_status(history.control, history.claims, island, day)


def _place_status(control_periods: list[Period], claim_periods: list[Period], island: str, day: dt.date) -> dict:
    control = next((p for p in control_periods if p.island == island and p.covers(day)), None)
    claims = [p for p in claim_periods if p.island == island and p.covers(day)]
    claimants = tuple(sorted({p.state for p in claims if POSITIONS[p.position]}))
    controller = control.controller if control else ""
    disputed = len(claimants) > 1 or bool(claimants and controller and controller not in claimants)
    # The latest change among the periods in force is the event that set today's state.
    latest = max([p for p in [control, *claims] if p is not None], key=lambda p: p.start, default=None)
    return {
        "id": island,
        "controller": controller,
        "claimants": claimants,
        "disputed": disputed,
        "event": latest.event if latest else "",
    }


def status_at(when: dt.date | str, history: History | None = None, perspective: str = "administered",
              rules=None) -> pd.DataFrame:
    """One row per island (north to south, indexed by id) with its status on ``when``.

    Columns: ``id``, ``controller`` (a state, or "" where none administered it),
    ``claimants`` (tuple of states asserting sovereignty), ``disputed`` (bool) and
    ``event`` (id of the event that set the current state).
    With ``perspective="japan"`` or ``"russia"`` (see geo.model.perspectives), three more: ``shown_as`` (the state that
    side's position assigns the island to, "" for none, or ``"undetermined"``), ``unclear`` (True
    where that side's position is unclear then, its claim drawn and marked as such) and
    ``view_note`` (the note of the rule of ``views.csv`` that applied). ``rules`` defaults to
    ``data/views.csv``. Raises DateError for an unreadable date, or one before the first record
    or after today, and ValueError for an unknown perspective.

    >>> status_at("1945-08-28").loc["iturup", "controller"]
    'Soviet Union'
    >>> status_at("1960-01-01", perspective="japan").loc["urup", "shown_as"]
    'undetermined'
    """
    check_perspective(perspective)
    history = history or default_history()
    day = history.check_day(when)
    rows = [_island_status(history, island, day) for island in history.island_ids]
    if perspective != "administered":
        rules = rules or default_perspective_rules()
        for row in rows:
            claims = [p for p in history.claims if p.island == row["id"]]
            row.update(_perspective_columns(shown(rules, perspective, row["id"], day, row["controller"], claims)))
    columns = STATUS_COLUMNS + (PERSPECTIVE_COLUMNS if perspective != "administered" else [])
    return pd.DataFrame(rows, columns=columns).set_index("id", drop=False).rename_axis(None)


def _perspective_columns(answer) -> dict:
    return {"shown_as": answer.shown_as, "unclear": answer.unclear, "view_note": answer.rule.note}


def context_status_at(when: dt.date | str, history: History | None = None, perspective: str = "administered",
                      rules=None) -> pd.DataFrame:
    """The shaded context regions (South Sakhalin) on ``when``, one row each, indexed by id.

    Columns: ``id``, ``controller`` ("" before the region's first period: not shaded),
    ``claimants``, ``shown_as``, ``unclear`` and ``view_note`` (for ``administered``, ``shown_as``
    is the controller and the note is empty). The same rules as status_at, from the rows of
    ``control.csv`` and ``claims.csv`` that name the region.

    >>> context_status_at("1960-01-01", perspective="japan").loc["south-sakhalin", "shown_as"]
    'undetermined'
    """
    check_perspective(perspective)
    history = history or default_history()
    day = history.check_day(when)
    rows = []
    for region in SHADED_REGIONS:
        control, claims = context_periods(history, region)
        state = _place_status(control, claims, region, day)
        row = {"id": region, "controller": state["controller"], "claimants": state["claimants"]}
        if perspective == "administered":
            row.update(shown_as=state["controller"], unclear=False, view_note="")
        else:
            answer = shown(rules or default_perspective_rules(), perspective, region, day, state["controller"], claims)
            row.update(_perspective_columns(answer))
        rows.append(row)
    columns = ["id", "controller", "claimants", *PERSPECTIVE_COLUMNS]
    return pd.DataFrame(rows, columns=columns).set_index("id", drop=False).rename_axis(None)


def setting_event(when: dt.date | str, history: History | None = None) -> str:
    """The event that set the state shown on ``when``: of every island's control and claim
    periods in force that day, the one that started last (the first in the tables on a tie);
    "" where none names a known event. The event panel, the handout and the map's caption
    all name this one.

    >>> setting_event("1945-08-29")
    '1945-08-28-iturup'
    """
    history = history or default_history()
    day = history.check_day(when)
    in_force = (p for p in history.control + history.claims if p.covers(day))
    latest = max(in_force, key=lambda p: p.start, default=None)
    return latest.event if latest and latest.event in history.events.index else ""


def setting_events(history: History | None = None) -> list[tuple[dt.date, str]]:
    """``(day, setting_event(day))`` for the first record and every day of change, oldest
    first: the event in force on any day is the one of the last such day on or before it."""
    history = history or default_history()
    days = sorted({history.first_record, *change_dates(history)})
    return [(day, setting_event(day, history)) for day in days]


def events_between(start: dt.date | str, end: dt.date | str, history: History | None = None) -> pd.DataFrame:
    """Events dated from ``start`` to ``end`` (both included), oldest first."""
    history = history or default_history()
    first, last = history.check_day(start), history.check_day(end)
    dates = history.events["date"]
    return history.events[(dates >= first) & (dates <= last)]


@dataclass(frozen=True)
class IslandHistory:
    """One island's control periods, claim periods and the events that concern it."""

    island: str
    control: pd.DataFrame
    claims: pd.DataFrame
    events: pd.DataFrame


def _periods_frame(periods: list[Period], columns: list[str]) -> pd.DataFrame:
    rows = [{column: getattr(p, column) for column in columns} for p in periods]
    return pd.DataFrame(rows, columns=columns).sort_values("start", kind="stable").reset_index(drop=True)


def island_history(island: str, history: History | None = None) -> IslandHistory:
    """The control periods, claims and events of one island; KeyError for an unknown id."""
    history = history or default_history()
    if island not in history.island_ids:
        raise KeyError(f"unknown island id {island!r}")
    control = _periods_frame(
        [p for p in history.control if p.island == island],
        ["start", "end", "controller", "event", "sources", "note"],
    )
    claims = _periods_frame(
        [p for p in history.claims if p.island == island],
        ["state", "start", "end", "position", "event", "sources", "note"],
    )
    events = history.events[history.events["island_ids"].map(lambda ids: island in ids)]
    return IslandHistory(island, control, claims, events)


def change_dates(history: History | None = None) -> list[dt.date]:
    """Every day on which some island's control or claims changed, oldest first."""
    history = history or default_history()
    days = {p.start for p in history.control + history.claims}
    days |= {p.end for p in history.control + history.claims if p.end is not None}
    return sorted(day for day in days if day <= history.today)
