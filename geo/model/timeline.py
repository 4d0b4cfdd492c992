"""The history as a compact table of changes, for replaying it quickly (in Python or a browser).

Each island gets a list of segments ``(start, controller, claimants, disputed, event)``,
one per day on which its status changed; the status on any day is the segment that started
last on or before it. Each island and shaded context region also gets, per perspective of
geo.model.perspectives, segments ``(start, shown_as, unclear)`` read the same way. In the
browser's payload their fields are in the order of ``SEGMENT_FIELDS`` and
``PERSPECTIVE_SEGMENT_FIELDS``, which the map's script is handed by name (geo.render.mapview). Frames are the days a
time slider stops at: one a year, every day of change and, where changes cluster (the 1945
landings), every day in between.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field


from geo.model.i18n import LANGUAGES
from geo.model.records import SHADED_REGIONS, STATES, History, event_text, event_when
from geo.model.status import _island_status, _place_status, change_dates, setting_events
from geo.model.perspectives import UNDETERMINED, PERSPECTIVES, context_periods, default_perspective_rules, shown, perspective_change_dates

CLUSTER_DAYS = 21  # changes closer than this are replayed day by day
UNDETERMINED_INDEX = -2  # in the payload's perspective segments: -1 is no state, -2 undetermined
# The payload's segments are lists, these fields in this order; the script reads them by name.
SEGMENT_FIELDS = ("start", "state", "claimants", "disputed", "event")
PERSPECTIVE_SEGMENT_FIELDS = ("start", "shown", "unclear")  # "unclear" only where it is 1


@dataclass(frozen=True)
class Segment:
    start: dt.date
    controller: str
    claimants: tuple[str, ...]
    disputed: bool
    event: str


@dataclass(frozen=True)
class PerspectiveSegment:
    start: dt.date
    shown_as: str  # a state, "" for none, or "undetermined"
    unclear: bool


@dataclass
class Timeline:
    """Per-island status segments, the slider's frames and the events, from a History; and per
    island and shaded context region, per perspective, what it shows (``perspectives``)."""

    history: History
    segments: dict[str, list[Segment]]
    frames: list[dt.date]
    perspectives: dict[str, dict[str, list[PerspectiveSegment]]] = field(default_factory=dict)  # place -> perspective -> runs

    def status(self, island: str, day: dt.date) -> Segment:
        """The island's status on ``day`` (which must not precede the first record)."""
        return _latest(self.segments[island], day)

    def shown(self, place: str, perspective: str, day: dt.date) -> PerspectiveSegment:
        """What ``perspective`` shows on an island or shaded region on ``day``."""
        return _latest(self.perspectives[place][perspective], day)

    def event_steps(self) -> list[dt.date]:
        """The days of events, oldest first, for previous/next steps."""
        return sorted(set(self.history.events["date"]))


def _latest(segments, day: dt.date):
    index = bisect.bisect_right([s.start for s in segments], day) - 1
    return segments[max(index, 0)]


def build_timeline(history: History, rules=None) -> Timeline:
    """The replay table of ``history``; the perspectives follow ``rules`` (default: ``data/views.csv``)."""
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
    return Timeline(history, segments, slider_frames(history, days), _perspective_segments(history, rules or default_perspective_rules()))


def _perspective_segments(history: History, rules) -> dict[str, dict[str, list[PerspectiveSegment]]]:
    """Per place and perspective, a segment on each day what the perspective shows changes. The same answers
    as status_at and context_status_at, without building a table a day (ten times faster)."""
    context = history.context_control + history.context_claims
    days = {history.first_record, *change_dates(history), *perspective_change_dates(rules)}
    days |= {day for p in context for day in (p.start, p.end) if day is not None}
    days = sorted(day for day in days if history.first_record <= day <= history.today)
    periods = {island: ([p for p in history.control if p.island == island],
                        [p for p in history.claims if p.island == island]) for island in history.island_ids}
    periods |= {region: context_periods(history, region) for region in SHADED_REGIONS}
    places: dict[str, dict[str, list[PerspectiveSegment]]] = {}
    for place, (control, claims) in periods.items():
        places[place] = {perspective: [] for perspective in PERSPECTIVES}
        for day in days:
            controller = _place_status(control, claims, place, day)["controller"]
            for perspective, runs in places[place].items():
                if perspective == "administered":
                    segment = PerspectiveSegment(day, controller, False)
                else:
                    answer = shown(rules, perspective, place, day, controller, claims)
                    segment = PerspectiveSegment(day, answer.shown_as, answer.unclear)
                if not runs or (runs[-1].shown_as, runs[-1].unclear) != (segment.shown_as, segment.unclear):
                    runs.append(segment)
    return places


def control_spans(timeline: Timeline) -> list[tuple[str, dt.date, dt.date, str, str, str]]:
    """``(island, start, end, controller, start_event, end_event)`` for every stretch of one
    island's status, north to south and oldest first: the events that began it and ended it ("" for
    none); the last stretch of each island ends today (for the Timeline chart)."""
    spans = []
    for island in timeline.history.island_ids:
        segments = timeline.segments[island]
        for segment, following in zip(segments, [*segments[1:], None]):
            end = following.start if following else timeline.history.today
            spans.append((island, segment.start, end, segment.controller, segment.event,
                          following.event if following else ""))
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
                "segments": [_segment_row(s, state_index) for s in timeline.segments[island]],
                "perspectives": _perspective_payload(timeline, island, state_index),
            }
            for island in history.island_ids
        },
        "perspectives": list(PERSPECTIVES[1:]),
        "context": {region: _perspective_payload(timeline, region, state_index, with_administered=True)
                    for region in SHADED_REGIONS},
        "events": [
            {
                "id": row.id,
                "date": row.date.isoformat(),
                # the date as the event's label shows it, at its precision ("1711", "August 1945")
                "when": {language: event_when(row, language) for language in LANGUAGES},
                "title": {language: event_text(row, "title", language) for language in LANGUAGES},
            }
            for row in events.itertuples()
        ],
        # [day, index in "events" or -1]: the event that set the state, from that day on.
        "settings": [[day.isoformat(), event_index.get(event, -1)] for day, event in setting_events(history)],
        "text": ui_text,
    }


def _segment_row(segment: Segment, state_index: dict[str, int]) -> list:
    """An island's segment as the payload's list, its fields in the order of SEGMENT_FIELDS."""
    values = {"start": segment.start.isoformat(), "state": state_index.get(segment.controller, -1),
              "claimants": [state_index[c] for c in segment.claimants], "disputed": int(segment.disputed),
              "event": segment.event}
    return [values[name] for name in SEGMENT_FIELDS]


def _perspective_payload(timeline: Timeline, place: str, state_index: dict[str, int], with_administered=False) -> dict:
    """``{perspective: [[start, state index], ...]}`` (PERSPECTIVE_SEGMENT_FIELDS): -1 for no state,
    -2 for undetermined, and a third element 1 on a segment where the side's position is unclear
    (the claim it held is shown)."""
    index = {**state_index, UNDETERMINED: UNDETERMINED_INDEX}
    perspectives = PERSPECTIVES if with_administered else PERSPECTIVES[1:]
    return {
        perspective: [[s.start.isoformat(), index.get(s.shown_as, -1), *([1] if s.unclear else [])]
                      for s in timeline.perspectives[place][perspective]]
        for perspective in perspectives
    }


def drawn_changes(timeline: Timeline, perspective: str, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days in ``(start, end]`` on which the map of ``perspective`` changes: an island's
    colour (who held it, or what that side's maps show) or its disputed outline. A change of
    claimants alone draws nothing new and is left out. These are the frames of an animation."""
    def drawn(day: dt.date) -> tuple:
        return tuple((timeline.shown(island, perspective, day).shown_as, timeline.status(island, day).disputed)
                     for island in timeline.history.island_ids)

    candidates = {s.start for runs in timeline.segments.values() for s in runs}
    candidates |= {s.start for island in timeline.history.island_ids for s in timeline.perspectives[island][perspective]}
    days, before = [], drawn(start)
    for day in sorted(d for d in candidates if start < d <= end):
        now = drawn(day)
        if now != before:
            days.append(day)
        before = now
    return days
