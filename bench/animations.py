"""What animations cost: one drawing of the 1945 landings, and ten requested on the Handouts page
at once while a class steps the map.

Run from the repository root: ``.venv/bin/python bench/animations.py`` (``make load`` runs it
too, as a stage of bench/load.py). It starts its own atlas server on a free loopback port. The
class is load.py's stepping scenario (simulated students on Streamlit's websocket protocol);
the ten requests are ten more such sessions on the Handouts page, each pressing "Make the
animation" for its own language and whose maps (nine different ones and one asked for twice),
as a class pressing together would. The server draws one at a time; the table compares the
class's latencies with and without them. Bounded: a fixed number of users and seconds, a timeout
on every read, loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from websockets.asyncio.client import connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: `python bench/animations.py`
from bench.appserver import AppServer  # noqa: E402
from bench.common import ARTIFACTS, now, percentile  # noqa: E402
from bench.protocol import CONNECT_TIMEOUT_S, FINISHED_OK, LoadError, User, http_get  # noqa: E402
from bench.scenarios import Result, scenario_stepping, warm_all  # noqa: E402

LANDINGS = ("1945-08-15", "1945-09-10")
MAKE_KEY = "w_animation_make"  # the Handouts page's button (ui/animation.py)
DOWNLOAD_KEY = "w_animation_download"
RENDER_TIMEOUT_S = 180.0
# Each request's address: the page opens on its language and whose maps; the last is the first again.
REQUESTS = [f"lang={lang}&view={view}" for lang in ("en", "ja", "ru") for view in ("administered", "japan", "russia")]
REQUESTS.append(REQUESTS[0])


def render_seconds(runs: int = 3) -> dict:
    """Seconds to draw the landings' GIF in this process (after a first, warm-up drawing), and its size."""
    from geo.render.animate import render_animation

    started = time.perf_counter()
    content = render_animation(*LANDINGS)
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        render_animation(*LANDINGS)
        times.append(time.perf_counter() - started)
    return {"first_s": first, "median_s": statistics.median(times), "runs": times, "bytes": len(content)}


class Presser(User):
    """A session on the Handouts page that presses "Make the animation" and waits for the file."""

    async def open_page(self, page: str, query: str) -> None:
        status, _ = await http_get(f"{self.base}{page}?{query}", self.cookies)
        if status != 200:
            raise LoadError(f"GET /{page} answered {status}")
        self.ws = await connect("ws" + self.base[4:] + "_stcore/stream", subprotocols=["streamlit"], proxy=None,
                                max_size=None, open_timeout=CONNECT_TIMEOUT_S, ping_interval=None)
        self.query, self.page = query, page
        await self._rerun(None)
        self.make_id = (await self._until_finished(CONNECT_TIMEOUT_S)).get(MAKE_KEY)
        if not self.make_id:
            raise LoadError("the Handouts page drew no 'Make the animation' button")

    async def _rerun(self, pressed: str | None) -> None:
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query
        state.page_name = self.page  # the page by its address: new_session names the entry script's hash
        state.cached_message_hashes.extend(self.cache)
        if pressed:
            widget = state.widget_states.widgets.add()
            widget.id = pressed
            widget.trigger_value = True
        await self.ws.send(back.SerializeToString())

    async def _until_finished(self, timeout: float) -> dict[str, str]:
        """Read until the run finishes; the ids of the buttons it drew, by key."""
        deadline, drawn = now() + timeout, {}
        while True:
            msg, _ = await self._message(deadline)
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                which = element.WhichOneof("type")
                if which in ("button", "download_button"):
                    widget = getattr(element, which)
                    drawn[widget.id.rsplit("-", 1)[-1]] = widget.id
                elif which == "exception":
                    raise LoadError(f"the script raised: {element.exception.message[:200]}")
            elif kind == "script_finished" and msg.script_finished in FINISHED_OK:
                return drawn

    async def press(self) -> float:
        """Press the button; seconds until the page offers the file."""
        sent = now()
        await self._rerun(self.make_id)
        if DOWNLOAD_KEY not in await self._until_finished(RENDER_TIMEOUT_S):
            raise LoadError("the run ended without the animation's download button")
        return now() - sent


async def scenario_animations_while_stepping(url: str, users: int, seconds: float, pid: int | None) -> tuple[Result, dict]:
    """The stepping class, with ten animations asked for at once a second into it."""
    pressers = [Presser(url, 1000 + number) for number in range(len(REQUESTS))]
    await asyncio.gather(*(presser.open_page("Handouts", query) for presser, query in zip(pressers, REQUESTS)))
    waits: list[float] = []

    async def press_all():
        await asyncio.sleep(1.0)
        waits.extend(await asyncio.gather(*(presser.press() for presser in pressers)))
    class_run = scenario_stepping(url, users, seconds, 1.0, pid, name=f"{users} users step, 10 animations asked for")
    result, _ = await asyncio.gather(class_run, press_all())
    await asyncio.gather(*(presser.close() for presser in pressers))
    return result, {"waits_s": sorted(waits), "first_done_s": min(waits), "last_done_s": max(waits)}


async def measure(url: str, users: int, seconds: float, pid: int | None) -> dict:
    alone = await scenario_stepping(url, users, seconds, 1.0, pid, name=f"{users} users step, nothing else")
    loaded, animations = await scenario_animations_while_stepping(url, users, seconds, pid)
    return {"alone": alone, "loaded": loaded, "animations": animations}


def print_animations(render: dict) -> None:
    """The drawing's time and, where they were asked for, how long the ten requests waited."""
    print(f"load average before the animations: {render['load_before']:.1f} on {os.cpu_count()} cores "
          "(other processes' work slows every row)")
    print(f"one drawing of the 1945 landings (GIF, 1280x720, 9 frames) in this process: median "
          f"{render['median_s']:.2f} s of {len(render['runs'])} (first, cold: {render['first_s']:.2f} s), "
          f"{render['bytes'] / 1024:.0f} KB")
    if "requests" in render:
        waits = render["requests"]["waits_s"]
        print(f"10 animations asked for at once on the Handouts page (9 different, 1 twice), drawn one at a time: "
              f"the first ready after {waits[0]:.1f} s, the last after {waits[-1]:.1f} s; "
              f"each: {', '.join(f'{w:.1f}' for w in waits)} s")


def print_report(render: dict, numbers: dict) -> None:
    print_animations({**render, "requests": numbers["animations"]})
    for row in (numbers["alone"], numbers["loaded"]):
        print(f"{row.name:<46} steps {row.reruns:>4}  p50 {percentile(row.latencies, .5) * 1000:6.0f} ms  "
              f"p95 {percentile(row.latencies, .95) * 1000:6.0f} ms  max {max(row.latencies, default=0) * 1000:6.0f} ms  "
              f"errors {len(row.errors)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=30, help="students stepping (default 30)")
    parser.add_argument("--seconds", type=float, default=20, help="length of each stepping run")
    args = parser.parse_args(argv)
    ARTIFACTS.mkdir(exist_ok=True)
    load_before = os.getloadavg()[0]
    render = {**render_seconds(), "load_before": load_before}
    server = AppServer()
    try:
        server.wait_until_healthy()
        asyncio.run(warm_all([server.url]))
        numbers = asyncio.run(measure(server.url, args.users, args.seconds, server.pid))
    except Exception:
        print(f"server output:\n{server.output()}", file=sys.stderr)
        raise
    finally:
        server.stop()
        server.discard_log()
    print_report(render, numbers)
    (ARTIFACTS / "bench-animations.json").write_text(json.dumps(
        {"render": render, "alone": numbers["alone"].summary(), "loaded": numbers["loaded"].summary(),
         "animations": numbers["animations"]}, indent=1, default=str))
    return 1 if numbers["alone"].errors or numbers["loaded"].errors else 0


if __name__ == "__main__":
    sys.exit(main())
