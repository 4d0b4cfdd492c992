"""The history as a compact table of changes, for replaying it quickly (in Python or a browser).

Each island gets a list of segments ``(start, controller, claimants, disputed, event)``,
one per day on which its status changed; the status on any day is the segment that started
last on or before it. Frames are the days a time slider stops at: one a year, every day of
change and, where changes cluster (the 1945 landings), every day in between.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from .i18n import LANGUAGES
from .records import STATES, History, event_text
from .status import _island_status, change_dates, setting_events

CLUSTER_DAYS = 21  # changes closer than this are replayed day by day


@dataclass(frozen=True)
class Segment:
    start: dt.date
    controller: str
    claimants: tuple[str, ...]
    disputed: bool
    event: str


@dataclass
class Timeline:
    """Per-island status segments, the slider's frames and the events, from a History."""

    history: History
    segments: dict[str, list[Segment]]
    frames: list[dt.date]

    def status(self, island: str, day: dt.date) -> Segment:
        """The island's status on ``day`` (which must not precede the first record)."""
        segments = self.segments[island]
        index = bisect.bisect_right([s.start for s in segments], day) - 1
        return segments[max(index, 0)]

    def event_steps(self) -> list[dt.date]:
        """The days of events, oldest first, for previous/next steps."""
        return sorted(set(self.history.events["date"]))


def build_timeline(history: History) -> Timeline:
    days = sorted({history.first_record, *change_dates(history)})
    segments: dict[str, list[Segment]] = {}
    for island in history.island_ids:
        runs: list[Segment] = []
        for day in days:
            state = _island_status(history, island, day)
            segment = Segment(day, state["controller"], state["claimants"], state["disputed"], state["event"])
            if not runs or (runs[-1].controller, runs[-1].claimants, runs[-1].disputed) != (
                segment.controller, segment.claimants, segment.disputed
            ):
                runs.append(segment)
        segments[island] = runs
    return Timeline(history, segments, slider_frames(history, days))


def control_spans(timeline: Timeline) -> list[tuple[str, dt.date, dt.date, str]]:
    """``(island, start, end, controller)`` for every stretch of one island's status, north to
    south and oldest first; the last stretch of each island ends today (for the Timeline chart)."""
    spans = []
    for island in timeline.history.island_ids:
        segments = timeline.segments[island]
        for segment, following in zip(segments, [*segments[1:], None]):
            end = following.start if following else timeline.history.today
            spans.append((island, segment.start, end, segment.controller))
    return spans


def slider_frames(history: History, change_days: list[dt.date]) -> list[dt.date]:
    """Days the slider stops at: 1 January of every year, every change and event, and every
    day between changes or events less than CLUSTER_DAYS apart."""
    first, today = history.first_record, history.today
    frames = {dt.date(year, 1, 1) for year in range(first.year, today.year + 1)}
    frames |= set(change_days) | set(history.events["date"]) | {first, today}
    moments = sorted(set(change_days) | set(history.events["date"]))
    for before, after in zip(moments, moments[1:]):
        if (after - before).days <= CLUSTER_DAYS:
            frames |= {before + dt.timedelta(days=n) for n in range((after - before).days)}
    return sorted(day for day in frames if first <= day <= today)


def client_payload(timeline: Timeline, islands, ui_text: dict[str, dict[str, str]]) -> dict:
    """Everything the browser needs to replay the history, as plain JSON-ready data.

    ``islands`` is the GeoDataFrame of islands (for names); ``ui_text`` maps language to
    the interface strings the map itself shows.
    """
    history = timeline.history
    state_index = {state: number for number, state in enumerate(STATES)}
    events = history.events
    event_index = {event: number for number, event in enumerate(events.index)}
    return {
        "states": list(STATES),
        "first": history.first_record.isoformat(),
        "today": history.today.isoformat(),
        "frames": [day.isoformat() for day in timeline.frames],
        "islands": {
            island: {
                "names": {language: islands.loc[island, f"name_{language}"] for language in LANGUAGES},
                "segments": [
                    [s.start.isoformat(), state_index.get(s.controller, -1),
                     [state_index[c] for c in s.claimants], int(s.disputed), s.event]
                    for s in timeline.segments[island]
                ],
            }
            for island in history.island_ids
        },
        "events": [
            {
                "id": row.id,
                "date": row.date.isoformat(),
                "title": {language: event_text(row, "title", language) for language in LANGUAGES},
            }
            for row in events.itertuples()
        ],
        # [day, index in "events" or -1]: the event that set the state, from that day on.
        "settings": [[day.isoformat(), event_index.get(event, -1)] for day, event in setting_events(history)],
        "text": ui_text,
    }
