"""A teacher's own lesson: a table of steps edited in place, every cell checked, the chosen step
previewed on the map, and the lesson downloaded as CSV or as one offline HTML file. The lesson
lives in this session only."""

import pandas as pd
import streamlit as st

from geo.render.export import build_offline_html
from geo.model.i18n import LANGUAGE_NAMES, LANGUAGES, translate
from geo.classroom.lesson import LESSON_COLUMNS, blank_row, lesson_csv, step_text, story_lesson_rows
from geo.model.perspectives import PERSPECTIVES
from ui.layout import map_columns, note, page_setup
from ui.lesson import (apply_table_edits, checked_lesson, has_lesson, lesson_name, read_lesson_file, set_lesson,
                       show_problems, table_rows)
from ui.text import plain
from ui.view import draw_map

TABLE_KEY = "lesson_table"
FILE_KEY = "lesson_file"
PREVIEW_KEY = "lesson_preview_step"
LAST_GOOD_KEY = "lesson_last_good"  # the map state of the last step that could be previewed
REJECTED_KEY = "lesson_rejected"
LOADED_KEY = "lesson_loaded"

bundle, view = page_setup("lesson_title")
lang = view.lang


def take_file() -> None:
    file = st.session_state.get(FILE_KEY)
    if file is None:
        return
    problems = read_lesson_file(file.getvalue(), file.name, bundle)
    st.session_state[REJECTED_KEY] = problems
    st.session_state[LOADED_KEY] = "" if problems else file.name
    st.session_state[PREVIEW_KEY] = 0


def start(rows) -> None:
    set_lesson(rows)
    st.session_state[PREVIEW_KEY] = 0
    st.session_state.pop(REJECTED_KEY, None)
    st.session_state.pop(LOADED_KEY, None)


rows = table_rows()
steps, problems = checked_lesson(bundle)
map_area, side = map_columns(ratio=1.15)

with side:
    st.title(translate("lesson_title", lang), anchor=False)
    note(translate("lesson_intro", lang), key="intro")
    note(translate("lesson_start", lang), key="start")
    blank, story = st.columns(2)
    blank.button(translate("lesson_start_blank", lang), on_click=start, args=([blank_row()],), key="lesson_blank",
                 width="stretch")
    story.button(translate("lesson_start_story", lang), key="lesson_story", width="stretch",
                 on_click=lambda: start(story_lesson_rows()))
    st.file_uploader(translate("lesson_upload", lang), type=["csv"], key=FILE_KEY, on_change=take_file)
    if st.session_state.get(REJECTED_KEY):
        rejected = st.session_state[REJECTED_KEY]
        show_problems(rejected, translate("lesson_rejected", lang, count=str(len(rejected))))
    elif st.session_state.get(LOADED_KEY):
        st.success(translate("lesson_loaded", lang, name=plain(st.session_state[LOADED_KEY]), count=str(len(rows))))

    st.subheader(translate("lesson_steps", lang), anchor=False)
    text_lang = st.radio(translate("lesson_text_lang", lang), LANGUAGES, format_func=LANGUAGE_NAMES.get,
                         index=LANGUAGES.index(lang), key="lesson_text_lang", horizontal=True)
    suffix = f" ({LANGUAGE_NAMES[text_lang]})"
    # An empty view is the administered one; the table says so rather than showing an empty choice.
    shown = [{**{column: row.get(column, "") for column in LESSON_COLUMNS}, "view": row.get("view") or "administered"}
             for row in rows]
    st.data_editor(
        pd.DataFrame(shown, columns=LESSON_COLUMNS, dtype="string"),
        key=TABLE_KEY, num_rows="dynamic", hide_index=True, width="stretch",
        column_order=["date", "islands", "view", *(f"{text}_{text_lang}" for text in
                      ("title", "narrative", "japan_view", "russia_view", "question")), "sources"],
        column_config={
            "date": st.column_config.TextColumn(translate("date", lang), help="YYYY-MM-DD", width="small"),
            "islands": st.column_config.TextColumn(translate("lesson_islands", lang), width="medium",
                                                   help=translate("lesson_islands_help", lang)),
            "view": st.column_config.SelectboxColumn(translate("view_label", lang), options=PERSPECTIVES,
                                                     format_func=lambda v: translate(f"view_{v}", lang)),
            f"title_{text_lang}": st.column_config.TextColumn(translate("lesson_title_column", lang) + suffix),
            f"narrative_{text_lang}": st.column_config.TextColumn(translate("lesson_narrative", lang) + suffix,
                                                                  width="large"),
            f"japan_view_{text_lang}": st.column_config.TextColumn(translate("story_japan_view", lang) + suffix),
            f"russia_view_{text_lang}": st.column_config.TextColumn(translate("story_russia_view", lang) + suffix),
            f"question_{text_lang}": st.column_config.TextColumn(translate("lesson_question", lang) + suffix),
            "sources": st.column_config.TextColumn(translate("sources", lang),
                                                   help=translate("lesson_sources_help", lang)),
        },
        on_change=apply_table_edits, args=(TABLE_KEY, shown),
    )
    if problems and has_lesson():  # an untouched blank lesson is not yet a mistake
        show_problems(problems, translate("lesson_problems", lang, count=str(len(problems))))
    elif not problems:
        st.success(translate("lesson_ready", lang), icon=":material/check_circle:")

    st.session_state[PREVIEW_KEY] = min(st.session_state.get(PREVIEW_KEY, 0), len(rows) - 1)
    chosen = st.selectbox(
        translate("lesson_preview", lang), range(len(rows)), key=PREVIEW_KEY,
        format_func=lambda i: f"{i + 1} — {step_text(steps[i], 'title', lang) if steps[i] else rows[i].get('date', '')}")
    step = steps[chosen]
    if step is not None:
        st.session_state[LAST_GOOD_KEY] = {
            "date": step.date.isoformat(), "island": "", "lang": lang, "view": step.view,
            "focus": {"key": f"lesson-{chosen + 1}-{';'.join(step.islands)}", "islands": list(step.islands)},
        }
        note(f"{translate('story_step', lang, number=str(chosen + 1), total=str(len(rows)))} · "
             f"{step.date.isoformat()}", key="step")
        st.subheader(plain(step_text(step, "title", lang)), anchor=False)
        st.markdown(plain(step_text(step, "narrative", lang)))
        for text, label in (("japan_view", "story_japan_view"), ("russia_view", "story_russia_view"),
                            ("question", "lesson_question")):
            if step_text(step, text, lang):
                st.markdown(f"**{plain(translate(label, lang))}**: {plain(step_text(step, text, lang))}")
    elif has_lesson():
        st.warning(translate("lesson_preview_kept", lang), icon=":material/warning:")

    st.download_button(translate("lesson_download_csv", lang), lesson_csv(rows), file_name=lesson_name(),
                       mime="text/csv", on_click="ignore", icon=":material/download:", key="lesson_download_csv")
    good = [s for s in steps if s is not None]
    st.download_button(translate("lesson_download_html", lang),
                       lambda: build_offline_html(lang, lesson=good, history=bundle.history).encode("utf-8"),
                       file_name=f"{lesson_name().removesuffix('.csv')}.html", mime="text/html", on_click="ignore",
                       icon=":material/download:", key="lesson_download_html", disabled=bool(problems))
    if not problems:
        st.page_link("pages/4_Story.py", label=translate("lesson_present", lang), icon=":material/slideshow:")

with map_area:
    state = st.session_state.get(LAST_GOOD_KEY) or {**view.as_sync()}
    draw_map(bundle, "lesson_map", {**state, "lang": lang})
