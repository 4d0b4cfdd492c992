"""The one message the map sends its server: the date and island it shows, after a step.

The map's script is told the key in its options (``REPORT_KEY``); the app, the load benchmark
and the tests read and write the message only through ``MapReport``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

REPORT_KEY = "atlas"


@dataclass(frozen=True)
class MapReport:
    """What the map reports: the ISO ``date`` shown, the ``island`` chosen ("" for none) and a
    ``seq`` number that differs from one report to the next, so a repeat is not taken twice.
    A field the value lacks (or holds as another type) is None: the view keeps what it had."""

    date: str | None
    island: str | None
    seq: int | None

    def to_value(self) -> dict:
        """The component value the map's script sends.

        >>> MapReport("1945-09-01", "", 7).to_value()
        {'atlas': {'date': '1945-09-01', 'island': '', 'seq': 7}}
        """
        return {REPORT_KEY: asdict(self)}

    @classmethod
    def from_value(cls, value) -> MapReport | None:
        """The report in a component value, or None where the value holds none.

        >>> MapReport.from_value({"atlas": {"date": "1945-09-01", "seq": 3}})
        MapReport(date='1945-09-01', island=None, seq=3)
        >>> MapReport.from_value({}) is None
        True
        """
        report = value.get(REPORT_KEY) if isinstance(value, dict) else None
        if not isinstance(report, dict):
            return None
        def field(name: str, kind: type):
            value = report.get(name)
            return value if isinstance(value, kind) and not isinstance(value, bool) else None

        return cls(date=field("date", str), island=field("island", str), seq=field("seq", int))
