"""Compare: two dates side by side (the maps panning and zooming together) or on one map with a
divider to swipe, with the list of islands that changed hands."""

import datetime as dt

import streamlit as st

from geo.compare import differences
from geo.i18n import translate
from ui.layout import CONTROLS, MAP_AREA_LOW, page_setup
from ui.panels import state_name
from ui.text import plain
from ui.view import draw_map, take_report

bundle, view = page_setup("compare_title")
lang, history = view.lang, bundle.history
MODES = ("side_by_side", "swipe")

# A date set on either map's own slider (reported when it stops) moves that side's date picker.
for map_key, picker in (("compare_a", "compare_first"), ("compare_b", "compare_second")):
    report = take_report(map_key)
    if report and report.date is not None:
        try:
            st.session_state[picker] = history.check_day(report.date)
        except ValueError:
            pass

st.session_state.setdefault("compare_first", dt.date(1945, 8, 27))
st.session_state.setdefault("compare_second", dt.date(1945, 9, 5))
st.session_state.setdefault("compare_mode", MODES[0])
pick_first, pick_second, pick_mode = st.container(key=CONTROLS).columns([1, 1, 1.2], vertical_alignment="bottom")
first = pick_first.date_input(translate("compare_first", lang), key="compare_first",
                              min_value=history.first_record, max_value=history.today, format="YYYY-MM-DD")
second = pick_second.date_input(translate("compare_second", lang), key="compare_second",
                                min_value=history.first_record, max_value=history.today, format="YYYY-MM-DD")
# A radio, not a segmented control, whose chosen option's text is too pale to read (4.47:1).
mode = pick_mode.radio(translate("compare_mode", lang), MODES, key="compare_mode", horizontal=True,
                       format_func=lambda m: translate(f"compare_{m}", lang))

with st.container(key=MAP_AREA_LOW):
    if mode == "swipe":
        draw_map(bundle, "compare_swipe", {"date": first.isoformat(), "island": "", "lang": lang,
                                           "swipe": second.isoformat()})
    else:
        left, right = st.columns(2, gap="small")
        with left:
            draw_map(bundle, "compare_a", {"date": first.isoformat(), "island": "", "lang": lang, "swipe": ""},
                     view_group="compare")
        with right:
            draw_map(bundle, "compare_b", {"date": second.isoformat(), "island": "", "lang": lang, "swipe": ""},
                     view_group="compare")

st.subheader(translate("compare_changes", lang), anchor=False)
names = bundle.islands[f"name_{lang}"]
changes = differences(first, second, history)
if changes:
    st.markdown("\n".join(
        f"- {plain(names[c.island])}: {plain(state_name(c.before, lang))} → {plain(state_name(c.after, lang))}"
        for c in changes
    ))
else:
    st.markdown(translate("compare_none", lang))
