"""The Streamlit pages, run headless with AppTest: every page renders, and the view (date,
island, language) follows the URL, the sidebar and the map's reports exactly."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from conftest import atlas_pages
from streamlit.testing.v1 import AppTest

import geo
from bench.common import REPO
from geo.model.i18n import translate
from geo.render.contract import REPORT_KEY, MapReport
from geo.render.markdown import plain


def run_app(query: dict[str, str] | None = None, page: str = "app.py") -> AppTest:
    """The app (or one page) opened with ``query``; on the map page, after its map has drawn."""
    app = AppTest.from_file(str(REPO / page), default_timeout=60)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.run()
    return map_drawn(app) if page == "app.py" and not app.exception else app


def map_drawn(app: AppTest) -> AppTest:
    """What the map page's map does once it has drawn: report the selection it was handed, once.
    The page then runs again, with its sidebar."""
    shown = app.session_state["atlas_selection"]
    app.session_state["atlas_map"] = MapReport(shown.date.isoformat(), shown.island, 0, shown.perspective).to_value()
    return app.run()


def view(app: AppTest):
    return app.session_state["atlas_selection"]


def synced_state(app: AppTest) -> dict:
    """The state the page's last run handed to its map (its ``KurilAtlas.sync`` call)."""
    component = next(element for element in app.main if getattr(element, "type", "") == "component_instance")
    hand_over = json.loads(component.proto.json_args)["feature_group"]
    return json.loads(hand_over.removeprefix("window.KurilAtlas.sync(").removesuffix(");"))


def sidebar_widgets(app: AppTest) -> list[str]:
    return [element.type for element in app.sidebar if element.type in ("selectbox", "date_input", "file_uploader")]


def test_the_map_page_adds_its_sidebar_once_the_map_has_drawn():
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    app.query_params["date"] = "1945-08-28"
    app.run()
    assert sidebar_widgets(app) == []  # the first run: map and panel only
    assert synced_state(app)["reportDrawn"] is True  # and the map is asked to say when it has drawn
    assert app.header[0].value == "1945-08-28"
    map_drawn(app)
    assert sidebar_widgets(app) == ["selectbox", "selectbox", "date_input", "selectbox", "file_uploader"]
    assert "reportDrawn" not in synced_state(app)
    assert view(app).date == dt.date(1945, 8, 28)  # the report changed nothing


def test_a_warning_about_the_link_stays_until_the_sidebar_has_come():
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    app.query_params["date"] = "1945-13-40"
    app.run()
    assert [warning.value for warning in app.warning] != []
    first = [warning.value for warning in app.warning]
    assert [warning.value for warning in map_drawn(app).warning] == first
    assert [warning.value for warning in app.run().warning] == []  # shown on the page's full run, then gone


@pytest.mark.parametrize("page", [path for path, *_ in atlas_pages()])
def test_every_page_renders_without_an_exception(page):
    """Each page as app.py's navigation runs it."""
    app = run_app()
    app.switch_page(page).run()
    assert not app.exception


def test_a_link_with_date_island_and_language_opens_that_view():
    app = run_app({"date": "1945-08-28", "island": "iturup", "lang": "ja"})
    assert (view(app).date, view(app).island, view(app).lang) == (dt.date(1945, 8, 28), "iturup", "ja")


def test_the_title_follows_the_language_of_the_link():
    app = run_app({"lang": "ru"})
    assert app.title[0].value == "Атлас Курильских островов"


def test_the_date_panel_shows_the_date_of_the_link():
    app = run_app({"date": "1945-08-28"})
    assert app.header[0].value == "1945-08-28"


def test_the_panel_names_the_event_that_set_the_state():
    app = run_app({"date": "1945-08-28"})
    assert any("Soviet landing on Iturup" in item.value for item in app.markdown)


def test_the_panel_tells_the_event_in_the_language_of_the_link():
    summary = geo.load_history().events.loc["1945-08-28-iturup", "summary_ja"]
    app = run_app({"date": "1945-08-28", "lang": "ja"})
    assert any(plain(summary) in item.value for item in app.markdown)


def test_the_panel_gives_a_date_note_in_the_language_of_the_link():
    note = geo.load_history().events.loc["1875-08-22-saint-petersburg-ratified", "date_note_ru"]
    app = run_app({"date": "1875-08-22", "lang": "ru"})
    assert any(plain(note) in item.value for item in app.markdown)


def test_the_island_card_shows_the_chosen_island_in_the_chosen_language():
    app = run_app({"date": "1945-08-28", "island": "kunashir", "lang": "ja"})
    assert app.header[1].value == "国後島"


@pytest.mark.parametrize(
    ("query", "expected_warning"),
    [
        ({"date": "1945-13-40"}, "The date in the link (1945-13-40) could not be used"),
        ({"date": "1600-01-01"}, "is before the first record (1644-01-01)"),
        ({"date": "2999-01-01"}, "is after today"),
        ({"island": "atlantis"}, "The island in the link (atlantis) is not known"),
        ({"lang": "de"}, "The language in the link (de) is not available"),
        ({"view": "china"}, "The view in the link (china) is not known"),
    ],
)
def test_a_bad_link_value_gives_a_visible_warning(query, expected_warning):
    app = run_app(query)
    assert any(expected_warning in as_shown(warning.value) for warning in app.warning)


def as_shown(markdown: str) -> str:
    """Markdown's text as a reader sees it: each backslash-escaped character shows as itself."""
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"date": "1945-13-40"}, ("today", "", "en")),
        ({"island": "atlantis", "date": "1875-08-22"}, (dt.date(1875, 8, 22), "", "en")),
        ({"lang": "de", "island": "urup"}, ("today", "urup", "en")),
    ],
)
def test_a_bad_link_value_falls_back_to_a_sensible_default(query, expected):
    app = run_app(query)
    today = app.session_state["atlas_selection"].date if expected[0] == "today" else expected[0]
    assert (view(app).date, view(app).island, view(app).lang) == (today, *expected[1:])
    assert not app.exception


def test_switching_the_language_retitles_the_page():
    app = run_app()
    app.selectbox(key="w_lang").set_value("ja").run()
    assert app.title[0].value == "千島列島アトラス"


def test_choosing_an_event_moves_the_date_to_it():
    app = run_app({"date": "1900-01-01"})
    app.selectbox(key="w_event").set_value("1945-09-01-kunashir").run()
    assert view(app).date == dt.date(1945, 9, 1)


def test_each_sidebar_picker_empties_itself_after_a_pick():
    app = run_app({"date": "1900-01-01"})
    app.selectbox(key="w_event").set_value("1945-09-01-kunashir").run()
    app.selectbox(key="w_island").set_value("shikotan").run()
    app.date_input(key="w_date").set_value(dt.date(1960, 1, 27)).run()
    assert (view(app).date, view(app).island) == (dt.date(1960, 1, 27), "shikotan")
    assert (app.selectbox(key="w_event").value, app.selectbox(key="w_island").value,
            app.date_input(key="w_date").value) == (None, None, None)


def test_choosing_an_event_updates_the_link():
    app = run_app({"date": "1900-01-01"})
    app.selectbox(key="w_event").set_value("1956-10-19-joint-declaration-signed").run()
    assert app.query_params["date"] == "1956-10-19"


def test_the_date_input_moves_the_view():
    app = run_app({"date": "1900-01-01"})
    app.date_input(key="w_date").set_value(dt.date(1875, 8, 22)).run()
    assert app.header[0].value == "1875-08-22"


def test_choosing_an_island_in_the_sidebar_selects_it():
    app = run_app()
    app.selectbox(key="w_island").set_value("shikotan").run()
    assert view(app).island == "shikotan"


def test_a_date_reported_by_the_map_becomes_the_view():
    app = run_app({"date": "1900-01-01"})
    app.session_state["atlas_map"] = MapReport("1945-09-05", "kunashir", 1).to_value()
    app.run()
    assert (view(app).date, view(app).island) == (dt.date(1945, 9, 5), "kunashir")


def test_a_link_with_a_perspective_opens_it_and_keeps_it_in_the_address():
    app = run_app({"view": "japan", "date": "2024-01-01"})
    assert (view(app).perspective, app.query_params["view"]) == ("japan", "japan")


def test_a_bad_perspective_in_the_link_falls_back_to_the_administered_map():
    app = run_app({"view": "china"})
    assert (view(app).perspective, "view" in app.query_params, bool(app.exception)) == ("administered", False, False)


def test_a_perspective_reported_by_the_map_is_taken_and_goes_into_the_address():
    app = run_app({"date": "2024-01-01"})
    app.session_state["atlas_map"] = MapReport("2024-01-01", "", 5, "russia").to_value()
    app.run()
    assert (view(app).date, view(app).perspective, app.query_params["view"]) == (dt.date(2024, 1, 1), "russia", "russia")
    app.session_state["atlas_map"] = MapReport("2024-01-01", "", 6, "administered").to_value()
    app.run()
    assert view(app).perspective == "administered" and "view" not in app.query_params


def test_a_report_from_the_map_is_taken_only_once():
    app = run_app({"date": "1900-01-01"})
    app.session_state["atlas_map"] = MapReport("1945-09-05", "", 7).to_value()
    app.run()
    app.date_input(key="w_date").set_value(dt.date(1960, 1, 27)).run()
    assert view(app).date == dt.date(1960, 1, 27)


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        ({"date": "not a date", "island": "urup", "seq": 2}, (dt.date(1900, 1, 1), "urup")),
        ({"date": "1945-09-05", "island": "<script>alert(1)</script>", "seq": 3}, (dt.date(1945, 9, 5), "urup")),
        ("a string instead of an object", (dt.date(1900, 1, 1), "urup")),
        ({"seq": 4}, (dt.date(1900, 1, 1), "urup")),
        ({"date": "1945-09-05", "seq": 5, "view": "china"}, (dt.date(1945, 9, 5), "urup")),
    ],
)
def test_a_malformed_report_from_the_map_keeps_what_it_cannot_use(report, expected):
    app = run_app({"date": "1900-01-01", "island": "urup"})
    app.session_state["atlas_map"] = {REPORT_KEY: report}
    app.run()
    assert (view(app).date, view(app).island) == expected


def islands_table_html(app: AppTest) -> str:
    return next(block.proto.body for block in app.get("html") if "atlas-table" in block.proto.body)


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
def test_the_islands_page_lists_every_island_under_translated_headers_with_units(lang):
    app = run_app({"lang": lang}, page="pages/2_Islands.py")
    table = islands_table_html(app)
    headers = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', table)
    units = [header for header in headers if "km²" in header or "км²" in header]  # the three areas name their unit
    assert (table.count("<tr>") - 1, headers[:4], len(units)) == (
        32, [translate(f"column_name_{name}", lang) for name in ("en", "ja", "ru", "ja_latn")], 3)
    assert not re.search(r">(None|nan|NaN)<", table) and not re.search(r"held_by_today|area_km2_gsi|name_ja_latn", table)


def test_the_islands_page_orders_the_islands_as_the_reader_chooses():
    app = run_app(page="pages/2_Islands.py")
    app.radio(key="islands_order").set_value("area").run()
    first = re.search(r'<tbody><tr><td><span lang="en">([^<]*)</span>', islands_table_html(app)).group(1)
    assert first == "Iturup"


def test_the_sources_page_credits_gshhg_and_its_licence():
    app = run_app(page="pages/3_Sources.py")
    text = " ".join(item.value for item in app.markdown)
    assert "Wessel" in text and "LGPL" in text


def test_opening_an_event_from_the_timeline_sets_the_map_date():
    app = run_app(page="pages/1_Timeline.py")
    app.button(key="open-1951-09-08-san-francisco-signed").click().run()
    assert view(app).date == dt.date(1951, 9, 8)


def test_the_timeline_chart_labels_every_island():
    app = run_app(page="pages/1_Timeline.py")
    chart = next(element for element in app.main if getattr(element, "type", "") == "vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    y = spec["encoding"]["y"]
    assert len(y["sort"]) == 32
    assert y["axis"]["labelOverlap"] is False  # Vega-Lite would otherwise hide every other label
    assert spec["height"] >= 20 * 32


@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_the_sources_page_is_written_in_the_readers_language(lang):
    app = run_app({"lang": lang}, page="pages/3_Sources.py")
    keys = ["sources_licences_title", "sources_build_title", "sources_history_title", "sources_gazetteer_title"]
    assert [header.value for header in app.header] == [translate(key, lang) for key in keys]
    assert translate("sources_licences_body", lang) in [block.value for block in app.markdown]
