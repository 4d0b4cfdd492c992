"""Reading the shareable view (``?date=1945-08-28&island=iturup&lang=ja&view=japan``) from a URL.

Every value is checked; a bad one gives a warning to show and a sensible default, never an
exception, so that a link pasted into a slide, or typed wrongly, still opens the atlas.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from geo.model.dates import DateError
from geo.model.i18n import LANGUAGES, translate
from geo.model.records import History
from geo.model.perspectives import PERSPECTIVES

MAX_SHOWN = 40  # characters of a bad value echoed back in a warning
# Characters that start Markdown (links, images, emphasis, maths, HTML, autolinks): the page
# shows warnings as Markdown, so a link's own text must not become a link or an image.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#+!|~$:&@.])")


@dataclass(frozen=True)
class Selection:
    date: dt.date
    island: str
    lang: str
    view: str = "administered"  # whose maps: one of geo.model.perspectives.PERSPECTIVES

    def as_query(self) -> dict[str, str]:
        query = {"date": self.date.isoformat(), "lang": self.lang}
        if self.island:
            query["island"] = self.island
        if self.view != PERSPECTIVES[0]:  # the default stays out of the address
            query["view"] = self.view
        return query

    def as_sync(self) -> dict[str, str]:
        return {"date": self.date.isoformat(), "island": self.island, "lang": self.lang, "view": self.view}


def _shown(value: str) -> str:
    value = "".join(ch if ch.isprintable() else "?" for ch in value)
    return _literal(value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…")


def _literal(text: str) -> str:
    """``text`` with Markdown's syntax escaped, so that a warning shows it as it is."""
    return _MARKDOWN.sub(r"\\\1", text)


def _single(value) -> str:
    """Query values may come as lists when a parameter is repeated; the last one counts."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return value if isinstance(value, str) else str(value)


def default_date(history: History) -> dt.date:
    return history.today


def selection_from_query(query: dict, history: History) -> tuple[Selection, list[str]]:
    """The view a URL's query asks for, and the warnings (in the view's language) for bad parts."""
    warnings: list[str] = []
    lang = _single(query.get("lang", "en")).strip().lower() or "en"
    if lang not in LANGUAGES:
        warnings.append(translate("bad_lang", "en", value=_shown(lang)))
        lang = "en"
    day = default_date(history)
    if "date" in query:
        raw = _single(query["date"])
        try:
            day = history.check_day(raw)
        except DateError as error:
            warnings.append(translate("bad_date", lang, value=_shown(raw), reason=_literal(str(error)),
                                      default=day.isoformat()))
    island = ""
    if "island" in query:
        raw = _single(query["island"]).strip().lower()
        if raw in history.island_ids:
            island = raw
        elif raw:
            warnings.append(translate("bad_island", lang, value=_shown(raw)))
    view = PERSPECTIVES[0]
    if "view" in query:
        raw = _single(query["view"]).strip().lower()
        if raw in PERSPECTIVES:
            view = raw
        elif raw:
            warnings.append(translate("bad_view", lang, value=_shown(raw)))
    return Selection(day, island, lang, view), warnings


def step_from_query(query: dict, count: int, lang: str) -> tuple[int | None, list[str]]:
    """The story step a URL asks for (``?step=9``: the 9th of ``count``) as an index from 0, or
    None where it asks for none; and a warning for a step that is not a number in 1..count.

    >>> step_from_query({"step": "9"}, 15, "en")
    (8, [])
    >>> step_from_query({}, 15, "en")
    (None, [])
    """
    if "step" not in query:
        return None, []
    raw = _single(query["step"]).strip()
    if raw.isdigit() and len(raw) <= 4 and 1 <= int(raw) <= count:
        return int(raw) - 1, []
    return None, [translate("bad_step", lang, value=_shown(raw), total=str(count))]
