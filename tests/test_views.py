"""Perspectives: the same day as each side's maps draw it (geo.model.perspectives, data/views.csv).

``administered`` is who held each island; ``japan`` and ``russia`` are what each government's
official position assigns it to, derived from claims.csv by the rules of views.csv.
"""

from __future__ import annotations

import dataclasses
import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import geo
from geo.cli import main
from geo.render.handout import HandoutError, handout_text
from geo.model.i18n import LANGUAGES, ui_text
from geo.render.mapview import AtlasLayer
from geo.render.contract import MapReport, MapState
from geo.model.paths import DATA_DIR, REPO_DIR
from geo.model.records import STATES
from geo.model.status import STATUS_COLUMNS, default_history
from geo.model.timeline import build_timeline, client_payload
from geo.model.upload import history_with_uploads
from geo.classroom.address import Selection, selection_from_query
from geo.model.perspectives import SHOWS, PerspectiveRuleError, load_perspective_rules
from geo.render.webassets import AssetUrls

TODAY = dt.date.today().isoformat()
HABOMAI = ["polonskogo", "oskolki", "zelyony", "tanfilyeva", "yuri", "demina", "rifovy", "storozhevoy", "anuchina"]
SOUTHERN = ["iturup", "kunashir", "shikotan", "zelyony", "anuchina"]  # two of the Habomai islets stand for all
NORTH_OF_ITURUP = ["shumshu", "paramushir", "urup"]
JP, RE, SU, RF, OPEN = "Japan", "Russian Empire", "Soviet Union", "Russian Federation", "undetermined"


def shown_as(perspective: str, day: str, island: str) -> str:
    return geo.status_at(day, perspective=perspective).loc[island, "shown_as"]


# --- what each perspective shows on days where the answer is not in doubt -------------------------

EXPECTED = [
    # 1860: the Shimoda treaty (1855) put the border between Iturup and Urup; both sides agree.
    *[(perspective, "1860-06-01", island, RE) for perspective in ("japan", "russia") for island in NORTH_OF_ITURUP],
    *[(perspective, "1860-06-01", island, JP) for perspective in ("japan", "russia") for island in SOUTHERN],
    # 1880 and 1930: the whole chain Japanese under the 1875 treaty; both sides agree.
    *[(perspective, day, island, JP) for perspective in ("japan", "russia") for day in ("1880-01-01", "1930-01-01")
      for island in NORTH_OF_ITURUP + SOUTHERN],
    # 1960: Japan claims the southern four and leaves what it renounced in 1951 undetermined ...
    *[("japan", "1960-01-01", island, OPEN) for island in NORTH_OF_ITURUP],
    *[("japan", "1960-01-01", island, JP) for island in SOUTHERN],
    # ... the Soviet Union claims the whole chain, Shikotan and Habomai included.
    *[("russia", "1960-01-01", island, SU) for island in NORTH_OF_ITURUP + SOUTHERN],
    # Today: the same, with the Russian Federation.
    *[("japan", TODAY, island, OPEN) for island in NORTH_OF_ITURUP],
    *[("japan", TODAY, island, JP) for island in SOUTHERN],
    *[("russia", TODAY, island, RF) for island in NORTH_OF_ITURUP + SOUTHERN],
]


@pytest.mark.parametrize("perspective, day, island, expected", EXPECTED,
                         ids=[f"{v}-{d[:4]}-{i}" for v, d, i, _ in EXPECTED])
def test_each_perspective_assigns_the_island_to_the_state_its_side_names(perspective, day, island, expected):
    assert shown_as(perspective, day, island) == expected


def test_japans_maps_today_colour_exactly_the_southern_four_as_japanese():
    table = geo.status_at(TODAY, perspective="japan")
    assert sorted(table.index[table["shown_as"] == JP]) == sorted(["iturup", "kunashir", "shikotan", *HABOMAI])


def test_japans_maps_today_leave_every_other_island_undetermined():
    table = geo.status_at(TODAY, perspective="japan")
    assert set(table["shown_as"][~table.index.isin(["iturup", "kunashir", "shikotan", *HABOMAI])]) == {OPEN}


def test_russias_maps_name_the_soviet_union_until_its_end_and_the_russian_federation_after():
    days = ["1991-12-25", "1991-12-26"]
    assert [set(geo.status_at(day, perspective="russia")["shown_as"]) for day in days] == [{SU}, {RF}]


# --- where a side's position is unclear, its own claim is drawn, marked, with a note (issue 21) ---

@pytest.mark.parametrize("day, island, expected", [
    ("1950-01-01", "shumshu", (JP, True)),  # occupied Japan, title not yet renounced: never the Soviet colour
    ("1950-01-01", "shikotan", (JP, False)),  # claimed explicitly (the Diet's resolution of 31 March 1951)
    ("1945-08-20", "iturup", (JP, True)),  # after the surrender was accepted, before the landing
    ("1954-01-01", "iturup", (OPEN, False)),  # counted among the renounced Kurils until February 1956
    ("1954-01-01", "shikotan", (JP, False)),  # always counted as part of Hokkaido
    ("1957-01-01", "iturup", (JP, False)),  # after the government's unified view of February 1956
])
def test_where_japans_position_is_unclear_its_perspective_draws_its_claim_marked(day, island, expected):
    row = geo.status_at(day, perspective="japan").loc[island]
    assert (row["shown_as"], bool(row["unclear"])) == expected


def test_an_unclear_island_carries_the_note_of_the_rule_that_says_why():
    row = geo.status_at("1950-01-01", perspective="japan").loc["urup"]
    assert "SCAPIN-677" in row["view_note"]


def test_russias_perspective_between_the_landings_and_the_1946_decree_shows_the_soviet_administration():
    # No Soviet claim is recorded before the decree of 2 February 1946: the rule for "none" applies.
    row = geo.status_at("1945-12-01", perspective="russia").loc["iturup"]
    assert (row["shown_as"], bool(row["unclear"])) == (SU, False)


# --- the administered perspective is the status table of before -----------------------------------

@pytest.mark.parametrize("day", ["1644-01-01", "1860-06-01", "1945-08-28", "1960-01-01", TODAY])
def test_the_administered_perspective_is_status_at_unchanged(day):
    explicit = geo.status_at(day, perspective="administered")
    assert (explicit.columns.tolist(), explicit.equals(geo.status_at(day))) == (STATUS_COLUMNS, True)


@pytest.mark.parametrize("perspective", ["japan", "russia"])
def test_a_side_perspective_adds_its_columns_and_keeps_the_status_columns_as_they_are(perspective):
    table = geo.status_at("1945-08-28", perspective=perspective)
    assert table[STATUS_COLUMNS].equals(geo.status_at("1945-08-28"))


def test_an_unknown_perspective_is_refused_with_the_perspectives_there_are():
    with pytest.raises(ValueError, match="administered, japan, russia"):
        geo.status_at("1960-01-01", perspective="china")


# --- the perspectives are derived from claims.csv by the rules of views.csv -----------------------

@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of data/ to change."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy, ignore=shutil.ignore_patterns("examples", "islands.geojson", "context.geojson"))
    return copy


def edit(path: Path, change) -> None:
    """Rewrite a CSV file with ``change(rows)`` applied to its row dicts."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = reader.fieldnames, list(reader)
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def where(**match):
    """A change setting ``column=value`` on the rows matching all of ``match`` (``set_`` prefixed)."""
    def change(rows):
        found = [row for row in rows if all(row[k] == v for k, v in match.items() if not k.startswith("set_"))]
        assert found, match
        for row in found:
            row.update({k[4:]: v for k, v in match.items() if k.startswith("set_")})
    return change


@pytest.mark.parametrize("change, perspective, island, before, after", [
    pytest.param(where(state="Japan", islands="northern;middle", position="renounced", set_position="sovereignty"),
                 "japan", "urup", OPEN, JP, id="Japan claiming Urup again draws it Japanese"),
    pytest.param(where(state="Russian Federation", islands="northern;middle;southern", set_position="undetermined"),
                 "russia", "urup", RF, OPEN, id="a Russian position leaving Urup open draws it undetermined"),
    pytest.param(where(state="Japan", islands="iturup;kunashir;lesser", set_end="1991-12-26"),
                 "japan", "iturup", JP, RF, id="Japan dropping its claim shows who administers Iturup"),
])
def test_changing_a_claims_row_changes_the_perspective(data, change, perspective, island, before, after):
    edit(data / "claims.csv", change)
    changed = geo.load_history(data)
    assert (shown_as(perspective, TODAY, island), geo.status_at(TODAY, changed, perspective).loc[island, "shown_as"]) == (before, after)


def test_changing_a_rule_of_views_csv_changes_the_perspective(data):
    edit(data / "views.csv", where(view="japan", positions="renounced;undetermined", set_shows="administered"))
    rules = load_perspective_rules(data)
    assert geo.status_at(TODAY, perspective="japan", rules=rules).loc["urup", "shown_as"] == RF


@pytest.mark.parametrize("change, problem", [
    pytest.param(where(view="russia", positions="none", set_view="china"), "column view: 'china' is not one of",
                 id="unknown view"),
    pytest.param(where(view="japan", positions="none", set_positions="forgotten"), "column positions: 'forgotten'",
                 id="unknown position"),
    pytest.param(where(view="japan", positions="none", set_shows="blue"), "column shows: 'blue'", id="unknown shows"),
    pytest.param(where(view="japan", positions="none", set_sources="atlantis-chronicle"),
                 "column sources: unknown source id 'atlantis-chronicle'", id="unknown source"),
    pytest.param(where(view="japan", islands="iturup;kunashir", start="1952-04-28", set_end="1955-01-01"),
                 "view japan, position sovereignty, iturup: starts 1956-02-11, not where the rules before it end "
                 "(1955-01-01)", id="a gap in time"),
    pytest.param(lambda rows: rows.remove(next(r for r in rows if r["view"] == "russia" and r["positions"] == "none")),
                 "view russia, position none, urup: no rule from the beginning", id="a position with no rule"),
])
def test_a_broken_rule_is_reported_with_file_row_and_problem(data, change, problem):
    edit(data / "views.csv", change)
    with pytest.raises(PerspectiveRuleError) as raised:
        load_perspective_rules(data)
    assert any(problem in p and "views.csv" in p for p in raised.value.problems), raised.value.problems


def test_every_rule_rests_on_a_source_with_an_https_address():
    urls = default_history().sources["url"]
    unsourced = [rule.row for rule in load_perspective_rules() if not all(urls[s].startswith("https://") for s in rule.sources)]
    assert unsourced == []


def test_data_readme_documents_views_csv_and_every_value_of_its_shows_column():
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert [value for value in ("views.csv", *SHOWS) if f"`{value}`" not in readme] == []


# --- South Sakhalin, shaded by the same rules --------------------------------------------------

@pytest.mark.parametrize("perspective, day, expected", [
    ("administered", "1900-01-01", ""),  # before Portsmouth the region is not shaded
    ("administered", "1930-01-01", JP),
    ("administered", "1960-01-01", SU),
    ("administered", TODAY, RF),
    ("japan", "1930-01-01", JP),
    ("japan", "1950-01-01", JP),  # unclear: Japan's title, marked
    ("japan", "1960-01-01", OPEN),
    ("japan", TODAY, OPEN),
    ("russia", "1930-01-01", JP),  # Russia recognised the Portsmouth line
    ("russia", "1960-01-01", SU),
    ("russia", TODAY, RF),
])
def test_south_sakhalin_is_shown_by_the_same_rules_as_the_islands(perspective, day, expected):
    assert geo.context_status_at(day, perspective=perspective).loc["south-sakhalin", "shown_as"] == expected


def test_south_sakhalin_is_the_part_of_sakhalin_south_of_the_1905_line():
    area = geo.load_context_areas().loc["south-sakhalin", "geometry"]
    sakhalin = geo.load_context().loc["sakhalin", "geometry"]
    assert (area.bounds[3], area.difference(sakhalin).area < 1e-9, area.area > 0.5 * sakhalin.area / 2) == (50.0, True, True)


def test_an_upload_may_not_shade_a_context_region_the_atlas_does_not_shade():
    text = (DATA_DIR / "control.csv").read_text(encoding="utf-8") + \
        "hokkaido,1869-01-01,,Japan,1799-east-ezo-direct-rule,hoppou-history,not shaded\n"
    with pytest.raises(geo.HistoryDataError) as raised:
        history_with_uploads({"control.csv": text.encode()}, default_history())
    assert "column islands: unknown island id 'hokkaido'" in str(raised.value)


# --- the replay table: every perspective in the browser, with no server call ----------------------

@pytest.fixture(scope="module")
def timeline():
    return build_timeline(default_history())


@pytest.fixture(scope="module")
def payload(timeline):
    return client_payload(timeline, geo.load_islands(simplified=True), ui_text())


def replay(segments, day: str) -> list:
    """The segment in force on ``day``, as the browser reads it (the last one started on or before it)."""
    return [segment for segment in segments if segment[0] <= day][-1]


@pytest.mark.parametrize("perspective", ["japan", "russia"])
def test_the_payload_replays_each_perspective_as_status_at_gives_it_on_every_slider_frame(payload, perspective):
    states = payload["states"]
    decode = {-1: "", -2: OPEN, **dict(enumerate(states))}
    wrong = []
    for day in payload["frames"][::7] + [TODAY, "1945-08-15", "1952-04-28", "1956-02-11"]:
        table = geo.status_at(day, perspective=perspective)
        for island, entry in payload["islands"].items():
            segment = replay(entry["perspectives"][perspective], day)
            got = (decode[segment[1]], len(segment) == 3)
            if got != (table.loc[island, "shown_as"], bool(table.loc[island, "unclear"])):
                wrong.append((day, island, got))
    assert wrong == []


def test_the_payload_keeps_the_administered_segments_in_their_five_field_format(payload, timeline):
    iturup = payload["islands"]["iturup"]["segments"]
    first = timeline.segments["iturup"][0]
    assert (len(iturup), iturup[0]) == (len(timeline.segments["iturup"]),
                                        [first.start.isoformat(), -1, [], 0, first.event])


@pytest.mark.parametrize("key, expected", [
    ("perspectives", ["japan", "russia"]),
    ("states", list(STATES)),
])
def test_the_payload_names_its_perspectives_and_states(payload, key, expected):
    assert payload[key] == expected


def test_perspective_segments_are_a_date_a_state_index_and_a_flag_only_where_unclear(payload):
    shapes = {(type(s[0]).__name__, type(s[1]).__name__, tuple(s[2:]))
              for entry in payload["islands"].values() for segments in entry["perspectives"].values() for s in segments}
    assert shapes == {("str", "int", ()), ("str", "int", (1,))}


@pytest.mark.parametrize("perspective, day, expected", [
    ("administered", "1930-01-01", 0),
    ("japan", TODAY, -2),
    ("russia", TODAY, 3),
])
def test_the_payload_shades_south_sakhalin_per_perspective(payload, perspective, day, expected):
    assert replay(payload["context"]["south-sakhalin"][perspective], day)[1] == expected


# --- the command line ----------------------------------------------------------------------

def run_json(capsys, *args) -> dict[str, dict]:
    assert main(["status", *args, "--json"]) == 0
    return {row["id"]: row for row in json.loads(capsys.readouterr().out)}


@pytest.mark.parametrize("perspective, island, expected", [
    ("japan", "urup", OPEN),
    ("japan", "iturup", JP),
    ("russia", "urup", RF),
    ("administered", "iturup", RF),
])
def test_status_with_perspective_adds_shown_as_to_each_row(capsys, perspective, island, expected):
    assert run_json(capsys, "2024-01-01", "--perspective", perspective)[island]["shown_as"] == expected


def test_the_old_view_option_is_another_name_for_perspective(capsys):
    assert run_json(capsys, "2024-01-01", "--view", "japan") == run_json(capsys, "2024-01-01", "--perspective", "japan")


def test_status_without_perspective_keeps_its_rows_as_they_were(capsys):
    assert sorted(run_json(capsys, "2024-01-01")["iturup"]) == ["claimants", "controller", "disputed", "event", "id"]


def test_the_plain_table_with_a_perspective_has_a_shown_as_column_and_marks_unclear_rows(capsys):
    main(["status", "1950-01-01", "--perspective", "japan", "--island", "urup"])
    lines = capsys.readouterr().out.splitlines()
    assert (lines[0].split()[:3], "Soviet Union  Japan*" in lines[1], lines[-1].startswith("* japan:")) == (
        ["id", "controller", "shown_as"], True, True)


def test_an_unknown_perspective_on_the_command_line_exits_2(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["status", "2024-01-01", "--perspective", "china"])
    assert raised.value.code == 2


# --- handouts ------------------------------------------------------------------------------

@pytest.mark.parametrize("perspective, has_undetermined", [("administered", False), ("japan", True), ("russia", True)])
def test_the_handout_legend_has_an_undetermined_pattern_only_in_a_side_perspective(perspective, has_undetermined):
    kinds = [kind for kind, _ in handout_text(TODAY, "en", perspective=perspective).legend]
    assert ("undetermined" in kinds) == has_undetermined


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_side_perspective_handout_says_whose_perspective_it_is_in_its_language(lang):
    text = handout_text(TODAY, lang, perspective="japan")
    assert (ui_text()[lang]["view_japan"] in text.subtitle, text.caption[0]) == (
        True, (ui_text()[lang]["view_japan"], ui_text()[lang]["view_caption_japan"]))


def test_an_unknown_perspective_handout_is_refused():
    with pytest.raises(HandoutError):
        handout_text(TODAY, "en", perspective="china")


def test_the_command_line_draws_japans_maps_as_a_png(tmp_path, capsys):
    target = tmp_path / "japan.png"
    assert main(["handout", "2024-01-01", "--perspective", "japan", "-o", str(target)]) == 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- interface text ------------------------------------------------------------------------

VIEW_KEYS = ["view_label", "view_administered", "view_japan", "view_russia", "view_caption_administered",
             "view_caption_japan", "view_caption_russia", "view_unclear", "state_undetermined",
             "state_undetermined_short", "region_south-sakhalin"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_perspective_text_is_there_in_each_language(lang):
    assert [key for key in VIEW_KEYS if not ui_text()[lang].get(key)] == []


def test_the_repository_has_no_perspective_answers_written_by_hand():
    # The perspectives come from claims.csv through views.csv's rules: no table of answers per island.
    assert sorted(p.name for p in (REPO_DIR / "data").glob("*view*")) == ["views.csv"]


def test_a_handout_on_a_day_of_unclear_position_says_the_claim_is_drawn_marked():
    caption = handout_text("1950-01-01", "en", perspective="japan").caption[0][1]
    assert caption.endswith(ui_text()["en"]["view_unclear"])


@pytest.mark.parametrize("place, perspective, day, expected", [
    ("urup", "japan", "1960-01-01", ("undetermined", False)),
    ("urup", "japan", "1950-01-01", ("Japan", True)),
    ("south-sakhalin", "russia", "1930-01-01", ("Japan", False)),
])
def test_the_timeline_answers_a_perspective_on_any_day_in_python_too(timeline, place, perspective, day, expected):
    segment = timeline.shown(place, perspective, dt.date.fromisoformat(day))
    assert (segment.shown_as, segment.unclear) == expected


def test_the_timeline_still_steps_through_the_events(timeline):
    assert timeline.event_steps()[0] == dt.date(1644, 1, 1)


# --- the perspective in the address and in the map's report ---------------------------------------

@pytest.mark.parametrize("query, expected", [
    ({}, ("administered", [])),
    ({"view": "japan"}, ("japan", [])),
    ({"view": " RUSSIA "}, ("russia", [])),
    ({"view": ["administered", "japan"]}, ("japan", [])),
    ({"view": ""}, ("administered", [])),
])
def test_the_perspective_in_the_address_is_read(query, expected):
    selection, warnings = selection_from_query(query, default_history())
    assert (selection.perspective, warnings) == expected


@pytest.mark.parametrize("lang, expected", [
    ("en", "The view in the link (china) is not known"),
    ("ja", "リンクの表示（china）は使えません"),
    ("ru", "Вид из ссылки (china) неизвестен"),
])
def test_a_bad_perspective_in_the_address_warns_in_the_readers_language(lang, expected):
    selection, warnings = selection_from_query({"view": "china", "lang": lang}, default_history())
    assert selection.perspective == "administered" and len(warnings) == 1 and warnings[0].startswith(expected)


def test_the_perspective_goes_into_the_address_and_to_the_map_only_when_it_is_a_sides():
    day = dt.date(2024, 1, 1)
    assert "view" not in Selection(day, "", "en").as_query()
    assert Selection(day, "", "en", "japan").as_query()["view"] == "japan"
    assert Selection(day, "", "en").map_state().to_sync()["perspective"] == "administered"


@pytest.mark.parametrize("value, expected", [
    ({"atlas": {"date": "2024-01-01", "island": "", "seq": 1, "perspective": "japan"}}, "japan"),
    ({"atlas": {"date": "2024-01-01", "island": "", "seq": 1}}, None),
    ({"atlas": {"date": "2024-01-01", "seq": 1, "perspective": 3}}, None),
])
def test_the_maps_report_carries_its_perspective(value, expected):
    assert MapReport.from_value(value).perspective == expected


def test_the_map_is_handed_the_reports_fields():
    options = AtlasLayer(AssetUrls(*(f"/static/{n}" for n in range(len(dataclasses.fields(AssetUrls))))), MapState("")).options
    assert options["reportFields"] == MapReport.fields() == ["date", "island", "seq", "perspective", "step"]
