"""Reading a shareable selection (``?date=1945-08-28&island=iturup&lang=ja&view=japan``, where
``view`` is the perspective) from a URL.

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
from geo.model.perspectives import ADMINISTERED, PERSPECTIVES
from geo.render.contract import MapState
from geo.render.markdown import plain

MAX_SHOWN = 40  # characters of a bad value echoed back in a warning
# The address's parameter for each part of a view (``view`` is the perspective; the story's step
# is ``step``). The map's copy-link control writes its links with the same names.
ADDRESS_PARAMETERS = {"date": "date", "island": "island", "lang": "lang", "perspective": "view", "step": "step",
                      "lesson": "lesson"}


@dataclass(frozen=True)
class Selection:
    """What a reader has chosen to look at: a day, an island ("" for none), a language and a
    perspective (whose maps are shown: one of geo.model.perspectives.PERSPECTIVES)."""

    date: dt.date
    island: str
    lang: str
    perspective: str = ADMINISTERED

    def as_query(self) -> dict[str, str]:
        names = ADDRESS_PARAMETERS
        query = {names["date"]: self.date.isoformat(), names["lang"]: self.lang}
        if self.island:
            query[names["island"]] = self.island
        if self.perspective != ADMINISTERED:  # the default stays out of the address
            query[names["perspective"]] = self.perspective
        return query

    def map_state(self, **extra) -> MapState:
        """The map's state for this selection; ``extra`` sets MapState's other fields."""
        return MapState(self.date.isoformat(), self.island, self.lang, self.perspective, **extra)


def _shown(value: str) -> str:
    value = "".join(ch if ch.isprintable() else "?" for ch in value)
    return plain(value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…")


def _single(value) -> str:
    """Query values may come as lists when a parameter is repeated; the last one counts."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return value if isinstance(value, str) else str(value)


def default_date(history: History) -> dt.date:
    return history.today


def selection_from_query(query: dict, history: History) -> tuple[Selection, list[str]]:
    """The selection a URL's query asks for, and the warnings (in its language) for bad parts."""
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
            warnings.append(translate("bad_date", lang, value=_shown(raw), reason=plain(str(error)),
                                      default=day.isoformat()))
    island = ""
    if "island" in query:
        raw = _single(query["island"]).strip().lower()
        if raw in history.island_ids:
            island = raw
        elif raw:
            warnings.append(translate("bad_island", lang, value=_shown(raw)))
    perspective = ADMINISTERED
    if "view" in query:  # the address's word for the perspective, kept so that shared links open
        raw = _single(query["view"]).strip().lower()
        if raw in PERSPECTIVES:
            perspective = raw
        elif raw:
            warnings.append(translate("bad_view", lang, value=_shown(raw)))
    return Selection(day, island, lang, perspective), warnings


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
