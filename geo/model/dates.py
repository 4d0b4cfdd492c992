"""Parsing the dates the atlas is asked about."""

from __future__ import annotations

import datetime as dt


class DateError(ValueError):
    """A date that cannot be read or lies outside the atlas's span."""


def parse_date(value: dt.date | str) -> dt.date:
    """A ``datetime.date`` from a date, a datetime or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise DateError(f"expected a date or an ISO date string, got {type(value).__name__}")
    text = value.strip()
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise DateError(f"{_shown(text)} is not a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise DateError(f"{_shown(text)} is not a valid date ({error})") from None


def _shown(text: str) -> str:
    """The value quoted for an error message, cut short when it is long (also when its
    invisible characters, written as escapes, would make the quote long)."""
    quoted = repr(text if len(text) <= 40 else text[:40] + "…")
    return quoted if len(quoted) <= 60 else quoted[:60] + "…"
