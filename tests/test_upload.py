"""Teachers' own timelines: a valid upload is merged into a new history for that session only;
an invalid one is rejected whole with every problem named by file, row and column."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import zipfile

import pytest

import geo
from geo.model.paths import DATA_DIR
from geo.model.records import event_text
from geo.model.upload import MAX_UPLOAD_BYTES, history_with_uploads, merge_uploads, table_of, template_zip

EXAMPLES = DATA_DIR / "examples"
EVENT_HEADER = "id,date,precision,kind,islands,title_en,title_ja,title_ru,summary_en,sources,date_note\n"


@pytest.fixture(scope="module")
def base():
    return geo.load_history()


def example_files() -> dict[str, bytes]:
    return {name: (EXAMPLES / name).read_bytes() for name in ("class-events.csv", "class-sources.csv")}


def event_row(**values) -> str:
    row = {"id": "class-x", "date": "1994-10-04", "precision": "day", "kind": "record", "islands": "shikotan",
           "title_en": "A class event", "title_ja": "", "title_ru": "", "summary_en": "Something happened.",
           "sources": "wiki-en-kuril-islands", "date_note": ""} | values
    buffer = io.StringIO()
    csv.writer(buffer).writerow(row.values())
    return buffer.getvalue()


def rejected(files: dict[str, bytes], base) -> str:
    with pytest.raises(geo.HistoryDataError) as raised:
        history_with_uploads(files, base)
    return str(raised.value)


def test_the_example_files_add_one_event(base):
    history = history_with_uploads(example_files(), base)
    assert len(history.events) == len(base.events) + 1


def test_an_uploaded_event_is_found_on_its_day(base):
    history = history_with_uploads(example_files(), base)
    found = geo.events_between("1994-10-04", "1994-10-04", history)
    assert found.index.tolist() == ["class-1994-shikotan-earthquake"]


def test_an_upload_changes_nothing_in_data_or_the_shared_history(base):
    before = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in DATA_DIR.glob("*.csv")}
    history_with_uploads(example_files(), base)
    after = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in DATA_DIR.glob("*.csv")}
    assert (before, len(geo.load_history().events)) == (after, len(base.events))


def test_an_uploaded_event_with_an_existing_id_replaces_that_event(base):
    files = {"events.csv": (EVENT_HEADER + event_row(id="2010-11-01-medvedev-kunashir", date="2010-11-01",
                                                    islands="kunashir", title_en="Edited by a class")).encode()}
    history = history_with_uploads(files, base)
    assert (len(history.events), history.events.loc["2010-11-01-medvedev-kunashir", "title_en"]) == (
        len(base.events), "Edited by a class")


def test_an_event_uploaded_without_japanese_or_russian_summaries_shows_the_english_one(base):
    files = {"events.csv": (EVENT_HEADER + event_row()).encode()}
    event = history_with_uploads(files, base).events.loc["class-x"]
    assert [event_text(event, "summary", lang) for lang in ("en", "ja", "ru")] == ["Something happened."] * 3


def test_an_uploaded_control_table_replaces_the_control_table(base):
    rows = list(csv.DictReader((DATA_DIR / "control.csv").open(encoding="utf-8")))
    # A class's "what if": Urup stays Russian after 1875, and Japan gets it only in 1900.
    for row in rows:
        if row["start"] == "1875-08-22" and row["islands"].startswith("urup;"):
            row["islands"] = row["islands"].replace("urup;", "")
    rows.append({"islands": "urup", "start": "1875-08-22", "end": "1900-01-01", "controller": "Russian Empire",
                 "event": "1875-08-22-saint-petersburg-ratified", "sources": "wiki-en-urup", "note": "what if"})
    rows.append({"islands": "urup", "start": "1900-01-01", "end": "1945-08-31", "controller": "Japan",
                 "event": "1875-08-22-saint-petersburg-ratified", "sources": "wiki-en-urup", "note": "what if"})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    history = history_with_uploads({"control.csv": buffer.getvalue().encode()}, base)
    assert geo.status_at("1890-01-01", history).loc["urup", "controller"] == "Russian Empire"


def test_the_template_holds_the_four_tables_and_a_readme():
    names = zipfile.ZipFile(io.BytesIO(template_zip())).namelist()
    assert sorted(names) == ["README.txt", "claims.csv", "control.csv", "events.csv", "sources.csv"]


def test_the_template_uploaded_back_unchanged_gives_the_same_history(base):
    archive = zipfile.ZipFile(io.BytesIO(template_zip()))
    files = {name: archive.read(name) for name in archive.namelist() if name.endswith(".csv")}
    history = history_with_uploads(files, base)
    assert history.events.index.tolist() == base.events.index.tolist()
    assert geo.status_at("1945-08-28", history).equals(geo.status_at("1945-08-28", base))


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (event_row(islands="atlantis"), "my-events.csv: row 2: column islands: unknown island id 'atlantis'"),
        (event_row(date="1994-02-30"), "my-events.csv: row 2: column date:"),
        (event_row(date="2099-01-01"), "my-events.csv: row 2: column date: 2099-01-01 is in the future"),
        (event_row(sources="nowhere"), "my-events.csv: row 2: column sources: unknown source id 'nowhere'"),
        (event_row(sources=""), "my-events.csv: row 2: column sources: is empty"),
        (event_row(kind="rumour"), "my-events.csv: row 2: column kind: 'rumour' is not one of"),
        (event_row(title_en=""), "my-events.csv: row 2: column title_en: is empty"),
    ],
)
def test_a_bad_event_row_is_named_by_file_row_and_column(base, row, expected):
    assert expected in rejected({"my-events.csv": (EVENT_HEADER + row).encode()}, base)


def test_every_problem_of_a_file_is_listed(base):
    text = EVENT_HEADER + event_row(id="a", islands="atlantis") + event_row(id="b", date="1994-13-01")
    with pytest.raises(geo.HistoryDataError) as raised:
        history_with_uploads({"events.csv": text.encode()}, base)
    assert [p.split(": column")[0] for p in raised.value.problems] == ["events.csv: row 2", "events.csv: row 3"]


def test_overlapping_uploaded_control_periods_are_named(base):
    text = (DATA_DIR / "control.csv").read_text(encoding="utf-8") + \
        "iturup,1950-01-01,1960-01-01,Japan,1956-10-19-joint-declaration-signed,wiki-en-kuril-islands,overlap\n"
    problems = rejected({"control.csv": text.encode()}, base)
    added = len(text.splitlines())  # the row appended last, counted as a spreadsheet counts
    assert f"control.csv: row {added}: island iturup: period from 1950-01-01 overlaps" in problems


def test_a_source_without_a_web_address_is_rejected(base):
    files = {"sources.csv": b"id,title,url,publisher\nx,A book,javascript:alert(1),me\n"}
    assert "sources.csv: row 2: column url: 'javascript:alert(1)' is not a web address" in rejected(files, base)


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("events.csv", (EVENT_HEADER + event_row(title_en="Café")).encode("latin-1"), "events.csv: wrong encoding"),
        ("events.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "events.csv: not a CSV text file"),
        ("events.csv", b"", "events.csv: empty file"),
        ("events.csv", EVENT_HEADER.encode(), "events.csv: holds a header but no rows"),
        ("events.csv", b"just,some\nrandom,text\n", "events.csv: row 1: missing column(s)"),
        ("events.txt", EVENT_HEADER.encode(), "events.txt: not a .csv file"),
        ("timeline.csv", EVENT_HEADER.encode(), "timeline.csv: the file name must say which table it holds"),
        ("events.csv", EVENT_HEADER.encode() + b"x" * (MAX_UPLOAD_BYTES + 1), "events.csv: too large"),
    ],
)
def test_a_file_that_is_not_a_usable_csv_is_rejected_naming_it(base, name, raw, expected):
    assert expected in rejected({name: raw}, base)


def test_a_rejected_upload_is_rejected_whole(base):
    good = example_files()
    bad = {"claims.csv": b"state,islands,start,end,position,event,sources,note\nJapan,urup,1990-01-01,,dream,x,y,\n"}
    with pytest.raises(geo.HistoryDataError):
        history_with_uploads(good | bad, base)


@pytest.mark.parametrize(
    ("name", "table"),
    [("events.csv", "events"), ("My Class Events.CSV", "events"), ("sources-2026.csv", "sources"),
     ("control.csv", "control"), ("claims.csv", "claims")],
)
def test_the_file_name_says_which_table_it_holds(name, table):
    assert table_of(name) == table


def test_merged_rows_remember_their_file_and_row():
    merged = merge_uploads({"events": [], "sources": [], "control": [], "claims": []},
                           {"events.csv": (EVENT_HEADER + event_row()).encode()})
    assert merged["events"][0]["_origin"] == ("events.csv", 2)


def test_an_upload_keeps_the_bases_day_and_islands(base):
    history = history_with_uploads(example_files(), base, today=dt.date(2026, 11, 27))
    assert (history.island_ids, history.first_record) == (base.island_ids, base.first_record)
