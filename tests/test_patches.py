"""The private names of Streamlit and streamlit-folium the atlas relies on (ui.patches): each is
there with its recorded signature, a start with other versions than the pinned ones says which
patch is on and which is off, a patch (the map's helpers too) can be turned off by hand, the
map without its helpers is an error that says why, and the pages-directory patch does what it
is there for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench.common import REPO
from ui import asgi_app, patches, serve

PRIVATE_NAMES = [pytest.param(private, id=str(private)) for patch in patches.PATCHES for private in patch.names]


@pytest.mark.parametrize("private", PRIVATE_NAMES)
def test_every_private_name_the_atlas_relies_on_is_there_with_its_recorded_signature(private):
    assert patches.problem(private) is None


def test_streamlit_folium_hands_its_frontend_the_arguments_the_map_component_hands_it():
    assert patches.map_component_problem() is None


@pytest.mark.parametrize("package", patches.PACKAGES)
def test_the_installed_version_is_the_pinned_one(package):
    assert patches.installed_versions()[package] == patches.pinned_versions()[package]


def test_a_name_that_disappears_is_reported_by_name(monkeypatch):
    from streamlit.runtime.app_session import AppSession

    monkeypatch.delattr(AppSession, "has_fragment")
    assert patches.problems("reconnect") == ["streamlit.runtime.app_session.AppSession.has_fragment is gone"]


def test_a_changed_signature_is_reported_with_both_signatures(monkeypatch):
    from streamlit.web.server.starlette import starlette_server

    monkeypatch.setattr(starlette_server, "_bind_socket", lambda address, port: None)
    assert patches.problems("nagle") == [
        "streamlit.web.server.starlette.starlette_server._bind_socket takes (address, port), "
        "not (address, port, backlog)"]


READ_FROM_SOURCE = [pytest.param(private, id=str(private)) for patch in patches.PATCHES for private in patch.names
                    if private.read_only and private.parameters]


@pytest.mark.parametrize("private", READ_FROM_SOURCE)
def test_a_name_read_from_source_has_the_same_parameters_imported(private):
    assert patches.parameters(patches.lookup(private)) == private.parameters


def test_the_component_streamlit_folium_declares_takes_any_keyword_argument():
    import streamlit_folium

    assert "**kwargs" in patches.parameters(streamlit_folium._component_func)


def test_the_start_check_imports_no_component():
    """A component declared before Streamlit's server starts is never served: the map's frame
    would answer 404."""
    script = ("import sys; from ui import patches; patches.start_report({}); "
              "print(sorted(name for name in sys.modules if name.startswith('streamlit_folium')))")
    found = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60,
                           check=True)
    assert found.stdout.strip() == "[]"


def test_a_patch_whose_names_changed_is_not_applied(monkeypatch):
    from streamlit.runtime.pages_manager import PagesManager

    monkeypatch.setattr(patches, "problems", lambda key: ["changed"] if key == "pages" else [])
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    assert serve.patch_pages_directory() is False
    assert PagesManager.uses_pages_directory is None


PINS = {"streamlit": "1.67.0", "streamlit-folium": "0.27.4"}
ALL_ON = {"nagle": True, "reconnect": True, "pages": True, "map": True}


def test_with_the_pinned_versions_and_every_patch_on_the_start_is_quiet():
    assert patches.start_report(ALL_ON, installed=PINS, pins=PINS) == []


def test_another_streamlit_version_is_logged_with_every_patch_on_or_off():
    lines = patches.start_report({**ALL_ON, "reconnect": False}, installed={**PINS, "streamlit": "1.70.0"},
                                 pins=PINS)
    assert lines[0] == ("streamlit 1.70.0 is installed but requirements.txt pins 1.67.0; "
                        "the patches were written for the pinned version")
    assert [line.split(":")[0] for line in lines[1:]] == ["patch on", "patch OFF", "patch on", "patch on"]
    assert "patch_reconnected_fragment_reruns" in lines[2] and "reload" in lines[2]


def test_a_patch_that_is_off_is_logged_even_with_the_pinned_versions():
    lines = patches.start_report({**ALL_ON, "nagle": False}, installed=PINS, pins=PINS)
    assert [line for line in lines if line.startswith("patch OFF")] == [
        line for line in lines if "patch_streamlit_listener" in line]


def test_ui_serve_logs_the_versions_and_patches_when_it_starts(monkeypatch, capsys):
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web.server.starlette import starlette_server

    # serve.main patches Streamlit in this process: each name is put back after the test.
    monkeypatch.setattr(AppSession, "request_rerun", AppSession.request_rerun)
    monkeypatch.setattr(PagesManager, "uses_pages_directory", PagesManager.uses_pages_directory)
    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)
    started = []
    monkeypatch.setattr(patches, "installed_versions", lambda: {**PINS, "streamlit": "1.70.0"})
    monkeypatch.setattr(patches, "pinned_versions", lambda: PINS)
    monkeypatch.setattr("streamlit.web.cli.main", lambda: started.append(sys.argv[1:]))
    monkeypatch.setattr(sys, "argv", sys.argv[:])
    monkeypatch.setenv(asgi_app.SCRIPT_VARIABLE, "")  # serve.main names the script here; put back after
    serve.main(["bench/bare_page.py", "--server.port", "1"])
    logged = capsys.readouterr().err.splitlines()
    assert logged[0].startswith("ui.serve: streamlit 1.70.0 is installed but requirements.txt pins 1.67.0")
    assert len([line for line in logged if line.startswith("ui.serve: patch on: ")]) == len(patches.PATCHES)
    # Streamlit runs the atlas's st.App, which serves the script named in its variable.
    assert started == [["run", asgi_app.__file__, "--server.port", "1"]]
    assert os.environ[asgi_app.SCRIPT_VARIABLE] == str(Path("bench/bare_page.py").resolve())


PAGES_DIRECTORY = """
import sys
from streamlit.runtime.pages_manager import PagesManager
from ui.serve import patch_pages_directory
if sys.argv[1] == "patched":
    patch_pages_directory()
PagesManager("app.py")  # what Streamlit makes for each new session
print(PagesManager.uses_pages_directory)
"""


def pages_directory_in_a_fresh_process(patched: bool) -> str:
    found = subprocess.run([sys.executable, "-c", PAGES_DIRECTORY, "patched" if patched else "alone"], cwd=REPO,
                           capture_output=True, text=True, timeout=60, check=True)
    return found.stdout.strip()


def test_streamlit_alone_takes_the_pages_folder_for_its_old_navigation():
    """The reason for the pages patch: if this starts failing, Streamlit fixed it and the patch can go."""
    assert pages_directory_in_a_fresh_process(patched=False) == "True"


def test_with_the_pages_patch_streamlit_leaves_the_navigation_to_app_py_from_the_start():
    assert pages_directory_in_a_fresh_process(patched=True) == "False"


# --- every patch gated alike: by its record, or by hand -----------------------------------------

def test_the_variable_turns_a_patch_off_and_the_start_says_so(monkeypatch):
    monkeypatch.setenv(patches.OFF_VARIABLE, "reconnect")
    assert serve.patch_reconnected_fragment_reruns() is False
    lines = patches.start_report({}, installed=PINS, pins=PINS)
    assert [line for line in lines if line.startswith("patch OFF")] == [
        "patch OFF: a reconnected tab's first step runs the page (ui.serve.patch_reconnected_fragment_reruns): "
        "turned off by KURIL_ATLAS_PATCHES_OFF. Without it, after a server restart, open tabs must be reloaded "
        "before the map's steps reach the server."]


def test_a_key_in_the_variable_that_names_no_patch_is_logged(monkeypatch):
    monkeypatch.setenv(patches.OFF_VARIABLE, "reconect")
    assert patches.start_report(ALL_ON, installed=PINS, pins=PINS)[0] == (
        "KURIL_ATLAS_PATCHES_OFF names 'reconect', which is no patch (the patches: nagle, reconnect, pages, map)")


@pytest.fixture
def helpers_checked_afresh():
    """ui.mapcomponent checks streamlit-folium's helpers once per process: check them again
    for this test, and again after it."""
    from ui import mapcomponent

    mapcomponent.helpers_off.cache_clear()
    yield mapcomponent
    mapcomponent.helpers_off.cache_clear()


def a_changed_helper(monkeypatch):
    real = patches.problems
    monkeypatch.setattr(patches, "problems",
                        lambda key: ["streamlit_folium._get_html is gone"] if key == "map" else real(key))
    return "streamlit_folium._get_html is gone"


def turned_off_by_hand(monkeypatch):
    monkeypatch.setenv(patches.OFF_VARIABLE, "map")
    return "turned off by KURIL_ATLAS_PATCHES_OFF"


@pytest.mark.parametrize("make_off", [a_changed_helper, turned_off_by_hand])
def test_with_its_helpers_off_the_map_is_an_error_naming_why_and_no_helper_is_called(
        make_off, monkeypatch, capsys, helpers_checked_afresh):
    import streamlit_folium

    why = make_off(monkeypatch)

    def must_not_be_called(*args, **kwargs):
        raise AssertionError("a private helper of streamlit-folium was called")
    for name in ("_get_html", "_get_header", "_get_map_string", "_component_func"):
        monkeypatch.setattr(streamlit_folium, name, must_not_be_called)
    app = AppTest.from_file(str(REPO / "bench" / "map_only_page.py"), default_timeout=60).run()
    assert not app.exception
    assert [getattr(element, "type", "") for element in app.main] == ["main", "error"]
    [error] = app.error
    assert why in error.value and patches.pinned_versions()["streamlit-folium"] in error.value
    logged = capsys.readouterr().err
    assert f"ui.mapcomponent: patch OFF: the map is rendered once per process with streamlit-folium's helpers " \
           f"(ui.mapcomponent): {why}." in logged


def test_with_its_helpers_as_recorded_the_map_is_drawn(helpers_checked_afresh):
    assert helpers_checked_afresh.helpers_off() == ""
