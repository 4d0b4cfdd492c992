"""The one message the map sends its server: the date, island and view it shows, after a step.

The map's script is told the key and the fields in its options (``REPORT_KEY``,
``MapReport.fields()``); the app, the load benchmark and the tests read and write the message
only through ``MapReport``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

REPORT_KEY = "atlas"


@dataclass(frozen=True)
class MapReport:
    """What the map reports: the ISO ``date`` shown, the ``island`` chosen ("" for none) and a
    ``seq`` number that differs from one report to the next, so a repeat is not taken twice.
    The optional ``view`` is the side whose maps are shown (geo.model.perspectives.PERSPECTIVES).
    A field the value lacks (or holds as another type) is None: the view keeps what it had."""

    date: str | None
    island: str | None
    seq: int | None
    view: str | None = None

    @classmethod
    def fields(cls) -> list[str]:
        """The message's field names, in the order the map's script is handed them.

        >>> MapReport.fields()
        ['date', 'island', 'seq', 'view']
        """
        return [field.name for field in fields(cls)]

    def to_value(self) -> dict:
        """The component value the map's script sends; a field that is None is left out.

        >>> MapReport("1945-09-01", "", 7).to_value()
        {'atlas': {'date': '1945-09-01', 'island': '', 'seq': 7}}
        >>> MapReport("1945-09-01", "", 8, "japan").to_value()
        {'atlas': {'date': '1945-09-01', 'island': '', 'seq': 8, 'view': 'japan'}}
        """
        return {REPORT_KEY: {name: value for name, value in asdict(self).items() if value is not None}}

    @classmethod
    def from_value(cls, value) -> MapReport | None:
        """The report in a component value, or None where the value holds none.

        >>> MapReport.from_value({"atlas": {"date": "1945-09-01", "seq": 3}})
        MapReport(date='1945-09-01', island=None, seq=3, view=None)
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
                   view=field("view", str))
