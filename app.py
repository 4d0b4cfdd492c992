"""The Kuril Islands atlas. Run with `make run`, which starts it through ui/serve.py.

This entry script only sets up the page and the navigation, titled in the reader's language;
each page is a thin script in pages/. The navigation sits in Streamlit's header, so that the
map has the window below it; the sidebar (pickers, uploads, language) starts closed.
"""

import streamlit as st

from geo.model.i18n import translate
from ui.bundle import load_bundle
from ui.session import current_selection

PAGES = [
    ("pages/0_Map.py", "map_page", "", True),
    ("pages/4_Story.py", "story_title", "Story", False),
    ("pages/8_Lesson.py", "lesson_title", "Lesson", False),
    ("pages/6_Compare.py", "compare_title", "Compare", False),
    ("pages/1_Timeline.py", "timeline_title", "Timeline", False),
    ("pages/2_Islands.py", "islands_title", "Islands", False),
    ("pages/7_Quiz.py", "quiz_title", "Quiz", False),
    ("pages/5_Handouts_and_export.py", "handouts_title", "Handouts", False),
    ("pages/3_Sources.py", "sources", "Sources", False),
]

if __name__ == "__main__":
    st.set_page_config(page_title="Kuril Islands atlas", page_icon="🗾", layout="wide",
                       initial_sidebar_state="collapsed")
    lang = current_selection(load_bundle()).lang
    navigation = st.navigation([
        st.Page(path, title=translate(key, lang), url_path=url or None, default=default)
        for path, key, url, default in PAGES
    ], position="top")
    navigation.run()
