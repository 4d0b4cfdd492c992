"""Story mode: a guided lesson, one key moment per step, played by the map itself (its Back and
Next, ← and →, Present mode); the narrative beside it follows the map's step, and the step is in
the address (``/Story?step=9``), so a slide can link to it. A present link
(``/Story?lesson=ID``) plays a teacher's saved lesson, read-only."""

import streamlit as st

from geo.classroom.story import step_when
from geo.model.i18n import translate
from geo.render.markdown import plain
from ui.layout import compact_header, map_columns, note, page_setup
from ui.lesson import story_source_controls, story_steps
from ui.lesson_editor import step_body
from ui.lesson_present import present_lesson, present_query, present_steps, present_warnings
from ui.map import MAP_KEY, draw_map, take_map_report
from ui.panels import sources_markdown, story_provisions
from ui.session import publish_to_url
from ui.sidebar import go_to_controls
from ui.story import go_to_step, player_lesson, step_from_address, step_from_report

bundle, selection = page_setup("story_title")
lang = selection.lang
# A present link's saved lesson, the session's own lesson, or the atlas's story.
steps, source = story_steps(bundle, present_steps(present_lesson(bundle, lang)))
lesson = player_lesson(steps, bundle.history)
selection = step_from_address(steps, lang)
selection, report = take_map_report(bundle, selection)
step = step_from_report(steps, report)

map_area, side = map_columns()
with map_area:
    draw_map(bundle, MAP_KEY, selection.map_state(lesson=lesson, step=step.number))  # the player flies to its islands
with side:
    compact_header(translate("story_title", lang),
                   f"{plain(translate('story_step', lang, number=str(step.number), total=str(len(steps))))} · "
                   f"{plain(step_when(step, bundle.history, lang))}")
    present_warnings()
    story_source_controls(bundle, source, lang)
    st.header(plain(step.text("title", lang)), anchor=False)
    back, forward = st.columns(2)
    back.button(translate("story_back", lang), on_click=go_to_step, args=(steps, step.number - 2),
                disabled=step.number == 1, key="story_back", width="stretch")
    forward.button(translate("story_next", lang), on_click=go_to_step, args=(steps, step.number),
                   disabled=step.number == len(steps), key="story_next", width="stretch")
    step_body(step, lang)
    story_provisions(bundle, step, lang)
    with st.expander(translate("sources", lang)):
        st.markdown(sources_markdown(bundle, step.sources, lang))
    note(translate("story_keys", lang), key="keys")

go_to_controls(bundle, lang)
publish_to_url(selection, step=str(step.number), **present_query(source))
