"""The second edition of the history (issue 13): corrections, the events a teacher expects, whose word
each fact rests on, and what each treaty provides. Every test reads the atlas's own data."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

import geo
from geo.model.islands import load_published_areas
from geo.model.paths import DATA_DIR
from geo.model.records import SIDES, SOURCE_KINDS, clauses_of, load_clauses, one_sided_contested_rows, source_side
from geo.classroom.story import load_story, step_events
from geo.model.upload import history_with_uploads
from geo.render.markdown import plain

JAPANESE, CYRILLIC = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"), re.compile(r"[\u0400-\u04ff]")


@pytest.fixture(scope="module")
def history():
    return geo.load_history()


# --- the events a teacher expects -------------------------------------------------------------

@pytest.mark.parametrize("event, day", [
    ("1856-12-07-shimoda-in-force", "1856-12-07"),
    ("1945-08-11-south-sakhalin-operation", "1945-08-11"),
    ("1945-08-14-potsdam-accepted", "1945-08-14"),
    ("1945-08-17-general-order-no-1", "1945-08-17"),
    ("1964-09-08-first-grave-visits", "1964-09-08"),
    ("1981-01-06-northern-territories-day", "1981-01-06"),
    ("1991-10-14-visa-free-exchange-agreement", "1991-10-14"),
    ("1992-visa-free-visits-begin", "1992-04-22"),  # issue 21: the first group arrived that day
    ("1997-11-02-krasnoyarsk-summit", "1997-11-02"),
    ("1998-04-19-kawana-summit", "1998-04-19"),
    ("1998-11-13-moscow-declaration", "1998-11-13"),
    ("1999-09-02-free-visit-agreement", "1999-09-02"),
    ("2016-12-15-nagato-summit", "2016-12-15"),
    ("2019-01-14-lavrov-kono-talks", "2019-01-14"),
    ("2019-01-16-lavrov-annual-press-conference", "2019-01-16"),
])
def test_the_missing_event_is_there_on_its_date(history, event, day):
    assert history.events.loc[event, "date"] == dt.date.fromisoformat(day)


@pytest.mark.parametrize("event", [
    "1856-12-07-shimoda-in-force", "1945-08-14-potsdam-accepted", "1964-09-08-first-grave-visits",
    "1981-01-06-northern-territories-day", "1999-09-02-free-visit-agreement", "2016-12-15-nagato-summit",
])
def test_a_new_event_rests_on_more_than_one_source(history, event):
    assert len(history.events.loc[event, "source_ids"]) >= 2


def test_the_first_visa_free_visits_are_dated_to_the_day_the_first_group_arrived(history):
    # Issue 21: NHK dates the islanders' first arrival at Nemuro to 22 April 1992 (it was "year" before).
    assert history.events.loc["1992-visa-free-visits-begin", "precision"] == "day"


def test_every_title_and_summary_is_in_japanese_and_russian(history):
    untranslated = [event.id for event in history.events.itertuples()
                    if not (JAPANESE.search(event.title_ja) and CYRILLIC.search(event.title_ru)
                            and JAPANESE.search(event.summary_ja) and CYRILLIC.search(event.summary_ru))]
    assert untranslated == []


# --- the corrections ---------------------------------------------------------------------------

def test_the_habomai_landings_began_after_the_surrender_was_signed(history):
    surrender = history.events.loc["1945-09-02-instrument-of-surrender"]
    assert "continued" not in surrender.summary_en
    assert "began only after this date" in surrender.summary_en
    assert history.events.loc["1945-09-03-habomai", "date"] > surrender.date


def test_the_removal_of_the_residents_has_an_end_and_neutral_titles(history):
    removal = history.events.loc["1947-deportation-of-residents"]
    assert "1948–1949" in removal.summary_en and "1948〜1949" in removal.summary_ja and "1948–1949" in removal.summary_ru
    assert "強制" not in removal.title_ja and "Выселение" not in removal.title_ru
    # each side's own term is kept, attributed, in the summary
    assert "Japan calls this a forced expulsion" in removal.summary_en and "repatriation" in removal.summary_en


def test_the_bluebook_event_says_what_changed_and_how_moscow_answered(history):
    bluebook = history.events.loc["2022-04-22-bluebook-illegal-occupation"]
    assert "since the 2003" in bluebook.summary_en and "softened" not in bluebook.summary_en
    assert "Kremlin" in bluebook.summary_en


def test_the_grave_visits_are_not_said_to_have_ended_with_the_visit_agreements(history):
    step14 = next(step for step in load_story(history) if step.number == 14)
    assert "including former islanders visiting family graves" not in step14.narrative["en"]
    assert "1964" in step14.narrative["en"] and "1964" in step14.narrative["ja"] and "1964" in step14.narrative["ru"]


def test_the_1956_declaration_is_joint_in_russian(history):
    assert "совместной" in history.events.loc["1956-10-19-joint-declaration-signed", "title_ru"]


def test_one_japanese_name_for_shikotan_and_the_habomai_islets(history):
    summary = history.events.loc["2022-09-05-visit-agreements-terminated", "summary_ja"]
    assert "色丹島・歯舞群島" in summary and "小クリル" not in summary


def test_the_annexation_decree_is_a_decree_of_the_presidium_in_the_story(history):
    step9 = next(step for step in load_story(history) if step.number == 9)
    assert "政令" not in step9.narrative["ja"] and "幹部会令" in step9.narrative["ja"]


def test_tanfilyeva_reads_suisho_to():
    assert geo.load_islands().loc["tanfilyeva", "name_ja_latn"] == "Suishō-tō"


# --- whose word a fact rests on ------------------------------------------------------------------

def test_every_source_has_a_kind(history):
    kinds = history.sources["kind"]
    assert sorted(kinds.index[~kinds.isin(list(SOURCE_KINDS))]) == []


def test_every_source_is_one_sides_word_or_neither(history):
    assert sorted(source for source, row in history.sources.iterrows() if source_side(row) not in SIDES) == []


def test_every_contested_row_has_sources_from_both_sides_or_says_why_not(history):
    assert one_sided_contested_rows(history) == []


def test_a_contested_row_citing_one_side_only_is_found(history):
    copy = geo.History(history.island_ids, history.groups, history.sources, history.events.copy(),
                       history.control, history.claims, history.first_record, history.today)
    copy.events.loc["1945-09-01-kunashir", "source_ids"] = ("hoppou-blog-nemuro-archive",)
    assert one_sided_contested_rows(copy) == ["events.csv: 1945-09-01-kunashir"]


def test_the_contested_events_include_the_landings_on_the_four_southern_groups(history):
    contested = set(history.events.index[history.events["contested"] == "yes"])
    assert {"1945-08-28-iturup", "1945-09-01-kunashir", "1945-09-01-shikotan", "1945-09-03-habomai"} <= contested


def test_commissioned_research_on_a_government_site_is_not_labelled_as_that_governments_word(history):
    research = history.sources.loc["cas-sf-article-2c"]
    assert research["kind"] == "scholarly" and "commissioned" in research["publisher"].lower()


@pytest.mark.parametrize("column, value, problem", [
    ("kind", "blog", "column kind: 'blog' is not one of official-japan"),
    ("side", "both", "column side: 'both' is not one of japan, russia, third"),
])
def test_an_uploaded_source_with_a_bad_kind_or_side_is_named_by_row_and_column(history, column, value, problem):
    row = {"id": "class-src", "title": "A source", "url": "https://example.org/", "publisher": "", "kind": "press",
           "side": "third"} | {column: value}
    raw = ("id,title,url,publisher,kind,side\n" + ",".join(row.values()) + "\n").encode()
    with pytest.raises(geo.HistoryDataError) as raised:
        history_with_uploads({"my-sources.csv": raw}, history)
    assert f"my-sources.csv: row 2: {problem}" in str(raised.value)


def test_an_uploaded_source_without_kind_or_side_columns_still_loads(history):
    raw = b"id,title,url,publisher\nclass-src,A source,https://example.org/,\n"
    merged = history_with_uploads({"my-sources.csv": raw}, history)
    assert merged.sources.loc["class-src", "kind"] == "" and source_side(merged.sources.loc["class-src"]) == ""


def test_an_uploaded_event_with_a_bad_contested_flag_is_named(history):
    raw = ("id,date,precision,kind,islands,title_en,title_ja,title_ru,summary_en,sources,date_note,contested\n"
           "class-x,1994-10-04,day,record,shikotan,A class event,,,Something.,wiki-en-kuril-islands,,maybe\n").encode()
    with pytest.raises(geo.HistoryDataError) as raised:
        history_with_uploads({"my-events.csv": raw}, history)
    assert "my-events.csv: row 2: column contested: 'maybe' is not yes, no or empty" in str(raised.value)


# --- what each treaty provides -------------------------------------------------------------------

@pytest.fixture(scope="module")
def clauses(history):
    return load_clauses(history)


def test_every_clause_names_an_event_an_article_and_a_source(history, clauses):
    assert clauses["event"].isin(history.events.index).all()
    assert clauses["source"].isin(history.sources.index).all()
    assert (clauses["article"] != "").all() and (clauses["provision"] != "").all() and (clauses["terms"] != "").all()


def test_every_clause_is_there_in_english_japanese_and_russian(clauses):
    by_event = clauses.groupby("event")["lang"].apply(sorted)
    assert {event: langs for event, langs in by_event.items() if langs != ["en", "ja", "ru"]} == {}
    assert all(JAPANESE.search(text) for text in clauses.loc[clauses["lang"] == "ja", "provision"])
    assert all(CYRILLIC.search(text) for text in clauses.loc[clauses["lang"] == "ru", "provision"])


@pytest.mark.parametrize("event, article", [
    ("1855-02-07-shimoda", "Article 2"),
    ("1875-08-22-saint-petersburg-ratified", "Article 2"),
    ("1945-02-11-yalta", "Paragraph 3"),
    ("1905-09-05-portsmouth", "Article IX"),
    ("1945-08-14-potsdam-accepted", "Paragraph 8"),
    ("1951-09-08-san-francisco-signed", "Article 2(c)"),
    ("1956-10-19-joint-declaration-signed", "Article 9"),
    ("1993-10-13-tokyo-declaration", "Paragraph 2"),
    ("2020-07-04-constitution-territory-clause", "Article 67, part 2.1"),
])
def test_the_provision_of_each_document_checked_is_there(clauses, event, article):
    assert clauses_of(clauses, [event], "en")["article"].tolist() == [article]


def test_the_key_terms_are_short_phrases_of_the_original(clauses):
    terms = [term.strip() for text in clauses["terms"] for term in text.split(";")]
    assert max(len(term.split()) for term in terms) <= 8 and max(len(term) for term in terms) <= 40


def test_a_clause_of_an_unknown_event_is_reported_with_file_and_row(history, tmp_path):
    rows = (DATA_DIR / "clauses.csv").read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1].replace("1855-02-07-shimoda", "1855-02-07-nowhere", 1)
    (tmp_path / "clauses.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(geo.DataFileError) as raised:
        load_clauses(history, tmp_path)
    assert f"{tmp_path / 'clauses.csv'}: row 2: column event: unknown event id '1855-02-07-nowhere'" in str(raised.value)


@pytest.mark.parametrize("step, event", [(2, "1855-02-07-shimoda"), (3, "1875-08-22-saint-petersburg-ratified"),
                                         (4, "1905-09-05-portsmouth"), (5, "1945-02-11-yalta"),
                                         (10, "1951-09-08-san-francisco-signed"),
                                         (11, "1956-10-19-joint-declaration-signed")])
def test_a_story_step_shows_the_provision_of_the_treaty_of_its_day(history, clauses, step, event):
    shown = next(s for s in load_story(history) if s.number == step)
    assert clauses_of(clauses, step_events(shown, history), "en")["event"].tolist() == [event]


def _panel_page():
    from ui.bundle import load_bundle
    from ui.panels import event_panel
    from ui.session import current_selection
    bundle = load_bundle()
    event_panel(bundle, current_selection(bundle))


def _story_page():
    from ui.bundle import load_bundle
    from ui.panels import story_provisions
    from geo.classroom.story import load_story as steps
    bundle = load_bundle()
    story_provisions(bundle, steps(bundle.history)[9], "ru")


def test_the_event_panel_shows_the_provision_collapsed_with_badged_sources():
    app = AppTest.from_function(_panel_page, default_timeout=60)
    app.query_params["date"] = "1951-09-08"
    app.run()
    assert not app.exception
    assert [e.label for e in app.expander] == [plain("What the document provides: Treaty of Peace with Japan "
                                                     "(San Francisco, 1951), Article 2(c)")]
    assert any(":green-badge[scholarly]" in item.value for item in app.markdown)


def test_the_story_step_shows_its_provision_in_its_language():
    app = AppTest.from_function(_story_page, default_timeout=60).run()
    assert not app.exception
    assert [e.label for e in app.expander] == [plain("Что предусматривает документ: Мирный договор с Японией "
                                                     "(Сан-Францисский, 1951), статья 2, пункт «c»")]


# --- published areas beside the outline's ------------------------------------------------------

@pytest.mark.parametrize("island, km2", [("iturup", 3166.6), ("kunashir", 1489.3), ("shikotan", 247.7),
                                         ("polonskogo", 10.9)])
def test_japans_gsi_area_is_kept_for_the_islands_it_measures(island, km2):
    assert load_published_areas().loc[island, "area_km2_gsi"] == km2


def test_an_area_for_an_unknown_island_is_reported_with_file_and_row(tmp_path):
    for name in ("gazetteer.csv", "areas_gsi.csv"):
        (tmp_path / name).write_bytes((DATA_DIR / name).read_bytes())
    with (tmp_path / "areas_gsi.csv").open("a", encoding="utf-8") as handle:
        handle.write("atlantis,12,hoppou-areas-gsi,\n")
    with pytest.raises(geo.DataFileError) as raised:
        load_published_areas(tmp_path)
    assert f"{tmp_path / 'areas_gsi.csv'}: row 10: column island: unknown island id 'atlantis'" in str(raised.value)


def _card_page():
    from ui.bundle import load_bundle
    from ui.panels import island_card
    from ui.session import current_selection
    bundle = load_bundle()
    island_card(bundle, current_selection(bundle))


def test_the_island_card_gives_the_gsi_area_beside_the_outlines():
    app = AppTest.from_function(_card_page, default_timeout=60)
    app.query_params["island"] = "iturup"
    app.run()
    assert not app.exception
    line = f"{plain('Published area')}, {plain('Japan' + chr(39) + 's Geospatial Information Authority (GSI)')}: 3,166.6 km²"
    assert any(item.value.startswith(line) for item in app.markdown)
