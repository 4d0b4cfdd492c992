"""The panels beside the map: what set the current state, and the chosen island's card."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.i18n import LANGUAGES, translate
from geo.records import event_text
from geo.status import island_history, setting_event
from geo.urlstate import View

from .bundle import Bundle
from .text import link, plain


def state_name(state: str, lang: str) -> str:
    return translate(f"state_{state}", lang) if state else translate("state_none", lang)


def sources_markdown(bundle: Bundle, source_ids) -> str:
    sources = bundle.history.sources
    return "\n".join(
        f"- {link(sources.loc[s, 'title'], sources.loc[s, 'url'])}" for s in source_ids if s in sources.index
    )


def event_markdown(bundle: Bundle, event_id: str, lang: str, heading: str = "") -> str:
    """One event as one block of Markdown: heading, date and title, summary, date note, sources."""
    def make():
        row = bundle.history.events.loc[event_id]
        paragraphs = [f"**{plain(heading)}**"] if heading else []
        paragraphs += [f"**{plain(row.date.isoformat())}** — {plain(event_text(row, 'title', lang))}",
                       plain(event_text(row, "summary", lang))]
        if row.date_note:
            paragraphs.append(f"*{plain(translate('date_note', lang))}: {plain(event_text(row, 'date_note', lang))}*")
        paragraphs.append(f"**{plain(translate('sources', lang))}**\n{sources_markdown(bundle, row.source_ids)}")
        return "\n\n".join(paragraphs)
    return bundle.memo(("event_markdown", event_id, lang, heading), make)


def events_on(bundle: Bundle, day) -> list[str]:
    """The events dated ``day``, in table order."""
    def make():
        by_day: dict = {}
        for event, event_day in zip(bundle.history.events.index, bundle.history.events["date"]):
            by_day.setdefault(event_day, []).append(event)
        return by_day
    return bundle.memo(("events_by_day",), make).get(day, [])


def event_panel(bundle: Bundle, view: View) -> None:
    """The date, the event that set the state shown, and any other events of that day."""
    lang = view.lang
    st.header(view.date.isoformat(), anchor=False)
    event_id = setting_event(view.date, bundle.history)
    if event_id:
        st.markdown(event_markdown(bundle, event_id, lang, translate("current_event", lang)))
    else:
        st.info(translate("no_event", lang))
    same_day = [other for other in events_on(bundle, view.date) if other != event_id]
    for number, other in enumerate(same_day):
        st.markdown(event_markdown(bundle, other, lang, translate("events_on_this_day", lang) if number == 0 else ""))


def island_card(bundle: Bundle, view: View) -> None:
    if not view.island:
        return
    lang, island = view.lang, bundle.islands.loc[view.island]
    segment = bundle.timeline.status(view.island, view.date)
    st.divider()
    st.header(island[f"name_{lang}"], anchor=False)
    st.markdown(" · ".join(plain(island[f"name_{language}"]) for language in LANGUAGES)
                + f" ({plain(island.name_ja_latn)})")
    st.markdown(f"{plain(translate('area', lang))}: {island.area_km2:,.1f} km²")
    held = state_name(segment.controller, lang)
    claimants = ", ".join(state_name(c, lang) for c in segment.claimants) or "—"
    st.markdown(
        f"**{plain(translate('status_on', lang))} {view.date.isoformat()}**: "
        f"{plain(translate('held_by', lang))} {plain(held)}; {plain(translate('claimed_by', lang))} {plain(claimants)}"
        + (f" ({plain(translate('disputed_short', lang))})" if segment.disputed else "")
    )
    past = island_history(view.island, bundle.history)
    control = pd.DataFrame({
        translate("from", lang): past.control["start"].astype(str),
        translate("to", lang): past.control["end"].map(lambda d: d.isoformat() if d else translate("until_today", lang)),
        translate("held_by", lang): past.control["controller"].map(lambda s: state_name(s, lang)),
    })
    st.markdown(f"**{plain(translate('control_history', lang))}**")
    st.dataframe(control, hide_index=True, width="stretch")
    with st.expander(translate("island_events", lang)):
        for row in past.events.itertuples():
            st.markdown(f"**{plain(row.date.isoformat())}** — {plain(event_text(row, 'title', lang))}")
            st.markdown(sources_markdown(bundle, row.source_ids))
