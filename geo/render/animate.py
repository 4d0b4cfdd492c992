"""An animated map of a period, for slides: one frame per change of what the map shows between
two dates, as an animated GIF or WebP.

Each frame shows the map of its day (drawn as the handout draws it: geo.render.daymap), the day
at the precision of the event that set it, that event's title, the legend and the atlas's short
credit. The first frame (the period's first day) and the last are held longer. The figure is
drawn once; a frame only recolours the islands and writes its texts. The frames share one
palette, taken from the first frame, whose legend holds every colour the map uses, so a GIF
stores each frame as the few pixels that changed.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image, ImageColor

from geo.model.i18n import LANGUAGES, ui_text
from geo.model.paths import DATA_DIR
from geo.model.perspectives import check_perspective
from geo.model.records import History, day_when, event_text, event_when
from geo.model.status import default_history, setting_event
from geo.model.timeline import Timeline, build_timeline, drawn_changes
from geo.render.daymap import DayMap, drawing, legend_handles, legend_rows
from geo.render.handout import wrap
from geo.render.style import BOUNDARY_COLOR, LAND, LAND_EDGE, SEA, STATE_COLORS, UNDETERMINED_GROUND, UNDETERMINED_HATCH

FORMATS = ("gif", "webp")
SIZE = (1280, 720)  # a slide
FRAME_MS = 1200
HOLD = 3  # the first and last frames stay this many times as long
DPI = 100
MAP_BOX = (0.045, 0.06, 0.56, 0.9)  # the map's axes, in the figure's fractions
TEXT_LEFT = 0.64
TITLE_LINES = 4  # the event's title, wrapped, at most


class AnimationError(ValueError):
    """A period, size, language, perspective or format the animation cannot be made of."""


@dataclass(frozen=True)
class Frame:
    """One frame: its day, the day as shown (at its event's precision) and the event's line."""

    day: dt.date
    when: str
    event: str  # the id of the event that set the state shown, "" for none
    caption: str  # the event's title, with its own date where it is not the frame's day


def animation_frames(start: dt.date | str, end: dt.date | str, lang: str = "en", perspective: str = "administered",
                     history: History | None = None, timeline: Timeline | None = None) -> list[Frame]:
    """The period's first day, then each day in ``(start, end]`` on which the map of
    ``perspective`` changes. DateError for a day outside the atlas's span; AnimationError for a
    period that ends before it starts or in which the map never changes."""
    history = history or default_history()
    first, last = history.check_day(start), history.check_day(end)
    if last <= first:
        raise AnimationError(f"the period from {first} to {last} is empty: the second date must be after the first")
    timeline = timeline or build_timeline(history)
    changes = drawn_changes(timeline, perspective, first, last)
    if not changes:
        raise AnimationError(f"nothing changes hands from {first} to {last}: there is nothing to animate")
    events = history.events
    frames = []
    for day in [first, *changes]:
        event = setting_event(day, history)
        caption = ""
        if event:
            row = events.loc[event]
            title = event_text(row, "title", lang)
            caption = title if row["date"] == day else f"{event_when(row, lang)} — {title}"
        frames.append(Frame(day, day_when(history, day, event, lang), event, caption))
    return frames


def parse_size(text: str) -> tuple[int, int]:
    """``"1280x720"`` as (1280, 720); AnimationError for anything else or a size out of 320..3840."""
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise AnimationError(f"size {text!r}: write it as WIDTHxHEIGHT, e.g. 1280x720")
    size = int(width), int(height)
    if not all(320 <= side <= 3840 for side in size):
        raise AnimationError(f"size {text!r}: each side must be from 320 to 3840 pixels")
    return size


class AnimationCanvas:
    """The figure of an animation, drawn once: the map, the legend and the credit; ``draw``
    writes a frame's day and event and recolours the map."""

    def __init__(self, lang: str, perspective: str, size: tuple[int, int] = SIZE, data_dir: Path = DATA_DIR):
        text = ui_text()[lang]
        width, height = size
        scale = min(width / SIZE[0], height / SIZE[1])  # text keeps its share of the frame
        self.perspective = perspective
        self.figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
        self.canvas = FigureCanvasAgg(self.figure)
        self.map = DayMap(self.figure.add_axes(MAP_BOX), lang, data_dir, label_size=9 * scale)
        heading = text["app_title"] + ("" if perspective == "administered" else f" · {text[f'view_{perspective}']}")
        self.figure.text(TEXT_LEFT, 0.955, heading, fontsize=12 * scale, va="top", color="#555555")
        self.when = self.figure.text(TEXT_LEFT, 0.9, "", fontsize=30 * scale, fontweight="bold", va="top", color="#111111")
        self.caption = self.figure.text(TEXT_LEFT, 0.79, "", fontsize=15 * scale, va="top", color="#222222",
                                        linespacing=1.3)
        self.columns = max(20, int(34 * (width / height) / (SIZE[0] / SIZE[1])))
        self.figure.legend(handles=legend_handles(legend_rows(lang, perspective)), loc="upper left",
                           bbox_to_anchor=(TEXT_LEFT - 0.008, 0.55), title=text["legend"], fontsize=11 * scale,
                           title_fontsize=12 * scale, frameon=False, alignment="left", handlelength=2.2)
        self.figure.text(TEXT_LEFT, 0.03, "\n".join(wrap(text["attribution"], int(self.columns * 1.6))),
                         fontsize=9 * scale, va="bottom", color="#333333", linespacing=1.3)

    def texts(self) -> list[str]:
        """Every text written on the frame (for checking its fonts)."""
        return [artist.get_text() for artist in self.figure.findobj(lambda a: hasattr(a, "get_text"))
                if artist.get_text()]

    def draw(self, frame: Frame, history: History) -> Image.Image:
        """The frame as an RGB image."""
        self.map.show(frame.day, history, self.perspective)
        self.when.set_text(frame.when)
        lines = wrap(frame.caption, self.columns)
        if len(lines) > TITLE_LINES:
            lines = lines[:TITLE_LINES - 1] + [lines[TITLE_LINES - 1].rstrip(" .,") + " …"]
        self.caption.set_text("\n".join(lines))
        self.canvas.draw()
        return Image.frombuffer("RGBA", self.canvas.get_width_height(), self.canvas.buffer_rgba()).convert("RGB")


def _palette(image: Image.Image) -> np.ndarray:
    """The palette of every frame (256 RGB rows): the map's own colours exactly (so that a
    state's colour reads back as itself), then the colours of ``image``'s edges and text."""
    exact = ["#ffffff", "#000000", SEA, LAND, LAND_EDGE, BOUNDARY_COLOR, UNDETERMINED_HATCH, UNDETERMINED_GROUND,
             *STATE_COLORS.values()]
    colours = list(dict.fromkeys(ImageColor.getrgb(colour) for colour in exact))
    shades = image.quantize(colors=256 - len(colours), method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    flat = shades.getpalette()[: 3 * (256 - len(colours))]
    colours += [tuple(flat[i:i + 3]) for i in range(0, len(flat), 3)]
    return np.array(colours[:256], dtype=np.int32)


def _indexed(image: Image.Image, palette: np.ndarray) -> Image.Image:
    """``image`` in ``palette``, each pixel its nearest colour. (Pillow's own mapping to a given
    palette is approximate: it turned the page's white into a grey.)"""
    pixels = np.asarray(image, dtype=np.int32)
    packed = (pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]
    colours, where = np.unique(packed.ravel(), return_inverse=True)
    rgb = np.stack([colours >> 16, (colours >> 8) & 255, colours & 255], axis=1)
    nearest = np.argmin(((rgb[:, None, :] - palette[None, :, :]) ** 2).sum(axis=2), axis=1).astype(np.uint8)
    indexed = Image.fromarray(nearest[where].reshape(packed.shape), mode="P")
    indexed.putpalette(palette.astype(np.uint8).ravel().tolist())
    return indexed


def render_animation(start: dt.date | str, end: dt.date | str, lang: str = "en", perspective: str = "administered",
                     fmt: str = "gif", *, size: tuple[int, int] = SIZE, frame_ms: int = FRAME_MS,
                     history: History | None = None, timeline: Timeline | None = None, data_dir: Path = DATA_DIR,
                     progress: Callable[[int, int], None] | None = None) -> bytes:
    """The animated map of ``start`` to ``end`` as GIF or WebP bytes; ``progress(done, total)``
    is called after each frame drawn.

    Raises DateError for a day outside the atlas's span, AnimationError for an empty period, an
    unknown language, perspective or format, or a frame time out of 100..20000 ms.
    """
    if fmt not in FORMATS:
        raise AnimationError(f"unknown animation format {fmt!r}; use one of {', '.join(FORMATS)}")
    if lang not in LANGUAGES:
        raise AnimationError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    if not 100 <= frame_ms <= 20000:
        raise AnimationError(f"a frame lasts from 100 to 20000 ms, not {frame_ms}")
    try:
        check_perspective(perspective)
    except ValueError as error:
        raise AnimationError(str(error)) from None
    history = history or default_history()
    frames = animation_frames(start, end, lang, perspective, history, timeline)
    images: list[Image.Image] = []
    palette = None
    with drawing():
        canvas = AnimationCanvas(lang, perspective, size, data_dir)
        for number, frame in enumerate(frames, start=1):
            image = canvas.draw(frame, history)
            palette = palette if palette is not None else _palette(image)
            images.append(_indexed(image, palette))
            if progress:
                progress(number, len(frames))
    durations = [frame_ms] * len(images)
    durations[0] = durations[-1] = frame_ms * HOLD
    out = io.BytesIO()
    options = {"save_all": True, "append_images": images[1:], "duration": durations, "loop": 0}
    if fmt == "gif":
        images[0].save(out, format="GIF", optimize=False, **options)
    else:
        images[0].save(out, format="WEBP", lossless=True, method=4, **options)
    return out.getvalue()
