"""The Kuril Islands atlas's domain: geometry, history and the questions asked of them.

Free of Streamlit, so that it can be tested and reused on its own.
"""

from geo.model.dates import DateError, parse_date
from geo.model.errors import DataFileError
from geo.model.islands import load_boundaries, load_context, load_context_areas, load_islands
from geo.model.records import History, HistoryDataError, load_history
from geo.model.status import change_dates, context_status_at, events_between, island_history, status_at
from geo.model.perspectives import PERSPECTIVES, load_perspective_rules

history = island_history

__all__ = [
    "PERSPECTIVES", "DataFileError", "DateError", "History", "HistoryDataError", "change_dates",
    "context_status_at", "events_between", "history", "island_history", "load_boundaries",
    "load_context", "load_context_areas", "load_history", "load_islands", "load_perspective_rules",
    "parse_date", "status_at",
]
