"""``make bench``'s first-map rows: the map page against a bare Streamlit page and the map alone,
each opened in fresh browser contexts, taking turns."""

from __future__ import annotations

from bench.appserver import AppServer
from bench.common import now
from bench.map_page import Net, load_map, open_page, page_server

WARM_LOADS = 8
LOADS_BUDGET_S = 60  # on a busy machine, stop after 3 warm loads once past this budget


def load_bare(browser, net: Net, url: str) -> float:
    """Seconds until the bare page (bench/bare_page.py) at ``url`` shows its title, in a fresh context."""
    context, page = open_page(browser, net)
    start = now()
    page.goto(url)
    page.get_by_role("heading", name="Kuril Islands atlas").wait_for(timeout=60_000)
    seconds = now() - start
    context.close()
    return seconds


def measure_first_map(browser, net: Net, url: str) -> dict:
    """One cold load (the server's first session), then WARM_LOADS rounds, each of a bare
    Streamlit page with only a title (Streamlit's own floor), the atlas map alone on a page (the
    floor of the map component itself) and the map page, all in fresh contexts (an empty browser
    cache: a student's first visit), and the map page again in the same context (a returning
    student, with the browser's cache). The three take turns, so that all see the same machine:
    their ratios are the numbers to compare across runs."""
    loads, again, bare_times, alone_times, start = [], [], [], [], now()
    bare = AppServer(script="bench/bare_page.py")
    try:
        with page_server("map_only_page.py") as alone:
            bare.wait_until_healthy()
            load_bare(browser, net, bare.url)  # the bare server's own cold start
            for number in range(1 + WARM_LOADS):
                if number > 3 and now() - start > LOADS_BUDGET_S:
                    break
                if number:
                    bare_times.append(load_bare(browser, net, bare.url))
                    context, page = open_page(browser, net)
                    alone_times.append(load_map(page, alone.url)[0])
                    context.close()
                context, page = open_page(browser, net)
                loads.append(load_map(page, url))
                if number:
                    again.append(load_map(context.new_page(), url)[0])
                context.close()
                print(f"  load {number + 1}: {loads[-1][0]:.2f} s (iframe after {loads[-1][1]:.2f} s)"
                      + (f"; again with the cache: {again[-1]:.2f} s; bare page {bare_times[-1]:.2f} s; "
                         f"map alone {alone_times[-1]:.2f} s" if number else ""), flush=True)
    finally:
        bare.stop()
        bare.discard_log()
    return {"cold_s": loads[0][0], "warm_s": [total for total, _ in loads[1:]],
            "cold_iframe_s": loads[0][1], "warm_iframe_s": [iframe for _, iframe in loads[1:]],
            "cached_s": again, "bare_s": bare_times, "map_alone_s": alone_times}


def measure_wire(browser, net: Net, url: str) -> dict:
    """What one student's browser downloads to the first map, in a fresh context (an empty
    cache): the bytes on the wire (headers and bodies as sent, compressed where they were), the
    number of requests and how many of them came compressed, counted by Chromium's own network
    log until the map is drawn."""
    context, page = open_page(browser, net)
    log = context.new_cdp_session(page)
    log.send("Network.enable")
    encodings, sizes = {}, {}
    log.on("Network.responseReceived", lambda event: encodings.__setitem__(
        event["requestId"], {k.lower(): v for k, v in event["response"]["headers"].items()}.get("content-encoding", "")))
    log.on("Network.loadingFinished", lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"]))
    load_map(page, url)
    drawn = dict(sizes)
    context.close()
    return {"bytes": sum(drawn.values()), "requests": len(drawn),
            "compressed": sum(1 for request in drawn if encodings.get(request))}
