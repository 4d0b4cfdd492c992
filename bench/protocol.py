"""A simulated student: Streamlit's own websocket protocol, spoken without a browser.

A ``User`` does what a browser does on the wire, without running any JavaScript:

* ``GET /`` (and, when opening the app, the ~60 JS/CSS files the page names), keeping cookies
  (the proxy's sticky cookie);
* opens ``/_stcore/stream`` with the ``streamlit`` subprotocol and sends ``BackMsg.rerun_script``
  with the URL's query string, exactly as the page does on load;
* reads ``ForwardMsg`` until the run's ``script_finished``; the map is the
  ``streamlit_folium.st_folium`` component element, whose widget id is read from that first run;
* a *step* is one ``rerun_script`` carrying the map component's value
  ``geo.render.contract.MapReport`` (date, no island, a new seq), which is what the map's own time control
  sends when playback pauses or dragging stops; the step ends with the run's
  ``script_finished``, and the date the server drew (the ``KurilAtlas.sync`` call in the map's
  arguments) must be the date sent.

Every read has a timeout, and only loopback addresses may be targeted.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import json
import re
import socket
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from bench.common import LOOPBACK, now
from geo.render.contract import MapReport

MAP_COMPONENT = "streamlit_folium.st_folium"
SYNC_CALL = "KurilAtlas.sync("
ASSET_LINK = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*\shref)="([^"]+)"')
STEP_TIMEOUT_S = 30.0  # a reply that takes longer than this is counted as lost
CONNECT_TIMEOUT_S = 30.0
FINISHED_OK = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


def require_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in LOOPBACK:
        raise SystemExit(f"refusing to load {url}: only loopback addresses may be targeted")


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


class LoadError(Exception):
    """A reply that did not come, came wrong, or a connection that failed."""


@dataclass
class Run:
    """One script run as the client saw it."""

    status: int | None = None
    map_date: str | None = None
    map_at: float | None = None  # when the map element arrived
    map_asks_drawn: bool = False  # the map is asked to report once it has drawn
    finished_at: float | None = None
    messages: int = 0
    bytes: int = 0
    exceptions: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # the headings and Markdown the run drew


class User:
    """A student's browser tab, minus the JavaScript: one websocket session."""

    def __init__(self, base_url: str, number: int = 0, page: str = ""):
        require_loopback(base_url)
        self.base = base_url.rstrip("/") + "/"
        self.number = number
        self.page = page  # the page's URL path ("Story"), "" for the map page
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
        self.drawn_run: Run | None = None  # the run that answered the map's "drawn" report, after the first
        self.finished: dict[int, int] = {}  # script_finished status -> count

    async def open(self, query: str = "", assets: bool = False) -> Run:
        """Load the page (and its entry assets), connect and wait for the first run."""
        status, body = await http_get(self.base + self.page + (f"?{query}" if query else ""), self.cookies)
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
        if run.map_asks_drawn:
            # As the map in a browser does once it has drawn: report, and the page adds its sidebar.
            drawn_at = now()
            await self._send_rerun(self.report(run.map_date))
            self.drawn_run = await self._read_until_finished(drawn_at, CONNECT_TIMEOUT_S)
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
        state.page_name = self.page
        state.cached_message_hashes.extend(self.cache)
        if widget_value is not None:
            state.fragment_id = self.map_fragment
            widget = state.widget_states.widgets.add()
            widget.id = self.map_id
            widget.json_value = json.dumps(widget_value)
        await self.ws.send(back.SerializeToString())

    def report(self, day: str, lesson_step: int | None = None) -> dict:
        """The value the map's time control hands to Streamlit for a date (a new seq each time);
        with ``lesson_step``, the value the lesson player sends on stepping to that step."""
        self.seq += 1
        return MapReport(day, "", self.number * 1_000_000 + self.seq, step=lesson_step).to_value()

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
                run.map_asks_drawn = bool(handed_state(handover).get("reportDrawn"))
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

    async def step(self, day: str, timeout: float = STEP_TIMEOUT_S, lesson_step: int | None = None) -> float:
        """Set the map's date to ``day`` (on the Story page, the lesson's step ``lesson_step``
        and its date); seconds until the server finished drawing it."""
        sent = now()
        await self._send_rerun(self.report(day, lesson_step))
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


def handed_state(script: str) -> dict:
    """The state in the map's ``KurilAtlas.sync({...})`` hand-over script ({} when there is none)."""
    at = script.find(SYNC_CALL)
    if at < 0:
        return {}
    try:
        state, _ = json.JSONDecoder().raw_decode(script, at + len(SYNC_CALL))
    except ValueError:
        return {}
    return state if isinstance(state, dict) else {}


def handed_date(script: str) -> str | None:
    """The date in the map's ``KurilAtlas.sync({...})`` hand-over script, or None."""
    return handed_state(script).get("date")


def day_for(user: int, step: int) -> str:
    """A valid date for a user's step: every user walks its own path through 1855-2010."""
    start = dt.date(1855, 1, 1) + dt.timedelta(days=user * 389)
    return (start + dt.timedelta(days=(step + 1) * 7)).isoformat()
