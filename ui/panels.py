"""The panels beside the map: what set the current state, and the chosen island's card."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from geo.model.i18n import LANGUAGES, translate
from geo.model.islands import load_published_areas
from geo.model.records import SOURCE_KINDS, clauses_of, day_when, event_text, event_when, load_clauses, source_side
from geo.model.status import island_history, setting_event
from geo.classroom.steps import Step
from geo.classroom.story import step_events
from geo.classroom.address import Selection

from .bundle import Bundle
from .htmltext import html_link, html_list, in_own_lang, names_line, safe_html
from geo.render.markdown import link, plain


def state_name(state: str, lang: str) -> str:
    return translate(f"state_{state}", lang) if state else translate("state_none", lang)


# Badge colours: Japan's and Russia's official word in the map's colours for the two states.
BADGE_COLORS = {"official-japan": "orange", "official-russia": "blue", "international": "violet", "scholarly": "green"}


def badge_parts(source, lang: str) -> list[tuple[str, str]]:
    """(colour, text) of a source's short badges: what kind of source it is and, where the kind
    does not already say so, whose side's word it is; none for a source with no kind (an upload)."""
    kind = source.get("kind", "")
    if kind not in SOURCE_KINDS:
        return []
    badges = [(BADGE_COLORS.get(kind, "gray"), translate(f"source_kind_{kind}", lang))]
    side = source_side(source)
    if side in ("japan", "russia") and not SOURCE_KINDS[kind]:
        badges.append(("gray", translate(f"source_side_{side}", lang)))
    return badges


def source_badges(source, lang: str) -> str:
    """The source's badges (``badge_parts``) as escaped Markdown; "" when it has none."""
    return " ".join(f":{color}-badge[{plain(text)}]" for color, text in badge_parts(source, lang))


def source_line(source, lang: str) -> str:
    """One source as a Markdown list item: its linked title and its badges."""
    badges = source_badges(source, lang)
    return f"- {link(source['title'], source['url'])}" + (f" {badges}" if badges else "")


def source_item_html(source, lang: str) -> str:
    """One source as HTML (an item of ``sources_list``), as ``source_line`` and its publisher, with the title and the
    publisher marked with their language where their script shows it (a Japanese title on an
    English page); every text escaped (ui.htmltext)."""
    badges = "".join(f' <span class="atlas-badge atlas-badge-{color}">{html.escape(text)}</span>'
                     for color, text in badge_parts(source, lang))
    publisher = f" — {in_own_lang(source['publisher'])}" if source.get("publisher") else ""
    return f"{html_link(source['title'], source['url'])}{badges}{publisher}"


@safe_html
def sources_list(sources: pd.DataFrame, lang: str) -> str:
    """Every source, by title, as one HTML list (``source_item_html``)."""
    return html_list(source_item_html(row, lang) for _, row in sources.sort_values("title").iterrows())


def sources_markdown(bundle: Bundle, source_ids, lang: str) -> str:
    sources = bundle.history.sources
    return "\n".join(source_line(sources.loc[s], lang) for s in source_ids if s in sources.index)


def event_markdown(bundle: Bundle, event_id: str, lang: str, heading: str = "") -> str:
    """One event as one block of Markdown: heading, date and title, summary, date note, sources.
    The heading and "Sources" are headings (levels 3 and 4, under the panel's date), so that a
    screen reader can move between them."""
    def make():
        row = bundle.history.events.loc[event_id]
        paragraphs = [f"### {plain(heading)}"] if heading else []
        paragraphs += [f"**{plain(event_when(row, lang))}** — {plain(event_text(row, 'title', lang))}",
                       plain(event_text(row, "summary", lang))]
        if row.date_note:
            paragraphs.append(f"*{plain(translate('date_note', lang))}: {plain(event_text(row, 'date_note', lang))}*")
        if row.get("contested", "") == "yes":
            paragraphs.append(f":orange-badge[{plain(translate('contested_short', lang))}] "
                              f"{plain(translate('contested_event', lang))}")
        paragraphs.append(f"#### {plain(translate('sources', lang))}\n\n{sources_markdown(bundle, row.source_ids, lang)}")
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


def event_panel(bundle: Bundle, selection: Selection) -> None:
    """The date, the event that set the state shown, and any other events of that day."""
    lang = selection.lang
    st.header(selection.date.isoformat(), anchor=False)
    event_id = setting_event(selection.date, bundle.history)
    if event_id:
        st.markdown(event_markdown(bundle, event_id, lang, translate("current_event", lang)))
        provisions(bundle, [event_id], lang)
    else:
        st.info(translate("no_event", lang))
    same_day = [other for other in events_on(bundle, selection.date) if other != event_id]
    for number, other in enumerate(same_day):
        st.markdown(event_markdown(bundle, other, lang, translate("events_on_this_day", lang) if number == 0 else ""))
        provisions(bundle, [other], lang)


def clauses(bundle: Bundle):
    """``data/clauses.csv``, loaded once per bundle and checked against its history."""
    return bundle.memo(("clauses",), lambda: load_clauses(bundle.history))


def provisions(bundle: Bundle, event_ids, lang: str) -> None:
    """What the treaties or declarations of ``event_ids`` provide: one collapsed expander per article,
    with our summary, the key terms as the original has them and the text it was checked against."""
    for label, markdown in provision_blocks(bundle, tuple(event_ids), lang):
        with st.expander(label, expanded=False):
            st.markdown(markdown)


def provision_blocks(bundle: Bundle, event_ids: tuple, lang: str) -> list[tuple[str, str]]:
    """Each provision of ``event_ids`` as (expander label, one block of escaped Markdown), made once
    per bundle: the map's panel shows them on every step, and one element per article instead of
    three keeps a step's rerun short."""
    def make():
        sources = bundle.history.sources
        blocks = []
        for row in clauses_of(clauses(bundle), event_ids, lang).itertuples():
            terms = " · ".join(f"“{plain(term.strip())}”" for term in row.terms.split(";") if term.strip())
            paragraphs = [plain(row.provision), f"**{plain(translate('provision_terms', lang))}**: {terms}"]
            if row.source in sources.index:
                paragraphs.append(f"{plain(translate('provision_text', lang))}:\n{source_line(sources.loc[row.source], lang)}")
            blocks.append((plain(f"{translate('provision', lang)}: {row.document}, {row.article}"), "\n\n".join(paragraphs)))
        return blocks
    return bundle.memo(("provisions", event_ids, lang), make)


def story_provisions(bundle: Bundle, step: Step, lang: str) -> None:
    """The provisions of the treaties and declarations dated on a Story step's day, collapsed, as the
    map's event panel shows them; nothing for a step with none. For pages/4_Story.py."""
    provisions(bundle, step_events(step, bundle.history), lang)


def published_areas():
    """The published areas of the islands (gazetteer and Japan's GSI), read once per process."""
    return _published_areas()


@st.cache_data(show_spinner=False)
def _published_areas():
    return load_published_areas()


def published_area_lines(bundle: Bundle, island: str, lang: str) -> None:
    """Beside the outline's area: the published figure with its source, and Japan's GSI figure with
    its sources and their badges, where there is one."""
    areas = published_areas()
    if island not in areas.index:
        return
    row = areas.loc[island]
    if pd.notna(row.area_km2_published):
        st.markdown(f"{plain(translate('area_published', lang))}: {row.area_km2_published:,g} km² "
                    f"({link(row.source_title, row.source_url)})")
    if pd.notna(row.area_km2_gsi):
        sources = bundle.history.sources
        st.markdown(f"{plain(translate('area_published', lang))}, {plain(translate('area_gsi', lang))}: "
                    f"{row.area_km2_gsi:,.1f} km²\n"
                    + "\n".join(source_line(sources.loc[s], lang) for s in row.gsi_sources if s in sources.index))


def island_card(bundle: Bundle, selection: Selection) -> None:
    if not selection.island:
        return
    lang, island = selection.lang, bundle.islands.loc[selection.island]
    segment = bundle.timeline.status(selection.island, selection.date)
    st.divider()
    st.header(island[f"name_{lang}"], anchor=False)
    st.html(names_line(island, LANGUAGES))  # each name marked with its language
    st.markdown(f"{plain(translate('area', lang))}: {island.area_km2:,.1f} km² ({plain(translate('area_outline', lang))})")
    published_area_lines(bundle, selection.island, lang)
    held = state_name(segment.controller, lang)
    claimants = ", ".join(state_name(c, lang) for c in segment.claimants) or "—"
    st.markdown(
        f"**{plain(translate('status_on', lang))} {selection.date.isoformat()}**: "
        f"{plain(translate('held_by', lang))} {plain(held)}; {plain(translate('claimed_by', lang))} {plain(claimants)}"
        + (f" ({plain(translate('disputed_short', lang))})" if segment.disputed else "")
    )
    past = island_history(selection.island, bundle.history)
    # A period begins and ends on the days of events; a day of an event known only to the year or
    # month is shown as that year or month (1711, not 1711-01-01).
    starts = [day_when(bundle.history, p.start, p.event, lang) for p in past.control.itertuples()]
    ends = [starts[number + 1] if number + 1 < len(starts) and past.control["start"].iloc[number + 1] == p.end
            else (p.end.isoformat() if p.end else translate("until_today", lang))
            for number, p in enumerate(past.control.itertuples())]
    control = pd.DataFrame({
        translate("from", lang): starts,
        translate("to", lang): ends,
        translate("held_by", lang): past.control["controller"].map(lambda s: state_name(s, lang)),
    })
    st.subheader(translate("control_history", lang), anchor=False)
    st.dataframe(control, hide_index=True, width="stretch")
    with st.expander(translate("island_events", lang)):
        for row in past.events.itertuples():
            st.markdown(f"**{plain(event_when(row, lang))}** — {plain(event_text(row, 'title', lang))}")
            st.markdown(sources_markdown(bundle, row.source_ids, lang))
