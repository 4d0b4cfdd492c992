"""The pages `make bench` measures its floors and its baseline on still run, and a pick moves their maps."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from bench.common import REPO


def synced_date(app: AppTest) -> str:
    """The date the page's last run handed to the atlas map (its ``KurilAtlas.sync`` call)."""
    component = next(element for element in app.main if getattr(element, "type", "") == "component_instance")
    hand_over = json.loads(component.proto.json_args)["feature_group"]
    return json.loads(hand_over.removeprefix("window.KurilAtlas.sync(").removesuffix(");"))["date"]


def test_the_bare_page_shows_only_its_title():
    app = AppTest.from_file(str(REPO / "bench" / "bare_page.py")).run()
    assert not app.exception
    assert [title.value for title in app.title] == ["Kuril Islands atlas"]


def test_the_map_alone_page_shows_the_atlas_map_and_nothing_else():
    app = AppTest.from_file(str(REPO / "bench" / "map_only_page.py"), default_timeout=60).run()
    assert not app.exception
    shown = [getattr(element, "type", "") for element in app.main]
    assert shown == ["main", "component_instance"]  # the main area's block, and the map in it
    assert synced_date(app) == ""  # the map's own first date


def test_a_pick_on_the_floor_page_moves_the_map_to_the_event_and_empties_the_picker():
    app = AppTest.from_file(str(REPO / "bench" / "floor_pick_page.py"), default_timeout=60).run()
    assert not app.exception
    assert synced_date(app) == "1644-01-01"
    app.sidebar.selectbox(key="w_event").select("1945-09-01-kunashir").run()
    assert synced_date(app) == "1945-09-01"
    assert app.sidebar.selectbox(key="w_event").value is None


def test_a_pick_on_the_usual_app_rebuilds_its_map_for_the_events_date():
    app = AppTest.from_file(str(REPO / "bench" / "usual_app.py"), default_timeout=60).run()
    assert not app.exception

    def map_html() -> str:
        component = next(element for element in app.main if getattr(element, "type", "") == "component_instance")
        return json.loads(component.proto.json_args)["script"]

    assert "'data-atlas-date', '1644-01-01'" in map_html()
    app.sidebar.selectbox(key="w_event").select("1945-09-01-kunashir").run()
    assert "'data-atlas-date', '1945-09-01'" in map_html()
    assert app.sidebar.selectbox(key="w_event").value is None
