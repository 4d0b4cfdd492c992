"""What the benchmarks and the browser tests share: where Chromium is, the flags every headless
run of it here uses, the map's frame on the page, and the percentile the tables print."""

from __future__ import annotations

import math
import os
import shutil

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def chromium_path() -> str | None:
    """Debian's Chromium, or the one ``CHROMIUM`` names; None when there is none."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def percentile(values, share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1); NaN for no values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else math.nan
