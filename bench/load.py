"""Load test of the atlas: simulated students that speak Streamlit's own websocket protocol.

Run from the repository root: ``.venv/bin/python bench/load.py`` (or ``make load``).
It starts its own atlas server (``python -m ui.serve``) on a free loopback port, plays the scenarios below
against it and prints one table; ``--proxy`` (on by default when nginx is installed) also
starts two app processes behind nginx with sticky sessions. Numbers go to
artifacts/bench-load.json.

A simulated user does what a browser does on the wire, without running any JavaScript:

* ``GET /`` (and, when opening the app, the ~60 JS/CSS files the page names), keeping cookies
  (the proxy's sticky cookie);
* opens ``/_stcore/stream`` with the ``streamlit`` subprotocol and sends ``BackMsg.rerun_script``
  with the URL's query string, exactly as the page does on load;
* reads ``ForwardMsg`` until the run's ``script_finished``; the map is the
  ``streamlit_folium.st_folium`` component element, whose widget id is read from that first run;
* a *step* is one ``rerun_script`` carrying the map component's value
  ``{"atlas": {"date": ..., "island": "", "seq": n}}``, which is what the map's own time control
  sends when playback pauses or dragging stops; the step ends with the run's
  ``script_finished``, and the date the server drew (the ``KurilAtlas.sync`` call in the map's
  arguments) must be the date sent.

Everything is bounded: a fixed number of users, steps and seconds, a timeout on every read, and
only loopback addresses may be targeted.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import datetime as dt
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from websockets.asyncio.client import connect

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as a script from the repository root: `python bench/load.py`
from bench.common import CHROMIUM_ARGS, MAP_FRAME, chromium_path, percentile  # noqa: E402
from ui.serve import AppServer, free_port  # noqa: E402
ARTIFACTS = REPO / "artifacts"
NGINX_TEMPLATE = REPO / "deploy" / "nginx-atlas.conf.template"
MAP_COMPONENT = "streamlit_folium.st_folium"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SYNC_CALL = "KurilAtlas.sync("
ASSET_LINK = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*\shref)="([^"]+)"')
STEP_TIMEOUT_S = 30.0  # a reply that takes longer than this is counted as lost
CONNECT_TIMEOUT_S = 30.0
FINISHED_OK = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
# Pages in the background keep their timers: thirty pages play at once, most of them unseen.
PLAY_CHROMIUM_ARGS = [*CHROMIUM_ARGS, "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                      "--disable-backgrounding-occluded-windows"]


def now() -> float:
    return time.perf_counter()


def require_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in LOOPBACK:
        raise SystemExit(f"refusing to load {url}: only loopback addresses may be targeted")


# --- the server's process: memory and CPU from /proc ------------------------------------------

def rss_mib(pid: int | None) -> float:
    """Resident memory of ``pid`` in MiB (NaN when unknown)."""
    if pid is None:
        return math.nan
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return math.nan


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds used so far by ``pid`` (all its threads)."""
    if pid is None:
        return math.nan
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return math.nan


def machine_busy_seconds() -> float:
    """CPU seconds all processes on this machine have used (from /proc/stat), NaN if unknown."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return math.nan
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def rss_total(pids: list[int]) -> float:
    return sum(rss_mib(pid) for pid in pids) if pids else math.nan


def cpu_total(pids: list[int]) -> float:
    return sum(cpu_seconds(pid) for pid in pids) if pids else math.nan


class Meter:
    """What else ran on the machine during a scenario: CPU used by processes other than the
    servers and this load generator, in cores (a busy neighbour skews every number)."""

    def __init__(self):
        self.machine, self.own, self.start = machine_busy_seconds(), time.process_time(), now()

    def others_cores(self, server_cpu_s: float) -> float:
        elapsed = now() - self.start
        other = machine_busy_seconds() - self.machine - (time.process_time() - self.own) - server_cpu_s
        return max(0.0, other) / elapsed if elapsed > 0 else math.nan


# --- HTTP like a browser (plain sockets: no proxy settings are ever consulted) -----------------

def _request_bytes(url: str, cookies: dict[str, str]) -> tuple[str, int, bytes]:
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = [f"GET {path} HTTP/1.1", f"Host: {parts.netloc}", "Accept-Encoding: gzip",
               "User-Agent: atlas-load", "Connection: close"]
    if cookies:
        headers.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
    return parts.hostname, parts.port or 80, ("\r\n".join(headers) + "\r\n\r\n").encode()


def _parse_response(raw: bytes, cookies: dict[str, str]) -> tuple[int, bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "set-cookie":
            key, _, rest = value.strip().partition("=")
            cookies[key] = rest.split(";", 1)[0]
    return status, body


def http_get_sync(url: str, cookies: dict[str, str] | None = None, timeout: float = 10) -> tuple[int, bytes, dict]:
    require_loopback(url)
    cookies = {} if cookies is None else cookies
    host, port, request = _request_bytes(url, cookies)
    with socket.create_connection((host, port), timeout=timeout) as conn:
        conn.sendall(request)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    status, body = _parse_response(b"".join(chunks), cookies)
    return status, body, cookies


async def http_get(url: str, cookies: dict[str, str], timeout: float = CONNECT_TIMEOUT_S) -> tuple[int, bytes]:
    require_loopback(url)
    host, port, request = _request_bytes(url, cookies)

    async def fetch():
        reader, writer = await asyncio.open_connection(host, port)
        try:
            writer.write(request)
            return await reader.read(-1)
        finally:
            writer.close()
    raw = await asyncio.wait_for(fetch(), timeout)
    return _parse_response(raw, cookies)


def run_coroutine(make_coroutine):
    """``asyncio.run(make_coroutine())``; on a worker thread when this thread already runs an
    event loop (sync Playwright keeps one running on the thread that uses it)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


# --- one simulated user ----------------------------------------------------------------------

class LoadError(Exception):
    """A reply that did not come, came wrong, or a connection that failed."""


@dataclass
class Run:
    """One script run as the client saw it."""

    status: int | None = None
    map_date: str | None = None
    map_at: float | None = None  # when the map element arrived
    finished_at: float | None = None
    messages: int = 0
    bytes: int = 0
    exceptions: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # the headings and Markdown the run drew


class User:
    """A student's browser tab, minus the JavaScript: one websocket session."""

    def __init__(self, base_url: str, number: int = 0):
        require_loopback(base_url)
        self.base = base_url.rstrip("/") + "/"
        self.number = number
        self.cookies: dict[str, str] = {}
        self.ws = None
        self.query = ""
        self.page_hash = ""
        self.map_id: str | None = None
        self.map_fragment = ""  # the fragment the map is drawn in, if any: a step reruns only that
        self.seq = 0
        self.cache: dict[str, ForwardMsg] = {}  # cacheable messages, as the browser keeps them
        self.runs_started = 0
        self.last_run: Run | None = None  # the run that answered the last step
        self.finished: dict[int, int] = {}  # script_finished status -> count

    async def open(self, query: str = "", assets: bool = False) -> Run:
        """Load the page (and its entry assets), connect and wait for the first run."""
        status, body = await http_get(self.base + (f"?{query}" if query else ""), self.cookies)
        if status != 200:
            raise LoadError(f"GET / answered {status}")
        if assets:
            await self._fetch_assets(body.decode("utf-8", "replace"))
        ws_url = "ws" + self.base[4:] + "_stcore/stream"
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else None
        self.ws = await connect(ws_url, subprotocols=["streamlit"], additional_headers=headers, proxy=None,
                                max_size=None, open_timeout=CONNECT_TIMEOUT_S, ping_interval=None)
        self.query = query
        started = now()
        await self._send_rerun(widget_value=None)
        run = await self._read_until_finished(started, CONNECT_TIMEOUT_S)
        if run.map_date is None or self.map_id is None:
            raise LoadError("the first run drew no map")
        return run

    async def _fetch_assets(self, html: str) -> None:
        """The entry JS and CSS the page names, six at a time like a browser (bodies discarded)."""
        urls = [urljoin(self.base, link) for link in ASSET_LINK.findall(html)]
        gate = asyncio.Semaphore(6)

        async def one(url):
            async with gate:
                status, _ = await http_get(url, self.cookies)
                if status != 200:
                    raise LoadError(f"{urlsplit(url).path} answered {status}")
        await asyncio.gather(*(one(url) for url in urls))

    async def _send_rerun(self, widget_value: dict | None) -> None:
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        state.cached_message_hashes.extend(self.cache)
        if widget_value is not None:
            state.fragment_id = self.map_fragment
            widget = state.widget_states.widgets.add()
            widget.id = self.map_id
            widget.json_value = json.dumps(widget_value)
        await self.ws.send(back.SerializeToString())

    def report(self, day: str) -> dict:
        """The value the map's time control hands to Streamlit for a date (a new seq each time)."""
        self.seq += 1
        return {"atlas": {"date": day, "island": "", "seq": self.number * 1_000_000 + self.seq}}

    async def _message(self, deadline: float) -> tuple[ForwardMsg, int]:
        remaining = deadline - now()
        if remaining <= 0:
            raise LoadError("lost reply: no script_finished in time")
        try:
            data = await asyncio.wait_for(self.ws.recv(), remaining)
        except asyncio.TimeoutError as error:
            raise LoadError("lost reply: no script_finished in time") from error
        except Exception as error:  # the connection closed
            raise LoadError(f"connection lost: {error!r}") from error
        msg = ForwardMsg()
        msg.ParseFromString(data)
        if msg.WhichOneof("type") == "ref_hash":
            cached = self.cache.get(msg.ref_hash)
            if cached is None:
                raise LoadError("the server referred to a message this client never received")
            msg = cached
        elif msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = msg
        return msg, len(data)

    def _take(self, msg: ForwardMsg, size: int, run: Run) -> None:
        """Record what one message says about the run it belongs to."""
        run.messages += 1
        run.bytes += size
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = msg.new_session.page_script_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            which = element.WhichOneof("type")
            if which == "component_instance" and element.component_instance.component_name == MAP_COMPONENT:
                self.map_id = element.component_instance.id
                self.map_fragment = msg.delta.fragment_id
                try:
                    handover = json.loads(element.component_instance.json_args).get("feature_group") or ""
                except ValueError:
                    handover = ""
                run.map_date = handed_date(handover)
                run.map_at = now()
            elif which == "exception":
                run.exceptions.append(element.exception.message[:200])
            elif which in ("heading", "markdown"):
                run.texts.append(getattr(element, which).body)

    async def _read_until_finished(self, sent_at: float, timeout: float, want_date: str | None = None) -> Run:
        """Read until a run that started after the send finishes successfully (and, when
        ``want_date`` is given, drew that date); earlier runs stopped for a rerun are counted."""
        deadline = sent_at + timeout
        run_id, run = None, Run()
        while True:
            msg, size = await self._message(deadline)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                run_id, run = msg.metadata.run.script_run_id, Run()
                self.runs_started += 1
            if run_id is None:
                continue  # the tail of a run from before this request
            self._take(msg, size, run)
            if kind != "script_finished" or (msg.metadata.run.script_run_id or run_id) != run_id:
                continue
            self.finished[msg.script_finished] = self.finished.get(msg.script_finished, 0) + 1
            if msg.script_finished not in FINISHED_OK:
                run_id = None
                continue
            run.status, run.finished_at = msg.script_finished, now()
            if run.exceptions:
                raise LoadError(f"the script raised: {run.exceptions[0]}")
            if want_date is None or run.map_date == want_date:
                return run
            run_id = None

    async def step(self, day: str, timeout: float = STEP_TIMEOUT_S) -> float:
        """Set the map's date to ``day``; seconds until the server finished drawing it."""
        sent = now()
        await self._send_rerun(self.report(day))
        run = await self._read_until_finished(sent, timeout)
        if run.map_date != day:
            raise LoadError(f"sent {day} but the server drew {run.map_date}")
        self.last_run = run
        return run.finished_at - sent

    async def drag(self, days: list[str], interval: float, timeout: float = STEP_TIMEOUT_S,
                   quiet: float = 0.5) -> dict:
        """Send one rerun per date, ``interval`` apart, without waiting for replies (a slider
        dragged fast by a client that reports every position), while reading replies."""
        started_before = self.runs_started
        finished_before = dict(self.finished)

        async def send_all():
            for number, day in enumerate(days):
                if number:
                    await asyncio.sleep(interval)
                await self._send_rerun(self.report(day))
            return now()
        start = now()
        sender = asyncio.create_task(send_all())
        try:
            run = await self._read_until_finished(start, timeout + interval * len(days), want_date=days[-1])
            last_sent = await sender
        finally:
            sender.cancel()
        settled = run.finished_at - last_sent
        # Anything still coming after the last position has been drawn is a pile-up.
        extra_runs = 0
        deadline = now() + quiet
        while now() < deadline:
            try:
                msg, _ = await self._message(deadline)
            except LoadError as error:
                if "lost reply" in str(error):
                    break
                raise
            if msg.WhichOneof("type") == "new_session":
                extra_runs += 1
        done = {k: v - finished_before.get(k, 0) for k, v in self.finished.items()}
        return {"sent": len(days), "runs_started": self.runs_started - started_before,
                "finished_ok": sum(done.get(status, 0) for status in FINISHED_OK),
                "stopped_for_rerun": done.get(ForwardMsg.FINISHED_EARLY_FOR_RERUN, 0),
                "settle_s": settled, "last_drawn": run.map_date, "last_sent": days[-1],
                "runs_after_last": extra_runs, "span_s": last_sent - start}

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None


def handed_date(script: str) -> str | None:
    """The date in the map's ``KurilAtlas.sync({...})`` hand-over script, or None."""
    at = script.find(SYNC_CALL)
    if at < 0:
        return None
    try:
        state, _ = json.JSONDecoder().raw_decode(script, at + len(SYNC_CALL))
    except ValueError:
        return None
    return state.get("date") if isinstance(state, dict) else None


def day_for(user: int, step: int) -> str:
    """A valid date for a user's step: every user walks its own path through 1855-2010."""
    start = dt.date(1855, 1, 1) + dt.timedelta(days=user * 389)
    return (start + dt.timedelta(days=(step + 1) * 7)).isoformat()


# --- scenarios -------------------------------------------------------------------------------

@dataclass
class Result:
    """One scenario's numbers (seconds in the fields, milliseconds when printed)."""

    name: str
    users: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    reruns: int = 0
    rss_before: float = math.nan
    rss_after: float = math.nan
    cpu_s: float = math.nan
    target: str = ""
    extra: dict = field(default_factory=dict)
    others_cores: float = math.nan
    client_cpu_s: float = math.nan

    @property
    def rate(self) -> float:
        return self.reruns / self.seconds if self.seconds else math.nan

    @property
    def mem_per_session(self) -> float:
        return (self.rss_after - self.rss_before) / self.users if self.users else math.nan

    def summary(self) -> dict:
        return {"name": self.name, "users": self.users, "reruns": self.reruns, "seconds": self.seconds,
                "reruns_per_s": self.rate, "p50_ms": percentile(self.latencies, 0.5) * 1000,
                "p95_ms": percentile(self.latencies, 0.95) * 1000,
                "max_ms": max(self.latencies, default=math.nan) * 1000, "errors": self.errors,
                "rss_before_mib": self.rss_before, "rss_after_mib": self.rss_after,
                "mem_per_session_mib": self.mem_per_session,
                "server_cpu_ms_per_rerun": self.cpu_s * 1000 / self.reruns if self.reruns else math.nan,
                "other_processes_cores": self.others_cores, "load_generator_cpu_s": self.client_cpu_s,
                "target": self.target, **self.extra}


async def open_users(url: str, count: int, query: str = "", assets: bool = False,
                     errors: list[str] | None = None) -> list[User]:
    """``count`` users connected and past their first run (failures go to ``errors``)."""
    users = [User(url, number) for number in range(count)]
    outcomes = await asyncio.gather(*(user.open(query, assets) for user in users), return_exceptions=True)
    opened = []
    for user, outcome in zip(users, outcomes):
        if isinstance(outcome, BaseException):
            (errors if errors is not None else []).append(f"user {user.number} open: {outcome}")
            await user.close()
        else:
            opened.append(user)
    return opened


async def close_all(users: list[User]) -> None:
    await asyncio.gather(*(user.close() for user in users), return_exceptions=True)


async def scenario_open_at_once(url: str, users: int, pid: int | None, assets: bool = True,
                                name: str | None = None, pids: list[int] | None = None) -> Result:
    """``users`` students open the link at the same moment."""
    result = Result(name or f"{users} users open the app at once", users, target="all first maps < 3 s")
    pids = pids or ([pid] if pid else [])
    result.rss_before = rss_total(pids)
    cpu0, meter = cpu_total(pids), Meter()
    crowd = [User(url, number) for number in range(users)]
    start = now()

    async def one(user):
        run = await user.open("", assets)
        return run.finished_at - start, run.map_at - start
    outcomes = await asyncio.gather(*(one(user) for user in crowd), return_exceptions=True)
    result.seconds = now() - start
    map_times = []
    for user, outcome in zip(crowd, outcomes):
        if isinstance(outcome, BaseException):
            result.errors.append(f"user {user.number}: {outcome}")
        else:
            result.latencies.append(outcome[0])
            map_times.append(outcome[1])
    result.reruns = len(result.latencies)
    result.rss_after = rss_total(pids)
    result.cpu_s = cpu_total(pids) - cpu0
    result.others_cores, result.client_cpu_s = meter.others_cores(result.cpu_s), time.process_time() - meter.own
    result.extra = {"map_element_p95_ms": percentile(map_times, 0.95) * 1000,
                    "with_assets": assets, "over_3s": sum(t > 3 for t in result.latencies)}
    await close_all(crowd)
    return result


async def scenario_stepping(url: str, users: int, seconds: float, interval: float, pid: int | None,
                            seed_phase: bool = True, name: str | None = None,
                            pids: list[int] | None = None) -> Result:
    """``users`` students each step the date every ``interval`` seconds for ``seconds``.

    Each user starts at its own moment within the first interval (students are not in
    lockstep) and never has two steps in flight: a late reply delays its next step.
    """
    result = Result(name or f"{users} users step once every {interval:g} s", users,
                     target="p95 < 300 ms, 0 errors")
    pids = pids or ([pid] if pid else [])
    result.rss_before = rss_total(pids)
    crowd = await open_users(url, users, errors=result.errors)
    result.rss_after = rss_total(pids)
    cpu0, start, meter = cpu_total(pids), now(), Meter()

    async def walk(user: User):
        phase = (user.number * 0.618034 % 1.0) * interval if seed_phase else 0.0
        for step in range(int(seconds / interval) + 1):
            at = start + phase + step * interval
            if at > start + seconds or now() > start + seconds:
                return  # a user running late does not go on past the scenario's end
            await asyncio.sleep(max(0.0, at - now()))
            try:
                result.latencies.append(await user.step(day_for(user.number, step)))
                result.reruns += 1
            except LoadError as error:
                result.errors.append(f"user {user.number} step {step}: {error}")
                return
    await asyncio.gather(*(walk(user) for user in crowd))
    result.seconds = now() - start
    result.cpu_s = cpu_total(pids) - cpu0
    result.others_cores, result.client_cpu_s = meter.others_cores(result.cpu_s), time.process_time() - meter.own
    await close_all(crowd)
    return result


async def scenario_drag(url: str, positions: int, interval: float, pid: int | None) -> Result:
    """One user drags a date control fast: ``positions`` reruns requested ``interval`` apart."""
    result = Result(f"1 user drags fast ({positions} positions, {interval * 1000:.0f} ms apart)", 1,
                    target="last position wins, no pile-up")
    crowd = await open_users(url, 1, errors=result.errors)
    if not crowd:
        return result
    user = crowd[0]
    # One ordinary step first: the time a single rerun takes, to compare the settle time with.
    single = await user.step(day_for(99, 0))
    cpu0 = cpu_seconds(pid)
    days = [day_for(99, step) for step in range(1, positions + 1)]
    start = now()
    try:
        drag = await user.drag(days, interval)
        result.latencies.append(drag["settle_s"])
        result.reruns = drag["finished_ok"]
        result.extra = {**drag, "single_step_ms": single * 1000, "last_wins": drag["last_drawn"] == days[-1]}
        if drag["runs_after_last"]:
            result.errors.append(f"{drag['runs_after_last']} runs started after the last position was drawn")
    except LoadError as error:
        result.errors.append(str(error))
    result.seconds = now() - start
    result.cpu_s = cpu_seconds(pid) - cpu0
    await close_all(crowd)
    return result


async def scenario_flat_out(url: str, users: int, pid: int | None, reruns: int | None = None,
                            seconds: float | None = None, sample_every: int = 100, name: str | None = None,
                            pids: list[int] | None = None) -> Result:
    """``users`` users stepping as fast as replies come (closed loop), for ``reruns`` reruns
    in all or for ``seconds``; the server's memory is sampled every ``sample_every`` reruns."""
    label = f"{reruns} reruns" if reruns else f"{seconds:g} s"
    result = Result(name or f"{label}, {users} users flat out", users, target="RSS flat")
    crowd = await open_users(url, users, errors=result.errors)
    samples = [(0, rss_mib(pid))]
    pids = pids or ([pid] if pid else [])
    cpu0 = {p: cpu_seconds(p) for p in pids}
    start, meter = now(), Meter()
    stop_at = start + (seconds if seconds else 3600)

    async def walk(user: User):
        step = 0
        while now() < stop_at and (reruns is None or result.reruns < reruns):
            step += 1
            result.reruns += 1  # claimed before the await, so the total is never exceeded
            try:
                result.latencies.append(await user.step(day_for(user.number, step % 2000)))
            except LoadError as error:
                result.reruns -= 1
                result.errors.append(f"user {user.number} step {step}: {error}")
                return
            if result.reruns // sample_every > len(samples) - 1:
                samples.append((result.reruns, rss_mib(pid)))
    await asyncio.gather(*(walk(user) for user in crowd))
    result.seconds = now() - start
    samples.append((result.reruns, rss_mib(pid)))
    cpu = {p: cpu_seconds(p) - cpu0[p] for p in pids}
    result.cpu_s = sum(cpu.values()) if cpu else math.nan
    result.others_cores = meter.others_cores(result.cpu_s if cpu else 0.0)
    result.client_cpu_s = time.process_time() - meter.own
    result.rss_before, result.rss_after = samples[0][1], samples[-1][1]
    warm = next((s for s in samples if s[0] >= 2 * sample_every), samples[-1])
    growth = (samples[-1][1] - warm[1]) / max(1, samples[-1][0] - warm[0]) * 1000
    result.extra = {"rss_samples": samples, "growth_mib_per_1000_after_warmup": growth,
                    "cpu_s_by_pid": {str(p): c for p, c in cpu.items()}}
    await close_all(crowd)
    return result


# --- Play in the browser: what it costs the server --------------------------------------------

def _parse_back(payload) -> str:
    if isinstance(payload, str):
        return "text"
    msg = BackMsg()
    try:
        msg.ParseFromString(payload)
    except Exception:  # noqa: BLE001 - any undecodable frame is counted as such
        return "undecodable"
    return msg.WhichOneof("type") or "empty"


def _is_finished_run(payload) -> bool:
    if isinstance(payload, str):
        return False
    msg = ForwardMsg()
    try:
        msg.ParseFromString(payload)
    except Exception:  # noqa: BLE001
        return False
    return msg.WhichOneof("type") == "script_finished" and msg.script_finished in FINISHED_OK


class PageWire:
    """Every websocket frame one page sends (decoded BackMsg type) and every finished run it receives."""

    def __init__(self, page):
        self.sent: list[str] = []
        self.runs = 0
        page.on("websocket", self._watch)

    def _watch(self, socket_) -> None:
        if urlsplit(socket_.url).hostname not in LOOPBACK:
            raise AssertionError(f"a page opened a websocket to {socket_.url}")
        socket_.on("framesent", lambda payload: self.sent.append(_parse_back(payload)))
        socket_.on("framereceived", lambda payload: setattr(self, "runs", self.runs + _is_finished_run(payload)))


def _only_loopback(route) -> None:
    parts = urlsplit(route.request.url)
    if parts.scheme in ("data", "blob") or parts.hostname in LOOPBACK:
        route.continue_()
    else:
        route.abort()


def play_check(browser, url: str, pages: int, seconds: float, pid: int | None = None,
               speed: str = "4", start_date: str = "1644-01-01") -> dict:
    """Open ``pages`` atlas pages in one browser, press Play in every one, watch ``seconds``;
    then pause the page that started playing last. Counts what reaches the server. Starting on
    the first frame at 4 frames a second (the map's default speed), playback lasts about two
    minutes, so no page reaches the end (which pauses it and reports, as it should) while it is
    watched, even when pressing Play in 30 pages takes a while on a busy machine.

    Must be called from synchronous code (sync Playwright); waits with page.wait_for_timeout
    so that Playwright keeps delivering websocket events.
    """
    require_loopback(url)
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.route("**/*", _only_loopback)
    try:
        tabs, wires, frames = [], [], []
        start = now()
        for _ in range(pages):
            page = context.new_page()
            wires.append(PageWire(page))
            page.goto(f"{url}/?date={start_date}", wait_until="commit")
            tabs.append(page)
        ready_by = start + 60 + 10 * pages  # the whole opening is bounded, not each page
        for page in tabs:
            frame = page.frame_locator(MAP_FRAME)
            frame.locator("#map_div[data-atlas-ready]").wait_for(timeout=max(1.0, ready_by - now()) * 1000)
            frames.append(frame)
        opened_s = now() - start
        lead = tabs[0]
        dates_ready = [f.locator("#map_div").get_attribute("data-atlas-date") for f in frames]
        # Let every page settle (its first run done), then press Play everywhere.
        deadline = now() + 30
        while now() < deadline and any(w.runs < 1 for w in wires):
            lead.wait_for_timeout(100)
        lead.wait_for_timeout(1000)
        for frame in frames:
            frame.locator("#map_div").evaluate(
                "(node, speed) => { const s = document.querySelector('.atlas-speed'); s.value = speed;"
                " s.dispatchEvent(new Event('change')); document.querySelector('.atlas-play').click(); }", speed)
        # The page that started last has the most playback left: it is the one paused below.
        order = list(range(pages - 1, -1, -1))
        tabs, wires, frames = [tabs[i] for i in order], [wires[i] for i in order], [frames[i] for i in order]
        lead = tabs[0]
        dates_before = [f.locator("#map_div").get_attribute("data-atlas-date") for f in frames]
        sent_mark = [len(w.sent) for w in wires]
        runs_mark = [w.runs for w in wires]
        cpu0 = cpu_seconds(pid)
        lead.wait_for_timeout(seconds * 1000)
        cpu_play = cpu_seconds(pid) - cpu0
        dates_after = [f.locator("#map_div").get_attribute("data-atlas-date") for f in frames]
        playing = sum(map(lambda f: f.locator("#map_div").evaluate("() => KurilAtlas.current().playing !== null"), frames))
        sent_during = [w.sent[m:] for w, m in zip(wires, sent_mark)]
        runs_during = sum(w.runs - m for w, m in zip(wires, runs_mark))
        # Pause the first page: exactly one report should reach the server, and one run come back.
        sent_mark = [len(w.sent) for w in wires]
        runs_mark = [w.runs for w in wires]
        lead_was_playing = frames[0].locator("#map_div").evaluate("() => KurilAtlas.current().playing !== null")
        frames[0].locator(".atlas-play").click()
        paused_on = frames[0].locator("#map_div").get_attribute("data-atlas-date")
        deadline = now() + 15
        while now() < deadline and (wires[0].runs == runs_mark[0] or f"date={paused_on}" not in lead.url):
            lead.wait_for_timeout(50)
        lead.wait_for_timeout(500)
        sent_after = [w.sent[m:] for w, m in zip(wires, sent_mark)]
        return {
            "pages": pages, "seconds": seconds, "speed": speed, "open_s": opened_s,
            "pages_on_start_date": sum(d == start_date for d in dates_ready),
            "pages_playing": playing, "pages_advanced": sum(a != b for a, b in zip(dates_before, dates_after)),
            "frames_sent_during_play": sum(len(s) for s in sent_during),
            "reruns_sent_during_play": sum(s.count("rerun_script") for s in sent_during),
            "server_runs_during_play": runs_during, "server_cpu_s_during_play": cpu_play,
            "pause_reruns_sent": sent_after[0].count("rerun_script"),
            "pause_other_frames": [t for t in sent_after[0] if t != "rerun_script"],
            "other_pages_sent_after_pause": sum(len(s) for s in sent_after[1:]),
            "pause_server_runs": wires[0].runs - runs_mark[0], "paused_on": paused_on,
            "lead_was_playing": lead_was_playing,
            "url_after_pause": lead.url.split("?", 1)[-1],
        }
    finally:
        context.close()


def run_play(url: str, pages: int, seconds: float, pid: int | None) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=PLAY_CHROMIUM_ARGS)
        try:
            return play_check(browser, url, pages, seconds, pid)
        finally:
            browser.close()


# --- several processes behind nginx ------------------------------------------------------------

def nginx_path() -> str | None:
    """nginx from $NGINX, the PATH, or the system binaries folder Debian installs it in."""
    search = os.environ.get("PATH", "") + os.pathsep + os.pathsep.join(("/usr/sbin", "/sbin"))
    return os.environ.get("NGINX") or shutil.which("nginx", path=search)


def render_nginx(listen: str, backends: list[str], access_log: str, cache_dir: str) -> str:
    """deploy/nginx-atlas.conf.template with its placeholders filled in."""
    servers = "\n    ".join(f"server {backend};" for backend in backends)
    return (NGINX_TEMPLATE.read_text().replace("@LISTEN@", listen).replace("@UPSTREAM_SERVERS@", servers)
            .replace("@ACCESS_LOG@", access_log).replace("@CACHE_DIR@", cache_dir))


class Cluster:
    """``count`` app processes and nginx in front of them, all on loopback; a context manager.

    nginx runs in the foreground of its own private prefix folder (config, logs, pid, temp),
    so nothing outside that folder is read or written.
    """

    def __init__(self, count: int, app_dir: Path = REPO):
        binary = nginx_path()
        if binary is None:
            raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
        self.nginx_binary = binary
        self.apps = [AppServer(app_dir) for _ in range(count)]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.folder = Path(tempfile.mkdtemp(prefix="atlas-nginx-"))
        self.nginx = None
        self.warm_s: list[float] = []

    def __enter__(self) -> Cluster:
        try:
            for app in self.apps:
                app.wait_until_healthy()
            # Each process's first session imports and caches everything (several seconds):
            # the teacher's own visit before class. Done in parallel, not measured as load.
            self.warm_s = run_coroutine(lambda: _warm_all([app.url for app in self.apps]))
            self._start_nginx()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def _start_nginx(self) -> None:
        folder = self.folder
        os.chmod(folder, 0o755)  # workers may run as an unprivileged user when started by root
        for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "cache"):
            (folder / name).mkdir(mode=0o777, exist_ok=True)
            os.chmod(folder / name, 0o777)
        (folder / "atlas.conf").write_text(render_nginx(
            f"127.0.0.1:{self.port}", [f"127.0.0.1:{app.port}" for app in self.apps], str(folder / "access.log"),
            str(folder / "cache")))
        (folder / "nginx.conf").write_text(f"""# generated by bench/load.py for one run
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    default_type application/octet-stream;
    include {folder}/atlas.conf;
}}
""")
        self.nginx = subprocess.Popen(
            [self.nginx_binary, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log"),
             "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = now() + 15
        while now() < deadline:
            if self.nginx.poll() is not None:
                break
            try:
                if http_get_sync(f"{self.url}/_stcore/health", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        log = (folder / "error.log").read_text(errors="replace") if (folder / "error.log").exists() else ""
        raise RuntimeError(f"nginx did not start:\n{log}")

    def sessions_by_backend(self) -> dict[str, int]:
        """Websocket sessions per backend, from nginx's access log (a line per closed websocket)."""
        counts = {f"127.0.0.1:{app.port}": 0 for app in self.apps}
        log = self.folder / "access.log"
        for line in log.read_text().splitlines() if log.exists() else []:
            if "/_stcore/stream" in line and " 101 " in line:
                upstream = re.search(r"upstream=(\S+)", line)
                if upstream:
                    counts[upstream.group(1)] = counts.get(upstream.group(1), 0) + 1
        return counts

    def upstream_errors(self) -> int:
        """Lines in nginx's error log about a process that failed or timed out."""
        log = self.folder / "error.log"
        return sum("upstream" in line for line in log.read_text(errors="replace").splitlines()) if log.exists() else 0

    def stop(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)  # graceful: closes and logs open websockets
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait(timeout=10)
        for app in self.apps:
            app.stop()
            app.discard_log()

    def cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


async def _warm_all(urls: list[str]) -> list[float]:
    async def warm(url):
        start = now()
        user = User(url)
        try:
            await user.open()
        finally:
            await user.close()
        return now() - start
    return list(await asyncio.gather(*(warm(url) for url in urls)))


def run_proxy(users: int, seconds: float, class_size: int, step_seconds: float, app_dir: Path = REPO) -> dict:
    """One process behind nginx against two: reruns per second under the same closed-loop load
    (``users`` flat out for ``seconds``) and the share of sessions each process served; and,
    on one process and on two, the class scenarios (``class_size`` users opening at once and
    stepping once a second)."""
    out: dict = {"rows": []}
    with Cluster(1, app_dir) as one:
        pid = one.apps[0].pid
        one_flat = run_coroutine(lambda: scenario_flat_out(
            one.url, users, pid, seconds=seconds, name=f"1 process behind nginx, {users} users flat out"))
        out["rows"].append(one_flat)
        out["rows"].append(run_coroutine(lambda: scenario_open_at_once(
            one.url, class_size, pid, name=f"1 process: {class_size} users open at once")))
        out["rows"].append(run_coroutine(lambda: scenario_stepping(
            one.url, class_size, step_seconds, 1.0, pid, name=f"1 process: {class_size} users step every 1 s")))
        one.stop()
        one_flat.extra["sessions_by_backend"] = one.sessions_by_backend()
    one.cleanup()
    with Cluster(2, app_dir) as two:
        pids = [app.pid for app in two.apps]
        out["warm_first_session_s"] = two.warm_s
        two_flat = run_coroutine(lambda: scenario_flat_out(
            two.url, users, None, seconds=seconds, name=f"2 processes behind nginx, {users} users flat out", pids=pids))
        out["cpu_s_by_process"] = [two_flat.extra["cpu_s_by_pid"].get(str(pid)) for pid in pids]
        out["rows"].append(two_flat)
        out["rows"].append(run_coroutine(lambda: scenario_open_at_once(
            two.url, class_size, None, name=f"2 processes: {class_size} users open at once", pids=pids)))
        out["rows"].append(run_coroutine(lambda: scenario_stepping(
            two.url, class_size, step_seconds, 1.0, None, name=f"2 processes: {class_size} users step every 1 s",
            pids=pids)))
        out["rss_by_process_mib"] = [rss_mib(pid) for pid in pids]
        two.stop()
        out["sessions_by_backend"] = two.sessions_by_backend()
        out["nginx_upstream_errors"] = two.upstream_errors()
    two.cleanup()
    one_rate, two_rate = one_flat.rate, two_flat.rate
    out["speedup"] = two_rate / one_rate if one_rate else math.nan
    return out


# --- the whole bench -------------------------------------------------------------------------

def ms(value: float) -> str:
    return "-" if value is None or math.isnan(value) else f"{value * 1000:.0f} ms"


def mib(value: float) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:.1f} MiB"


def cores(value: float) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:.1f}"


def print_table(results: list[Result]) -> None:
    header = (f"{'scenario':<46}{'reruns':>7}{'rerun/s':>8}{'p50':>9}{'p95':>9}{'max':>9}{'errors':>7}"
              f"{'mem/session':>12}{'cpu/rerun':>10}{'others':>7}  target")
    print(header)
    print("-" * len(header))
    for r in results:
        cpu = r.cpu_s * 1000 / r.reruns if r.reruns else math.nan
        print(f"{r.name:<46}{r.reruns:>7}{r.rate:>8.1f}{ms(percentile(r.latencies, .5)):>9}"
              f"{ms(percentile(r.latencies, .95)):>9}{ms(max(r.latencies, default=math.nan)):>9}"
              f"{len(r.errors):>7}{mib(r.mem_per_session):>12}{'-' if math.isnan(cpu) else f'{cpu:.0f} ms':>10}"
              f"{cores(r.others_cores):>7}  {r.target}")
    print("latency: rerun request sent -> its script_finished received (open at once: page request -> first "
          "run finished).\nmem/session: server RSS growth / users; cpu/rerun: server CPU time / reruns; "
          "others: CPU cores used meanwhile by other processes on this machine (not the server, not this "
          "load generator).")
    for r in results:
        for error in r.errors[:5]:
            print(f"  error ({r.name}): {error}")


def print_details(results: list[Result], first_s: float, play: dict | None, proxy: dict | None) -> None:
    print()
    print(f"server's first session after start (imports + caches): {first_s:.2f} s; not part of any scenario")
    for r in results:
        e = r.extra
        if "with_assets" in e:
            print(f"open at once: connect -> first run finished with the map, per user "
                  f"({'page + its ~60 JS/CSS files, then websocket' if e['with_assets'] else 'page, then websocket'}); "
                  f"map element arrived by p95 {e['map_element_p95_ms']:.0f} ms; over 3 s: {e['over_3s']}. "
                  "No JavaScript runs: the browser's own start-up and the map iframe's Leaflet/geometry "
                  "downloads come on top.")
        if "settle_s" in e:
            print(f"drag: {e['sent']} positions in {e['span_s'] * 1000:.0f} ms -> {e['runs_started']} runs started, "
                  f"{e['finished_ok']} finished, the other {e['runs_started'] - e['finished_ok']} stopped by the next "
                  f"position (runner.fastReruns); "
                  f"last position drawn {e['settle_s'] * 1000:.0f} ms after it was sent "
                  f"(one step alone: {e['single_step_ms']:.0f} ms); last wins: {'yes' if e['last_wins'] else 'NO'}; "
                  f"runs after the last: {e['runs_after_last']}")
        if "rss_samples" in e and "flat out" in r.name and "nginx" not in r.name:
            samples = ", ".join(f"{n}: {v:.1f}" for n, v in e["rss_samples"])
            print(f"server RSS (MiB) after N reruns: {samples}")
            print(f"  growth after the first 200 reruns: {e['growth_mib_per_1000_after_warmup']:+.2f} MiB per 1,000 reruns")
    if play:
        print(f"\nPlay in the browser: {play['pages']} pages in one Chromium, Play at {play['speed']} frames/s for "
              f"{play['seconds']:g} s ({play['pages_playing']} playing, {play['pages_advanced']} advanced; opened in "
              f"{play['open_s']:.0f} s)")
        print(f"  websocket frames the pages sent while playing: {play['frames_sent_during_play']} "
              f"(reruns requested: {play['reruns_sent_during_play']}); runs the server finished: "
              f"{play['server_runs_during_play']}; server CPU during playback: {play['server_cpu_s_during_play'] * 1000:.0f} ms")
        print(f"  pause one page: it sent {play['pause_reruns_sent']} rerun (others: {play['pause_other_frames']}), the server "
              f"finished {play['pause_server_runs']} run, URL now {play['url_after_pause']} (paused on {play['paused_on']}); "
              f"the other pages sent {play['other_pages_sent_after_pause']} frames")
    if proxy:
        rows = proxy["rows"]
        print("\nSeveral processes behind nginx (sticky cookie, static files cached by nginx), on loopback on this "
              "machine, load generator included; 'others' includes nginx")
        print_table(rows)
        direct = next((r for r in results if "flat out" in r.name), None)
        if direct:
            print(f"1 process without nginx ({direct.name}): {direct.rate:.1f} reruns/s")
        print(f"speed-up, 2 processes vs 1 behind nginx: {proxy['speedup']:.2f}x (target >= 1.6x); "
              f"server CPU seconds per process: {', '.join(f'{c:.1f}' for c in proxy['cpu_s_by_process'] if c is not None)}; "
              f"websocket sessions per process (nginx access log): {proxy['sessions_by_backend']}; "
              f"nginx upstream errors: {proxy['nginx_upstream_errors']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=30, help="students (default 30)")
    parser.add_argument("--seconds", type=float, default=20, help="length of the stepping scenario")
    parser.add_argument("--reruns", type=int, default=1000, help="reruns in the memory scenario")
    parser.add_argument("--flat-users", type=int, default=6, help="users in the flat-out scenarios")
    parser.add_argument("--play-pages", type=int, default=30, help="browser pages pressing Play (0: skip)")
    parser.add_argument("--play-seconds", type=float, default=5)
    parser.add_argument("--proxy-seconds", type=float, default=15, help="length of each flat-out run behind nginx")
    parser.add_argument("--proxy-users", type=int, default=20,
                        help="users in the flat-out runs behind nginx (enough that each process gets several)")
    parser.add_argument("--proxy", choices=("auto", "yes", "no"), default="auto",
                        help="two processes behind nginx: auto = when nginx is installed")
    parser.add_argument("--only-proxy", action="store_true", help="run only the nginx scenario")
    parser.add_argument("--app-dir", type=Path, default=REPO, help="run the app found here (default: this checkout)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` stops the servers
    ARTIFACTS.mkdir(exist_ok=True)
    started = now()
    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
    results: list[Result] = []
    play = proxy = None
    first_s = math.nan
    want_proxy = args.proxy == "yes" or (args.proxy == "auto" and nginx_path() is not None)
    if args.only_proxy:
        want_proxy = True
    if not args.only_proxy:
        server = AppServer(args.app_dir)
        try:
            server.wait_until_healthy()
            pid = server.pid
            first_s = asyncio.run(_warm_all([server.url]))[0]

            def stage(name):
                if server.process.poll() is not None:
                    raise RuntimeError(f"the server exited:\n{server.output()}")
                print(f"[{now() - started:5.1f} s] {name} ...", flush=True)
            stage("open at once")
            results.append(asyncio.run(scenario_open_at_once(server.url, args.users, pid)))
            stage("stepping once a second")
            results.append(asyncio.run(scenario_stepping(server.url, args.users, args.seconds, 1.0, pid)))
            stage("fast drag")
            results.append(asyncio.run(scenario_drag(server.url, 30, 0.03, pid)))
            stage(f"{args.reruns} reruns")
            results.append(asyncio.run(scenario_flat_out(server.url, args.flat_users, pid, reruns=args.reruns,
                                                         name=f"{args.reruns} reruns, {args.flat_users} users flat out")))
            if args.play_pages:
                if chromium_path() is None:
                    print("Play scenario skipped: Chromium not found (make browser, or set CHROMIUM)")
                else:
                    stage(f"Play in {args.play_pages} browser pages")
                    play = run_play(server.url, args.play_pages, args.play_seconds, pid)
        except Exception:
            print(f"server output:\n{server.output()}", file=sys.stderr)
            raise
        finally:
            server.stop()
            server.discard_log()
    if want_proxy:
        if nginx_path() is None:
            print("proxy scenario skipped: nginx not found (Debian: apt-get install nginx)")
        else:
            print(f"[{now() - started:5.1f} s] 1 and 2 processes behind nginx ...", flush=True)
            proxy = run_proxy(args.proxy_users, args.proxy_seconds, args.users, args.seconds, args.app_dir)
    elif args.proxy == "auto":
        print("proxy scenario skipped: nginx not found (Debian: apt-get install nginx)")
    print(f"\nKuril Islands atlas, load test: {os.cpu_count()} CPUs, load generator on the same machine; "
          f"load average before the run {load_before}\n")
    if results:
        print_table(results)
    print_details(results, first_s, play, proxy)
    total = now() - started
    print(f"\ntotal {total:.0f} s; numbers in artifacts/bench-load.json")
    (ARTIFACTS / "bench-load.json").write_text(json.dumps(
        {"results": [r.summary() for r in results], "first_session_s": first_s, "play": play,
         "proxy": proxy and {**proxy, "rows": [r.summary() for r in proxy["rows"]]}, "total_s": total},
        indent=1, default=str))
    failed = any(r.errors for r in results + (proxy["rows"] if proxy else []))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
