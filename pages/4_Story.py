"""Story mode: a guided lesson, one key moment per step, on the live map."""

import streamlit as st

from geo.i18n import translate
from ui.bundle import load_bundle, load_story_steps
from ui.panels import sources_markdown
from ui.text import plain
from ui.view import current_view, publish_to_url, set_view, show_map, sidebar_controls

st.set_page_config(page_title="Story · Kuril Islands atlas", page_icon="🗾", layout="wide")
bundle = load_bundle()
view = current_view(bundle)
steps = load_story_steps(bundle)
lang = view.lang
number = st.session_state.setdefault("story_step", 0)


def go(to: int) -> None:
    st.session_state.story_step = max(0, min(len(steps) - 1, to))
    step = steps[st.session_state.story_step]
    set_view(date=step.date, island="")


if "story_started" not in st.session_state:
    st.session_state.story_started = True
    go(number)
    view = current_view(bundle)

# The buttons' keyboard hints in full-contrast text (Streamlit draws them light grey).
st.html("<style>button kbd{color:#31333f !important;opacity:1 !important}</style>")
projector = st.toggle(translate("story_projector", lang), key="story_projector")
if projector:
    st.html("<style>section[data-testid='stSidebar']{display:none}"
            " .stMainBlockContainer{max-width:100%;padding:1rem 2rem}"
            " .stMarkdown p, .stMarkdown li{font-size:1.6rem;line-height:1.45}"
            " h1{font-size:3rem !important} h2{font-size:2.2rem !important}"
            " .stButton button p{font-size:1.5rem}</style>")

step = steps[st.session_state.story_step]
st.title(f"{translate('story_title', lang)}: {step.titles.get(lang) or step.titles['en']}")
back, position, forward = st.columns([1, 2, 1])
back.button(f"← {translate('story_back', lang)}", on_click=go, args=(step.number - 2,),
            disabled=step.number == 1, shortcut="Left", key="story_back")
position.markdown(f"**{plain(translate('story_step', lang, number=str(step.number), total=str(len(steps))))}** · "
                  f"{step.date.isoformat()}")
forward.button(f"{translate('story_next', lang)} →", on_click=go, args=(step.number,),
               disabled=step.number == len(steps), shortcut="Right", key="story_next")
if step.number < len(steps):
    st.button(f"{translate('story_next', lang)} (Space)", on_click=go, args=(step.number,), shortcut="Space",
              key="story_next_space")
st.markdown(translate("story_keys", lang))

map_column, text_column = st.columns([2.3, 1] if not projector else [2, 1], gap="medium")
with map_column:
    view = show_map(bundle, view, extra={"focus": {"key": f"story-{step.number}", "islands": list(step.islands)},
                                         "projector": projector}, height=760 if projector else 620)
with text_column:
    st.markdown(plain(step.narrative[lang]))
    st.markdown(f"**{plain(translate('story_japan_view', lang))}**: {plain(step.japan_view[lang])}")
    st.markdown(f"**{plain(translate('story_russia_view', lang))}**: {plain(step.russia_view[lang])}")
    with st.expander(translate("sources", lang)):
        st.markdown(sources_markdown(bundle, step.sources))

sidebar_controls(bundle, view)
publish_to_url(view)
