"""The map-first layout every page shares: Streamlit's header holds the navigation, the map
fills the window's height beside a column that scrolls on its own (below the map on a phone),
and the sidebar keeps what a presenting teacher does not need.

The sizes are CSS on keyed containers (``st-key-...`` classes), so the map follows the window
as it is resized, with no rerun.
"""

from __future__ import annotations

import streamlit as st

from geo.model.i18n import translate
from geo.classroom.address import Selection

from .bundle import Bundle, load_bundle
from .htmltext import safe_html
from .pagescript import page_script
from .session import current_selection, show_warnings
from .sidebar import language_control

MAP_AREA = "atlas-map-area"  # a map filling the window's height under the header
MAP_AREA_LOW = "atlas-map-area-low"  # the same, under a row of controls (Compare)
SIDE = "atlas-side"  # the column beside the map
CONTROLS = "atlas-controls"  # a row of controls above a map (two to a line on a phone)
PAGE_SIDEBAR_KEY = "atlas_page_sidebar"  # session state: whether the page's last full run drew its sidebar


FOCUS = "#1a4d8f"  # the focus ring: 8.4:1 on white
# Focus and structure (WCAG 2.4.7, 2.4.11, 1.3.1): a ring on whatever has focus, including the
# header's link to the current page, which Streamlit leaves unchanged; focused things scrolled
# clear of Streamlit's fixed header (3.75rem); no "link to heading" beside a Markdown heading (it
# takes focus while invisible); the page script's element takes no room; the
# "Skip to map" link shown while focused; a title for screen readers only (the header's
# navigation names the page on screen); tables made by ui.htmltext.
ACCESSIBLE_STYLE = f"""
a:focus-visible, button:focus-visible, summary:focus-visible, [role=tab]:focus-visible, [role=region]:focus-visible,
[data-testid=stMain]:focus-visible {{ outline: 3px solid {FOCUS} !important; outline-offset: 2px; }}
[data-testid=stTopNavLink]:focus-visible, [data-testid=stMain]:focus-visible {{ outline-offset: -3px; }}
[data-testid=stSidebar]:focus-within [data-testid=stSidebarCollapseButton] {{ visibility: visible; }}
[data-testid=stHeaderActionElements] {{ display: none; }}
[data-testid=stMain], html {{ scroll-padding-top: 4.5rem; scroll-padding-bottom: 1rem; }}
[data-testid=stElementContainer]:has(script[data-atlas-page]) {{ display: none; }}
.atlas-skip-link {{ position: fixed; top: 0.5rem; left: 0.5rem; z-index: 1000200; padding: 0.5rem 1rem;
  background: #fff; color: {FOCUS}; border: 2px solid {FOCUS}; border-radius: 0.5rem; font-weight: 600;
  transform: translateY(-200%); }}
.atlas-skip-link:focus {{ transform: none; }}
.st-key-atlas-page-title h1 {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; padding: 0; margin: -1px; }}
.st-key-atlas-page-title {{ position: absolute; }}
.atlas-table-scroll {{ overflow-x: auto; }}
.atlas-table {{ border-collapse: collapse; font-size: 0.875rem; min-width: 60rem; }}
.atlas-table caption {{ caption-side: top; text-align: left; padding: 0 0 0.5rem; color: #31333f; }}
.atlas-table th, .atlas-table td {{ border-bottom: 1px solid #d5d6da; padding: 0.3rem 0.6rem; vertical-align: top; text-align: left; }}
.atlas-table th {{ background: #f0f2f6; }}
.atlas-table .atlas-number {{ text-align: right; font-variant-numeric: tabular-nums; }}
.atlas-badge {{ font-size: 0.8rem; padding: 0.05rem 0.4rem; border-radius: 0.3rem; white-space: nowrap; }}
.atlas-badge-orange {{ background: #fdebd0; color: #8a3b00; }} .atlas-badge-blue {{ background: #dbeafe; color: #1e3a8a; }}
.atlas-badge-violet {{ background: #ede9fe; color: #5b21b6; }} .atlas-badge-green {{ background: #dcfce7; color: #166534; }}
.atlas-badge-gray {{ background: #eceef1; color: #31333f; }}
"""


def page_setup(title_key: str, sidebar: bool = True) -> tuple[Bundle, Selection]:
    """Set up a page: its browser title in the reader's language, the shared layout, the
    sidebar's language picker (unless ``sidebar`` is False: see ``ui.map.map_has_drawn``) and
    any warning about the link; the session's data and selection."""
    bundle = load_bundle()
    selection = current_selection(bundle)
    st.set_page_config(page_title=f"{translate(title_key, selection.lang)} · {translate('app_title', selection.lang)}")
    # Streamlit's header is 3.75rem high; the map keeps 0.75rem of air below it and at the bottom.
    # Narrow screens (Streamlit stacks columns below 640 px) show the map first, then the column.
    st.html(page_style())
    page_script(selection.lang)
    st.session_state[PAGE_SIDEBAR_KEY] = sidebar
    if sidebar:
        language_control(selection)
    # A page that leaves its sidebar for later runs again once it adds it: keep the warnings for then.
    show_warnings(keep=not sidebar)
    return bundle, selection


def map_columns(ratio: float = 2.6):
    """A map column and a side column that scrolls on its own; each is a keyed container."""
    map_column, side_column = st.columns([ratio, 1], gap="small")
    return map_column.container(key=MAP_AREA), side_column.container(key=SIDE)


def note(markdown: str, key: str) -> None:
    """A line in small type, like ``st.caption`` but in a grey dark enough to read (4.5:1) at
    every moment: Streamlit's caption shows a paler grey while it is being drawn. ``key``
    names it, unique on its page."""
    with st.container(key=f"atlas-note-{key}"):
        st.markdown(markdown)


def hidden_title(title: str) -> None:
    """The page's level-one heading for screen readers only, where the navigation above names the
    page on screen and the map needs the room (Compare)."""
    with st.container(key="atlas-page-title"):
        st.title(title, anchor=False)


def compact_header(title: str, subtitle: str = "") -> None:
    """The page's one-line heading (small type; the navigation above names the page too)."""
    st.title(title, anchor=False)
    if subtitle:
        note(subtitle, key="subtitle")


# The style of every page: layout, then the accessibility rules. Constants only.
PAGE_STYLE = """<style>
.stMainBlockContainer { padding: 4.25rem 1rem 0.75rem !important; max-width: 100% !important; }
.st-key-atlas-map-area iframe { height: max(300px, calc(100dvh - 5rem)) !important; display: block; }
.st-key-atlas-map-area-low iframe { height: max(280px, calc(100dvh - 11rem)) !important; display: block; }
@media (min-width: 640px) {
  .st-key-atlas-side { max-height: calc(100dvh - 5rem); overflow-y: auto; padding-right: 0.25rem; }
}
@media (max-width: 639.98px) {
  .stMainBlockContainer { padding: 3.9rem 0.5rem 0.75rem !important; }
  .st-key-atlas-map-area iframe { height: max(300px, calc(100dvh - 8.5rem)) !important; }
}
@media (pointer: coarse) {
  header button, [data-testid=stMain] button, [data-testid=stSidebar] button,
  [data-baseweb=select] > div, .stDateInput input, [data-testid=stRadio] label {
    min-height: 44px !important; min-width: 44px !important; }
  [data-testid=stRadio] label { align-items: center; }
}
@media (max-width: 639.98px) {
  .st-key-atlas-controls [data-testid=stHorizontalBlock] { flex-flow: row wrap; }
  .st-key-atlas-controls [data-testid=stColumn] { flex: 1 1 calc(50% - 1rem); min-width: calc(50% - 1rem); }
  .st-key-atlas-controls [data-testid=stColumn]:has([data-testid=stRadio]) { flex-basis: 100%; }
  .st-key-atlas-map-area-low iframe { height: max(280px, calc(100dvh - 19rem)) !important; }
}
.st-key-atlas-side h1 { font-size: 1.15rem; padding: 0 0 0.25rem; margin: 0; }
.st-key-atlas-side h2 { font-size: 1.35rem; padding: 0.25rem 0; }
.st-key-atlas-side h3 { font-size: 1.1rem; padding: 0.25rem 0; }
button kbd { color: #31333f !important; opacity: 1 !important; }
[class*="st-key-atlas-note"] p { font-size: 0.875rem; color: #4a4d57; margin-bottom: 0.25rem; }
/* Embedded in a course page (?embed=true: Streamlit marks its app streamlit-embedded), the frame
   is the map's: no header, the map as wide as the frame and nearly as tall, the column (the event
   panel) below it, where the frame scrolls to it; the band left under the map shows its first
   line, so that a reader sees there is more. */
.streamlit-embedded [data-testid=stHeader] { display: none; }
.streamlit-embedded .stMainBlockContainer { padding: 0.5rem 0.5rem 0.5rem !important; }
.streamlit-embedded [data-testid=stHorizontalBlock]:has(.st-key-atlas-map-area) { flex-direction: column; }
.streamlit-embedded [data-testid=stHorizontalBlock]:has(.st-key-atlas-map-area) > [data-testid=stColumn] {
  width: 100% !important; flex: 1 1 auto !important; min-width: 100% !important; }
.streamlit-embedded .st-key-atlas-map-area iframe { height: max(280px, calc(100dvh - 3rem)) !important; }
.streamlit-embedded .st-key-atlas-side { max-height: none; overflow-y: visible; }
""" + ACCESSIBLE_STYLE + "</style>"


@safe_html
def page_style() -> str:
    """The page's style element (``PAGE_STYLE``): text the atlas wrote, nothing from data."""
    return PAGE_STYLE
