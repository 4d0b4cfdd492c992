"""The lesson editor's parts: how a lesson starts (blank, the atlas's story or a file), its table
of steps edited in place, the preview of the chosen step, and the downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.classroom.lesson import lesson_csv, story_lesson_rows
from geo.classroom.steps import LESSON_COLUMNS, Step, blank_row
from geo.model.i18n import LANGUAGE_NAMES, LANGUAGES, translate
from geo.model.perspectives import ADMINISTERED, PERSPECTIVES
from geo.render.contract import Focus, MapState
from geo.render.export import build_offline_html
from geo.render.markdown import plain

from .bundle import Bundle
from .layout import note
from .lesson import (apply_table_edits, has_lesson, lesson_name, read_lesson_file, set_lesson, show_problems,
                     table_rows)
from .lesson_saving import forget_saved_lesson

TABLE_KEY = "lesson_table"
FILE_KEY = "lesson_file"
PREVIEW_KEY = "lesson_preview_step"
LAST_GOOD_KEY = "lesson_last_good"  # the map state of the last step that could be previewed
REJECTED_KEY = "lesson_rejected"
LOADED_KEY = "lesson_loaded"


def _take_file(bundle: Bundle) -> None:
    file = st.session_state.get(FILE_KEY)
    if file is None:
        return
    problems = read_lesson_file(file.getvalue(), file.name, bundle)
    if not problems:
        forget_saved_lesson()  # the file is a new lesson, saved at links of its own
    st.session_state[REJECTED_KEY] = problems
    st.session_state[LOADED_KEY] = "" if problems else file.name
    st.session_state[PREVIEW_KEY] = 0


def _start(rows, name: str | None = None) -> None:
    """A new lesson from ``rows`` (saved at links of its own once it has something written)."""
    forget_saved_lesson()
    set_lesson(rows, *([name] if name else []))
    st.session_state[PREVIEW_KEY] = 0
    st.session_state.pop(REJECTED_KEY, None)
    st.session_state.pop(LOADED_KEY, None)


def copy_lesson() -> None:
    """The lesson on the page (opened read-only) as the teacher's own new lesson."""
    _start([dict(row) for row in table_rows()], lesson_name())


def lesson_heading(lang: str, warnings: list[str] = ()) -> None:
    """The page's title, what it is for, and any warning about the link it was opened with."""
    st.title(translate("lesson_title", lang), anchor=False)
    note(translate("lesson_intro", lang), key="intro")
    for warning in warnings:
        st.warning(warning, icon=":material/warning:")


def lesson_start(bundle: Bundle, rows: list[dict], lang: str) -> None:
    """Start blank, from the atlas's story or from a lesson file; what the file held, or why it was refused."""
    note(translate("lesson_start", lang), key="start")
    blank, story = st.columns(2)
    blank.button(translate("lesson_start_blank", lang), on_click=_start, args=([blank_row()],), key="lesson_blank",
                 width="stretch")
    story.button(translate("lesson_start_story", lang), key="lesson_story", width="stretch",
                 on_click=lambda: _start(story_lesson_rows()))
    st.file_uploader(translate("lesson_upload", lang), type=["csv"], key=FILE_KEY, on_change=_take_file,
                     args=(bundle,))
    if st.session_state.get(REJECTED_KEY):
        rejected = st.session_state[REJECTED_KEY]
        show_problems(rejected, translate("lesson_rejected", lang, count=str(len(rejected))))
    elif st.session_state.get(LOADED_KEY):
        st.success(translate("lesson_loaded", lang, name=plain(st.session_state[LOADED_KEY]), count=str(len(rows))))


def lesson_table(rows: list[dict], problems: list[str], lang: str, read_only: bool = False) -> None:
    """The steps as a table edited in place (``read_only``: shown only), in one language's texts
    at a time, and its problems."""
    st.header(translate("lesson_steps", lang), anchor=False)
    text_lang = st.radio(translate("lesson_text_lang", lang), LANGUAGES, format_func=LANGUAGE_NAMES.get,
                         index=LANGUAGES.index(lang), key="lesson_text_lang", horizontal=True)
    suffix = f" ({LANGUAGE_NAMES[text_lang]})"
    # An empty perspective is the administered one; the table says so rather than showing an empty choice.
    shown = [{**{column: row.get(column, "") for column in LESSON_COLUMNS}, "view": row.get("view") or ADMINISTERED}
             for row in rows]

    def text_column(label_key: str, **options):
        return st.column_config.TextColumn(translate(label_key, lang) + suffix, **options)

    st.data_editor(
        pd.DataFrame(shown, columns=LESSON_COLUMNS, dtype="string"),
        key=TABLE_KEY, num_rows="fixed" if read_only else "dynamic", hide_index=True, width="stretch",
        disabled=read_only,
        column_order=["date", "islands", "view", *(f"{text}_{text_lang}" for text in
                      ("title", "narrative", "japan_view", "russia_view", "question")), "sources"],
        column_config={
            "date": st.column_config.TextColumn(translate("date", lang), help="YYYY-MM-DD", width="small"),
            "islands": st.column_config.TextColumn(translate("lesson_islands", lang), width="medium",
                                                   help=translate("lesson_islands_help", lang)),
            "view": st.column_config.SelectboxColumn(translate("view_label", lang), options=PERSPECTIVES,
                                                     format_func=lambda p: translate(f"view_{p}", lang)),
            f"title_{text_lang}": text_column("lesson_title_column"),
            f"narrative_{text_lang}": text_column("lesson_narrative", width="large"),
            f"japan_view_{text_lang}": text_column("story_japan_view"),
            f"russia_view_{text_lang}": text_column("story_russia_view"),
            f"question_{text_lang}": text_column("lesson_question"),
            "sources": st.column_config.TextColumn(translate("sources", lang),
                                                   help=translate("lesson_sources_help", lang)),
        },
        on_change=apply_table_edits, args=(TABLE_KEY, shown),
    )
    if problems and has_lesson():  # an untouched blank lesson is not yet a mistake
        show_problems(problems, translate("lesson_problems", lang, count=str(len(problems))))
    elif not problems:
        st.success(translate("lesson_ready", lang), icon=":material/check_circle:")


def step_body(step: Step, lang: str) -> None:
    """A step's narrative, each side's view and its question, where the step has them."""
    st.markdown(plain(step.text("narrative", lang)))
    for text, label in (("japan_view", "story_japan_view"), ("russia_view", "story_russia_view"),
                        ("question", "lesson_question")):
        if step.text(text, lang):  # a lesson's step may leave out a side's view or have no question
            st.markdown(f"**{plain(translate(label, lang))}**: {plain(step.text(text, lang))}")


def lesson_preview(steps: list, rows: list[dict], lang: str) -> None:
    """The chosen step as the Story page shows it; the map keeps the last step it could show."""
    st.session_state[PREVIEW_KEY] = min(st.session_state.get(PREVIEW_KEY, 0), len(rows) - 1)
    chosen = st.selectbox(
        translate("lesson_preview", lang), range(len(rows)), key=PREVIEW_KEY,
        format_func=lambda i: f"{i + 1} — {steps[i].text('title', lang) if steps[i] else rows[i].get('date', '')}")
    step = steps[chosen]
    if step is None:
        if has_lesson():
            st.warning(translate("lesson_preview_kept", lang), icon=":material/warning:")
        return
    st.session_state[LAST_GOOD_KEY] = MapState(step.date.isoformat(), lang=lang, perspective=step.perspective,
                                               focus=Focus(f"lesson-{chosen + 1}-{';'.join(step.islands)}",
                                                           step.islands))
    note(f"{translate('story_step', lang, number=str(chosen + 1), total=str(len(rows)))} · "
         f"{step.date.isoformat()}", key="step")
    st.subheader(plain(step.text("title", lang)), anchor=False)
    step_body(step, lang)


def previewed_state(fallback: MapState) -> MapState:
    """The map state of the last step that could be previewed, or ``fallback``."""
    return st.session_state.get(LAST_GOOD_KEY) or fallback


def lesson_downloads(bundle: Bundle, steps: list, rows: list[dict], problems: list[str], lang: str) -> None:
    """The lesson as CSV, as one offline HTML file, and the link that presents it on the Story page."""
    st.download_button(translate("lesson_download_csv", lang), lesson_csv(rows), file_name=lesson_name(),
                       mime="text/csv", on_click="ignore", icon=":material/download:", key="lesson_download_csv")
    good = [s for s in steps if s is not None]
    st.download_button(translate("lesson_download_html", lang),
                       lambda: build_offline_html(lang, lesson=good, history=bundle.history).encode("utf-8"),
                       file_name=f"{lesson_name().removesuffix('.csv')}.html", mime="text/html", on_click="ignore",
                       icon=":material/download:", key="lesson_download_html", disabled=bool(problems))
    if not problems:
        st.page_link("pages/4_Story.py", label=translate("lesson_present", lang), icon=":material/slideshow:")
