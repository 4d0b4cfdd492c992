"""The map of one day drawn with Matplotlib, for the printed handout and the animated map.

The sea, the land around the chain, the islands' outlines and their names are drawn once
(``DayMap``); ``show`` then colours the islands for a day: each island in the colour of its
state (or hatched where a side's maps hold its status open), the disputed ones outlined with
dashes, the treaty boundaries in force. An animation recolours the same figure for every frame
instead of drawing the geometry again, which is most of the cost of a frame.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import threading
import warnings
from functools import lru_cache
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib import font_manager
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath

from geo.model.islands import load_boundaries, load_context, load_islands
from geo.model.paths import DATA_DIR
from geo.model.perspectives import UNDETERMINED
from geo.model.i18n import ui_text
from geo.model.records import STATES, History
from geo.model.status import status_at
from geo.render.style import BOUNDARY_COLOR, LAND, LAND_EDGE, SEA, STATE_COLORS, UNDETERMINED_GROUND, UNDETERMINED_HATCH

EXTENT = (144.6, 157.7, 42.7, 51.4)  # lon min, lon max (widened to fit the axes), lat min, lat max
MID_LATITUDE = 47.0
LABELLED_AREA_KM2 = 250  # islands at least this large get their name on the map
ISLAND_EDGE = "#444444"
UNDETERMINED_STYLE = {"facecolor": UNDETERMINED_GROUND, "edgecolor": UNDETERMINED_HATCH, "hatch": "////"}  # a pattern, not a state
DISPUTED_DASH, BOUNDARY_DASH = (0, (3, 2)), (0, (4, 3))
BASE_FONT = "DejaVu Sans"  # Latin and Cyrillic
CJK_FONT = "Noto Sans CJK JP"
_DRAWING = threading.Lock()  # rcParams are global: one drawing at a time in a process


@lru_cache(maxsize=2)
def map_geometry(data_dir: Path):
    """Islands (full resolution), surrounding land and boundary lines, cut to the map's extent."""
    from shapely.geometry import box

    frame = box(EXTENT[0] - 1, EXTENT[2] - 1, EXTENT[1] + 1, EXTENT[3] + 1)
    context = load_context(data_dir)
    context = context.assign(geometry=context.geometry.intersection(frame))
    context = context[~context.geometry.is_empty]
    return load_islands(data_dir), context, load_boundaries(data_dir)


@lru_cache(maxsize=1)
def font_families() -> tuple[str, ...]:
    """The font and its fallback: DejaVu Sans (Latin, Cyrillic), then the CJK font if installed."""
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return (BASE_FONT, CJK_FONT) if CJK_FONT in installed else (BASE_FONT,)


@contextlib.contextmanager
def drawing():
    """Matplotlib set up for the atlas's drawings (its fonts, text kept as text in a PDF), one
    drawing at a time, since these settings are global to the process."""
    with _DRAWING, matplotlib.rc_context({
        "font.family": list(font_families()), "pdf.fonttype": 42, "ps.fonttype": 42,
        "svg.fonttype": "none", "axes.unicode_minus": False,
    }), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        yield


def legend_rows(lang: str, perspective: str = "administered") -> list[tuple[str, str]]:
    """The legend of ``perspective``'s map in ``lang``, as ``(kind, label)`` rows: each state,
    "none", "undetermined" (a side's maps only), "disputed" and "boundary"."""
    text = ui_text()[lang]
    rows = [(state, text[f"state_{state}"]) for state in STATES] + [("none", text["state_none"])]
    if perspective != "administered":
        rows.append((UNDETERMINED, text["state_undetermined"]))
    return rows + [("disputed", text["disputed"]), ("boundary", text["boundary"])]


def legend_handles(legend: list[tuple[str, str]]) -> list:
    """Matplotlib's legend entries for ``(kind, label)`` rows: a state, "none", "undetermined",
    "disputed" or "boundary"."""
    handles = []
    for kind, label in legend:
        if kind == "disputed":
            handles.append(Patch(facecolor="white", edgecolor="black", linestyle=DISPUTED_DASH, linewidth=1.2, label=label))
        elif kind == UNDETERMINED:
            handles.append(Patch(**UNDETERMINED_STYLE, linewidth=0.5, label=label))
        elif kind == "boundary":
            handles.append(Line2D([], [], color=BOUNDARY_COLOR, linestyle=BOUNDARY_DASH, linewidth=1.8, label=label))
        else:
            color = STATE_COLORS["" if kind == "none" else kind]
            handles.append(Patch(facecolor=color, edgecolor=ISLAND_EDGE, linewidth=0.5, label=label))
    return handles


def _outline(geometry) -> MplPath:
    """One path for a polygon or multipolygon, holes included (as geopandas draws them)."""
    rings = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        rings.append(MplPath(np.asarray(polygon.exterior.coords)[:, :2]))
        rings.extend(MplPath(np.asarray(ring.coords)[:, :2]) for ring in polygon.interiors)
    return MplPath.make_compound_path(*rings)


def _lines(geometry) -> list[np.ndarray]:
    return [np.asarray(line.coords)[:, :2] for line in getattr(geometry, "geoms", [geometry])]


class DayMap:
    """The map drawn on ``ax`` once, in ``lang`` (the islands' names); ``show`` colours a day.

    ``label_size`` is the names' size in points.
    """

    def __init__(self, ax, lang: str, data_dir: Path = DATA_DIR, label_size: float = 7.5):
        islands, context, boundaries = map_geometry(Path(data_dir))
        self.ax, self.islands = ax, islands
        ax.set_facecolor(SEA)
        context.plot(ax=ax, facecolor=LAND, edgecolor=LAND_EDGE, linewidth=0.4, zorder=1)
        self._patches = {island: PathPatch(_outline(geometry)) for island, geometry in islands.geometry.items()}
        self._fills = ax.add_collection(PatchCollection(list(self._patches.values()), edgecolor=ISLAND_EDGE,
                                                        linewidth=0.3, zorder=3))
        self._hatched = ax.add_collection(PatchCollection([], **UNDETERMINED_STYLE, linewidth=0.3, zorder=3.5))
        self._disputed = ax.add_collection(PatchCollection([], facecolor="none", edgecolor="black", linewidth=0.9,
                                                           linestyle=DISPUTED_DASH, zorder=4))
        self._boundaries = [(row.valid_from, row.valid_to or "", _lines(row.geometry))
                            for row in boundaries.fillna({"valid_to": ""}).itertuples()]
        self._boundary_lines = ax.add_collection(LineCollection([], colors=BOUNDARY_COLOR, linewidths=1.6,
                                                                linestyles=BOUNDARY_DASH, zorder=5))
        self._frame(ax)
        # A light box rather than a stroked halo: path effects would turn the names into outlines
        # in the PDF, and the names should stay text there.
        backing = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}
        right_edge = ax.get_xlim()[1]
        for row in islands[islands["area_km2"] >= LABELLED_AREA_KM2].itertuples():
            point = row.geometry.representative_point()
            east = point.x < right_edge - 1.5  # near the edge, the name goes above the island
            ax.annotate(getattr(row, f"name_{lang}"), (point.x, point.y), xytext=(14, -4) if east else (0, 13),
                        textcoords="offset points", ha="left" if east else "center",
                        fontsize=label_size, color="#222222", bbox=backing, zorder=6)
        ax.tick_params(labelsize=label_size - 1, colors="#555555", length=2)
        ax.xaxis.set_major_formatter(lambda value, _: f"{value:.0f}°E")
        ax.yaxis.set_major_formatter(lambda value, _: f"{value:.0f}°N")
        for spine in ax.spines.values():
            spine.set_color("#777777")

    @staticmethod
    def _frame(ax) -> None:
        """Widen the longitudes to the axes' own proportions, so that the map fills its box."""
        width, height = ax.figure.get_size_inches()
        box = ax.get_position(original=True)
        ratio = (box.width * width) / (box.height * height)
        stretch = 1 / math.cos(math.radians(MID_LATITUDE))
        half_width = (EXTENT[3] - EXTENT[2]) * ratio * stretch / 2
        middle = (EXTENT[0] + EXTENT[1]) / 2
        ax.set_xlim(middle - half_width, middle + half_width)
        ax.set_ylim(EXTENT[2], EXTENT[3])
        ax.set_aspect(stretch, adjustable="box")
        ax.set_xlabel("")
        ax.set_ylabel("")

    def show(self, day: dt.date, history: History, perspective: str = "administered"):
        """Colour the islands for ``day`` as ``perspective`` draws them; returns status_at's table."""
        status = status_at(day, history, perspective).reindex(self.islands.index)
        shown = status["controller" if perspective == "administered" else "shown_as"].fillna("")
        undetermined = (shown == UNDETERMINED).to_numpy()
        self._fills.set_facecolor([STATE_COLORS.get(state, STATE_COLORS[""]) for state in shown])
        patches = list(self._patches.values())
        self._hatched.set_paths([patch for patch, hatched in zip(patches, undetermined) if hatched])
        disputed = status["disputed"].fillna(False).astype(bool).to_numpy()
        self._disputed.set_paths([patch for patch, outlined in zip(patches, disputed) if outlined])
        iso = day.isoformat()
        self._boundary_lines.set_segments([line for start, end, lines in self._boundaries
                                           if start <= iso and (not end or iso < end) for line in lines])
        return status
