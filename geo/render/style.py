"""How the atlas looks and where its map may go, defined once for Python and the browser.

The Timeline chart and the handouts read these values directly; the browser's map script gets
them in its options (``map_style()``), so it holds no colour or bound of its own. State colours
come from the Okabe–Ito palette, which colour-blind readers can tell apart.
"""

from __future__ import annotations

STATE_COLORS = {"Japan": "#D55E00", "Russian Empire": "#009E73", "Soviet Union": "#0072B2",
                "Russian Federation": "#56B4E9", "": "#c8c8c8"}  # "": no state
LAND, SEA, LAND_EDGE = "#f1ede2", "#e3ebf0", "#9b9483"  # surrounding land (Hokkaido, Kamchatka) and sea
BOUNDARY_COLOR = "#7a0019"  # treaty boundaries in force
OUTLINE, DISPUTED_OUTLINE, SELECTED_OUTLINE = "#444", "#000", "#111"
# Where a side's maps hold a place's status open: dark diagonal lines on white, a pattern that no
# state's colour can be mistaken for, in any palette (the map and the handouts draw the same).
UNDETERMINED_HATCH, UNDETERMINED_GROUND = "#555555", "#ffffff"
# The map's strokes, in screen pixels: an island's outline, a disputed one's (dashed) and the
# chosen island's; the treaty boundaries (dashed); the edge of the surrounding land.
OUTLINE_WEIGHT, DISPUTED_WEIGHT, SELECTED_WEIGHT = 1, 2.5, 4
BOUNDARY_WEIGHT, LAND_EDGE_WEIGHT = 3, 0.8
DISPUTED_DASH, BOUNDARY_DASH = "6 4", "8 6"  # SVG dash patterns: dash and gap lengths
# Islands and land are filled solid; a shaded context region (South Sakhalin) lets the land show through.
FILL_OPACITY, AREA_OPACITY = 1, 0.6
# Not by colour alone (WCAG 1.4.1, 1.4.11): several fills are within 3:1 of the sea and the land, so
# every island and every shaded region is outlined in OUTLINE (over 8:1 against both); and Japan's
# fill, which in greyscale looks like the Russian Empire's and the Soviet Union's (the states it
# shared the chain with), is also drawn dotted: white dots over its colour, on the map and in the legend.
STATE_PATTERNS = {"Japan": "dots"}
PATTERN_INK = "#ffffff"
PATTERN_ID_PREFIX = "atlas-pattern-"  # + the state's name with its spaces as hyphens

# The island chain, south-west and north-east corners: what the map shows first.
CHAIN_BOUNDS = [[43.2, 145.3], [51.0, 157.0]]
# Hokkaido to Kamchatka with a margin: the box of the surrounding land that the data build cuts
# from the coastlines.
MAX_BOUNDS = [[40.5, 137.0], [56.0, 162.5]]
MIN_ZOOM, MAX_ZOOM, START_ZOOM = 4, 13, 5
CENTER = [47.2, 151.0]


def map_style() -> dict:
    """The colours, strokes, opacities and bounds the browser's map script draws with (JSON-ready)."""
    return {
        "states": {state: color for state, color in STATE_COLORS.items() if state},
        "none": STATE_COLORS[""],
        "land": LAND, "landEdge": LAND_EDGE, "sea": SEA, "boundary": BOUNDARY_COLOR,
        "undetermined": {"hatch": UNDETERMINED_HATCH, "ground": UNDETERMINED_GROUND},
        "outline": OUTLINE, "disputedOutline": DISPUTED_OUTLINE, "selectedOutline": SELECTED_OUTLINE,
        "weights": {"outline": OUTLINE_WEIGHT, "disputed": DISPUTED_WEIGHT, "selected": SELECTED_WEIGHT,
                    "boundary": BOUNDARY_WEIGHT, "landEdge": LAND_EDGE_WEIGHT},
        "dashes": {"disputed": DISPUTED_DASH, "boundary": BOUNDARY_DASH},
        "fillOpacity": FILL_OPACITY, "areaOpacity": AREA_OPACITY,
        "patterns": {state: {"kind": kind, "ink": PATTERN_INK, "id": pattern_id(state)}
                     for state, kind in STATE_PATTERNS.items()},
        "bounds": CHAIN_BOUNDS,
        "minZoom": MIN_ZOOM, "maxZoom": MAX_ZOOM, "zoom": START_ZOOM, "center": CENTER,
    }


def pattern_id(state: str) -> str:
    """The id of the SVG pattern drawn over ``state``'s fill (STATE_PATTERNS)."""
    return PATTERN_ID_PREFIX + state.replace(" ", "-")
