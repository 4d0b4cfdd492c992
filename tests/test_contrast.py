"""The map's colours, computed from geo/render/style.py with WCAG's relative luminance: each shape
stands out from the sea and the land by 3:1 (WCAG 1.4.11) through its fill or its outline, the
lines that carry meaning do too, and states that share the map on some day are told apart without
their hue (WCAG 1.4.1): in greyscale by 3:1, or by one of them carrying a pattern."""

from __future__ import annotations

import itertools

import pytest

from geo.model.status import default_history
from geo.model.timeline import build_timeline
from geo.render import style

NON_TEXT = 3.0  # WCAG 1.4.11's ratio for graphical objects


def luminance(color: str) -> float:
    """WCAG 2's relative luminance of a "#rgb" or "#rrggbb" colour."""
    hex_digits = color.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(digit * 2 for digit in hex_digits)
    channels = [int(hex_digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    darker, lighter = sorted((luminance(first), luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("#000", "#fff", 21.0), ("#fff", "#fff", 1.0), ("#767676", "#ffffff", 4.54), ("#0072B2", "#e3ebf0", 4.3)])
def test_contrast_is_wcags_ratio(first, second, expected):
    assert round(contrast(first, second), 2) == expected


FILLS = {**{f"state {name or 'none'}": color for name, color in style.STATE_COLORS.items()},
         "undetermined ground": style.UNDETERMINED_GROUND}


@pytest.mark.parametrize("name", sorted(FILLS))
@pytest.mark.parametrize("background", ["sea", "land"])
def test_every_shape_stands_out_from_the_sea_and_the_land_by_its_fill_or_its_outline(name, background):
    ground = {"sea": style.SEA, "land": style.LAND}[background]
    by_fill = contrast(FILLS[name], ground)
    by_outline = min(contrast(outline, ground) for outline in (style.OUTLINE, style.DISPUTED_OUTLINE, style.SELECTED_OUTLINE))
    assert max(by_fill, by_outline) >= NON_TEXT and style.OUTLINE_WEIGHT >= 1


@pytest.mark.parametrize("line", ["OUTLINE", "DISPUTED_OUTLINE", "SELECTED_OUTLINE", "BOUNDARY_COLOR", "UNDETERMINED_HATCH"])
def test_the_lines_that_carry_meaning_stand_out_from_the_sea_and_the_land(line):
    color = getattr(style, line)
    assert min(contrast(color, style.SEA), contrast(color, style.LAND)) >= NON_TEXT


def test_a_states_pattern_stands_out_from_its_fill():
    assert {state: contrast(style.PATTERN_INK, style.STATE_COLORS[state]) >= NON_TEXT for state in style.STATE_PATTERNS} \
        == {state: True for state in style.STATE_PATTERNS}


def states_sharing_a_day() -> set[frozenset[str]]:
    """Every pair of states that some perspective shows on the map on the same day (islands and
    the shaded regions alike), from the atlas's history."""
    timeline = build_timeline(default_history())
    runs = [run for place in timeline.perspectives.values() for perspective in place.values() for run in perspective]
    days = sorted({run.start for run in runs} | {segment.start for place in timeline.segments.values() for segment in place})
    pairs = set()
    for perspective in ("administered", "japan", "russia"):
        for day in days:
            shown = {timeline.shown(place, perspective, day).shown_as for place, views in timeline.perspectives.items()
                     if perspective in views}
            states = sorted(state for state in shown if state in style.STATE_COLORS and state)
            pairs |= {frozenset(pair) for pair in itertools.combinations(states, 2)}
    return pairs


def test_states_that_share_the_map_differ_in_greyscale_or_by_a_pattern():
    pairs = states_sharing_a_day()
    assert frozenset({"Japan", "Russian Empire"}) in pairs  # the check has something to check
    alike = sorted(tuple(sorted(pair)) for pair in pairs
                   if contrast(*(style.STATE_COLORS[state] for state in pair)) < NON_TEXT
                   and not pair & style.STATE_PATTERNS.keys())
    assert alike == []


def test_the_map_style_hands_the_browser_each_pattern():
    assert style.map_style()["patterns"] == {
        "Japan": {"kind": "dots", "ink": style.PATTERN_INK, "id": "atlas-pattern-Japan"}}
