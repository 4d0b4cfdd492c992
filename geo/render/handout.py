"""A printable handout of the map on one day: A4 landscape, PNG or PDF, drawn with Matplotlib.

The handout shows the same thing as the browser map on that day (the islands coloured by who
administered them, disputed islands outlined with dashes, the treaty boundaries in force), with
a title, a legend, a caption naming the event that set the state and the events of the day,
and the attributions. Text stays text in the PDF (TrueType fonts embedded, ``pdf.fonttype`` 42).
Japanese needs a CJK font: "Noto Sans CJK JP" is used when installed, with a warning otherwise.
With ``perspective="japan"`` or ``"russia"`` (geo.model.perspectives) it draws that side's maps instead: each island in
the state its position assigns it to, and ``undetermined`` hatched, never in a state's colour.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import threading
import unicodedata
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from geo.model.i18n import LANGUAGES, ui_text
from geo.model.islands import load_boundaries, load_context, load_islands
from geo.model.paths import DATA_DIR
from geo.model.records import STATES, History, event_text, event_when
from geo.model.status import default_history, setting_event, status_at
from geo.render.style import BOUNDARY_COLOR, LAND, LAND_EDGE, SEA, STATE_COLORS, UNDETERMINED_GROUND, UNDETERMINED_HATCH
from geo.model.perspectives import UNDETERMINED, check_perspective

FORMATS = ("png", "pdf")
PAGE_SIZE = (11.69, 8.27)  # A4 landscape, inches
EXTENT = (144.6, 157.7, 42.7, 51.4)  # lon min, lon max (widened to fit the page), lat min, lat max
MID_LATITUDE = 47.0
LABELLED_AREA_KM2 = 250  # islands at least this large get their name on the map
UNDETERMINED_STYLE = {"facecolor": UNDETERMINED_GROUND, "edgecolor": UNDETERMINED_HATCH, "hatch": "////"}  # a pattern, not a state
BASE_FONT = "DejaVu Sans"
CJK_FONT = "Noto Sans CJK JP"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
_RENDER_LOCK = threading.Lock()  # rcParams are global: one rendering at a time


class HandoutError(ValueError):
    """A language or format the handout does not offer."""


@dataclass(frozen=True)
class HandoutText:
    """Everything written on the handout, in one language."""

    day: dt.date
    lang: str
    title: str
    subtitle: str
    caption: list[tuple[str, str]]  # (heading, paragraph) blocks
    event_sources: str
    attribution: str
    legend: list[tuple[str, str]]  # (kind, label): a state, "none", "undetermined", "disputed" or "boundary"
    perspective: str = "administered"

    def all_text(self) -> str:
        parts = [self.title, self.subtitle, *(h + "\n" + p for h, p in self.caption),
                 self.event_sources, self.attribution, *(label for _, label in self.legend)]
        return "\n".join(parts)


def format_date(day: dt.date, lang: str) -> str:
    """``day`` written out the way the language writes dates (19 October 1956, 1956年10月19日)."""
    text = ui_text()[lang]
    month = text["handout_months"].split()[day.month - 1]
    return text["handout_date_format"].format(day=day.day, month=month, year=day.year)


def _event_line(row, lang: str) -> str:
    return f"{event_when(row, lang)} — {event_text(row, 'title', lang)}"


def handout_text(when: dt.date | str, lang: str = "en", history: History | None = None,
                 perspective: str = "administered") -> HandoutText:
    """The texts of the handout for ``when`` in ``perspective``; DateError for a date outside the atlas's span."""
    if lang not in LANGUAGES:
        raise HandoutError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    try:
        check_perspective(perspective)
    except ValueError as error:
        raise HandoutError(str(error)) from None
    history = history or default_history()
    day = history.check_day(when)
    text = ui_text()[lang]
    events = history.events
    setting = setting_event(day, history)
    latest = events.loc[[setting]] if setting else events.iloc[:0]
    today = events[(events["date"] == day) & ~events.index.isin(latest.index)]
    caption, cited = [], []
    for heading, rows in ((text["current_event"], latest), (text["events_on_this_day"], today)):
        if rows.empty:
            continue
        lines = []
        for row in rows.itertuples():
            lines.append(_event_line(row, lang))
            lines.append(event_text(row, "summary", lang))
            cited.extend(row.source_ids)
        caption.append((heading, "\n".join(lines)))
    if not caption:
        caption.append((text["current_event"], text["no_event"]))
    if perspective != "administered":
        unclear = status_at(day, history, perspective)["unclear"].any()
        caption.insert(0, (text[f"view_{perspective}"],
                           text[f"view_caption_{perspective}"] + ("\n" + text["view_unclear"] if unclear else "")))
    titles = [history.sources.loc[s, "title"] for s in dict.fromkeys(cited) if s in history.sources.index]
    legend = [(state, text[f"state_{state}"]) for state in STATES]
    legend += [("none", text["state_none"])] + ([] if perspective == "administered" else [(UNDETERMINED, text["state_undetermined"])])
    legend += [("disputed", text["disputed"]), ("boundary", text["boundary"])]
    return HandoutText(
        day=day, lang=lang,
        title=text["handout_title"].format(date=format_date(day, lang)),
        subtitle=f"{text['app_title']} · {day.isoformat()}" + ("" if perspective == "administered" else f" · {text[f'view_{perspective}']}"),
        caption=caption,
        event_sources=text["handout_event_sources"].format(sources="; ".join(titles)) if titles else "",
        attribution=text["handout_attribution"],
        legend=legend,
        perspective=perspective,
    )


@lru_cache(maxsize=2)
def _geometry(data_dir: Path):
    """Islands (full resolution), surrounding land and boundary lines, cut to the page's extent."""
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


def _check_cjk_font(texts: HandoutText) -> None:
    if CJK_FONT not in font_families() and _CJK.search(texts.all_text()):
        warnings.warn(f"the font {CJK_FONT!r} is not installed (Debian: fonts-noto-cjk); "
                      "Japanese text on the handout will show as empty boxes", stacklevel=3)


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def wrap(text: str, columns: int) -> list[str]:
    """Lines of at most ``columns`` (wide characters count two): at spaces, or anywhere in CJK."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for token in re.findall(r"\S+\s*|\s+", paragraph):
            pieces = [token] if sum(map(_width, token.rstrip())) <= columns and not _CJK.search(token) else list(token)
            for piece in pieces:
                size = sum(map(_width, piece.rstrip()))
                if used + size > columns and line.strip():
                    lines.append(line.rstrip())
                    line, used = "", 0
                    piece = piece.lstrip()
                    size = sum(map(_width, piece.rstrip()))
                line += piece
                used += sum(map(_width, piece))
        lines.append(line.rstrip())
    return lines


def _legend_handles(texts: HandoutText) -> list:
    handles = []
    for kind, label in texts.legend:
        if kind == "disputed":
            handles.append(Patch(facecolor="white", edgecolor="black", linestyle=(0, (3, 2)), linewidth=1.2, label=label))
        elif kind == UNDETERMINED:
            handles.append(Patch(**UNDETERMINED_STYLE, linewidth=0.5, label=label))
        elif kind == "boundary":
            handles.append(Line2D([], [], color=BOUNDARY_COLOR, linestyle=(0, (4, 3)), linewidth=1.8, label=label))
        else:
            color = STATE_COLORS["" if kind == "none" else kind]
            handles.append(Patch(facecolor=color, edgecolor="#444444", linewidth=0.5, label=label))
    return handles


def _draw_map(ax, day: dt.date, lang: str, history: History, data_dir: Path, perspective: str = "administered") -> None:
    islands, context, boundaries = _geometry(Path(data_dir))
    status = status_at(day, history, perspective)
    ax.set_facecolor(SEA)
    context.plot(ax=ax, facecolor=LAND, edgecolor=LAND_EDGE, linewidth=0.4, zorder=1)
    status = status.reindex(islands.index)
    shown = status["controller" if perspective == "administered" else "shown_as"]
    colors = [STATE_COLORS.get(c, STATE_COLORS[""]) if isinstance(c, str) else STATE_COLORS[""]
              for c in shown]
    undetermined = (shown == UNDETERMINED).to_numpy()
    if not undetermined.all():
        islands[~undetermined].plot(ax=ax, color=[c for c, u in zip(colors, undetermined) if not u],
                                    edgecolor="#444444", linewidth=0.3, zorder=3)
    if undetermined.any():
        islands[undetermined].plot(ax=ax, **UNDETERMINED_STYLE, linewidth=0.3, zorder=3)
    disputed = islands[status["disputed"].fillna(False).astype(bool).to_numpy()]
    if not disputed.empty:
        disputed.boundary.plot(ax=ax, color="black", linewidth=0.9, linestyle=(0, (3, 2)), zorder=4)
    iso = day.isoformat()
    valid = boundaries[(boundaries["valid_from"] <= iso)
                       & ((boundaries["valid_to"].fillna("") == "") | (iso < boundaries["valid_to"].fillna("")))]
    if not valid.empty:
        valid.plot(ax=ax, color=BOUNDARY_COLOR, linewidth=1.6, linestyle=(0, (4, 3)), zorder=5)
    # Widen the longitudes to the axes' own proportions, so that the map fills its box.
    box = ax.get_position(original=True)
    ratio = (box.width * PAGE_SIZE[0]) / (box.height * PAGE_SIZE[1])
    stretch = 1 / math.cos(math.radians(MID_LATITUDE))
    half_width = (EXTENT[3] - EXTENT[2]) * ratio * stretch / 2
    middle = (EXTENT[0] + EXTENT[1]) / 2
    ax.set_xlim(middle - half_width, middle + half_width)
    ax.set_ylim(EXTENT[2], EXTENT[3])
    ax.set_aspect(stretch, adjustable="box")
    ax.set_xlabel("")
    ax.set_ylabel("")
    # A light box rather than a stroked halo: path effects would turn the names into outlines
    # in the PDF, and the names should stay text there.
    backing = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}
    right_edge = ax.get_xlim()[1]
    for row in islands[islands["area_km2"] >= LABELLED_AREA_KM2].itertuples():
        point = row.geometry.representative_point()
        east = point.x < right_edge - 1.5  # near the edge, the name goes above the island
        ax.annotate(getattr(row, f"name_{lang}"), (point.x, point.y), xytext=(14, -4) if east else (0, 13),
                    textcoords="offset points", ha="left" if east else "center",
                    fontsize=7.5, color="#222222", bbox=backing, zorder=6)
    ax.tick_params(labelsize=6.5, colors="#555555", length=2)
    ax.xaxis.set_major_formatter(lambda value, _: f"{value:.0f}°E")
    ax.yaxis.set_major_formatter(lambda value, _: f"{value:.0f}°N")
    for spine in ax.spines.values():
        spine.set_color("#777777")


def _stack(fig, renderer, x: float, y: float, text: str, **style) -> float:
    """Write ``text`` with its top at figure height ``y``; return the height just below it."""
    artist = fig.text(x, y, text, va="top", ha="left", **style)
    extent = artist.get_window_extent(renderer).transformed(fig.transFigure.inverted())
    return extent.y0


def _compose(texts: HandoutText, history: History, data_dir: Path) -> Figure:
    fig = Figure(figsize=PAGE_SIZE, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()
    fig.text(0.035, 0.955, texts.title, fontsize=20, fontweight="bold", va="top", color="#111111")
    fig.text(0.035, 0.895, texts.subtitle, fontsize=9.5, va="top", color="#555555")
    ax = fig.add_axes((0.035, 0.085, 0.56, 0.79))
    _draw_map(ax, texts.day, texts.lang, history, data_dir, texts.perspective)
    left, columns = 0.625, 56
    legend = fig.legend(handles=_legend_handles(texts), loc="upper left", bbox_to_anchor=(left - 0.008, 0.875),
                        title=ui_text()[texts.lang]["legend"], fontsize=8.5, title_fontsize=9.5,
                        frameon=False, alignment="left", handlelength=2.2)
    y = legend.get_window_extent(renderer).transformed(fig.transFigure.inverted()).y0 - 0.02
    for heading, paragraph in texts.caption:
        y = _stack(fig, renderer, left, y, heading, fontsize=9.5, fontweight="bold", color="#111111") - 0.008
        lines = wrap(paragraph, columns)
        if len(lines) > 9:
            lines = lines[:8] + [lines[8].rstrip(" .,") + " …"]
        y = _stack(fig, renderer, left, y, "\n".join(lines), fontsize=8.5, color="#222222", linespacing=1.35) - 0.018
    if texts.event_sources:
        lines = wrap(texts.event_sources, int(columns * 1.15))
        if len(lines) > 6:
            lines = lines[:5] + [lines[5] + " …"]
        _stack(fig, renderer, left, max(y, 0.2), "\n".join(lines), fontsize=7.3, color="#444444", linespacing=1.3)
    fig.text(0.035, 0.03, "\n".join(wrap(texts.attribution, 170)), fontsize=7.5, color="#333333", va="bottom")
    return fig


def render_handout(when: dt.date | str, lang: str = "en", fmt: str = "png", *, dpi: int = 150,
                   history: History | None = None, data_dir: Path = DATA_DIR, perspective: str = "administered") -> bytes:
    """The handout for ``when`` as PNG or PDF bytes (A4 landscape), drawn in ``perspective``.

    Raises DateError for a date outside the atlas's span, HandoutError for an unknown
    language, format or perspective.
    """
    if fmt not in FORMATS:
        raise HandoutError(f"unknown handout format {fmt!r}; use png or pdf")
    history = history or default_history()
    texts = handout_text(when, lang, history, perspective)
    _check_cjk_font(texts)
    caption = " ".join(paragraph for _, paragraph in texts.caption)
    with _RENDER_LOCK, matplotlib.rc_context({
        "font.family": list(font_families()), "pdf.fonttype": 42, "ps.fonttype": 42,
        "svg.fonttype": "none", "axes.unicode_minus": False,
    }), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig = _compose(texts, history, data_dir)
        out = io.BytesIO()
        if fmt == "pdf":
            metadata = {"Title": texts.title, "Subject": caption, "Creator": "Kuril Islands atlas",
                        "Keywords": texts.attribution, "CreationDate": None}
            fig.savefig(out, format="pdf", metadata=metadata)
        else:
            metadata = {"Title": texts.title, "Description": caption, "Source": texts.attribution,
                        "Software": "Kuril Islands atlas"}
            fig.savefig(out, format="png", dpi=dpi, metadata=metadata)
    return out.getvalue()
