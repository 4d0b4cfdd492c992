"""Compare: two dates, or one date in two views (Japan's maps | Russia's maps), side by side (the
maps panning and zooming together) or on one map with a divider to swipe; with the list of
islands that changed hands, or on which the two views differ."""

import datetime as dt

import streamlit as st

from geo.classroom.compare import differences, perspective_differences
from geo.model.i18n import translate
from geo.model.perspectives import UNDETERMINED, PERSPECTIVES
from ui.layout import CONTROLS, MAP_AREA_LOW, page_setup
from ui.panels import state_name
from ui.text import plain
from ui.view import draw_map, update_selection, take_report

bundle, view = page_setup("compare_title")
lang, history = view.lang, bundle.history
MODES = ("side_by_side", "swipe")
KINDS = ("dates", "views")
st.session_state.setdefault("compare_kind", KINDS[0])
st.session_state.setdefault("compare_left_view", "japan")
st.session_state.setdefault("compare_right_view", "russia")
by_perspectives = st.session_state.compare_kind == "views"

# A date set on either map's own slider (reported when it stops) moves that side's date picker
# (with two views, the one date); a view switched on a map moves that side's view, or, with two
# dates, both maps' view.
for map_key, picker, view_key in (("compare_a", "compare_first", "compare_left_view"),
                                  ("compare_b", "compare_first" if by_perspectives else "compare_second", "compare_right_view")):
    report = take_report(map_key)
    if report and report.date is not None:
        try:
            st.session_state[picker] = history.check_day(report.date)
        except ValueError:
            pass
    if report and report.view in PERSPECTIVES:
        if by_perspectives:
            st.session_state[view_key] = report.view
        else:
            view = update_selection(view=report.view)

st.session_state.setdefault("compare_first", dt.date(1945, 8, 27))
st.session_state.setdefault("compare_second", dt.date(1945, 9, 5))
st.session_state.setdefault("compare_mode", MODES[0])
columns = st.container(key=CONTROLS).columns([1.1, 1, 1, 1, 1.2] if by_perspectives else [1.1, 1, 1, 1.2],
                                             vertical_alignment="bottom")
# Radios, not segmented controls, whose chosen option's text is too pale to read (4.47:1).
columns[0].radio(translate("compare_kind", lang), KINDS, key="compare_kind", horizontal=True,
                 label_visibility="collapsed", format_func=lambda k: translate(f"compare_{k}", lang))
first = columns[1].date_input(translate("compare_date" if by_perspectives else "compare_first", lang), key="compare_first",
                              min_value=history.first_record, max_value=history.today, format="YYYY-MM-DD")
if by_perspectives:
    second = first
    left_view = columns[2].selectbox(translate("compare_left_view", lang), PERSPECTIVES, key="compare_left_view",
                                     format_func=lambda v: translate(f"view_{v}", lang))
    right_view = columns[3].selectbox(translate("compare_right_view", lang), PERSPECTIVES, key="compare_right_view",
                                      format_func=lambda v: translate(f"view_{v}", lang))
else:
    second = columns[2].date_input(translate("compare_second", lang), key="compare_second",
                                   min_value=history.first_record, max_value=history.today, format="YYYY-MM-DD")
    left_view = right_view = view.view
mode = columns[-1].radio(translate("compare_mode", lang), MODES, key="compare_mode", horizontal=True,
                         label_visibility="collapsed", format_func=lambda m: translate(f"compare_{m}", lang))

with st.container(key=MAP_AREA_LOW):
    if mode == "swipe":
        draw_map(bundle, "compare_swipe", {"date": first.isoformat(), "island": "", "lang": lang, "view": left_view,
                                           "swipe": second.isoformat(), "swipeView": right_view})
    else:
        left, right = st.columns(2, gap="small")
        with left:
            draw_map(bundle, "compare_a", {"date": first.isoformat(), "island": "", "lang": lang, "view": left_view,
                                           "swipe": ""}, view_group="compare")
        with right:
            draw_map(bundle, "compare_b", {"date": second.isoformat(), "island": "", "lang": lang, "view": right_view,
                                           "swipe": ""}, view_group="compare")


def shown_name(shown: str) -> str:
    return translate("state_undetermined_short", lang) if shown == UNDETERMINED else state_name(shown, lang)


names = bundle.islands[f"name_{lang}"]
if by_perspectives:
    st.subheader(translate("compare_view_changes", lang), anchor=False)
    found = perspective_differences(first, left_view, right_view, history)
    left_label, right_label = translate(f"view_{left_view}", lang), translate(f"view_{right_view}", lang)
    lines = [f"- {plain(names[d.island])}: {plain(shown_name(d.first))} ({plain(left_label)}) · "
             f"{plain(shown_name(d.second))} ({plain(right_label)})" for d in found]
    st.markdown("\n".join(lines) if lines else plain(translate("compare_view_none", lang)))
else:
    st.subheader(translate("compare_changes", lang), anchor=False)
    changes = differences(first, second, history)
    if changes:
        st.markdown("\n".join(
            f"- {plain(names[c.island])}: {plain(state_name(c.before, lang))} → {plain(state_name(c.after, lang))}"
            for c in changes
        ))
    else:
        st.markdown(translate("compare_none", lang))
