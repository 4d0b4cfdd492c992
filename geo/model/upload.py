"""A teacher's own timeline: CSV files in the format of ``data/``, checked and merged with it.

Events and sources are merged by id (an uploaded row replaces the row with its id, a new id is
added), so a file holding only a class's new events works; control and claims files replace
their whole table, so the downloaded template can be edited and uploaded back. The result is a
new History: nothing in ``data/`` changes. Any problem rejects the upload whole, with every
problem named by file, row and column.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from geo.model.errors import DataFileError
from geo.model.paths import DATA_DIR
from geo.model.records import ORIGIN, TABLES, History, HistoryDataError, build_history, parse_uploaded, read_tables

MAX_UPLOAD_BYTES = 1_000_000  # the same limit as server.maxUploadSize
MERGED_BY_ID = ("events", "sources")


def table_of(file_name: str) -> str:
    """Which table a file holds, from its name: ``events.csv``, ``my-events.csv`` → events."""
    stem = Path(file_name).name.lower()
    if not stem.endswith(".csv"):
        raise DataFileError(f"{file_name}: not a .csv file; upload events.csv, control.csv, claims.csv or sources.csv")
    matches = [table for table in TABLES if table in stem[:-4]]
    if len(matches) != 1:
        raise DataFileError(
            f"{file_name}: the file name must say which table it holds: events, control, claims or sources"
        )
    return matches[0]


def merge_uploads(base: dict[str, list[dict]], files: dict[str, bytes]) -> dict[str, list[dict]]:
    """The base tables with the uploaded files merged in; each uploaded row remembers its file and row."""
    problems: list[str] = []
    uploaded: dict[str, list[dict]] = {}
    for name, raw in files.items():
        try:
            table = table_of(name)
            if len(raw) > MAX_UPLOAD_BYTES:
                raise DataFileError(f"{name}: too large ({len(raw):,} bytes; the limit is {MAX_UPLOAD_BYTES:,})")
            if table in uploaded:
                raise DataFileError(f"{name}: a second {table} file; upload one file per table")
            rows = parse_uploaded(raw, name, table)
        except DataFileError as error:
            problems.append(str(error))
            continue
        if not rows:
            problems.append(f"{name}: holds a header but no rows")
        uploaded[table] = [{**row, ORIGIN: (name, number)} for number, row in enumerate(rows, start=2)]
    if problems:
        raise HistoryDataError(problems)
    merged = {table: list(rows) for table, rows in base.items()}
    for table, rows in uploaded.items():
        if table in MERGED_BY_ID:
            by_id = {row["id"]: row for row in merged[table]}
            for row in rows:
                by_id[row["id"]] = row
            merged[table] = list(by_id.values())
        else:
            merged[table] = rows
    return merged


def history_with_uploads(
    files: dict[str, bytes], base: History, data_dir: Path = DATA_DIR, today: dt.date | None = None
) -> History:
    """A new History: ``data/`` with the uploaded files merged in; HistoryDataError lists every problem."""
    if not files:
        raise HistoryDataError(["no file was uploaded"])
    merged = merge_uploads(read_tables(data_dir), files)
    return build_history(merged, base.island_ids, base.groups, today=today or base.today)


def template_zip(data_dir: Path = DATA_DIR) -> bytes:
    """The current history tables as a ZIP of CSV files, to edit and upload back."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in TABLES:
            info = zipfile.ZipInfo(f"{table}.csv", date_time=(2000, 1, 1, 0, 0, 0))
            archive.writestr(info, (Path(data_dir) / f"{table}.csv").read_bytes())
        info = zipfile.ZipInfo("README.txt", date_time=(2000, 1, 1, 0, 0, 0))
        archive.writestr(info, (Path(data_dir) / "examples" / "README.txt").read_bytes())
    return buffer.getvalue()
