"""The Kuril Islands atlas's domain: geometry, history and the questions asked of them.

Free of Streamlit, so that it can be tested and reused on its own.
"""

from .dates import DateError, parse_date
from .geojson_io import DataFileError
from .islands import load_boundaries, load_context, load_context_areas, load_islands
from .records import History, HistoryDataError, load_history
from .status import change_dates, context_status_at, events_between, island_history, status_at
from .views import VIEWS, load_view_rules

history = island_history

__all__ = [
    "VIEWS", "DataFileError", "DateError", "History", "HistoryDataError", "change_dates",
    "context_status_at", "events_between", "history", "island_history", "load_boundaries",
    "load_context", "load_context_areas", "load_history", "load_islands", "load_view_rules",
    "parse_date", "status_at",
]
