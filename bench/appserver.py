"""The atlas server as a child process on loopback, for the tests and the benchmarks: started the
way ``make run`` starts it (``python -m ui.serve``), on a free port, its output in a log file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.common import REPO


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AppServer:
    """``python -m ui.serve script`` in ``app_dir`` on 127.0.0.1 and a free port (or ``port``), its
    output in ``log`` (a temporary file unless given); started at once, ready after
    ``wait_until_healthy()``."""

    def __init__(self, app_dir: Path = REPO, extra_args: tuple[str, ...] = (), env: dict | None = None,
                 port: int | None = None, log: Path | None = None, script: str = "app.py"):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        if log is None:
            handle, name = tempfile.mkstemp(prefix="atlas-server-", suffix=".log")
            os.close(handle)
            log = Path(name)
        self.log = Path(log)
        self._log_file = self.log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ui.serve", script, "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--server.fileWatcherType", "none",
             "--browser.gatherUsageStats", "false", *extra_args],
            cwd=app_dir, stdout=self._log_file, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        self.pid = self.process.pid

    def wait_until_healthy(self, timeout: float = 60) -> float:
        """Poll ``/_stcore/health`` until it answers (bounded); the seconds that took, or a
        RuntimeError carrying the server's output."""
        start = time.monotonic()
        while time.monotonic() - start < timeout and self.process.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return time.monotonic() - start
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"the atlas server on port {self.port} did not become healthy:\n{self.output()}")

    def check(self) -> None:
        """Raise if the server has exited."""
        if self.process.poll() is not None:
            raise RuntimeError(f"the atlas server exited with code {self.process.returncode}:\n{self.output()}")

    def output(self) -> str:
        if not self._log_file.closed:
            self._log_file.flush()
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log_file.close()

    def discard_log(self) -> None:
        self.log.unlink(missing_ok=True)
