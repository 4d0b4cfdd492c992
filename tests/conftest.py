"""Shared fixtures: a real atlas server on a free port, and headless Chromium with the
outside network blocked (only the app's own address may be reached)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AtlasServer:
    """``streamlit run app.py`` on loopback; stops with the test session."""

    def __init__(self, app_dir: Path = REPO, extra_args: tuple[str, ...] = (), env: dict | None = None,
                 port: int | None = None):
        self.app_dir, self.extra_args, self.env = app_dir, extra_args, env
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = ARTIFACTS / f"server-{self.port}.log"
        ARTIFACTS.mkdir(exist_ok=True)
        self._log_file = self.log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--server.fileWatcherType", "none", *extra_args],
            cwd=app_dir, stdout=self._log_file, stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
        self.wait_until_healthy()

    def wait_until_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the atlas server did not start; its output:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self._log_file.close()


@pytest.fixture(scope="session")
def atlas_server():
    server = AtlasServer()
    yield server
    server.stop()


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


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
def guarded_page(browser, allowed: tuple[str, ...]):
    """A page that may reach only addresses starting with ``allowed``; every other request is
    aborted and recorded in ``page.context.blocked``; page errors and dialogs in ``page.errors``."""
    context = browser.new_context(viewport={"width": 1400, "height": 950})
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


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots and benchmark output are saved for a reviewer to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
