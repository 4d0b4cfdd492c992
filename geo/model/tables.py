"""Reading the project's hand-made CSV tables with errors that name the file and row."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from geo.model.errors import DataFileError
from geo.model.paths import REBUILD_HINT

MAX_TABLE_BYTES = 2_000_000


def read_table(path: Path, columns: list[str], optional: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file as dicts; every column in ``columns`` must be in the header, while
    a column in ``optional`` may be missing and then reads as empty.

    Row numbers in errors count the header as line 1, as a spreadsheet shows them.
    A missing or unreadable file's error says how to get it back (the project's own files).
    """
    path = Path(path)
    if not path.is_file():
        raise DataFileError(f"{path}: file not found; {REBUILD_HINT}")
    raw = path.read_bytes()
    try:
        return parse_table(raw, columns, str(path), optional)
    except DataFileError as error:
        raise DataFileError(f"{error}; {REBUILD_HINT}") from None


def parse_table(raw: bytes, columns: list[str], name: str, optional: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Parse CSV bytes (from a file or an upload) into row dicts, checking the header; a column in
    ``optional`` that the header lacks reads as empty in every row."""
    if len(raw) > MAX_TABLE_BYTES:
        raise DataFileError(f"{name}: too large ({len(raw):,} bytes; the limit is {MAX_TABLE_BYTES:,})")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # what some spreadsheets call "Unicode text"
        raise DataFileError(f"{name}: wrong encoding: the file is UTF-16; save the file as UTF-8")
    if b"\x00" in raw:
        raise DataFileError(f"{name}: not a CSV text file (it holds binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataFileError(
            f"{name}: wrong encoding: byte {error.start} is not UTF-8; save the file as UTF-8"
        ) from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise DataFileError(f"{name}: empty file, expected a header row: {','.join(columns)}")
    try:
        # Not ``lines``: splitlines() also breaks at U+2028, NEL and the like, and drops the
        # newlines of quoted multi-line fields.
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        header = reader.fieldnames or []
        missing = [column for column in columns if column not in header]
        if missing:
            raise DataFileError(
                f"{name}: row 1: missing column(s) {', '.join(missing)}; expected {','.join(columns)}"
            )
        rows = []
        for row in reader:
            if None in row:
                raise DataFileError(f"{name}: row {reader.line_num}: more fields than the header has")
            if None in row.values():  # a row cut short: its last fields are missing, not empty
                raise DataFileError(f"{name}: row {reader.line_num}: fewer fields than the header has")
            rows.append({**dict.fromkeys(optional, ""), **{key: (value or "").strip() for key, value in row.items()}})
    except csv.Error as error:
        raise DataFileError(f"{name}: not a valid CSV file ({error})") from None
    return rows
