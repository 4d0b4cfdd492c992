"""Compare: two dates side by side, the maps panning and zooming together, with what changed."""

import datetime as dt

import streamlit as st

from geo.compare import differences
from geo.i18n import translate
from ui.bundle import load_bundle
from ui.panels import state_name
from ui.text import plain
from ui.view import current_view, draw_map, take_report

st.set_page_config(page_title="Compare · Kuril Islands atlas", page_icon="🗾", layout="wide")
bundle = load_bundle()
view = current_view(bundle)
lang, history = view.lang, bundle.history
st.title(translate("compare_title", lang))

# A date set on either map's own slider (reported when it stops) moves that side's date picker.
for map_key, picker in (("compare_a", "compare_first"), ("compare_b", "compare_second")):
    report = take_report(map_key)
    if report and report.date is not None:
        try:
            st.session_state[picker] = history.check_day(report.date)
        except ValueError:
            pass

pick_first, pick_second = st.columns(2)
st.session_state.setdefault("compare_first", dt.date(1945, 8, 27))
st.session_state.setdefault("compare_second", dt.date(1945, 9, 5))
first = pick_first.date_input(translate("compare_first", lang), key="compare_first",
                              min_value=history.first_record, max_value=history.today, format="YYYY-MM-DD")
second = pick_second.date_input(translate("compare_second", lang), key="compare_second",
                                min_value=history.first_record, max_value=history.today, format="YYYY-MM-DD")

left, right = st.columns(2)
with left:
    draw_map(bundle, "compare_a", {"date": first.isoformat(), "island": "", "lang": lang},
             view_group="compare", height=520)
with right:
    draw_map(bundle, "compare_b", {"date": second.isoformat(), "island": "", "lang": lang},
             view_group="compare", height=520)

st.header(translate("compare_changes", lang))
names = bundle.islands[f"name_{lang}"]
changes = differences(first, second, history)
if changes:
    st.markdown("\n".join(
        f"- {plain(names[c.island])}: {plain(state_name(c.before, lang))} → {plain(state_name(c.after, lang))}"
        for c in changes
    ))
else:
    st.markdown(translate("compare_none", lang))
