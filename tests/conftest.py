"""Shared fixtures: a real atlas server on a free port, and headless Chromium with the
outside network blocked (only the app's own address may be reached)."""

from __future__ import annotations

import ast
import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.appserver import AppServer, free_port
from bench.common import ARTIFACTS, REPO, chromium_path, is_loopback, launch_chromium

# Every server and page the tests start keeps its saved lessons in a file of their own, never in
# the checkout's var/ (a test that needs another store sets the variable for its server).
os.environ.setdefault("KURIL_ATLAS_LESSONS_URL", "sqlite:///" + str(
    Path(tempfile.mkdtemp(prefix="atlas-test-lessons-")) / "lessons.sqlite3"))


def atlas_pages() -> list[tuple[str, str, str, bool]]:
    """app.py's ``PAGES``: (script, title key, URL path, default) for every page, read from its
    source, since importing app.py would run the app."""
    for node in ast.parse((REPO / "app.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [getattr(target, "id", "") for target in node.targets] == ["PAGES"]:
            return ast.literal_eval(node.value)
    raise LookupError("app.py has no PAGES = [...] list")


class AtlasServer(AppServer):
    """The atlas on loopback, ready when constructed; its output in artifacts/server-PORT.log."""

    def __init__(self, app_dir: Path = REPO, extra_args: tuple[str, ...] = (), env: dict | None = None,
                 port: int | None = None):
        ARTIFACTS.mkdir(exist_ok=True)
        port = port or free_port()
        super().__init__(app_dir, extra_args, env, port, log=ARTIFACTS / f"server-{port}.log")
        try:
            self.wait_until_healthy()
        except RuntimeError:
            self.stop()
            raise


@pytest.fixture(scope="session")
def atlas_server():
    server = AtlasServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        message = "Chromium is not installed: run `make test`, which installs Debian's chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@contextlib.contextmanager
def guarded_page(browser, allowed: Callable[[str], bool], **context_options):
    """A page that may reach only the addresses ``allowed`` accepts; every other request is
    aborted and recorded in ``page.context.blocked``; page errors and dialogs in ``page.errors``.
    ``context_options`` go to the browser context (a viewport of 1400 x 950 unless given)."""
    context = browser.new_context(**{"viewport": {"width": 1400, "height": 950}, **context_options})
    context.blocked = []

    def only_allowed(route):
        url = route.request.url
        if allowed(url):
            route.continue_()
        else:
            context.blocked.append(url)
            route.abort()

    context.route("**/*", only_allowed)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("dialog", lambda dialog: (page.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def offline_page(browser):
    """A page that may reach only loopback; every other request is aborted and recorded."""
    with guarded_page(browser, is_loopback) as page:
        yield page


def is_local_file(url: str) -> bool:
    """Whether ``url`` is a file, data: or blob: address: all that an exported atlas may load."""
    return url.startswith(("file:", "data:", "blob:"))


@pytest.fixture
def file_page(browser):
    """A page that may load only file:, data: and blob: addresses (an exported atlas opened
    from a USB stick); any other request is aborted and recorded."""
    with guarded_page(browser, is_local_file) as page:
        yield page


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots and benchmark output are saved for a reviewer to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
