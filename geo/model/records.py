"""The history data: events, control periods and claims, loaded from ``data/`` and validated.

Each table is a CSV file with one fact a row and the sources it rests on
(ids into ``sources.csv``, each with a title and an address). Periods are half-open,
``[start, end)``; an empty ``end`` means the period still runs.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from geo.model.dates import PRECISIONS, DateError, format_event_date, parse_date
from geo.model.errors import DataFileError, DataProblemsError
from geo.model.i18n import LANGUAGES
from geo.model.paths import DATA_DIR, REBUILD_HINT
from geo.model.tables import parse_table, read_table

STATES = ("Japan", "Russian Empire", "Soviet Union", "Russian Federation")
# Positions, and whether the state holding one asserts sovereignty over the island.
POSITIONS = {
    "sovereignty": True,
    "transfer-after-peace-treaty": True,  # sovereign, with a promise to hand over after a treaty
    "undetermined": False,
    "renounced": False,
}
EVENT_KINDS = (
    "record", "expedition", "treaty", "occupation", "administrative",
    "declaration", "talks", "visit", "legislation",
)
# What kind of publisher a source is, and whose word it is where the kind alone says so. Commissioned
# research on a government site is "scholarly", not that government's word.
SOURCE_KINDS = {
    "official-japan": "japan",  # Japan's government, ministries, prefectures and their agencies
    "official-russia": "russia",  # the Russian or Soviet state
    "international": "",  # treaty texts and third states' or the Allies' documents
    "scholarly": "",
    "press": "",
    "encyclopedia": "",
    "other": "",
}
# Whose word a source is: one side of the dispute, or neither ("third").
SIDES = ("japan", "russia", "third")
CONTEXT_REGIONS = ("sakhalin", "south-sakhalin", "hokkaido", "kamchatka")
# Context regions that control.csv and claims.csv may also name, so that they are shaded by the
# same rules as the islands (geo.model.perspectives); their periods need not start at the first record.
SHADED_REGIONS = ("south-sakhalin",)

COLUMNS = {
    "sources": ["id", "title", "url", "publisher"],
    "events": [
        "id", "date", "precision", "kind", "islands", *(f"title_{language}" for language in LANGUAGES),
        "summary_en", "sources", "date_note",
    ],
    "control": ["islands", "start", "end", "controller", "event", "sources", "note"],
    "claims": ["state", "islands", "start", "end", "position", "event", "sources", "note"],
}
# Columns a file may leave out (read as empty), so that a table written before they existed loads:
# the translated summaries and date notes (which fall back to the English ones), and the kind and
# side of a source and the contested flag with its note.
OPTIONAL_COLUMNS = {
    "events": (*(f"{field}_{language}" for field in ("summary", "date_note") for language in LANGUAGES
                 if language != "en"),
               "contested", "contested_note"),
    "sources": ("kind", "side"),
    "claims": ("contested", "contested_note"),
}
TABLES = tuple(COLUMNS)
ORIGIN = "_origin"  # key of a merged row's (file name, row number)


def event_text(event, field: str, lang: str) -> str:
    """An event's ``field`` ("title", "summary" or "date_note") in ``lang``; the English one where
    that is empty (an uploaded event written in English only, say)."""
    english = "date_note" if field == "date_note" else f"{field}_en"  # the note's English column has no suffix
    return getattr(event, f"{field}_{lang}", "") or getattr(event, english)


def event_when(event, lang: str) -> str:
    """An event's date as it is shown in ``lang``: at its precision ("1711", "August 1945",
    "1945-08-18"); ``event`` is a row of ``History.events`` (a named tuple or a Series)."""
    precision = getattr(event, "precision", "day") or "day"
    return format_event_date(getattr(event, "date"), precision, lang)


def day_when(history: "History", day: dt.date, event_id: str, lang: str) -> str:
    """A day that an event began (a period's first day, the day a quiz asks about) as it is shown:
    at the precision of that event where it is dated that day ("1711", not 1711-01-01), else the day."""
    events = history.events
    if event_id in events.index and events.loc[event_id, "date"] == day:
        return event_when(events.loc[event_id], lang)
    return day.isoformat()


class HistoryDataError(DataProblemsError):
    """One or more problems in the history tables; ``problems`` lists each one."""


@dataclass(frozen=True)
class Period:
    """One island's state over ``[start, end)``: who controlled it, or one state's position."""

    island: str
    start: dt.date
    end: dt.date | None
    controller: str  # control periods: the administering state, "" for none
    state: str  # claim periods: the state holding the position
    position: str
    event: str
    sources: tuple[str, ...]
    note: str
    row: int | tuple[str, int] = 0  # where it came from, for messages (see _Checker.where)
    contested: bool = False  # claims: the row states one side's contested position
    contested_note: str = ""  # why its sources are not from both sides, where they are not

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass
class History:
    """Validated history tables, with group tokens expanded to island ids."""

    island_ids: tuple[str, ...]  # north to south
    groups: dict[str, tuple[str, ...]]
    sources: pd.DataFrame
    events: pd.DataFrame  # indexed by id, sorted by date
    control: list[Period]
    claims: list[Period]
    first_record: dt.date
    today: dt.date = field(default_factory=dt.date.today)
    # Periods of the shaded context regions (SHADED_REGIONS), kept apart from the islands' own.
    context_control: list[Period] = field(default_factory=list)
    context_claims: list[Period] = field(default_factory=list)

    def expand(self, text: str) -> tuple[tuple[str, ...], list[str]]:
        """Island ids named by ``;``-separated ids or group names, and the unknown tokens."""
        return expand_islands(text, self.island_ids, self.groups)

    def check_day(self, when: dt.date | str) -> dt.date:
        """The date as a ``date``, or DateError if it is outside first record .. today."""
        day = parse_date(when)
        if day < self.first_record:
            raise DateError(f"{day} is before the first record ({self.first_record})")
        if day > self.today:
            raise DateError(f"{day} is after today ({self.today}); the atlas does not guess the future")
        return day


def expand_islands(text: str, island_ids, groups: dict[str, tuple[str, ...]], ignored=()) -> tuple[tuple[str, ...], list[str]]:
    """Island ids named by ``;``-separated tokens (ids or group names), and the unknown tokens."""
    ids: list[str] = []
    unknown: list[str] = []
    for token in (part.strip() for part in text.split(";")):
        if token in groups:
            ids.extend(groups[token])
        elif token in island_ids:
            ids.append(token)
        elif token not in ignored:
            unknown.append(token)
    return tuple(dict.fromkeys(ids)), unknown


def island_groups(data_dir: Path = DATA_DIR) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """Island ids (north to south) and the tokens that name groups of them, from the geometry."""
    path = Path(data_dir) / "islands_simplified.geojson"
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        order = [
            item["properties"]
            for item in sorted(features, key=lambda item: -_northmost(item["geometry"]["coordinates"]))
        ]
    except FileNotFoundError:
        raise DataFileError(f"{path}: file not found; {REBUILD_HINT}") from None
    except (ValueError, KeyError, TypeError) as error:
        raise DataFileError(f"{path}: not a valid island file ({error}); {REBUILD_HINT}") from None
    ids = tuple(p["id"] for p in order)
    groups: dict[str, tuple[str, ...]] = {"all": ids}
    for p in order:
        for token in (p.get("group"), p.get("subgroup")):
            if token:
                groups[token] = groups.get(token, ()) + (p["id"],)
    return ids, groups


def _northmost(coordinates) -> float:
    """The largest latitude in nested GeoJSON coordinates."""
    if isinstance(coordinates[0], (int, float)):
        return float(coordinates[1])
    return max(_northmost(part) for part in coordinates)


def read_tables(data_dir: Path = DATA_DIR) -> dict[str, list[dict[str, str]]]:
    """The four history tables of ``data_dir`` as lists of row dicts."""
    return {name: read_table(Path(data_dir) / f"{name}.csv", COLUMNS[name], OPTIONAL_COLUMNS.get(name, ()))
            for name in TABLES}


def parse_uploaded(raw: bytes, name: str, table: str) -> list[dict[str, str]]:
    """Rows of one uploaded table, checked for encoding, size and header."""
    return parse_table(raw, COLUMNS[table], name, OPTIONAL_COLUMNS.get(table, ()))


def build_history(
    tables: dict[str, list[dict[str, str]]],
    island_ids: tuple[str, ...],
    groups: dict[str, tuple[str, ...]],
    names: dict[str, str] | None = None,
    today: dt.date | None = None,
) -> History:
    """Check the tables against each other and the islands; a History, or HistoryDataError.

    ``names`` maps each table to the file name used in messages.
    """
    names = {table: f"{table}.csv" for table in TABLES} | (names or {})
    today = today or dt.date.today()
    problems: list[str] = []
    checker = _Checker(problems, names, island_ids, groups, today)

    sources = checker.sources(tables["sources"])
    events = checker.events(tables["events"], sources)
    control, context_control = checker.periods("control", tables["control"], sources, events)
    claims, context_claims = checker.periods("claims", tables["claims"], sources, events)
    first_record = min((p.start for p in control), default=dt.date(1644, 1, 1))
    checker.coverage(control, first_record)
    checker.overlaps("control", context_control, lambda p: f"region {p.island}")
    checker.overlaps("claims", claims + context_claims, lambda p: f"{p.state} on {p.island}")
    if problems:
        raise HistoryDataError(problems)

    source_columns = COLUMNS["sources"] + list(OPTIONAL_COLUMNS["sources"])
    source_frame = pd.DataFrame(tables["sources"], columns=source_columns).fillna("").set_index("id", drop=False)
    event_frame = pd.DataFrame(events.values())
    event_frame = event_frame.sort_values(["date", "id"]).set_index("id", drop=False).rename_axis(None)
    source_frame = source_frame.rename_axis(None)
    return History(island_ids, groups, source_frame, event_frame, control, claims, first_record, today,
                   context_control, context_claims)


class _Checker:
    """Collects every problem in the tables, each naming the file, the row and the column."""

    def __init__(self, problems, names, island_ids, groups, today):
        self.problems = problems
        self.names = names
        self.island_ids = set(island_ids)
        self.groups = groups
        self.today = today

    def where(self, table: str, row) -> str:
        """``file: row N``; ``row`` is a row number in the table's file, or the
        ``(file name, row number)`` of a row merged in from an upload."""
        if isinstance(row, tuple):
            return f"{row[0]}: row {row[1]}"
        return f"{self.names[table]}: row {row}" if row else self.names[table]

    def report(self, table: str, row, problem: str) -> None:
        self.problems.append(f"{self.where(table, row)}: {problem}")

    def rows(self, table: str, rows: list[dict[str, str]]):
        # Row 1 is the header, as a spreadsheet numbers them; merged rows say where they came from.
        for number, row in enumerate(rows, start=2):
            yield row.get(ORIGIN, number), row

    def required(self, table, number, row, columns) -> bool:
        empty = [column for column in columns if not row.get(column)]
        for column in empty:
            self.report(table, number, f"column {column}: is empty")
        return not empty

    def date(self, table, number, column, text) -> dt.date | None:
        try:
            day = parse_date(text)
        except DateError as error:
            self.report(table, number, f"column {column}: {error}")
            return None
        if day > self.today:
            self.report(table, number, f"column {column}: {day} is in the future")
            return None
        return day

    def islands(self, table, number, text, allow_context=False) -> tuple[str, ...]:
        ignored = CONTEXT_REGIONS if allow_context else SHADED_REGIONS
        ids, unknown = expand_islands(text, self.island_ids, self.groups, ignored)
        for token in unknown:
            self.report(table, number, f"column islands: unknown island id {token!r}")
        return ids

    def source_list(self, table, number, text, sources) -> tuple[str, ...]:
        ids = tuple(part.strip() for part in text.split(";") if part.strip())
        if not ids:
            self.report(table, number, "column sources: no source given")
        for source in ids:
            if source not in sources:
                self.report(table, number, f"column sources: unknown source id {source!r}")
        return ids

    def sources(self, rows) -> dict[str, dict]:
        found: dict[str, dict] = {}
        for number, row in self.rows("sources", rows):
            if not self.required("sources", number, row, ["id", "title", "url"]):
                continue
            if not row["url"].startswith(("https://", "http://")):
                self.report("sources", number, f"column url: {row['url'][:60]!r} is not a web address")
                continue
            if row["id"] in found:
                self.report("sources", number, f"column id: duplicate source id {row['id']!r}")
            self.source_kind(number, row.get("kind", ""), row.get("side", ""))
            found[row["id"]] = row
        return found

    def source_kind(self, number, kind: str, side: str) -> None:
        if kind and kind not in SOURCE_KINDS:
            self.report("sources", number, f"column kind: {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
        if side and side not in SIDES:
            self.report("sources", number, f"column side: {side!r} is not one of {', '.join(SIDES)}")
        elif side and SOURCE_KINDS.get(kind) and side != SOURCE_KINDS[kind]:
            self.report("sources", number, f"column side: {side!r} contradicts the kind {kind!r}")

    def contested(self, table, number, row) -> bool:
        flag = row.get("contested", "")
        if flag not in ("", "yes", "no"):
            self.report(table, number, f"column contested: {flag!r} is not yes, no or empty")
        return flag == "yes"

    def events(self, rows, sources) -> dict[str, dict]:
        found: dict[str, dict] = {}
        for number, row in self.rows("events", rows):
            if not self.required("events", number, row, ["id", "date", "precision", "kind", "islands", "title_en", "summary_en", "sources"]):
                continue
            day = self.date("events", number, "date", row["date"])
            if row["precision"] not in PRECISIONS:
                self.report("events", number, f"column precision: {row['precision']!r} is not one of {', '.join(PRECISIONS)}")
            if row["kind"] not in EVENT_KINDS:
                self.report("events", number, f"column kind: {row['kind']!r} is not one of {', '.join(EVENT_KINDS)}")
            islands = self.islands("events", number, row["islands"], allow_context=True)
            source_ids = self.source_list("events", number, row["sources"], sources)
            self.contested("events", number, row)
            if row["id"] in found:
                self.report("events", number, f"column id: duplicate event id {row['id']!r}")
            if day is not None:
                found[row["id"]] = {**row, "date": day, "island_ids": islands, "source_ids": source_ids}
        return found

    def periods(self, table, rows, sources, events) -> tuple[list[Period], list[Period]]:
        """The rows' periods for each island, and those for each shaded context region."""
        periods, context = [], []
        for number, row in self.rows(table, rows):
            needed = ["islands", "start", "event", "sources"] + (["state", "position"] if table == "claims" else [])
            if not self.required(table, number, row, needed):
                continue
            start = self.date(table, number, "start", row["start"])
            end = self.date(table, number, "end", row["end"]) if row["end"] else None
            if start and end and end <= start:
                self.report(table, number, f"column end: {end} is not after the start {start}")
                continue
            state = row.get("controller", "") if table == "control" else row["state"]
            if state and state not in STATES:
                column = "controller" if table == "control" else "state"
                self.report(table, number, f"column {column}: {state!r} is not one of {', '.join(STATES)}")
            position = row.get("position", "")
            if table == "claims" and position not in POSITIONS:
                self.report(table, number, f"column position: {position!r} is not one of {', '.join(POSITIONS)}")
            if row["event"] not in events:
                self.report(table, number, f"column event: unknown event id {row['event']!r}")
            source_ids = self.source_list(table, number, row["sources"], sources)
            contested = self.contested(table, number, row)
            islands = self.islands(table, number, row["islands"])
            regions = [t for t in (part.strip() for part in row["islands"].split(";")) if t in SHADED_REGIONS]
            if start is None:
                continue
            for island in (*islands, *regions):
                (context if island in SHADED_REGIONS else periods).append(Period(
                    island, start, end,
                    controller=state if table == "control" else "",
                    state=state if table == "claims" else "",
                    position=position, event=row["event"], sources=source_ids,
                    note=row.get("note", ""), row=number,
                    contested=contested, contested_note=row.get("contested_note", ""),
                ))
        return periods, context

    def coverage(self, control: list[Period], first_record: dt.date) -> None:
        by_island: dict[str, list[Period]] = {}
        for period in control:
            by_island.setdefault(period.island, []).append(period)
        for island in sorted(self.island_ids):
            periods = sorted(by_island.get(island, []), key=lambda p: p.start)
            if not periods:
                self.report("control", None, f"island {island}: no control period at all")
                continue
            if periods[0].start != first_record:
                self.report("control", periods[0].row, f"island {island}: control begins {periods[0].start}, "
                            f"not at the first record {first_record}: a gap")
            for before, after in zip(periods, periods[1:]):
                if before.end is None or before.end > after.start:
                    self.report("control", after.row, f"island {island}: period from {after.start} "
                                f"overlaps the one from {before.start} ({self.where('control', before.row)})")
                elif before.end < after.start:
                    self.report("control", after.row, f"island {island}: gap from {before.end} to {after.start}")
            if periods[-1].end is not None:
                self.report("control", periods[-1].row, f"island {island}: control ends {periods[-1].end}; "
                            "the last period must run to today (empty end)")

    def overlaps(self, table: str, periods: list[Period], key) -> None:
        """Periods with the same ``key`` (a state on an island, say) must not overlap."""
        by_key: dict[str, list[Period]] = {}
        for period in periods:
            by_key.setdefault(key(period), []).append(period)
        for name, group in sorted(by_key.items()):
            group.sort(key=lambda p: p.start)
            for before, after in zip(group, group[1:]):
                if before.end is None or before.end > after.start:
                    self.report(table, after.row, f"{name}: period from {after.start} "
                                f"overlaps the one from {before.start} ({self.where(table, before.row)})")


def source_side(source) -> str:
    """Whose word a source (a row of ``History.sources``) is: "japan", "russia", "third", or ""
    when its table does not say (an uploaded source without a kind)."""
    return source.get("side", "") or SOURCE_KINDS.get(source.get("kind", ""), "")


def one_sided_contested_rows(history: History) -> list[str]:
    """The contested events and claims whose sources are not from both sides (Japan's and Russia's)
    and which give no note saying why; each named by file and row."""
    sides = {source: source_side(row) for source, row in history.sources.iterrows()}

    def one_sided(source_ids) -> bool:
        return not {"japan", "russia"} <= {sides.get(source, "") for source in source_ids}

    found = [f"events.csv: {event.id}" for event in history.events.itertuples()
             if getattr(event, "contested", "") == "yes" and not getattr(event, "contested_note", "")
             and one_sided(event.source_ids)]
    rows = {period.row: period for period in history.claims if period.contested and not period.contested_note}
    found += [f"claims.csv: row {row} ({period.state})" for row, period in rows.items() if one_sided(period.sources)]
    return found


def load_history(data_dir: Path = DATA_DIR, today: dt.date | None = None) -> History:
    """The validated history of ``data_dir``; DataFileError names the file, row and problem."""
    island_ids, groups = island_groups(data_dir)
    tables = read_tables(data_dir)
    names = {table: str(Path(data_dir) / f"{table}.csv") for table in TABLES}
    try:
        return build_history(tables, island_ids, groups, names, today)
    except HistoryDataError as error:
        raise HistoryDataError([*error.problems, f"{data_dir}: fix the rows named above, or {REBUILD_HINT}"]) from None


# --- what each treaty provides ---------------------------------------------------------------------

CLAUSE_COLUMNS = ["event", "document", "article", "lang", "provision", "terms", "source"]
CLAUSE_LANGUAGES = ("en", "ja", "ru")


def load_clauses(history: History, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """``data/clauses.csv``: per treaty article and language, the document, what the article provides
    (the atlas's own summary), the key terms as the original has them, and the source checked.

    Every row must name an event of ``history``, an article and a known source, and every event's
    provision must be there in all three languages; each language's row cites the text it was
    checked against (the Japanese and Russian rows of an article whose authentic texts are Japanese
    and Russian cite those). DataFileError lists every problem by file and row.
    """
    path = Path(data_dir) / "clauses.csv"
    rows = read_table(path, CLAUSE_COLUMNS)
    problems: list[str] = []
    languages: dict[str, set[str]] = {}
    for number, row in enumerate(rows, start=2):
        where = f"{path}: row {number}"
        problems += [f"{where}: column {column}: is empty" for column in CLAUSE_COLUMNS if not row[column]]
        if row["event"] and row["event"] not in history.events.index:
            problems.append(f"{where}: column event: unknown event id {row['event']!r}")
        if row["source"] and row["source"] not in history.sources.index:
            problems.append(f"{where}: column source: unknown source id {row['source']!r}")
        if row["lang"] not in CLAUSE_LANGUAGES:
            problems.append(f"{where}: column lang: {row['lang']!r} is not one of {', '.join(CLAUSE_LANGUAGES)}")
        languages.setdefault(row["event"], set()).add(row["lang"])
    for event, found in languages.items():
        missing = [lang for lang in CLAUSE_LANGUAGES if lang not in found]
        if missing:
            problems.append(f"{path}: event {event}: no provision in {', '.join(missing)}")
    if problems:
        raise DataFileError("\n".join(problems))
    return pd.DataFrame(rows, columns=CLAUSE_COLUMNS)


def clauses_of(clauses: pd.DataFrame, event_ids, lang: str) -> pd.DataFrame:
    """The provisions of the events ``event_ids`` in ``lang`` (English where a language is missing),
    in the order of ``event_ids``."""
    event_ids = list(event_ids)
    chosen = clauses[clauses["event"].isin(event_ids)]
    wanted = chosen[chosen["lang"] == lang]
    if wanted.empty and lang != "en":
        wanted = chosen[chosen["lang"] == "en"]
    order = {event: position for position, event in enumerate(event_ids)}
    return wanted.sort_values("event", key=lambda column: column.map(order), kind="stable")
