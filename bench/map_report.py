"""``make bench``'s table: each measurement with its unit and target."""

from __future__ import annotations

import math
import os
import statistics

from bench.common import percentile


def median(values) -> float:
    return statistics.median(values) if values else math.nan


def p95(values) -> float:
    return percentile(values, 0.95)


def spread(values, unit: str, digits: int = 0) -> str:
    return f"median {median(values):.{digits}f} {unit}  p95 {p95(values):.{digits}f} {unit}"


def report(results: dict) -> None:
    """Print the table, with units and targets."""
    first, cost, play, srv = results["first_map"], results["step_cost"], results["play"], results["server_steps"]
    steps, shot = srv["steps"], results["screenshot"]
    both = [a + b for a, b in zip(cost["set_date_ms"], cost["render_ms"])]
    stopped = f"; stopped early: {srv['stopped_early']}" if srv["stopped_early"] else ""

    picks, floor, chosen = results["picks"]["picks"], results["floor_picks"]["picks"], results["list_picks"]["picks"]
    usual = results["usual_picks"]["picks"]

    def col(key):
        return [step[key] for step in steps]

    def pick_col(key, rows=picks):
        return [pick[key] for pick in rows if not math.isnan(pick[key])]
    rows = [
        ("machine load", f"{results['load_before']:.1f} before, {results['load_after']:.1f} after",
         f"1-minute load average on {os.cpu_count()} CPUs; other work skews every time"),
        ("server ready", f"{results['server_start_s']:.2f} s", "health check answered"),
        ("first map (cold)", f"{first['cold_s']:.2f} s", "the server's first session"),
        ("first map (warm)", spread(first["warm_s"], "s", 2),
         f"target < 1.5 s  ({len(first['warm_s'])} fresh contexts)"),
        ("  goto -> map iframe", f"median {median(first['warm_iframe_s']):.2f} s  "
         f"cold {first['cold_iframe_s']:.2f} s", "the rest: iframe loads Leaflet + geometry"),
        ("first map (cached)", spread(first["cached_s"], "s", 2), "a second visit: the browser has the scripts"),
        ("bare Streamlit page", spread(results["bare_floor_s"], "s", 2),
         "one st.title, fresh contexts: Streamlit's own floor here"),
        ("map alone", spread(first["map_alone_s"], "s", 2),
         "the atlas map alone on a page (bench/map_only_page.py): the component's own floor"),
        ("first map ÷ bare page", f"{median(first['warm_s']) / median(results['bare_floor_s']):.2f}×",
         "target <= 1.5× (medians, same run)"),
        ("bytes to the first map", f"{results['wire']['bytes'] / 1e6:.2f} MB in {results['wire']['requests']} requests",
         f"target <= 1.2 MB on the wire, empty cache; {results['wire']['compressed']} requests came compressed"),
        ("  map alone ÷ bare", f"{median(first['map_alone_s']) / median(results['bare_floor_s']):.2f}×",
         "what streamlit-folium, Leaflet and the data cost before anything of the page's"),
        ("browser step", spread(both, "ms", 2), f"target <= 16 ms  (setDate + render, {len(both)} frames)"),
        ("  setDate alone", spread(cost["set_date_ms"], "ms", 2), "one Play frame (setDate renders itself)"),
        ("play rate", f"{play['fps']:.1f} frames/s at {play['speed']}x "
         f"({play['frames']} in {play['seconds']:.2f} s)", "target 16 frames/s"),
        ("ws sent during play", f"{play['ws_sent_during_play']} messages", "target 0"),
        ("ws sent after pause", f"{play['ws_sent_after_pause']} messages",
         f"expect 1; panel follows pause: {'yes' if play['panel_follows_pause'] else 'NO'}"),
        ("server step", spread(col("click_to_panel_ms"), "ms"),
         f"click -> panel ({len(steps)} steps{stopped}; includes the map's 400 ms report delay)"),
        ("  click -> reply end", spread(col("click_to_reply_end_ms"), "ms"), "to the rerun's script_finished message"),
        ("  sent -> panel", spread(col("sent_to_panel_ms"), "ms"), "target < 60 ms median (server + redraw)"),
        ("  sent -> reply end", spread(col("sent_to_reply_end_ms"), "ms"), "rerun as seen on the websocket"),
        ("date picked", spread(pick_col("to_colours_ms"), "ms"),
         f"target < 60 ms median: sent -> new colours ({len(picks)} picks through the sidebar)"),
        ("  sent -> panel", spread(pick_col("to_panel_ms"), "ms"),
         f"panel never shown: {sum(not p['shown'] for p in picks)}"),
        ("  floor", spread(pick_col("to_colours_ms", floor), "ms"),
         f"the same on a page with only the map and the picker ({len(floor)} picks)"),
        ("  usual st_folium app", spread(pick_col("to_colours_ms", usual), "ms"),
         f"a new Folium map every rerun, same picker, geometry and status ({len(usual)} picks)"),
        ("usual step ÷ atlas step", f"{median(pick_col('to_colours_ms', usual)) / median(pick_col('to_colours_ms')):.2f}×",
         "target >= 3× (sent -> new colours, medians, same run)"),
        ("story step (→)", spread(results["story_steps"]["ms"], "ms", 1),
         f"target <= 16 ms median: key -> next frame with new colours, in the map ({len(results['story_steps']['ms'])} "
         f"steps; the usual app's step is the row above)"),
        ("typed date", spread(results["typed_dates"]["ms"], "ms", 1),
         f"target <= 16 ms median: Enter -> next frame with new colours ({len(results['typed_dates']['ms'])} dates)"),
        ("event chosen on map", spread(pick_col("to_colours_ms", chosen), "ms", 1),
         f"the map's own event list: change -> new colours, no server ({len(chosen)} events)"),
        ("  change -> panel", spread(pick_col("to_panel_ms", chosen), "ms"),
         f"the server following; panel never shown: {sum(not p['shown'] for p in chosen)}"),
        ("bytes per step", f"received median {median(col('bytes_received')):.0f} B  "
         f"sent median {median(col('bytes_sent')):.0f} B",
         f"messages sent per step: {sorted(set(col('messages_sent')))}"),
        ("panel never shown", f"{sum(not s['shown'] for s in steps)} of {len(steps)} steps", "target 0"),
        ("zoom kept", ("yes" if srv["zoom_kept"] else "no") if steps else "n/a (no steps)",
         f"{srv['view_before']} -> {srv['view_after']}"),
        ("screenshot", shot["path"], f"iturup fill {shot['iturup_fill']}"),
        ("outside requests", f"{len(results['blocked'])}", "target 0"),
    ]
    print()
    for name, value, note in rows:
        print(f"{name:<22}{value:<46}{note}")
    for url in results["blocked"]:
        print(f"  blocked: {url}")
