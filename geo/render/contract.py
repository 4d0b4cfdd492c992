"""The contract between Python and the map's script, both ways, in one place.

- ``MapState``: what the server hands the map on every run (``KurilAtlas.sync({...})``, and the
  first state in the map's options): the date, island, language and perspective to show, and
  optionally islands to fly to, a second date to swipe to and the session's own replay table.
- ``MapReport``: the one message the map sends its server after a step: the date, island and
  perspective it shows. The map's script is told the key and the fields in its options
  (``REPORT_KEY``, ``MapReport.fields()``).

The app, the export, the load benchmark and the tests write and read the two only through these
classes, so a field is named once, here.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, fields

from geo.model.perspectives import ADMINISTERED

REPORT_KEY = "atlas"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element: the characters that could
    end the element or a JavaScript line (``<``, ``>``, ``&``, U+2028, U+2029) are written as
    ``\\uXXXX`` escapes, which JSON reads back as the same characters.

    >>> script_json({"title": "</script>"})
    '{"title":"\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda match: _JSON_ESCAPES[match.group()], text)


@dataclass(frozen=True)
class Focus:
    """Islands for the map to fly to, once per ``key`` (a story step, a lesson step)."""

    key: str
    islands: tuple[str, ...]


@dataclass(frozen=True)
class Lesson:
    """A story or a teacher's lesson as the map's lesson player takes it: its steps (each a dict
    with ``date``, ``islands``, ``perspective`` and texts by language, from
    ``geo.classroom.lesson.player_steps``), and a ``key`` that changes whenever they do."""

    key: str
    steps: tuple[dict, ...]

    @classmethod
    def of(cls, steps: list[dict]) -> Lesson:
        """The lesson of ``steps``, keyed by their content.

        >>> Lesson.of([{"date": "1945-08-18"}]).key == Lesson.of([{"date": "1945-08-18"}]).key
        True
        """
        text = json.dumps(steps, ensure_ascii=False, sort_keys=True)
        return cls(hashlib.sha256(text.encode("utf-8")).hexdigest()[:16], tuple(steps))


@dataclass(frozen=True)
class MapState:
    """What the server hands the map on a run.

    ``date`` is an ISO day ("" for none yet), ``island`` "" for none, ``perspective`` one of
    geo.model.perspectives.PERSPECTIVES. ``swipe`` is a second date drawn right of a divider
    ("" removes it; None leaves the map as it is), shown in ``swipe_perspective`` ("" for the
    map's own). ``timeline`` is the session's own replay table, or None for the shared one;
    ``report_drawn`` asks the map to report once it has drawn. ``lesson`` hands the map a story
    to play and ``step`` the number of its step to show (1 for the first).
    """

    date: str
    island: str = ""
    lang: str = "en"
    perspective: str = ADMINISTERED
    focus: Focus | None = None
    swipe: str | None = None
    swipe_perspective: str = ""
    timeline: dict | None = None
    report_drawn: bool = False
    lesson: Lesson | None = None
    step: int | None = None

    def to_sync(self) -> dict:
        """The state as the map's script reads it (its wire keys).

        >>> MapState("1945-09-01", lang="ja").to_sync()
        {'date': '1945-09-01', 'island': '', 'lang': 'ja', 'perspective': 'administered', 'timeline': None}
        >>> MapState("1945-09-01", focus=Focus("step-3", ("iturup",)), swipe="1956-10-19",
        ...          swipe_perspective="japan", report_drawn=True).to_sync()["swipePerspective"]
        'japan'
        """
        state = {"date": self.date, "island": self.island, "lang": self.lang, "perspective": self.perspective,
                 "timeline": self.timeline}
        if self.focus is not None:
            state["focus"] = {"key": self.focus.key, "islands": list(self.focus.islands)}
        if self.swipe is not None:
            state["swipe"] = self.swipe
            state["swipePerspective"] = self.swipe_perspective
        if self.report_drawn:
            state["reportDrawn"] = True
        if self.lesson is not None:
            state["lesson"] = {"key": self.lesson.key, "steps": list(self.lesson.steps)}
            state["step"] = self.step or 1
        return state

    def sync_script(self) -> str:
        """The JavaScript that hands this state to the map already on the page, its JSON escaped by
        ``script_json`` so that no data text can end the script or start markup."""
        return f"window.KurilAtlas.sync({script_json(self.to_sync())});"


@dataclass(frozen=True)
class MapReport:
    """What the map reports: the ISO ``date`` shown, the ``island`` chosen ("" for none) and a
    ``seq`` number that differs from one report to the next, so a repeat is not taken twice.
    The optional ``perspective`` is whose maps are shown (geo.model.perspectives.PERSPECTIVES),
    and ``step`` the number of the lesson's step shown, where the map plays a lesson.
    A field the value lacks (or holds as another type) is None: the selection keeps what it had."""

    date: str | None
    island: str | None
    seq: int | None
    perspective: str | None = None
    step: int | None = None

    @classmethod
    def fields(cls) -> list[str]:
        """The message's field names, in the order the map's script is handed them.

        >>> MapReport.fields()
        ['date', 'island', 'seq', 'perspective', 'step']
        """
        return [field.name for field in fields(cls)]

    def to_value(self) -> dict:
        """The component value the map's script sends; a field that is None is left out.

        >>> MapReport("1945-09-01", "", 7).to_value()
        {'atlas': {'date': '1945-09-01', 'island': '', 'seq': 7}}
        >>> MapReport("1945-09-01", "", 8, "japan").to_value()
        {'atlas': {'date': '1945-09-01', 'island': '', 'seq': 8, 'perspective': 'japan'}}
        """
        return {REPORT_KEY: {name: value for name, value in asdict(self).items() if value is not None}}

    @classmethod
    def from_value(cls, value) -> MapReport | None:
        """The report in a component value, or None where the value holds none.

        >>> MapReport.from_value({"atlas": {"date": "1945-09-01", "seq": 3}})
        MapReport(date='1945-09-01', island=None, seq=3, perspective=None, step=None)
        >>> MapReport.from_value({}) is None
        True
        """
        report = value.get(REPORT_KEY) if isinstance(value, dict) else None
        if not isinstance(report, dict):
            return None

        def field(name: str, kind: type):
            value = report.get(name)
            return value if isinstance(value, kind) and not isinstance(value, bool) else None

        return cls(date=field("date", str), island=field("island", str), seq=field("seq", int),
                   perspective=field("perspective", str), step=field("step", int))
