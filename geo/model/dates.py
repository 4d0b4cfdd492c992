"""Parsing the dates the atlas is asked about, and writing an event's date at its precision."""

from __future__ import annotations

import datetime as dt


PRECISIONS = ("day", "month", "year")
# Month names for a date known to the month: standalone (nominative) forms, as in "August 1945" and
# "август 1945"; Japanese writes the month as a number (1945年8月).
MONTH_NAMES = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
           "октябрь", "ноябрь", "декабрь"),
}
DATE_LANGUAGES = ("en", "ja", "ru")


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


def format_event_date(day: dt.date, precision: str = "day", lang: str = "en") -> str:
    """``day`` written no more exactly than it is known: an event dated to the year is a year, not
    1 January of it.

    Parameters
    ----------
    day : the event's date (for a month or a year, any day in it; the tables use the first).
    precision : "day", "month" or "year", as in ``events.csv``.
    lang : "en", "ja" or "ru".

    Returns
    -------
    str : "1945-08-18" for a day (the form the atlas uses for days in every language);
    "August 1945", "1945年8月", "август 1945" for a month; "1711" (ja "1711年") for a year.

    Example
    -------
    >>> format_event_date(dt.date(1945, 8, 1), "month", "ru")
    'август 1945'

    Raises ValueError for an unknown precision or language, naming the ones there are.
    """
    if lang not in DATE_LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(DATE_LANGUAGES)}")
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year}年{day.month}月" if lang == "ja" else f"{MONTH_NAMES[lang][day.month - 1]} {day.year}"
    if precision == "year":
        return f"{day.year}年" if lang == "ja" else str(day.year)
    raise ValueError(f"unknown precision {precision!r}; use one of {', '.join(PRECISIONS)}")
