"""The offline atlas: one HTML file holding the map, the data, Leaflet and the time slider,
which works opened from a file (a USB stick) with every network request blocked."""

from __future__ import annotations

import csv
import json
import re
import shutil

import pytest
from browser_helpers import export_fill as fill_of
from browser_helpers import open_export, step_slider_until

from geo.cli import main
from geo.model.dates import DateError
from geo.render.contract import script_json
from geo.render.export import build_offline_html
from geo.model.paths import DATA_DIR

SOVIET_BLUE = "#0072B2"
JAPAN_ORANGE = "#D55E00"
HOSTILE = "</script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def page_html() -> str:
    return build_offline_html("en", "1945-08-30")


def embedded_data(text: str) -> dict:
    match = re.search(r'<script type="application/json" id="atlas-data">(.*?)</script>', text, re.S)
    assert match, "the page holds its data in a JSON script element"
    return json.loads(match.group(1))


def test_the_page_holds_everything_and_names_no_outside_file(page_html):
    data = embedded_data(page_html)
    assert len(data["inline"]["islands"]["features"]) == 32
    assert len(data["inline"]["timeline"]["islands"]) == 32
    assert data["state"] == {"date": "1945-08-30", "island": "", "lang": "en", "perspective": "administered",
                             "timeline": None}
    assert "window.KurilAtlas" in page_html and "L.map(" in page_html
    # Nothing is loaded from an address: no src= or href= on any script, style or link element.
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", page_html, re.I)
    # url(#id) names an element of the page itself (the map's hatch pattern), not a file.
    assert not re.search(r"url\((?!data:|#)", page_html)
    assert "sourceMappingURL" not in page_html
    assert 200_000 < len(page_html.encode()) < 2_000_000


def test_embedded_json_cannot_close_its_script_element():
    value = {"title": HOSTILE + "<!--<script>\u2028\u2029&"}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == value


def test_a_hostile_event_title_stays_text(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    events = data_dir / "events.csv"
    with events.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    max(rows, key=lambda row: row["date"])["title_en"] = HOSTILE  # the event list shows the latest event
    with events.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    text = build_offline_html("en", data_dir=data_dir)
    assert HOSTILE not in text
    assert text.lower().count("</script>") == text.lower().count("<script")
    titles = [event["title"]["en"] for event in embedded_data(text)["inline"]["timeline"]["events"]]
    assert HOSTILE in titles
    (tmp_path / "hostile.html").write_text(text, encoding="utf-8")


def test_a_bad_date_or_language_is_refused():
    with pytest.raises(DateError):
        build_offline_html("en", "1945-02-30")
    with pytest.raises(ValueError):
        build_offline_html("fr")


def test_the_command_line_writes_the_file(tmp_path, capsys):
    target = tmp_path / "atlas.html"
    assert main(["export", str(target), "--lang", "ja", "--date", "1945-08-28"]) == 0
    data = embedded_data(target.read_text(encoding="utf-8"))
    assert data["state"]["lang"] == "ja" and data["state"]["date"] == "1945-08-28"
    assert "atlas.html" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["export", "atlas.txt"], ["export", "atlas.html", "--date", "1600-01-01"]])
def test_the_command_line_refuses_a_bad_request_in_one_line(args, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1
    assert not (tmp_path / "atlas.html").exists()


# --- in Chromium, from a file:// address, with the network blocked ---------------------------


def shown_date(page) -> str:
    return page.locator("#map").get_attribute("data-atlas-date")


@pytest.mark.browser
def test_the_export_opened_from_a_file_draws_the_map_and_its_slider_recolours_it(file_page, page_html, tmp_path, artifacts):
    path = tmp_path / "atlas.html"
    path.write_text(page_html, encoding="utf-8")
    open_export(file_page, path)
    assert file_page.evaluate("Object.keys(KurilAtlas.current().layers).length") == 32
    assert file_page.locator("path.leaflet-interactive").count() >= 32
    assert shown_date(file_page) == "1945-08-30"
    assert fill_of(file_page, "kunashir") == JAPAN_ORANGE
    file_page.screenshot(path=str(artifacts / "export-offline-1945-08-30.png"))
    slider = file_page.locator(".atlas-slider")
    step_slider_until(slider, lambda: shown_date(file_page) > "1945-09-05", presses=30)
    assert shown_date(file_page) > "1945-09-05"
    assert fill_of(file_page, "kunashir") == SOVIET_BLUE
    # The same through an `input` event, as a pointer drag sends it: back to the first frame.
    slider.evaluate("node => { node.value = 0; node.dispatchEvent(new Event('input')); }")
    assert shown_date(file_page) == embedded_data(page_html)["inline"]["timeline"]["frames"][0]
    assert file_page.context.blocked == []
    assert file_page.errors == []


@pytest.mark.browser
def test_play_and_the_language_switcher_work_offline(file_page, page_html, tmp_path):
    path = tmp_path / "atlas.html"
    path.write_text(page_html, encoding="utf-8")
    open_export(file_page, path, "#date=1945-08-01")
    assert shown_date(file_page) == "1945-08-01"
    file_page.locator(".atlas-play").click()
    file_page.wait_for_function("() => document.querySelector('#map').getAttribute('data-atlas-date') > '1945-08-01'",
                                timeout=20_000)  # a frame played
    file_page.locator(".atlas-play").click()
    assert shown_date(file_page) > "1945-08-01"
    file_page.locator("#atlas-export-lang").select_option("ja")
    assert file_page.evaluate("document.documentElement.lang") == "ja"
    label = file_page.locator(".atlas-play").get_attribute("aria-label")
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", label)
    assert file_page.evaluate("KurilAtlas.current().t('legend')") == "凡例"
    assert file_page.locator("#atlas-export-lang").evaluate("node => node.labels[0].textContent") == "言語"
    assert file_page.context.blocked == []
    assert file_page.errors == []


@pytest.mark.browser
def test_the_exports_event_list_jumps_to_an_event_with_no_server(file_page, page_html, tmp_path):
    path = tmp_path / "atlas.html"
    path.write_text(page_html, encoding="utf-8")
    open_export(file_page, path, "#date=1855-01-01")
    file_page.locator(".atlas-events").select_option(label="1945-09-03 — Soviet landings on the Habomai islets")
    assert shown_date(file_page) == "1945-09-03"
    assert file_page.locator(".atlas-caption").inner_text() == "1945-09-03 — Soviet landings on the Habomai islets"
    assert file_page.context.blocked == []
    assert file_page.errors == []


@pytest.mark.browser
def test_a_hostile_title_in_the_export_shows_as_text_and_runs_nothing(file_page, tmp_path):
    test_a_hostile_event_title_stays_text(tmp_path)
    open_export(file_page, tmp_path / "hostile.html", "#date=" + embedded_data(
        (tmp_path / "hostile.html").read_text(encoding="utf-8"))["inline"]["timeline"]["today"])
    assert HOSTILE in file_page.locator(".atlas-events option:checked").text_content()
    assert file_page.locator("script").count() == 4  # Leaflet, the atlas (its lesson player last), its data, the page
    assert file_page.errors == []
    assert file_page.context.blocked == []
