"""Load test of the atlas: simulated students that speak Streamlit's own websocket protocol.

Run from the repository root: ``.venv/bin/python bench/load.py`` (or ``make load``).
It starts its own atlas server (``python -m ui.serve``) on a free loopback port, plays the scenarios below
against it and prints one table; ``--proxy`` (on by default when nginx is installed) also
starts two app processes behind nginx with sticky sessions. Numbers go to
artifacts/bench-load.json.

The parts: ``protocol.py`` is the simulated student (Streamlit's websocket protocol, no
browser), ``scenarios.py`` the class scenarios, ``play.py`` Play in many browser pages,
``cluster.py`` several processes behind nginx, ``report.py`` the table; ``bench/README.md``
describes every row.

Everything is bounded: a fixed number of users, steps and seconds, a timeout on every read, and
only loopback addresses may be targeted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import signal
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: `python bench/load.py`
from bench.animations import print_animations, render_seconds, scenario_animations_while_stepping  # noqa: E402
from bench.appserver import AppServer  # noqa: E402
from bench.cluster import nginx_path, run_proxy  # noqa: E402
from bench.common import ARTIFACTS, REPO, chromium_path, now  # noqa: E402
from bench.lesson_load import saved_story, scenario_present_at_once, scenario_steps_while_teacher_saves  # noqa: E402
from bench.play import run_play  # noqa: E402
from bench.report import print_details, print_table  # noqa: E402
from bench.scenarios import (Result, scenario_drag, scenario_flat_out, scenario_open_at_once,  # noqa: E402
                             scenario_stepping, warm_all)
from geo.classroom.store import migrated_store  # noqa: E402


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
    parser.add_argument("--animations", action=argparse.BooleanOptionalAction, default=True,
                        help="also: one animation drawn, and ten asked for at once while the class steps (bench/animations.py)")
    parser.add_argument("--app-dir", type=Path, default=REPO, help="run the app found here (default: this checkout)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` stops the servers
    ARTIFACTS.mkdir(exist_ok=True)
    started = now()
    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
    results: list[Result] = []
    play = proxy = animations = None
    first_s = math.nan
    want_proxy = args.proxy == "yes" or (args.proxy == "auto" and nginx_path() is not None)
    if args.only_proxy:
        want_proxy = True
    if not args.only_proxy:
        # The server keeps its saved lessons in a file of this run's own, which the teacher's
        # saves (bench/lesson_load.py) write too.
        lessons_url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='atlas-load-')) / 'lessons.sqlite3'}"
        server = AppServer(args.app_dir, env={"KURIL_ATLAS_LESSONS_URL": lessons_url})
        try:
            server.wait_until_healthy()
            pid = server.pid
            first_s = asyncio.run(warm_all([server.url]))[0]

            def stage(name):
                if server.process.poll() is not None:
                    raise RuntimeError(f"the server exited:\n{server.output()}")
                print(f"[{now() - started:5.1f} s] {name} ...", flush=True)
            stage("open at once")
            results.append(asyncio.run(scenario_open_at_once(server.url, args.users, pid)))
            stage("stepping once a second")
            results.append(asyncio.run(scenario_stepping(server.url, args.users, args.seconds, 1.0, pid)))
            if args.animations:
                stage("ten animations asked for at once while the class steps")
                animations = {**render_seconds(), "load_before": os.getloadavg()[0]}
                loaded, animations["requests"] = asyncio.run(
                    scenario_animations_while_stepping(server.url, args.users, args.seconds, pid))
                results.append(loaded)
            with migrated_store(lessons_url) as store:
                lesson = saved_story(store)
                stage("a saved lesson's link opened at once")
                results.append(asyncio.run(scenario_present_at_once(server.url, args.users, lesson, pid)))
                for teacher in (False, True):
                    stage("stepping a saved lesson" + (" while its teacher saves" if teacher else ""))
                    results.append(asyncio.run(scenario_steps_while_teacher_saves(
                        server.url, args.users, args.seconds, store, lesson, pid, teacher)))
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
    if animations:
        print_animations(animations)
    total = now() - started
    print(f"\ntotal {total:.0f} s; numbers in artifacts/bench-load.json")
    (ARTIFACTS / "bench-load.json").write_text(json.dumps(
        {"results": [r.summary() for r in results], "first_session_s": first_s, "play": play,
         "proxy": proxy and {**proxy, "rows": [r.summary() for r in proxy["rows"]]}, "animations": animations,
         "total_s": total},
        indent=1, default=str))
    failed = any(r.errors for r in results + (proxy["rows"] if proxy else []))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
