"""The atlas's data errors, and the one way a problem in a table is named:
``file: row N: column C: problem``.

Every reader (the history tables, the perspective rules, uploads, lessons, the story) collects
all the problems of a file at once and names each one so, so that a teacher can mend a file in
one pass.
"""

from __future__ import annotations

from dataclasses import dataclass


class DataFileError(ValueError):
    """A data file is missing or broken; the message names the file and the problem."""


class DataProblemsError(DataFileError):
    """Every problem found in a data file or table; ``problems`` lists each one, one to a line
    in the message."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Row:
    """A row of a table, as a problem names it: ``file: row N`` (or ``file: step N`` for the
    lesson editor's table, whose first row is step 1).

    >>> Row("story.csv", 3).problem("date", "is empty")
    'story.csv: row 3: column date: is empty'
    >>> str(Row("my lesson", 2, "step"))
    'my lesson: step 2'
    """

    file: str
    number: int
    place: str = "row"

    def __str__(self) -> str:
        return f"{self.file}: {self.place} {self.number}"

    def problem(self, column: str, problem: str) -> str:
        """``file: row N: column C: problem``."""
        return f"{self}: column {column}: {problem}"
