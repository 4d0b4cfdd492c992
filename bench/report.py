"""The load test's table and the details under it."""

from __future__ import annotations

import math

from bench.common import percentile
from bench.scenarios import Result


def ms(value: float) -> str:
    return "-" if value is None or math.isnan(value) else f"{value * 1000:.0f} ms"


def mib(value: float) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:.1f} MiB"


def cores(value: float) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:.1f}"


def print_table(results: list[Result]) -> None:
    header = (f"{'scenario':<60}{'reruns':>7}{'rerun/s':>8}{'p50':>9}{'p95':>9}{'max':>9}{'errors':>7}"
              f"{'mem/session':>12}{'cpu/rerun':>10}{'others':>7}  target")
    print(header)
    print("-" * len(header))
    for r in results:
        cpu = r.cpu_s * 1000 / r.reruns if r.reruns else math.nan
        print(f"{r.name:<60}{r.reruns:>7}{r.rate:>8.1f}{ms(percentile(r.latencies, .5)):>9}"
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
        if "teacher_saves" in e:
            print(f"saved lesson: the teacher saved {e['teacher_saves']} versions while the class stepped; stored "
                  f"version now {e['stored_version']} (a lost or refused save would be an error above)")
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
