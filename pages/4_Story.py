"""Story mode: a guided lesson, one key moment per step, on the live map; the step is in the
address (``/Story?step=9``), so a slide can link to it."""

import streamlit as st

from geo.model.i18n import translate
from geo.classroom.address import step_from_query
from geo.render.contract import Focus
from ui.layout import map_columns, note, page_setup
from ui.lesson import story_source_controls, story_steps
from ui.lesson_editor import step_body
from ui.panels import sources_markdown, story_provisions
from geo.render.markdown import plain
from ui.map import show_map
from ui.session import publish_to_url, update_selection
from ui.sidebar import go_to_controls

bundle, selection = page_setup("story_title")
steps, source = story_steps(bundle)  # the session's own lesson, or the atlas's story
lang = selection.lang


def go(to: int) -> None:
    st.session_state.story_step = max(0, min(len(steps) - 1, to))
    step = steps[st.session_state.story_step]
    update_selection(date=step.date, island="", perspective=step.perspective)  # the step's perspective, handed to the map


if "story_step" not in st.session_state:
    wanted, warnings = step_from_query(st.query_params.to_dict(), len(steps), lang)
    for warning in warnings:
        st.warning(warning, icon=":material/warning:")
    go(wanted or 0)
    selection = update_selection()

step = steps[st.session_state.story_step]
map_area, side = map_columns()
with map_area:
    selection = show_map(bundle, selection, focus=Focus(f"{source}-{step.number}", step.islands))
with side:
    note(f"{plain(translate('story_title', lang))} · "
         f"{plain(translate('story_step', lang, number=str(step.number), total=str(len(steps))))} · "
         f"{step.date.isoformat()}", key="step")
    story_source_controls(bundle, source, lang)
    st.subheader(plain(step.titles.get(lang) or step.titles["en"]), anchor=False)
    back, forward = st.columns(2)
    back.button(translate("story_back", lang), on_click=go, args=(step.number - 2,),
                disabled=step.number == 1, shortcut="Left", key="story_back", width="stretch")
    forward.button(translate("story_next", lang), on_click=go, args=(step.number,),
                   disabled=step.number == len(steps), shortcut="Right", key="story_next", width="stretch")
    step_body(step, lang)
    story_provisions(bundle, step, lang)
    with st.expander(translate("sources", lang)):
        st.markdown(sources_markdown(bundle, step.sources, lang))
    note(translate("story_keys", lang), key="keys")

go_to_controls(bundle, lang)
publish_to_url(selection, step=str(step.number))
