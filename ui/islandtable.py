"""The Islands page's table as HTML: translated headers that name their units, blanks where a
value is missing, every name marked with its language, in the order the reader chose."""

from __future__ import annotations

import pandas as pd

from geo.model.i18n import translate, ui_text

from .htmltext import NAME_LANGS, cell, html_table, in_lang, safe_html

ORDERS = ("north", "name", "area")  # north to south (the table's own order), by name, largest first
COLUMNS = ("name_en", "name_ja", "name_ru", "name_ja_latn", "group", "subgroup", "area_km2", "area_km2_published",
           "area_km2_gsi", "held_by_today", "claimed_by_today", "disputed_today")
AREAS = ("area_km2", "area_km2_published", "area_km2_gsi")


def ordered(table: pd.DataFrame, order: str, lang: str) -> pd.DataFrame:
    """``table`` (north to south) in the ``order`` of ORDERS; names sorted in the reader's language."""
    if order == "name":
        return table.sort_values(f"name_{lang}", key=lambda names: names.str.casefold(), kind="stable")
    if order == "area":
        return table.sort_values("area_km2", ascending=False, kind="stable")
    return table


def state_label(state: str, lang: str) -> str:
    """A state of ``islands_table`` in ``lang``: its id translated, or the table's English "no state"."""
    if state == translate("state_none", "en"):
        return translate("state_none", lang)
    return translate(f"state_{state}", lang) if f"state_{state}" in ui_text()["en"] else state


def row_cells(island, lang: str) -> list[str]:
    """One island's cells, in the order of COLUMNS."""
    names = [in_lang(island[column], NAME_LANGS[column]) for column in COLUMNS[:4]]
    group = cell(translate(f"island_group_{island['group']}", lang) if island["group"] else "")
    subgroup = cell(translate(f"island_subgroup_{island['subgroup']}", lang) if island["subgroup"] else "")
    areas = [cell(island[column], decimals=1) for column in AREAS]
    claimed = ", ".join(state_label(state, lang) for state in str(island["claimed_by_today"]).split(", ") if state)
    return [*names, group, subgroup, *areas, cell(state_label(island["held_by_today"], lang)), cell(claimed),
            cell(translate("disputed_yes", lang) if island["disputed_today"] else "")]


@safe_html
def islands_html(table: pd.DataFrame, lang: str, order: str, day: str) -> str:
    """``islands_table``'s rows as one HTML table in ``order``, captioned with the count and ``day``."""
    rows = [row_cells(island, lang) for _, island in ordered(table, order, lang).iterrows()]
    headers = [translate(f"column_{column}", lang) for column in COLUMNS]
    caption = translate("islands_caption", lang, count=str(len(rows)), date=day)
    return html_table(caption, headers, rows, numeric=[COLUMNS.index(column) for column in AREAS])
