"""Faults the atlas must survive: a missing or broken data file, tile servers out of reach, and
a server restart under an open browser tab. Each runs a real server and headless Chromium with
the outside network blocked; and, the same restart against a server without ui.serve's
reconnect patch, why that patch is still there."""

from __future__ import annotations

import shutil
import urllib.request
from pathlib import Path

import pytest
from browser_helpers import PageWire, map_js, open_atlas, shown_date, wait_for, wait_until_run_finished
from conftest import AtlasServer

from bench.common import REPO
from ui import patches

pytestmark = pytest.mark.browser

DATA = REPO / "data"
REBUILD = "make data"


def healthy(server: AtlasServer) -> bool:
    with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=5) as response:
        return response.status == 200 and response.read() == b"ok"


# --- a missing or broken data file ------------------------------------------------------------

def remove(path: Path) -> None:
    path.unlink()


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:700])


def add_a_row_with_too_many_fields(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, lines[3].rstrip("\n") + ',"one field too many"\n')
    path.write_text("".join(lines), encoding="utf-8")


def open_a_quote_that_never_closes(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = '"' + lines[4]
    path.write_text("".join(lines), encoding="utf-8")


def save_as_latin1(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace(b"Japan", "Jap\xe1n".encode("latin-1"), 1))


def make_a_date_impossible(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[2].split(",")
    fields[1] = "1945-02-30"  # the date column of events.csv
    lines[2] = ",".join(fields)
    path.write_text("".join(lines), encoding="utf-8")


DAMAGE = [
    pytest.param("islands_simplified.geojson", remove, id="islands_simplified.geojson missing"),
    pytest.param("islands_simplified.geojson", truncate, id="islands_simplified.geojson truncated JSON"),
    pytest.param("events.csv", remove, id="events.csv missing"),
    pytest.param("events.csv", add_a_row_with_too_many_fields, id="events.csv row with too many fields"),
    pytest.param("claims.csv", open_a_quote_that_never_closes, id="claims.csv unclosed quote"),
    pytest.param("control.csv", save_as_latin1, id="control.csv not UTF-8"),
    pytest.param("ui_text.csv", remove, id="ui_text.csv missing"),
    pytest.param("sources.csv", truncate, id="sources.csv cut short"),
    pytest.param("events.csv", make_a_date_impossible, id="events.csv impossible date"),
    pytest.param("context.geojson", remove, id="context.geojson missing"),
]


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("faults") / "data"
    shutil.copytree(DATA, folder)
    # Start broken, and stay broken while the server runs: a bundle that loads once is cached
    # for the whole process, and later damage would not be seen.
    (folder / "events.csv").unlink()
    return folder


@pytest.fixture(scope="module")
def broken_server(data_copy):
    server = AtlasServer(env={"KURIL_ATLAS_DATA_DIR": str(data_copy)})
    yield server
    server.stop()


@pytest.mark.parametrize("name, damage", DAMAGE)
def test_a_broken_data_file_gives_an_error_page_naming_it_and_the_rebuild(broken_server, data_copy, offline_page,
                                                                            name, damage):
    for original in DATA.glob("*.*"):
        shutil.copy2(original, data_copy / original.name)
    damage(data_copy / name)
    wire = PageWire(offline_page)
    offline_page.goto(broken_server.url)
    error = offline_page.locator('[data-testid="stAlertContentError"], [data-testid="stException"]').first
    error.wait_for(timeout=30_000)
    wait_until_run_finished(offline_page, wire)
    text = offline_page.locator('[data-testid="stMain"]').inner_text()
    assert name in text, text
    assert REBUILD in text, text
    assert offline_page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in text and 'File "' not in text
    assert offline_page.errors == []
    assert healthy(broken_server)


def test_the_error_page_is_plain_text_even_when_the_file_holds_markdown(broken_server, data_copy, offline_page):
    for original in DATA.glob("*.*"):
        shutil.copy2(original, data_copy / original.name)
    # A header that is Markdown and HTML: the error quotes it, and it must stay text.
    (data_copy / "sources.csv").write_text("[x](https://evil.example),<img src=https://evil.example/p.png>\n",
                                           encoding="utf-8")
    offline_page.goto(broken_server.url)
    error = offline_page.locator('[data-testid="stAlertContentError"]').first
    error.wait_for(timeout=30_000)
    assert "sources.csv" in error.inner_text() and REBUILD in error.inner_text()
    assert error.locator("a, img").count() == 0
    assert offline_page.context.blocked == []


# --- tile servers out of reach ----------------------------------------------------------------

def choose_base_layer(page, frame, label: str) -> None:
    control = frame.locator(".leaflet-control-layers")
    control.hover()
    option = control.locator("label", has_text=label).locator("input[type=radio]")
    option.check()
    wait_for(page, option.is_checked, timeout_ms=30_000, message=f"{label} chosen")
    page.mouse.move(5, 5)  # away from the control, which folds again


TILES_LOADING = "Object.values(window.map._layers).some(layer => layer instanceof L.TileLayer && layer.isLoading())"


def islands_drawn(frame) -> int:
    return map_js(frame, "Object.values(KurilAtlas.current().layers)"
                         ".filter(layer => layer._path && layer._path.isConnected).length")


def test_with_tile_servers_out_of_reach_the_islands_stay_on_the_map(atlas_server, offline_page, artifacts):
    frame = open_atlas(offline_page, atlas_server, "?date=1945-08-28")
    assert offline_page.context.blocked == []

    choose_base_layer(offline_page, frame, "OpenStreetMap (online)")
    wait_for(offline_page, lambda: any("openstreetmap" in url for url in offline_page.context.blocked),
             timeout_ms=30_000, message="tile requests (blocked)")
    wait_for(offline_page, lambda: not map_js(frame, TILES_LOADING), timeout_ms=30_000,
             message="the tile layer to give up on its tiles")
    assert map_js(frame, "Object.keys(KurilAtlas.current().layers).length") == 32
    assert islands_drawn(frame) == 32
    assert shown_date(frame) == "1945-08-28"
    offline_page.screenshot(path=str(artifacts / "map-tiles-unreachable.png"))

    # The time control still works with no tiles.
    frame.locator(".atlas-next").click()
    wait_for(offline_page, lambda: shown_date(frame) > "1945-08-28", timeout_ms=30_000, message="the next event")
    assert islands_drawn(frame) == 32

    choose_base_layer(offline_page, frame, "Offline map")
    assert islands_drawn(frame) == 32
    tiles = [url for url in offline_page.context.blocked if "openstreetmap" in url]
    assert tiles and all(url.startswith("https://") for url in tiles)
    assert offline_page.errors == []


# --- a fresh server -------------------------------------------------------------------------

def test_the_first_visitor_of_a_fresh_server_opening_a_page_link_gets_the_atlas_navigation(offline_page):
    server = AtlasServer()
    try:
        offline_page.goto(f"{server.url}/Timeline?lang=ru")
        offline_page.get_by_role("heading", name="Хронология").wait_for(timeout=60_000)
        navigation = offline_page.locator('[data-testid="stTopNav"]')
        wait_for(offline_page, lambda: navigation.get_by_text("Карта").count() == 1, timeout_ms=30_000,
                 message="the navigation in the reader's language")
        assert navigation.get_by_text("app", exact=True).count() == 0
        assert navigation.get_by_text("Timeline", exact=True).count() == 0
    finally:
        server.stop()


# --- a server restart under an open tab -------------------------------------------------------

def restart_under_open_tab(page, env: dict | None = None):
    """Open the map at 1945-08-28 with Iturup, stop the server, start a new one on the same
    port (with ``env`` added to its environment) and wait until the tab has reconnected by
    itself; the new server and the map frame."""
    sockets = []
    page.on("websocket", lambda socket: sockets.append(socket))
    server = AtlasServer()
    frame = open_atlas(page, server, "?date=1945-08-28&island=iturup")
    wait_for(page, lambda: "island=iturup" in page.url and "date=1945-08-28" in page.url, timeout_ms=30_000,
             message="the URL")
    port = server.port
    server.stop()
    connecting = page.get_by_text("Connecting")
    wait_for(page, lambda: connecting.count() > 0, timeout_ms=30_000, message="the tab to notice the server is gone")
    server = AtlasServer(port=port, env=env)
    # Streamlit reconnects by itself: no reload, the "Connecting" sign goes away and a new
    # stream is opened to the new server.
    wait_for(page, lambda: connecting.count() == 0 and len(sockets) >= 2 and not sockets[-1].is_closed(),
             timeout_ms=30_000, message="the tab to reconnect")
    return server, frame


def test_an_open_tab_survives_a_server_restart_and_keeps_its_date(offline_page):
    page = offline_page
    server, frame = restart_under_open_tab(page)
    try:
        assert shown_date(frame) == "1945-08-28"
        assert "date=1945-08-28" in page.url and "island=iturup" in page.url
        assert page.get_by_role("heading", name="1945-08-28").count() == 1
        assert page.get_by_role("heading", name="Iturup").count() == 1
        assert map_js(frame, "Object.keys(KurilAtlas.current().layers).length") == 32
        assert page.errors == []
    finally:
        server.stop()


def test_after_a_server_restart_a_map_step_reaches_the_new_server(offline_page):
    page = offline_page
    server, frame = restart_under_open_tab(page)
    try:
        frame.locator(".atlas-next").click()
        stepped = shown_date(frame)
        wait_for(page, lambda: f"date={stepped}" in page.url, timeout_ms=10_000, message="the URL to follow the map")
        assert page.get_by_role("heading", name=stepped).count() == 1
    finally:
        server.stop()


# What Streamlit logs when it drops a rerun of a fragment the session has never drawn
# (streamlit.runtime.app_session.AppSession.request_rerun).
FRAGMENT_DROPPED = "does not exist anymore"


def test_without_the_reconnect_patch_streamlit_drops_a_reconnected_tabs_map_step(offline_page):
    """The reason for ui.serve's reconnect patch, on the pinned Streamlit: a server started with
    the patch off drops the reconnected tab's first map step, and the page never follows the map.
    If this starts failing, Streamlit runs such a step by itself: remove the patch
    (``ui.serve.patch_reconnected_fragment_reruns``, its record in ``ui.patches``) and this test."""
    page = offline_page
    server, frame = restart_under_open_tab(page, env={patches.OFF_VARIABLE: "reconnect"})
    try:
        assert "turned off by KURIL_ATLAS_PATCHES_OFF" in server.output()
        frame.locator(".atlas-next").click()
        stepped = shown_date(frame)
        wait_for(page, lambda: FRAGMENT_DROPPED in server.output() or f"date={stepped}" in page.url,
                 timeout_ms=30_000, message="the new server to drop the map's step or to run it")
        assert f"date={stepped}" not in page.url, "Streamlit ran the step without the patch: remove the patch"
        assert FRAGMENT_DROPPED in server.output()
        assert page.get_by_role("heading", name="1945-08-28").count() == 1  # the panel stayed behind the map
        assert shown_date(frame) == stepped
    finally:
        server.stop()
