"""The third edition of the history (issue 21): the turning points of 1945-2012, whose word each
contested event rests on, and the wording a native teacher asked for. Every test reads the atlas's
own data and asserts exact values."""

from __future__ import annotations

import csv
import json
import datetime as dt
import re

import pytest

import geo
from geo.model.paths import DATA_DIR
from geo.model.records import source_side
from geo.classroom.story import load_story

JAPANESE, CYRILLIC = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"), re.compile(r"[\u0400-\u04ff]")


@pytest.fixture(scope="module")
def history():
    return geo.load_history()


def read_csv(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sides(history, event: str) -> set[str]:
    sources = history.sources
    return {source_side(sources.loc[source]) for source in history.events.loc[event, "source_ids"]}


# --- the turning points a teacher expects ---------------------------------------------------------

NEW_EVENTS = [
    ("1945-04-05-neutrality-pact-denounced", "1945-04-05", "day"),
    ("1947-01-02-sakhalin-oblast-merger", "1947-01-02", "day"),
    ("1951-03-31-habomai-resolution", "1951-03-31", "day"),
    ("1951-09-05-gromyko-san-francisco", "1951-09-05", "day"),
    ("1951-09-07-yoshida-san-francisco", "1951-09-07", "day"),
    ("1951-10-19-nishimura-diet-answer", "1951-10-19", "day"),
    ("1952-07-31-diet-territory-resolution", "1952-07-31", "day"),
    ("1953-07-07-diet-territory-resolution", "1953-07-07", "day"),
    ("1956-02-11-unified-view", "1956-02-11", "day"),
    ("1956-08-19-dulles-warning", "1956-08-19", "day"),
    ("1956-09-07-us-aide-memoire", "1956-09-07", "day"),
    ("1956-09-29-matsumoto-gromyko-letters", "1956-09-29", "day"),
    ("1973-10-10-tanaka-brezhnev-communique", "1973-10-10", "day"),
    ("2000-09-05-putin-tokyo-statement", "2000-09-05", "day"),
    ("2003-01-10-action-plan", "2003-01-10", "day"),
    ("2005-11-21-putin-koizumi-tokyo", "2005-11-21", "day"),
    ("2012-03-putin-hikiwake", "2012-03-01", "month"),
    ("2012-07-03-medvedev-kunashir-again", "2012-07-03", "day"),
]


@pytest.mark.parametrize("event, day, precision", NEW_EVENTS)
def test_the_turning_point_is_there_on_its_date_at_its_precision(history, event, day, precision):
    row = history.events.loc[event]
    assert (row["date"], row["precision"]) == (dt.date.fromisoformat(day), precision)


@pytest.mark.parametrize("event", [event for event, _, _ in NEW_EVENTS])
def test_a_turning_point_is_told_in_three_languages_and_rests_on_two_sources(history, event):
    row = history.events.loc[event]
    assert (bool(JAPANESE.search(row["title_ja"] + row["summary_ja"])),
            bool(CYRILLIC.search(row["title_ru"] + row["summary_ru"])),
            len(row["source_ids"]) >= 2) == (True, True, True)


def test_the_diet_answer_of_1951_and_the_unified_view_of_1956_rest_on_the_diet_record(history):
    assert ("cccp-1956-diet-nishimura-quoted" in history.events.loc["1951-10-19-nishimura-diet-answer", "source_ids"],
            "worldjpn-1956-unified-view" in history.events.loc["1956-02-11-unified-view", "source_ids"],
            history.sources.loc["worldjpn-1956-unified-view", "kind"]) == (True, True, "official-japan")


def test_the_events_are_listed_in_date_order_apart_from_the_sakhalin_row_kept_last():
    dates = [row["date"] for row in read_csv("events.csv")[:-1]]
    assert dates == sorted(dates)


# --- the corrections -------------------------------------------------------------------------------

def test_general_order_no_1_says_the_kurils_were_added_at_stalins_request_on_18_august(history):
    order = history.events.loc["1945-08-17-general-order-no-1"]
    assert ("On 18 August, the day of the Shumshu landing, Truman agreed to add all the Kurils" in order["summary_en"],
            "on 16 August Stalin asked for all the Kuril Islands" in order["summary_en"],
            "the Kurils were added to the Soviet area on 18 August" in order["date_note"],
            "frus-1945-stalin-truman-kurils" in order["source_ids"]) == (True, True, True, True)


def test_the_1956_declaration_is_not_said_to_have_settled_the_question_for_moscow(history):
    summary = history.events.loc["1956-10-19-joint-declaration-signed", "summary_en"]
    assert ("settled by this" in summary, "27 January 1960" in summary, "1961" in summary,
            "Irkutsk Statement of 2001" in summary) == (False, True, True, True)


def test_the_soviet_claim_to_shikotan_and_habomai_says_the_transfer_was_made_conditional_from_1960(history):
    row = next(claim for claim in read_csv("claims.csv")
               if claim["state"] == "Soviet Union" and claim["islands"] == "lesser" and claim["start"] == "1956-12-12")
    assert ("From the memorandum of 27 January 1960" in row["note"], "foreign troops" in row["note"],
            "spf-russia-claim" in row["sources"].split(";")) == (True, True, True)


@pytest.mark.parametrize("event", [
    "1855-02-07-shimoda", "1945-02-11-yalta", "1951-09-08-san-francisco-signed",
    "2001-03-25-irkutsk-statement", "2010-11-01-medvedev-kunashir", "2020-07-04-constitution-territory-clause",
])
def test_an_event_read_differently_by_each_side_cites_both_sides(history, event):
    assert {"japan", "russia"} <= sides(history, event)


def test_scapin_677_gives_the_us_reading_and_the_russian_one_each_with_its_source(history):
    scapin = history.events.loc["1946-01-29-scapin-677"]
    assert ("which Japan stresses" in scapin["summary_en"], "the United States told Japan in 1955" in scapin["summary_en"],
            sides(history, "1946-01-29-scapin-677")) == (False, True, {"third", "russia"})


def test_the_1956_letters_give_japans_reading_and_the_soviet_record_of_the_struck_words(history):
    letters = history.events.loc["1956-09-29-matsumoto-gromyko-letters"]
    assert ("'including the territorial question' struck" in letters["summary_en"], letters["contested"],
            {"japan", "russia"} <= sides(history, "1956-09-29-matsumoto-gromyko-letters")) == (True, "yes", True)


def test_the_2010_visit_cites_japans_own_protest(history):
    assert "mofa-2010-medvedev-protest" in history.events.loc["2010-11-01-medvedev-kunashir", "source_ids"]


def test_the_removal_of_the_residents_says_they_were_shipped_in_every_language(history):
    removal = history.events.loc["1947-deportation-of-residents"]
    assert (removal["title_en"], removal["title_ja"], removal["title_ru"]) == (
        "Japanese residents of the southern islands shipped to Japan via Sakhalin",
        "北方四島の日本人住民、樺太経由で日本へ送られる",
        "Японские жители южных островов отправлены в Японию через Сахалин")


# --- what a native teacher corrected --------------------------------------------------------------

def every_cell(language: str) -> list[str]:
    """Every text cell in one language in the history and interface tables."""
    cells = []
    for name in ["events.csv", "story.csv", "claims.csv", "clauses.csv"]:
        for row in read_csv(name):
            cells += [text for column, text in row.items() if column.endswith(f"_{language}")]
    cells += [row[language] for row in read_csv("ui_text.csv")]
    return cells


@pytest.mark.parametrize("language, wrong", [
    ("ja", "モスクワ("), ("ja", "南部の4島"), ("ja", "南部の4つの島"), ("ja", "政令"), ("ja", "係争点"), ("ja", "授業を発表"),
    ("ja", "1997年のクラスノヤルスク"), ("ja", "と再記述"),
    ("ru", "в связи с вторжением"), ("ru", "День северных территорий"), ("ru", "Днём северных территорий"),
    ("ru", "бухте Рубецу"), ("ru", "Претендует"),
])
def test_a_wording_a_native_teacher_corrected_is_gone(language, wrong):
    assert [cell for cell in every_cell(language) if wrong in cell] == []


def test_the_2022_bluebook_title_says_the_words_were_written_again_after_19_years(history):
    assert history.events.loc["2022-04-22-bluebook-illegal-occupation", "title_ja"] == "外交青書、19年ぶりに北方領土を「不法占拠」と明記"


@pytest.mark.parametrize("key, language, text", [
    ("claimed_by", "ru", "Претенденты"),
    ("contested_short", "ru", "спорное"),
    ("contested_short", "ja", "双方の見解が対立"),
    ("lesson_present", "ja", "この授業を始める"),
])
def test_an_interface_label_reads_as_a_native_teacher_asked(key, language, text):
    assert next(row[language] for row in read_csv("ui_text.csv") if row["key"] == key) == text


def test_story_step_16_in_russian_names_the_buttons_as_the_map_does(history):
    step = next(step for step in load_story(history) if step.number == 16)
    assert ("«Карты России» в правом верхнем углу" in step.narrative["ru"],
            "Кнопка «Фактическое управление»" in step.narrative["ru"]) == (True, True)




# --- Japan's maps 1945-56, and Russia's beside them (data/views.csv) -------------------------------

JP, SU, OPEN = "Japan", "Soviet Union", "undetermined"
ISLANDS = ["shumshu", "urup", "iturup", "kunashir", "shikotan", "zelyony"]
MAPS = {
    ("japan", "1946-01-01"): [(JP, True), (JP, True), (JP, True), (JP, True), (JP, False), (JP, False)],
    ("japan", "1950-06-01"): [(JP, True), (JP, True), (JP, True), (JP, True), (JP, False), (JP, False)],
    ("japan", "1954-06-01"): [(OPEN, False), (OPEN, False), (OPEN, False), (OPEN, False), (JP, False), (JP, False)],
    ("japan", "1957-06-01"): [(OPEN, False), (OPEN, False), (JP, False), (JP, False), (JP, False), (JP, False)],
    **{("russia", day): [(SU, False)] * 6 for day in ("1946-01-01", "1950-06-01", "1954-06-01", "1957-06-01")},
}


@pytest.mark.parametrize("perspective, day", list(MAPS), ids=[f"{perspective}-{day[:4]}" for perspective, day in MAPS])
def test_each_sides_maps_draw_the_islands_exactly_so(perspective, day):
    table = geo.status_at(day, perspective=perspective).loc[ISLANDS]
    assert list(zip(table["shown_as"], table["unclear"].astype(bool))) == MAPS[perspective, day]


@pytest.mark.parametrize("day", ["1945-08-15", "1946-01-01", "1950-06-01", "1952-04-27", "1954-06-01", "1956-02-10"])
def test_japans_maps_never_draw_an_island_in_the_soviet_colour(day):
    assert SU not in set(geo.status_at(day, perspective="japan")["shown_as"])


def test_iturup_undetermined_on_japans_maps_1952_56_carries_the_note_that_japan_holds_it_never_renounced():
    note = geo.status_at("1954-06-01", perspective="japan").loc["iturup", "view_note"]
    assert ("19 October 1951" in note, "never renounced" in note) == (True, True)


@pytest.mark.parametrize("day, expected", [("1950-06-01", (JP, True)), ("1954-06-01", (OPEN, False))])
def test_south_sakhalin_on_japans_maps_follows_the_same_rules(day, expected):
    row = geo.context_status_at(day, perspective="japan").loc["south-sakhalin"]
    assert (row["shown_as"], bool(row["unclear"])) == expected


# --- dates at their precision (geo.model.dates.format_event_date) -----------------------------------

from geo.model.dates import format_event_date  # noqa: E402
from geo.model.records import event_when  # noqa: E402


@pytest.mark.parametrize("day, precision, lang, text", [
    ("1711-01-01", "year", "en", "1711"), ("1711-01-01", "year", "ja", "1711年"), ("1711-01-01", "year", "ru", "1711"),
    ("1945-08-01", "month", "en", "August 1945"), ("1945-08-01", "month", "ja", "1945年8月"),
    ("1945-08-01", "month", "ru", "август 1945"),
    ("1945-08-18", "day", "en", "1945-08-18"), ("1945-08-18", "day", "ja", "1945-08-18"), ("1945-08-18", "day", "ru", "1945-08-18"),
])
def test_a_date_is_written_no_more_exactly_than_it_is_known(day, precision, lang, text):
    assert format_event_date(dt.date.fromisoformat(day), precision, lang) == text


@pytest.mark.parametrize("precision, lang, problem", [
    ("week", "en", "unknown precision 'week'; use one of day, month, year"),
    ("year", "fr", "unknown language 'fr'; use one of en, ja, ru"),
])
def test_an_unknown_precision_or_language_is_named(precision, lang, problem):
    with pytest.raises(ValueError) as raised:
        format_event_date(dt.date(1711, 1, 1), precision, lang)
    assert str(raised.value) == problem


@pytest.mark.parametrize("event, lang, text", [
    ("1711-shumshu-landing", "en", "1711"), ("1789-menashi-kunashir-rebellion", "en", "May 1789"),
    ("1789-menashi-kunashir-rebellion", "ru", "май 1789"), ("2012-03-putin-hikiwake", "ja", "2012年3月"),
    ("1945-08-18-shumshu-landing", "en", "1945-08-18"),
])
def test_an_event_is_dated_at_its_precision(history, event, lang, text):
    assert event_when(history.events.loc[event], lang) == text


@pytest.fixture(scope="module")
def payload(history):
    from geo.model.i18n import ui_text
    from geo.model.timeline import build_timeline, client_payload
    return client_payload(build_timeline(history), geo.load_islands(simplified=True), ui_text())


def test_the_replay_table_gives_each_event_its_label_date_in_every_language(payload):
    events = {event["id"]: event for event in payload["events"]}
    assert (events["1711-shumshu-landing"]["when"], events["2012-03-putin-hikiwake"]["when"]["en"],
            events["1945-08-18-shumshu-landing"]["when"]["ja"]) == (
        {"en": "1711", "ja": "1711年", "ru": "1711"}, "March 2012", "1945-08-18")


def test_no_event_known_only_to_a_year_or_month_is_labelled_with_a_day_in_the_replay_table(history, payload):
    coarse = set(history.events.index[history.events["precision"] != "day"])
    labels = [text for event in payload["events"] if event["id"] in coarse for text in event["when"].values()]
    assert (len(labels), [text for text in labels if re.search(r"\d{4}-\d{2}-\d{2}", text)]) == (3 * len(coarse), [])


def test_the_map_script_labels_an_event_with_the_date_python_wrote():
    from geo.render.webassets import atlas_script
    script = atlas_script()  # the map's files, joined
    assert 'var when = (event.when && event.when[this.state.lang]) || event.date;' in script


def test_a_handout_of_1711_dates_the_landing_to_its_year(history):
    from geo.render.handout import handout_text
    caption = dict(handout_text("1711-06-01", "en", history).caption)
    assert caption["What set this state"].splitlines()[0] == "1711 — Cossacks Antsiferov and Kozyrevsky land on Shumshu"


@pytest.mark.parametrize("lang, text", [
    ("en", "1711: which island changed hands? Click it on the map or choose it below."),
    ("ja", "1711年:統治者が変わった島は？地図上でクリックするか下から選んでください。"),
])
def test_the_quiz_asks_about_a_change_of_1711_as_1711(history, lang, text):
    from geo.classroom.quiz import Question, question_text
    question = Question("changed_island", date=dt.date(1711, 1, 1), event="1711-shumshu-landing")
    assert question_text(question, history, {}, lang) == text


def test_no_quiz_question_gives_a_day_for_a_change_known_only_to_the_year(history):
    from geo.classroom.quiz import make_quiz, question_text
    from geo.model.timeline import build_timeline
    timeline = build_timeline(history)
    texts = [question_text(q, history, {i: i for i in history.island_ids}, "en")
             for seed in range(40) for q in make_quiz(history, timeline, seed) if q.kind == "changed_island"]
    coarse_days = {day.isoformat() for day in history.events.loc[history.events["precision"] != "day", "date"]}
    assert (len(texts) > 0, [text for text in texts if any(day in text for day in coarse_days)]) == (True, [])


def test_the_event_panel_and_the_event_picker_date_the_landing_of_1711_to_its_year():
    from ui.bundle import load_bundle
    from ui.panels import event_markdown
    bundle = load_bundle()
    assert (event_markdown(bundle, "1711-shumshu-landing", "ru").splitlines()[0],
            bundle.event_labels("en")["1789-menashi-kunashir-rebellion"]) == (
        "**1711** — Высадка казаков Анциферова и Козыревского на Шумшу", "May 1789 — Menashi–Kunashir Ainu uprising")


# --- a lesson step dated "today" ----------------------------------------------------------------------

def test_the_storys_last_steps_are_dated_today_and_show_the_day_they_are_shown():
    from geo.classroom.story import load_story
    later = geo.load_history(today=dt.date(2031, 5, 6))
    steps = load_story(later)
    assert [step.date for step in steps[-2:]] == [dt.date(2031, 5, 6)] * 2


def test_the_story_dates_its_first_step_to_the_year_of_the_landing(history):
    from geo.classroom.story import step_when
    steps = load_story(history)
    assert (step_when(steps[0], history, "en"), step_when(steps[5], history, "en")) == ("1711", "1945-08-18")


def test_a_teachers_lesson_step_dated_today_is_the_atlas_today_and_stays_today_in_its_file():
    from geo.classroom.lesson import lesson_csv
    from geo.classroom.steps import read_step_rows, read_steps
    later = geo.load_history(today=dt.date(2031, 5, 6))
    raw = "step,date,title_en\n1,today,Where things stand\n".encode()
    steps, rows = read_steps(raw, "mine.csv", later), read_step_rows(raw, "mine.csv")
    assert (steps[0].date, read_step_rows(lesson_csv(rows), "mine.csv")[0]["date"]) == (dt.date(2031, 5, 6), "today")


# --- python -m geo events ---------------------------------------------------------------------------

def test_geo_events_prints_each_event_of_the_range_with_its_date_at_its_precision(capsys):
    from geo.cli import main
    assert main(["events", "--from", "1700", "--to", "1790"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1711      Cossacks Antsiferov and Kozyrevsky land on Shumshu  [hoppou-history, wiki-en-kuril-islands]",
        "1754      Matsumae domain opens a trading post on Kunashir  [hoppou-history]",
        "May 1789  Menashi–Kunashir Ainu uprising  [wiki-en-menashi-kunashir]",
    ]


def test_geo_events_counts_an_event_known_to_the_month_where_its_month_meets_the_range(capsys):
    from geo.cli import main
    assert main(["events", "--from", "2012-03-15", "--to", "2012-06-30", "--json", "--lang", "ru"]) == 0
    assert [(row["id"], row["when"], row["sources"]) for row in json.loads(capsys.readouterr().out)] == [
        ("2012-03-putin-hikiwake", "март 2012", ["japantimes-2015-hikiwake", "rt-2019-hikiwake"])]


@pytest.mark.parametrize("argv, message", [
    (["events", "--from", "1956-13"],
     "python -m geo: error: --from '1956-13': use a day (1945-08-18), a month (1945-08) or a year (1945); "
     "month must be in 1..12"),
    (["events", "--from", "1960", "--to", "1950"], "python -m geo: error: --from 1960 is after --to 1950"),
    (["events", "--to", "soon"],
     "python -m geo: error: --to 'soon': use a day (1945-08-18), a month (1945-08) or a year (1945); "
     "'soon' is not a date in the form YYYY-MM-DD"),
])
def test_geo_events_refuses_a_bad_range_with_a_message_and_status_2(capsys, argv, message):
    from geo.cli import main
    assert (main(argv), capsys.readouterr().err.strip()) == (2, message)


def test_geo_events_refuses_an_unknown_language_with_status_2(capsys):
    from geo.cli import main
    with pytest.raises(SystemExit) as raised:
        main(["events", "--lang", "fr"])
    assert (raised.value.code, "invalid choice: 'fr'" in capsys.readouterr().err) == (2, True)


# --- the 1956 provision in its own authentic texts ------------------------------------------------------

@pytest.mark.parametrize("lang, terms, source", [
    ("en", "agrees to transfer; after the conclusion of a Peace Treaty", "wiki-en-joint-declaration-1956"),
    ("ja", "引き渡すことに同意する; 平和条約が締結された後に現実に引き渡される", "worldjpn-1956-joint-declaration-ja"),
    ("ru", "соглашается на передачу; фактическая передача; после заключения Мирного Договора",
     "akademiakhv-1956-joint-declaration-ru"),
])
def test_the_1956_provision_quotes_its_own_authentic_text_in_japanese_and_russian(history, lang, terms, source):
    from geo.model.records import clauses_of, load_clauses
    row = clauses_of(load_clauses(history), ["1956-10-19-joint-declaration-signed"], lang).iloc[0]
    assert (row["terms"], row["source"]) == (terms, source)


def test_a_provision_missing_a_language_is_still_reported(history, tmp_path):
    import shutil
    from geo.model.errors import DataFileError
    from geo.model.records import load_clauses
    lines = (DATA_DIR / "clauses.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "clauses.csv").write_text("".join(line for line in lines
                                                  if not line.startswith("1956-10-19-joint-declaration-signed,Совместная")),
                                          encoding="utf-8")
    shutil.copy(DATA_DIR / "sources.csv", tmp_path / "sources.csv")
    with pytest.raises(DataFileError) as raised:
        load_clauses(history, tmp_path)
    assert str(raised.value).endswith("event 1956-10-19-joint-declaration-signed: no provision in ru")


def test_the_timeline_dates_a_period_begun_by_an_event_known_to_the_year_to_that_year(history):
    from geo.model.records import day_when
    from geo.model.timeline import build_timeline, control_spans
    spans = {(span[0], span[1]): span for span in control_spans(build_timeline(history))}
    island, start, end, controller, began, ended = spans["shumshu", dt.date(1711, 1, 1)]
    assert ((controller, began, ended), day_when(history, start, began, "ja"), day_when(history, end, ended, "en")) == (
        ("Russian Empire", "1711-shumshu-landing", "1855-02-07-shimoda"), "1711年", "1855-02-07")


def test_the_island_card_dates_shumshus_periods_at_the_precision_of_their_events():
    from streamlit.testing.v1 import AppTest
    from test_history_edition2 import _card_page  # the island card alone on a page
    app = AppTest.from_function(_card_page, default_timeout=60)
    app.query_params["island"] = "shumshu"
    app.run()
    table = app.dataframe[0].value
    assert (app.exception, table.iloc[:3, :2].values.tolist()) == (
        [], [["1644", "1711"], ["1711", "1855-02-07"], ["1855-02-07", "1875-08-22"]])


def test_the_offline_export_carries_each_events_label_date_at_its_precision():
    from geo.render.export import build_offline_html
    page = build_offline_html("en", "1945-09-05")
    assert ('"id":"1711-shumshu-landing","date":"1711-01-01","when":{"en":"1711","ja":"1711年","ru":"1711"}' in page,
            '"when":{"en":"March 2012","ja":"2012年3月","ru":"март 2012"}' in page) == (True, True)
