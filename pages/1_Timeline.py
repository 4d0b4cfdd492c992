"""Timeline: who administered each island over time, and every event; an event opens the map."""

import altair as alt
import pandas as pd
import streamlit as st

from geo.model.i18n import translate
from geo.model.records import day_when, event_text, event_when
from geo.render.style import STATE_COLORS
from geo.model.timeline import control_spans
from ui.layout import page_setup
from ui.panels import state_name
from ui.session import update_selection
from geo.render.markdown import plain

bundle, selection = page_setup("timeline_title")
lang = selection.lang
st.title(translate("timeline_title", lang))

ROW_PX = 22  # chart height per island
# The axes' and legend's text: Streamlit's own text colour (12.5:1 on white), not its theme's
# grey for chart labels (3.7:1, under the 4.5:1 of WCAG 1.4.3).
CHART_TEXT = "#31333f"
names = bundle.islands[f"name_{lang}"]
frame = pd.DataFrame(
    [{"island": names[island], "start": pd.Timestamp(start), "end": pd.Timestamp(end),
      "held_by": state_name(controller, lang),
      # the period's first and last days as the events that began and ended it are dated ("1711")
      "from": day_when(bundle.history, start, began, lang),
      "to": day_when(bundle.history, end, ended, lang) if ended else translate("until_today", lang)}
     for island, start, end, controller, began, ended in control_spans(bundle.timeline)])
palette = {state_name(state, lang): color for state, color in STATE_COLORS.items()}
chart = alt.Chart(frame).mark_bar().encode(
    x=alt.X("start:T", title=None), x2="end:T",
    # Every island keeps its label: a row tall enough to read, and no label hidden as "overlapping".
    y=alt.Y("island:N", sort=list(names[list(bundle.history.island_ids)]), title=None,
            axis=alt.Axis(labelOverlap=False, labelLimit=220)),
    color=alt.Color("held_by:N", title=translate("held_by", lang),
                    scale=alt.Scale(domain=list(palette), range=list(palette.values()))),
    tooltip=["island", "held_by", alt.Tooltip("from:N", title=translate("from", lang)),
             alt.Tooltip("to:N", title=translate("to", lang))],
).properties(height=ROW_PX * len(bundle.history.island_ids)).configure_axis(
    labelColor=CHART_TEXT, titleColor=CHART_TEXT).configure_legend(labelColor=CHART_TEXT, titleColor=CHART_TEXT)
st.altair_chart(chart, width="stretch")

st.header(translate("events_title", lang))
events = bundle.history.events
for row in events.itertuples():
    title = event_text(row, "title", lang)
    left, right = st.columns([5, 1])
    left.markdown(f"**{plain(event_when(row, lang))}** — {plain(title)}")
    if right.button(translate("open_on_map", lang), key=f"open-{row.id}"):
        update_selection(date=row.date)
        st.switch_page("pages/0_Map.py")
