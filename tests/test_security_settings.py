"""Security settings: the upload size limit, XSRF protection, no raw HTML from data the project
did not write, a static folder that serves the map's assets and nothing else, and every
dependency pinned to one exact version."""

from __future__ import annotations

import ast
import http.client
import json
import re
import tomllib
from pathlib import Path

import pytest

import geo
from bench.common import REPO
from geo.model.records import read_tables
from geo.model.upload import MAX_UPLOAD_BYTES, merge_uploads
from geo.render.webassets import LEAFLET_FILES

CONFIG = REPO / ".streamlit" / "config.toml"
SOURCE_DIRS = ["app.py", "pages", "ui", "geo"]
REQUIREMENTS = ["requirements.txt", "requirements-dev.txt", "requirements-build.txt"]
ATLAS_FILES = {"atlas-map.js", "atlas-map-all.js", "atlas-map.css", "islands.geojson", "context.geojson", "boundaries.geojson",
               "areas.geojson", "timeline.json"}
EXPECTED_STATIC = {f"vendor/leaflet/{name}" for name in LEAFLET_FILES} | {f"atlas/{name}" for name in ATLAS_FILES}


# --- .streamlit/config.toml -------------------------------------------------------------------

@pytest.fixture(scope="module")
def config() -> dict:
    with CONFIG.open("rb") as stream:
        return tomllib.load(stream)


def test_uploads_are_limited_to_1_mb(config):
    assert 0 < config["server"]["maxUploadSize"] <= 1


def test_xsrf_protection_is_on(config):
    assert config["server"]["enableXsrfProtection"] is True


def test_no_usage_statistics_are_sent(config):
    assert config["browser"]["gatherUsageStats"] is False


def test_static_serving_is_on_for_the_offline_map(config):
    assert config["server"]["enableStaticServing"] is True


def test_no_file_watcher_slows_a_new_sessions_first_run(config):
    assert config["server"]["fileWatcherType"] == "none"


def test_error_details_are_not_shown_to_the_reader(config):
    assert config.get("client", {}).get("showErrorDetails") in ("none", False)


def uncommented_settings() -> list[str]:
    """Setting lines of config.toml whose line above is not a comment."""
    lines = CONFIG.read_text(encoding="utf-8").splitlines()
    missing = []
    for number, line in enumerate(lines):
        if re.match(r"\s*[A-Za-z_][\w.-]*\s*=", line):
            above = lines[number - 1].strip() if number else ""
            if not above.startswith("#"):
                missing.append(f"line {number + 1}: {line.strip()}")
    return missing


def test_every_setting_says_why_it_is_there():
    settings = [line for line in CONFIG.read_text(encoding="utf-8").splitlines() if re.match(r"[A-Za-z_]\w*\s*=", line)]
    assert len(settings) >= 6
    assert uncommented_settings() == []


# --- no raw HTML from data the project did not write ------------------------------------------

def python_files() -> list[Path]:
    files = []
    for name in SOURCE_DIRS:
        path = REPO / name
        files.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return files


def test_the_sources_are_found():
    names = {path.relative_to(REPO).as_posix() for path in python_files()}
    assert {"app.py", "ui/session.py", "geo/classroom/address.py"} <= names and any(n.startswith("pages/") for n in names)


def test_no_unsafe_allow_html_anywhere():
    found = [f"{path.relative_to(REPO)}:{number}"
             for path in python_files()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if "unsafe_allow_html" in line]
    assert found == []


def html_calls(tree: ast.AST):
    """Calls that put raw HTML on the page: st.html(...), components.html(...), *.html(...)
    on streamlit's modules."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("html", "iframe"):
            owner = ast.unparse(node.func.value)
            if owner in ("st", "streamlit", "components", "st.components.v1", "streamlit.components.v1", "stc"):
                yield node


def test_raw_html_is_only_ever_a_constant_the_project_wrote_or_made_by_an_escaping_builder():
    """st.html gets a string literal, or the result of a builder marked ``safe_html`` (ui.htmltext),
    which escapes every text it is given (tests/test_page_html.py feeds them hostile text)."""
    import ui.islandtable, ui.layout, ui.pagescript, ui.panels  # noqa: F401  (their builders mark themselves)
    from ui.htmltext import SAFE_HTML_BUILDERS

    calls = []
    for path in python_files():
        for node in html_calls(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            calls.append(node)
            argument = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "body"), None)
            built = isinstance(argument, ast.Call) and getattr(argument.func, "id", getattr(argument.func, "attr", "")) in SAFE_HTML_BUILDERS
            literal = isinstance(argument, ast.Constant) and isinstance(argument.value, str)
            assert literal or built, (f"{path.relative_to(REPO)}:{node.lineno}: st.html with a value that is neither "
                                      "a string literal nor made by a safe_html builder")
    assert len(calls) >= 1  # the shared layout's style (ui/layout.py): if it goes, revisit this test
    assert {"islands_html", "names_line", "page_style", "script_html", "sources_list", "gazetteer_list"} <= SAFE_HTML_BUILDERS


# --- every dependency pinned ------------------------------------------------------------------

PINNED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?==[0-9][A-Za-z0-9.+!_-]*")


@pytest.mark.parametrize("name", REQUIREMENTS)
def test_every_requirement_is_pinned_to_one_exact_version(name):
    bad = []
    for number, line in enumerate((REPO / name).read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        included = re.fullmatch(r"-r\s+(\S+)", line)
        if included:
            if not (REPO / included.group(1)).is_file():
                bad.append(f"{name}:{number}: {line} (no such file)")
            continue
        if not PINNED.fullmatch(line):
            bad.append(f"{name}:{number}: {line}")
    assert bad == []


def test_no_package_is_pinned_twice_to_different_versions():
    versions: dict[str, set[str]] = {}
    for name in REQUIREMENTS:
        for line in (REPO / name).read_text(encoding="utf-8").splitlines():
            if PINNED.fullmatch(line.strip()):
                package, version = line.strip().split("==")
                versions.setdefault(re.sub(r"[-_.]+", "-", package.split("[")[0]).lower(), set()).add(version)
    assert {package: found for package, found in versions.items() if len(found) > 1} == {}


# --- the static folder ------------------------------------------------------------------------

def files_under(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def test_publish_writes_exactly_the_map_s_assets(tmp_path):
    from geo.model.i18n import ui_text
    from geo.model.status import default_history
    from geo.model.timeline import build_timeline, client_payload
    from geo.render.webassets import publish

    timeline = build_timeline(default_history())
    payload = client_payload(timeline, geo.load_islands(simplified=True), ui_text())
    urls = publish(tmp_path, "/app/static", payload)
    assert files_under(tmp_path) == EXPECTED_STATIC
    assert all(url.startswith("/app/static/") for url in vars(urls).values())
    publish(tmp_path, "/app/static", payload)  # again: nothing added, no scratch file left behind
    assert files_under(tmp_path) == EXPECTED_STATIC


def test_the_map_frame_loads_one_script_that_starts_the_data_downloads_first(tmp_path):
    from geo.model.i18n import ui_text
    from geo.model.status import default_history
    from geo.model.timeline import build_timeline, client_payload
    from geo.render.webassets import publish

    payload = client_payload(build_timeline(default_history()), geo.load_islands(simplified=True), ui_text())
    urls = publish(tmp_path, "/app/static", payload)
    script = (tmp_path / "atlas" / "atlas-map-all.js").read_text(encoding="utf-8")
    prefetch, leaflet, atlas = script.index("KurilAtlasPrefetch"), script.index("Leaflet 1."), script.index("KurilAtlas.attach = ")
    assert prefetch < leaflet < atlas  # the downloads start before Leaflet and the atlas's script are evaluated
    started = json.loads(re.search(r"\}\)\((\{.*?\})\);", script[:leaflet], re.S).group(1))
    assert started == urls.data_urls()  # exactly the versioned files the map asks for
    assert "sourceMappingURL" not in script
    assert urls.map_js.startswith("/app/static/atlas/atlas-map-all.js?v=")


def request(server, path: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    """A raw request: the path is sent exactly as written (no client-side clean-up of ``..``)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def served(atlas_server):
    """The session's server, once it has published its assets (the first page run does that)."""
    from streamlit.testing.v1 import AppTest

    if not (REPO / "static" / "atlas" / "timeline.json").is_file():
        assert not AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run().exception
    return atlas_server


def test_the_static_folder_holds_the_map_s_assets_and_nothing_else(served):
    assert files_under(REPO / "static") == EXPECTED_STATIC
    for name in ("atlas/atlas-map.js", "atlas/timeline.json", "vendor/leaflet/leaflet.js"):
        status, body = request(served, f"/app/static/{name}")
        assert status == 200 and body == (REPO / "static" / name).read_bytes()


@pytest.mark.parametrize("target, path", [
    ("app.py", "/app/static/../app.py"),
    ("app.py", "/app/static/%2e%2e/app.py"),
    ("app.py", "/app/static/..%2fapp.py"),
    ("app.py", "/app/static/%2e%2e%2fapp.py"),
    ("app.py", "/app/static/atlas/..%5c..%5capp.py"),
    ("data/events.csv", "/app/static/atlas/../../data/events.csv"),
    ("data/events.csv", "/app/static/%2e%2e%2f%2e%2e%2fdata%2fevents.csv"),
    ("data/events.csv", "/app/static/vendor/leaflet/../../../data/events.csv"),
    (".streamlit/config.toml", "/app/static/../.streamlit/config.toml"),
    ("app.py", "/../app.py"),
    ("app.py", "/app.py"),
    ("data/events.csv", "/data/events.csv"),
    ("app.py", "ABSOLUTE"),
])
def test_the_static_folder_serves_nothing_outside_it(served, target, path):
    if path == "ABSOLUTE":
        path = f"/app/static/{REPO.as_posix()}/app.py"
    status, body = request(served, path)
    content = (REPO / target).read_bytes()
    assert status in (400, 403, 404) or (body != content and content[:200] not in body), (path, status)


def test_the_static_folder_lists_no_directory(served):
    for path in ("/app/static/", "/app/static/atlas/", "/app/static/vendor/"):
        status, body = request(served, path)
        assert status in (403, 404) and b"timeline.json" not in body and b"leaflet.js" not in body


def test_an_upload_without_the_xsrf_token_is_refused(served):
    status, body = request(served, "/_stcore/upload_file/some-session/some-file", method="PUT",
                           body=b"--x\r\n\r\n--x--\r\n", headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert status == 403 and b"XSRF" in body
    status, _ = request(served, "/_stcore/upload_file/some-session/some-file", method="PUT", body=b"x",
                        headers={"Content-Type": "multipart/form-data; boundary=x", "X-Xsrftoken": "forged",
                                 "Cookie": "_streamlit_xsrf=other"})
    assert status == 403


# --- upload size ------------------------------------------------------------------------------

def test_the_upload_limit_in_code_is_no_more_than_the_server_s(config):
    assert MAX_UPLOAD_BYTES <= 1_000_000
    assert MAX_UPLOAD_BYTES <= config["server"]["maxUploadSize"] * 1024 * 1024


def test_a_csv_of_1_5_mb_is_rejected_naming_the_file_and_too_large():
    header = (REPO / "data" / "events.csv").read_bytes().splitlines(keepends=True)[0]
    row = b"class-x,1945-08-28,day,record,iturup,A title,,,A summary,wiki-en-kuril-islands-dispute,\n"
    big = header + row * (1_500_000 // len(row) + 1)
    assert len(big) >= 1_500_000
    with pytest.raises(geo.HistoryDataError) as raised:
        merge_uploads(read_tables(), {"class-events.csv": big})
    assert len(raised.value.problems) == 1
    assert raised.value.problems[0].startswith("class-events.csv: too large")
