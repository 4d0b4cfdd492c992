"""Story mode: a guided lesson, one key moment per step, on the live map; the step is in the
address (``/Story?step=9``), so a slide can link to it."""

import streamlit as st

from geo.i18n import translate
from geo.urlstate import step_from_query
from ui.bundle import load_story_steps
from ui.layout import map_columns, page_setup
from ui.panels import sources_markdown, story_provisions
from ui.text import plain
from ui.view import go_to_controls, publish_to_url, set_view, show_map

bundle, view = page_setup("story_title")
steps = load_story_steps(bundle)
lang = view.lang


def go(to: int) -> None:
    st.session_state.story_step = max(0, min(len(steps) - 1, to))
    step = steps[st.session_state.story_step]
    set_view(date=step.date, island="", view=step.view)  # the step's view, handed to the map


if "story_step" not in st.session_state:
    wanted, warnings = step_from_query(st.query_params.to_dict(), len(steps), lang)
    for warning in warnings:
        st.warning(warning, icon="⚠️")
    go(wanted or 0)
    view = set_view()

step = steps[st.session_state.story_step]
map_area, side = map_columns()
with map_area:
    view = show_map(bundle, view, extra={"focus": {"key": f"story-{step.number}", "islands": list(step.islands)}})
with side:
    st.caption(f"{plain(translate('story_title', lang))} · "
               f"{plain(translate('story_step', lang, number=str(step.number), total=str(len(steps))))} · "
               f"{step.date.isoformat()}")
    st.subheader(step.titles.get(lang) or step.titles["en"], anchor=False)
    back, forward = st.columns(2)
    back.button(translate("story_back", lang), on_click=go, args=(step.number - 2,),
                disabled=step.number == 1, shortcut="Left", key="story_back", width="stretch")
    forward.button(translate("story_next", lang), on_click=go, args=(step.number,),
                   disabled=step.number == len(steps), shortcut="Right", key="story_next", width="stretch")
    st.markdown(plain(step.narrative[lang]))
    st.markdown(f"**{plain(translate('story_japan_view', lang))}**: {plain(step.japan_view[lang])}")
    st.markdown(f"**{plain(translate('story_russia_view', lang))}**: {plain(step.russia_view[lang])}")
    story_provisions(bundle, step, lang)
    with st.expander(translate("sources", lang)):
        st.markdown(sources_markdown(bundle, step.sources, lang))
    st.caption(translate("story_keys", lang))

go_to_controls(bundle, lang)
publish_to_url(view, step=str(step.number))
