"""The history model: what the data says happened, where it says so, and how broken data is caught."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

import geo
from geo.model.paths import DATA_DIR
from geo.model.records import TABLES

HABOMAI = ["polonskogo", "oskolki", "zelyony", "tanfilyeva", "yuri", "demina", "rifovy", "storozhevoy", "anuchina"]
SOUTHERN_FOUR = ["iturup", "kunashir", "shikotan", *HABOMAI]  # Iturup, Kunashir, Shikotan, Habomai


@pytest.fixture(scope="module")
def history():
    return geo.load_history()


def controller(island: str, day: str) -> str:
    return geo.status_at(day).loc[island, "controller"]


def holding(state: str, day: str) -> list[str]:
    table = geo.status_at(day)
    return sorted(table.index[table["controller"] == state])


# --- the story the data tells ---------------------------------------------------------------

@pytest.mark.parametrize("island, day, state", [
    ("urup", "1860-06-01", "Russian Empire"),  # between the Shimoda (1855) and St Petersburg (1875) treaties
    ("shumshu", "1876-01-01", "Japan"),  # the northern islands became Japanese in 1875
    ("iturup", "1945-08-28", "Soviet Union"),  # in 1945 Iturup changed hands before Kunashir
    ("kunashir", "1945-08-28", "Japan"),
    ("shikotan", "1945-08-28", "Japan"),
    ("kunashir", "1945-09-01", "Soviet Union"),
    ("zelyony", "1945-09-02", "Japan"),  # the Habomai islets were last (see below)
])
def test_who_held_the_island_that_day(island, day, state):
    assert controller(island, day) == state


def test_shumshu_saw_the_first_landing_of_1945(history):
    events = history.events  # oldest first
    # Landings on Kuril islands: the southern Sakhalin offensive of 11 August names no island.
    landings = events[(events["kind"] == "occupation") & (events["date"] >= dt.date(1945, 1, 1))
                      & events["island_ids"].map(bool)]
    assert landings.iloc[0]["island_ids"] == ("shumshu",)


def test_the_habomai_islets_were_the_last_islands_still_japanese():
    assert holding("Japan", "1945-09-02") == sorted(HABOMAI)


def test_after_5_september_1945_every_island_is_soviet():
    assert set(geo.status_at("1945-09-05")["controller"]) == {"Soviet Union"}


def test_the_russian_federation_holds_every_island_after_the_soviet_union_ends():
    assert set(geo.status_at("1991-12-27")["controller"]) == {"Russian Federation"}


def test_japan_claims_the_four_southern_islands_today_not_the_northern_ones():
    # Iturup, Kunashir, Shikotan and the Habomai islets; Urup, Shumshu and the rest were renounced in 1952.
    table = geo.status_at(dt.date.today())
    assert sorted(table.index[table["claimants"].map(lambda states: "Japan" in states)]) == sorted(SOUTHERN_FOUR)


def test_an_island_held_by_one_state_and_claimed_only_by_another_is_disputed():
    # Soviet-held from 28 August 1945, claimed by the Soviet Union only from the 1946 decree.
    assert bool(geo.status_at("1945-08-28").loc["iturup", "disputed"]) is True


def test_disputed_today_are_exactly_the_four_southern_groups():
    table = geo.status_at(dt.date.today())
    assert sorted(table.index[table["disputed"]]) == sorted(SOUTHERN_FOUR)


# --- sources --------------------------------------------------------------------------------

def _rows(history, table):
    if table == "events":
        return [(row.id, row.source_ids) for row in history.events.itertuples()]
    return [(f"{p.island} from {p.start}", p.sources) for p in getattr(history, table)]


@pytest.mark.parametrize("table", ["events", "control", "claims"])
def test_every_fact_rests_on_a_source_with_an_https_address(history, table):
    urls = history.sources["url"]
    unsourced = [name for name, ids in _rows(history, table)
                 if not any(urls[source].startswith("https://") for source in ids)]
    assert unsourced == []


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


DATE_NOTES = {row["id"]: row["date_note"] for row in read_csv(DATA_DIR / "events.csv") if row["date_note"]}
def test_every_date_note_says_which_date_the_map_uses():
    silent = [event for event, note in DATE_NOTES.items() if "use" not in note]
    assert silent == []


# --- broken data ----------------------------------------------------------------------------

@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the history tables and the island file they refer to."""
    for name in [*(f"{table}.csv" for table in TABLES), "islands_simplified.geojson"]:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def edit(path: Path, change, drop: str | None = None) -> None:
    """Rewrite a CSV file with ``change(rows)`` applied to its row dicts, less column ``drop``."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = [c for c in reader.fieldnames if c != drop], list(reader)
    change(rows)
    rows = [{column: row[column] for column in columns} for row in rows]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def find(rows, **match) -> dict:
    return next(row for row in rows if all(row[k] == v for k, v in match.items()))


def row_number(path: Path, **match) -> int:
    """The spreadsheet row (the header is row 1) of the first row with these values."""
    rows = read_csv(path)
    return rows.index(find(rows, **match)) + 2


KUNASHIR_JAPANESE = {"islands": "kunashir", "start": "1754-01-01"}
KUNASHIR_SOVIET = {"islands": "kunashir", "start": "1945-09-01"}
SHIMODA = {"id": "1855-02-07-shimoda"}


def set_value(match, column, value):
    return lambda rows: find(rows, **match).update({column: value})


# (table edited, change, row reported (its values), problem)
BROKEN = {
    "unknown island id": ("control", set_value(KUNASHIR_JAPANESE, "islands", "kunashir;atlantis"),
                          KUNASHIR_JAPANESE | {"islands": "kunashir;atlantis"},
                          "column islands: unknown island id 'atlantis'"),
    "bad date": ("events", set_value(SHIMODA, "date", "1855-02-30"), SHIMODA,
                 "column date: '1855-02-30' is not a valid date"),
    "overlapping periods": ("control", set_value(KUNASHIR_JAPANESE, "end", "1945-09-02"), KUNASHIR_SOVIET,
                            "island kunashir: period from 1945-09-01 overlaps the one from 1754-01-01"),
    "a gap": ("control", set_value(KUNASHIR_JAPANESE, "end", "1945-08-30"), KUNASHIR_SOVIET,
              "island kunashir: gap from 1945-08-30 to 1945-09-01"),
    "no source": ("control", set_value(KUNASHIR_SOVIET, "sources", ""), KUNASHIR_SOVIET | {"sources": ""},
                  "column sources: is empty"),
    "unknown source": ("events", set_value(SHIMODA, "sources", "nowhere"), SHIMODA,
                       "column sources: unknown source id 'nowhere'"),
    "source without address": ("sources", set_value({"id": "hoppou-history"}, "url", ""), {"id": "hoppou-history"},
                               "column url: is empty"),
    "unknown state": ("control", set_value(KUNASHIR_SOVIET, "controller", "Ainu Mosir"), KUNASHIR_SOVIET,
                      "column controller: 'Ainu Mosir' is not one of"),
    "unknown event id": ("control", set_value(KUNASHIR_SOVIET, "event", "1945-09-01-atlantis"), KUNASHIR_SOVIET,
                         "column event: unknown event id '1945-09-01-atlantis'"),
    "end before start": ("claims", set_value({"state": "Japan", "start": "1875-08-22"}, "end", "1875-01-01"),
                         {"state": "Japan", "start": "1875-08-22"},
                         "column end: 1875-01-01 is not after the start 1875-08-22"),
    "duplicate event id": ("events", set_value({"id": "1711-shumshu-landing"}, "id", "1644-shoho-map"),
                           {"id": "1644-shoho-map", "date": "1711-01-01"},
                           "column id: duplicate event id '1644-shoho-map'"),
}


@pytest.mark.parametrize("table, change, reported, problem", BROKEN.values(), ids=BROKEN.keys())
def test_broken_history_data_is_reported_with_file_row_and_problem(data, table, change, reported, problem):
    path = data / f"{table}.csv"
    edit(path, change)
    with pytest.raises(geo.HistoryDataError) as raised:
        geo.load_history(data)
    expected = f"{path}: row {row_number(path, **reported)}: {problem}"
    assert expected in str(raised.value)  # one problem a line


@pytest.mark.parametrize("damage, problem", [
    pytest.param(lambda path: path.write_bytes(path.read_bytes().replace(b"Japan", "Jap\xe1n".encode("latin-1"), 1)),
                 "wrong encoding: byte", id="not UTF-8"),
    pytest.param(lambda path: edit(path, lambda rows: None, drop="controller"),
                 "row 1: missing column(s) controller", id="missing column"),
    pytest.param(lambda path: path.unlink(), "file not found", id="missing file"),
])
def test_an_unreadable_control_file_is_reported_with_its_name(data, damage, problem):
    path = data / "control.csv"
    damage(path)
    with pytest.raises(geo.DataFileError) as raised:
        geo.load_history(data)
    assert f"{path}: {problem}" in str(raised.value)


def test_every_event_has_its_summary_and_any_date_note_in_japanese_and_russian(history):
    japanese, cyrillic = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"), re.compile(r"[\u0400-\u04ff]")
    for event in history.events.itertuples():
        assert japanese.search(event.summary_ja) and cyrillic.search(event.summary_ru), event.id
        if event.date_note:
            assert japanese.search(event.date_note_ja) and cyrillic.search(event.date_note_ru), event.id
        else:
            assert event.date_note_ja == event.date_note_ru == "", event.id


def test_a_summary_with_line_breaks_stays_one_row_and_keeps_them(data):
    summary = "First paragraph.\nSecond\u2028third."  # a pasted text may hold U+2028 as well as newlines
    edit(data / "events.csv", set_value(SHIMODA, "summary_en", summary))
    assert geo.load_history(data).events.loc[SHIMODA["id"], "summary_en"] == summary
