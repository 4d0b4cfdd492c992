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
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from geo.model.i18n import LANGUAGES, ui_text
from geo.model.paths import DATA_DIR
from geo.model.records import History, event_text, event_when
from geo.model.status import default_history, setting_event, status_at
from geo.model.perspectives import check_perspective
from geo.render.daymap import CJK_FONT, DayMap, drawing, font_families, legend_handles, legend_rows

FORMATS = ("png", "pdf")
PAGE_SIZE = (11.69, 8.27)  # A4 landscape, inches
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


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
    return HandoutText(
        day=day, lang=lang,
        title=text["handout_title"].format(date=format_date(day, lang)),
        subtitle=f"{text['app_title']} · {day.isoformat()}" + ("" if perspective == "administered" else f" · {text[f'view_{perspective}']}"),
        caption=caption,
        event_sources=text["handout_event_sources"].format(sources="; ".join(titles)) if titles else "",
        attribution=text["handout_attribution"],
        legend=legend_rows(lang, perspective),
        perspective=perspective,
    )


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
    DayMap(ax, texts.lang, data_dir).show(texts.day, history, texts.perspective)
    left, columns = 0.625, 56
    legend = fig.legend(handles=legend_handles(texts.legend), loc="upper left", bbox_to_anchor=(left - 0.008, 0.875),
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
    with drawing():
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
