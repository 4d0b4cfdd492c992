"""Shared fixtures: a real atlas server on a free port, and headless Chromium with the
outside network blocked (only the app's own address may be reached)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from bench.common import CHROMIUM_ARGS, chromium_path
from ui.serve import AppServer, free_port

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "artifacts"


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
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


LOOPBACK = ("http://127.0.0.1", "http://localhost", "data:", "blob:")


@contextlib.contextmanager
def guarded_page(browser, allowed: tuple[str, ...], **context_options):
    """A page that may reach only addresses starting with ``allowed``; every other request is
    aborted and recorded in ``page.context.blocked``; page errors and dialogs in ``page.errors``.
    ``context_options`` go to the browser context (a viewport of 1400 x 950 unless given)."""
    context = browser.new_context(**{"viewport": {"width": 1400, "height": 950}, **context_options})
    context.blocked = []

    def only_allowed(route):
        url = route.request.url
        if url.startswith(allowed):
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
    with guarded_page(browser, LOOPBACK) as page:
        yield page


@pytest.fixture
def file_page(browser):
    """A page that may load only file:, data: and blob: addresses (an exported atlas opened
    from a USB stick); any other request is aborted and recorded."""
    with guarded_page(browser, ("file:", "data:", "blob:")) as page:
        yield page


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots and benchmark output are saved for a reviewer to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
