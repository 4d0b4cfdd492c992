"""One source of truth: the browser draws with Python's colours and bounds, and the event
panel, the handout and the map's caption name the same event as the one that set the state."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import replace

import pytest
from browser_helpers import export_fill, open_export
from streamlit.testing.v1 import AppTest
from test_app_pages import REPO

import geo.render.mapview
import geo.render.style
from geo.render.export import build_offline_html
from geo.render.handout import handout_text
from geo.model.i18n import ui_text
from geo.model.perspectives import PERSPECTIVES
from geo.model.timeline import SEGMENT_FIELDS, UNDETERMINED_INDEX
from geo.render.mapview import AtlasLayer, map_tables
from geo.render.contract import REPORT_KEY, MapState
from geo.model.records import event_text, event_when
from geo.model.status import default_history, setting_event
from geo.render.style import map_style
from geo.render.webassets import DATA_FILES, SCRIPT_FILES, WEB_DIR, AssetUrls
from geo.render.markdown import plain

HISTORY = default_history()
# Every event's day and the day after it: where a rule that looks at "the latest event" and
# one that looks at "the latest change" part ways.
DAYS = sorted({day + dt.timedelta(days=offset) for day in HISTORY.events["date"] for offset in (0, 1)
               if day + dt.timedelta(days=offset) <= HISTORY.today})


def label(event_id: str) -> str:
    row = HISTORY.events.loc[event_id]
    return f"{event_when(row, 'en')} — {event_text(row, 'title', 'en')}"  # the date at its precision (issue 21)


def test_the_map_is_handed_pythons_colours_and_bounds():
    urls = AssetUrls(*(f"/static/{number}" for number in range(len(dataclasses.fields(AssetUrls)))))
    options = AtlasLayer(urls, MapState("1945-09-01")).options
    assert options["style"] == map_style()
    assert options["style"]["states"]["Soviet Union"] == geo.render.style.STATE_COLORS["Soviet Union"]
    assert options["style"]["bounds"] == geo.render.style.CHAIN_BOUNDS
    assert options["report"] == REPORT_KEY


@pytest.mark.browser
def test_the_browser_draws_with_a_changed_python_palette(file_page, tmp_path, monkeypatch):
    monkeypatch.setitem(geo.render.style.STATE_COLORS, "Soviet Union", "#123456")
    monkeypatch.setattr(geo.render.style, "SEA", "#010203")
    path = tmp_path / "atlas.html"
    path.write_text(build_offline_html("en", "1945-09-05"), encoding="utf-8")
    open_export(file_page, path)
    assert export_fill(file_page, "kunashir") == "#123456"
    assert file_page.evaluate("getComputedStyle(document.getElementById('map')).backgroundColor") == "rgb(1, 2, 3)"
    swatches = file_page.evaluate("[...document.querySelectorAll('.atlas-legend .atlas-swatch')]"
                                  ".map(s => getComputedStyle(s).backgroundColor)")
    assert "rgb(18, 52, 86)" in swatches


def test_the_map_is_handed_pythons_tables():
    urls = AssetUrls(*(f"/static/{number}" for number in range(len(dataclasses.fields(AssetUrls)))))
    tables = AtlasLayer(urls, MapState("1945-09-01")).options["tables"]
    assert tables == map_tables()
    assert (tables["perspectives"], tables["administered"], tables["undetermined"]) == (
        list(PERSPECTIVES), PERSPECTIVES[0], UNDETERMINED_INDEX)
    assert (tables["dataFiles"], list(tables["segment"])) == (list(DATA_FILES), list(SEGMENT_FIELDS))
    assert tables["segment"]["disputed"] == SEGMENT_FIELDS.index("disputed")


# What Python holds and the script once held a copy of, as the script would spell it: the
# perspectives, the base layers, the hatch's id, the dashes, the strokes and opacities, the
# undetermined index, the data files, and a segment's fields by position.
PYTHONS_LITERALS = [r'"administered"', r'"japan"', r'"offline_base"', r'"osm"', r'"satellite"', r'"atlas-undetermined"',
                    r'"6 4"', r'"8 6"', r"(?<!font-)weight: \d", r"[Oo]pacity: 1\b", r"(?<![\d.])(0\.6|2\.5|0\.8)(?!\d)",
                    r"[=(,] *-2\b", r'"timeline", "islands"', r"seg\w*\[\d\]", r"run\[\d\]"]


@pytest.mark.parametrize("literal", PYTHONS_LITERALS)
def test_the_browser_code_holds_no_copy_of_a_python_table(literal):
    holding = [name for name in (*SCRIPT_FILES, "export-template.html")
               if re.search(literal, (WEB_DIR / name).read_text(encoding="utf-8"))]
    assert holding == []


def test_every_script_in_the_web_folder_is_joined_once_and_none_is_over_300_lines():
    scripts = {path.name for path in WEB_DIR.glob("*.js")}
    assert sorted(SCRIPT_FILES) == sorted(scripts - {"atlas-prefetch.js"})  # the prefetch goes before Leaflet
    assert SCRIPT_FILES[:2] == ("atlas-dom.js", "atlas-core.js")  # the helpers and the core first
    long = {path.name: n for path in WEB_DIR.iterdir() if (n := len(path.read_text(encoding="utf-8").splitlines())) > 300}
    assert long == {}


@pytest.mark.browser
def test_the_browser_follows_changed_python_strokes_opacity_and_hatch(file_page, tmp_path, monkeypatch):
    monkeypatch.setattr(geo.render.style, "DISPUTED_WEIGHT", 7)
    monkeypatch.setattr(geo.render.style, "DISPUTED_DASH", "3 9")
    monkeypatch.setattr(geo.render.style, "FILL_OPACITY", 0.5)
    monkeypatch.setattr(geo.render.mapview, "HATCH_PATTERN", "changed-hatch")
    path = tmp_path / "atlas.html"
    path.write_text(build_offline_html("en", "2024-01-01"), encoding="utf-8")
    open_export(file_page, path, "#view=japan")
    iturup = file_page.evaluate("['stroke-width', 'stroke-dasharray', 'fill-opacity']"
                                ".map(name => KurilAtlas.current().layers.iturup._path.getAttribute(name))")
    assert iturup == ["7", "3 9", "0.5"]  # disputed today
    assert export_fill(file_page, "urup") == "url(#changed-hatch)"  # undetermined on Japan's maps
    assert file_page.evaluate("document.querySelectorAll('#changed-hatch rect').length") == 2


def test_the_handout_names_the_event_that_set_the_state_on_every_event_day():
    heading = ui_text()["en"]["current_event"]
    for day in DAYS:
        expected = setting_event(day, HISTORY)
        caption = dict(handout_text(day, "en", HISTORY).caption)
        shown = caption[heading].splitlines()[0] if expected else None
        assert shown == (label(expected) if expected else None), day


def test_the_event_panel_names_the_event_that_set_the_state_on_every_event_day():
    heading = f"### {plain(ui_text()['en']['current_event'])}"
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    view = app.session_state["atlas_selection"]
    for day in DAYS:
        app.session_state["atlas_selection"] = replace(view, date=day)
        app.run()
        expected = setting_event(day, HISTORY)
        current = [block.value for block in app.markdown if block.value.startswith(heading)]
        if expected:
            row = HISTORY.events.loc[expected]
            title_line = f"**{plain(event_when(row, 'en'))}** — {plain(event_text(row, 'title', 'en'))}"
            assert len(current) == 1 and title_line in current[0], day
        else:
            assert current == [], day


@pytest.mark.browser
def test_the_maps_caption_names_the_event_that_set_the_state_on_every_event_day(file_page, tmp_path):
    path = tmp_path / "atlas.html"
    path.write_text(build_offline_html("en", "1945-09-05"), encoding="utf-8")
    open_export(file_page, path)
    captions = file_page.evaluate(
        "days => days.map(day => { KurilAtlas.current().setDate(day);"
        " return document.querySelector('.atlas-caption').textContent; })",
        [day.isoformat() for day in DAYS])
    expected = [label(setting_event(day, HISTORY)) if setting_event(day, HISTORY) else "" for day in DAYS]
    assert captions == expected
