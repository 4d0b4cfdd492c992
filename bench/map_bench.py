"""Speed of the atlas map: first load, Play, and date steps that go through the server.

Run from the repository root: ``.venv/bin/python bench/map_bench.py`` (or ``make bench``).
Starts its own atlas server (``python -m ui.serve``) on a free loopback port and a headless Chromium that
may reach only loopback, prints a table and writes the numbers to artifacts/bench-map.json.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: `python bench/map_bench.py`
from bench.appserver import AppServer  # noqa: E402
from bench.common import ARTIFACTS, chromium_path, launch_chromium, now, wait_sidebar_added  # noqa: E402
from bench.first_map import measure_first_map, measure_wire  # noqa: E402
from bench.map_page import BENCH_CHROMIUM_ARGS, Net, load_map, map_frame, open_page  # noqa: E402
from bench.map_report import report  # noqa: E402
from bench.lesson_steps import measure_story_steps, measure_typed_dates  # noqa: E402
from bench.map_steps import measure_play, measure_server_steps, measure_step_cost, screenshot  # noqa: E402
from bench.picks import measure_list_picks, measure_page_picks, measure_picks, measure_usual_picks  # noqa: E402


def require_chromium() -> None:
    if not chromium_path():
        sys.exit("Chromium not found: install Debian's chromium (make browser) or set CHROMIUM")


def run(server: AppServer, started: float) -> dict:
    """Every measurement, in order: the first load must be the server's cold one."""
    net, results = Net(), {"load_before": os.getloadavg()[0], "server_start_s": server.wait_until_healthy()}

    def stage(name):
        server.check()
        print(f"[{now() - started:5.1f} s] {name} ...", flush=True)
    with sync_playwright() as playwright:
        require_chromium()
        browser = launch_chromium(playwright, BENCH_CHROMIUM_ARGS)
        try:
            stage("first map loads, taking turns with a bare Streamlit page")
            results["first_map"] = measure_first_map(browser, net, server.url)
            results["bare_floor_s"] = results["first_map"]["bare_s"]
            results["wire"] = measure_wire(browser, net, server.url)
            stage("browser step cost and play")
            context, page = open_page(browser, net)
            load_map(page, f"{server.url}/?date=1644-01-01")
            wait_sidebar_added(page, 60_000)
            frame = map_frame(page)
            results["step_cost"] = measure_step_cost(frame)
            results["play"] = measure_play(page, frame, net)
            context.close()
            stage("server steps")
            results["server_steps"] = measure_server_steps(browser, net, server)
            stage("dates picked through Streamlit")
            results["picks"] = measure_picks(browser, net, server.url)
            stage("dates picked through Streamlit on a page with only the map and the picker")
            results["floor_picks"] = measure_page_picks(browser, net, "floor_pick_page.py")
            stage("dates picked in the usual st_folium app, which builds a new map every rerun")
            results["usual_picks"] = measure_page_picks(browser, net, "usual_app.py", measure_usual_picks)
            stage("story steps and typed dates in the map")
            results["story_steps"] = measure_story_steps(browser, net, server.url)
            results["typed_dates"] = measure_typed_dates(browser, net, server.url)
            stage("events chosen in the map's own list")
            results["list_picks"] = measure_list_picks(browser, net, server.url)
            stage("screenshot")
            results["screenshot"] = screenshot(browser, net, server.url, ARTIFACTS / "map-1945-08-28.png")
        finally:
            browser.close()
    results["blocked"], results["load_after"] = net.blocked, os.getloadavg()[0]
    return results


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` stops the server
    ARTIFACTS.mkdir(exist_ok=True)
    started, server = now(), AppServer()
    try:
        results = run(server, started)
    except Exception:
        print(f"server output ({server.log}):\n{server.output()}", file=sys.stderr)
        raise
    finally:
        server.stop()
    results["total_s"] = now() - started
    (ARTIFACTS / "bench-map.json").write_text(json.dumps(results, indent=1))
    report(results)
    print(f"\ntotal {results['total_s']:.0f} s; numbers in artifacts/bench-map.json")
    server.discard_log()
    return 1 if results["blocked"] else 0


if __name__ == "__main__":
    sys.exit(main())
