"""Interface text in English, Japanese and Russian, kept in one table: ``data/ui_text.csv``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from geo.model.errors import DataFileError
from geo.model.paths import DATA_DIR
from geo.model.tables import read_table

LANGUAGES = ("en", "ja", "ru")
LANGUAGE_NAMES = {"en": "English", "ja": "日本語", "ru": "Русский"}


@lru_cache(maxsize=4)
def ui_text(data_dir: Path = DATA_DIR) -> dict[str, dict[str, str]]:
    """``{language: {key: text}}``; every key must have all three languages."""
    path = Path(data_dir) / "ui_text.csv"
    table: dict[str, dict[str, str]] = {language: {} for language in LANGUAGES}
    for number, row in enumerate(read_table(path, ["key", *LANGUAGES]), start=2):
        for language in LANGUAGES:
            if not row[language]:
                raise DataFileError(f"{path}: row {number}: no {language} text for {row['key']!r}")
            table[language][row["key"]] = row[language]
    return table


def translate(key: str, language: str, **values: str) -> str:
    """The text for ``key`` in ``language`` (English when the language is unknown)."""
    text = ui_text()
    table = text.get(language, text["en"])
    return table[key].format(**values) if values else table[key]
