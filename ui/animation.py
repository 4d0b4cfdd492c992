"""The Handouts page's animated map: a period, a language and whose maps chosen, drawn with a
progress bar, then offered as a download.

A drawing takes a core for a few seconds, so the server draws one animation at a time, in a
process of its own at a lower priority (ui/drawing_process.py), so that the steps of a class
go first; a request that comes while another is drawn is told it is queued and waits its turn.
The last ones drawn are kept, by their parameters, for every session: a class pressing the
button together for the same period gets one drawing.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable

import streamlit as st

from geo.model.i18n import translate
from geo.model.perspectives import PERSPECTIVES
from geo.render.animate import AnimationError
from geo.render.markdown import plain

from .bundle import shared_bundle
from .drawing_process import DrawingProcess

LANDINGS = (dt.date(1945, 8, 15), dt.date(1945, 9, 10))  # the period the page opens on
FORMATS = {"gif": "image/gif", "webp": "image/webp"}
KEPT = 24  # animations kept in memory (a 1945 GIF is about 0.2 MB)

_drawing = threading.Lock()  # one animation drawn at a time for this server
_process = DrawingProcess()
_kept_lock = threading.Lock()
_kept: OrderedDict[tuple, bytes] = OrderedDict()


def _kept_animation(key: tuple) -> bytes | None:
    with _kept_lock:
        if key in _kept:
            _kept.move_to_end(key)
        return _kept.get(key)


def _keep(key: tuple, content: bytes) -> None:
    with _kept_lock:
        _kept[key] = content
        while len(_kept) > KEPT:
            _kept.popitem(last=False)


def animation(key: tuple, queued: Callable[[], None], progress: Callable[[int, int], None]) -> bytes:
    """The animation of ``key`` (start, end, lang, perspective, format): kept, or drawn once the
    drawing under way (if any: ``queued()`` is called first) is done. Raises AnimationError for a
    period that cannot be animated, RuntimeError where the drawing failed."""
    content = _kept_animation(key)
    if content is not None:
        return content
    if not _drawing.acquire(blocking=False):
        queued()
        _drawing.acquire()
    try:
        content = _kept_animation(key)  # drawn for another session while this one waited
        if content is None:
            content = _process.draw(key, progress)
            _keep(key, content)
        return content
    finally:
        _drawing.release()


def animation_section(lang: str, perspective: str) -> None:
    """The period, whose maps and file chosen (the page's language picker sets the language),
    the button, and once drawn the download and a preview; a kept animation is offered at once."""
    st.header(translate("animation_title", lang))
    st.write(translate("animation_intro", lang))
    history = shared_bundle().history
    first, last, whose, kind = st.columns([1, 1, 1.4, 0.8])
    span = {"min_value": history.first_record, "max_value": history.today, "format": "YYYY-MM-DD"}
    start = first.date_input(translate("animation_from", lang), LANDINGS[0], key="w_animation_from", **span)
    end = last.date_input(translate("animation_to", lang), LANDINGS[1], key="w_animation_to", **span)
    perspective = whose.selectbox(translate("view_label", lang), PERSPECTIVES, index=PERSPECTIVES.index(perspective),
                                  key="w_animation_view", format_func=lambda name: translate(f"view_{name}", lang))
    fmt = kind.selectbox(translate("animation_format", lang), list(FORMATS), key="w_animation_format",
                         format_func=str.upper)
    key = (start, end, lang, perspective, fmt)
    content = _kept_animation(key)
    if content is None and st.button(translate("animation_make", lang), key="w_animation_make",
                                     icon=":material/movie:", type="primary"):
        bar = st.progress(0.0)
        waiting = st.empty()

        def progress(done: int, total: int) -> None:
            waiting.empty()
            bar.progress(done / total, text=translate("animation_drawing", lang, done=str(done), total=str(total)))

        try:
            content = animation(key, lambda: waiting.info(translate("animation_queued", lang), icon=":material/hourglass_top:"),
                                progress)
        except (AnimationError, RuntimeError) as error:
            bar.empty()
            st.error(translate("animation_problem", lang, problem=plain(str(error))), icon=":material/error:")
            return
        bar.empty()
    if content is None:
        return
    stem = f"kuril-islands-{start.isoformat()}-{end.isoformat()}-{perspective}-{lang}"
    st.download_button(translate("animation_download", lang, format=fmt.upper(), size=str(len(content) // 1024)),
                       content, file_name=f"{stem}.{fmt}", mime=FORMATS[fmt], on_click="ignore",
                       icon=":material/download:", key="w_animation_download")
    st.image(content, caption=translate("animation_preview", lang), width="stretch",
             alt=f"{translate('animation_preview', lang)}: {start.isoformat()} – {end.isoformat()}")
