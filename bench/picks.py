"""``make bench``'s pick rows: dates chosen through Streamlit (the sidebar's "Go to event") on the
atlas, on a page with only the map and that picker, and in the usual st_folium app; and events
chosen in the map's own list. Each is timed on one clock shared by the page and the map's frame."""

from __future__ import annotations

import csv
import math

from bench.common import MAP_FRAME, REPO, open_sidebar, wait_sidebar_added
from bench.map_page import (DATE_CLOCK, MAP_DATE, PAGE_CLOCK, Net, load_map, map_frame, open_page, page_server,
                            wait_panel, wait_settled, wait_shows)

PICKS = 15
# The picker's open list, filtered by what was typed: its first option is the typed day's event.
OPTION_SHOWN = """(day) => { const option = document.querySelector('[role="listbox"] [role="option"]');
    return !!option && option.textContent.trim().startsWith(day); }"""
# In the page: when a map frame (a new one, for the usual app) first shows ``day``.
NEW_FRAME_SHOWS = f"""(day) => {{ const frame = document.querySelector('{MAP_FRAME}');
    const map = frame && frame.contentDocument && frame.contentDocument.querySelector('#map_div');
    if (!map || map.getAttribute('data-atlas-date') !== day) return false;
    window.__usualDrawn = performance.timeOrigin + performance.now(); return true; }}"""
# In the map's frame: when the event list last changed, on the clock the other timings use.
LIST_CLOCK = """() => { window.__listChanged = []; document.querySelector('.atlas-events').addEventListener('change',
    () => window.__listChanged.push(performance.timeOrigin + performance.now()), true); }"""


def event_dates(count: int) -> list[str]:
    """``count`` distinct dates of events known to the day in data/events.csv, spread over the
    whole table: the pickers label those with the date as it is typed here (an event known to
    the month or the year is labelled "August 1945" or "1711")."""
    with (REPO / "data" / "events.csv").open(encoding="utf-8") as table:
        dates = sorted({row["date"] for row in csv.DictReader(table) if (row.get("precision") or "day") == "day"})
    stride = max(1, len(dates) // count)
    return dates[::stride][:count]


def timed_picks(page, frame, net: Net, choose, panel_too: bool = True) -> list[dict]:
    """Pick a spread of event dates, each with ``choose(day)``, which returns a function giving
    the pick's start on the shared clock (or None when it cannot pick that day); the time from
    that start to the map drawing the day, and to the panel showing it (``panel_too``; a page
    without a panel is timed to the map alone)."""
    picks = []
    for day in event_dates(PICKS):
        mark = len(net.frames)
        started = None if day == frame.evaluate(MAP_DATE) else choose(day)
        if started is None:
            continue
        shown = wait_panel(page, day, timeout=8_000) if panel_too else wait_shows(frame, MAP_DATE, day, 8_000)
        panel, start = page.evaluate(PAGE_CLOCK), started()
        drawn = frame.evaluate("(day) => (window.__atlasDrawn.find(([d]) => d === day) || [])[1] ?? null", day)
        picks.append({"date": day, "shown": shown,
                      "to_colours_ms": drawn - start if drawn and start else math.nan,
                      "to_panel_ms": panel - start if start else math.nan})
        wait_settled(page, net, mark)
    return picks


def sidebar_picker(page):
    """``choose(day)`` for the sidebar's "Go to event" picker: picks the event of ``day`` and
    returns a function giving the pick's websocket send on the shared clock."""
    open_sidebar(page)
    picker = page.locator('[data-testid="stSidebar"]').get_by_label("Go to event")

    def choose(day):
        sends_before = page.evaluate("() => window.__atlasSends.length")
        picker.click()
        page.keyboard.type(day)
        try:
            page.wait_for_function(OPTION_SHOWN, arg=day, timeout=5_000)
        except Exception:  # playwright's TimeoutError: no event of that day to pick
            page.keyboard.press("Escape")
            return None
        page.keyboard.press("Enter")
        return lambda: page.evaluate("(n) => window.__atlasSends[n] ?? null", sends_before)
    return choose


def measure_picks(browser, net: Net, url: str, panel_too: bool = True) -> dict:
    """Dates chosen through Streamlit (the sidebar's "Go to event" picker), timed from the page's
    websocket send."""
    context, page = open_page(browser, net)
    load_map(page, f"{url}/?date=1644-01-01")
    frame = map_frame(page)
    frame.evaluate(DATE_CLOCK)
    picks = timed_picks(page, frame, net, sidebar_picker(page), panel_too)
    context.close()
    return {"picks": picks}


def measure_usual_picks(browser, net: Net, url: str) -> dict:
    """The same picks in the usual st_folium app, whose every rerun mounts a new map frame: timed
    from the websocket send to the first frame that shows the new date."""
    context, page = open_page(browser, net)
    load_map(page, f"{url}/")
    choose = sidebar_picker(page)
    picks, showing = [], page.frame_locator(MAP_FRAME).locator("#map_div").get_attribute("data-atlas-date")
    for day in event_dates(PICKS):
        if day == showing:
            continue
        mark, started = len(net.frames), choose(day)
        if started is None:
            continue
        showing = day
        try:
            page.wait_for_function(NEW_FRAME_SHOWS, arg=day, polling="raf", timeout=15_000)
            shown = True
        except Exception:  # playwright's TimeoutError
            shown = False
        start, drawn = started(), page.evaluate("() => window.__usualDrawn ?? null")
        picks.append({"date": day, "shown": shown,
                      "to_colours_ms": drawn - start if shown and start else math.nan, "to_panel_ms": math.nan})
        wait_settled(page, net, mark)
    context.close()
    return {"picks": picks}


def measure_page_picks(browser, net: Net, script: str, measure=None) -> dict:
    """``measure`` (``measure_picks`` unless given) on one of bench/'s pages with a map and the
    picker and nothing else, timed to the map alone."""
    with page_server(script) as server:
        if measure is not None:
            return measure(browser, net, server.url)
        return measure_picks(browser, net, server.url, panel_too=False)


def measure_list_picks(browser, net: Net, url: str) -> dict:
    """Events chosen in the map's own list, timed from the list's change: the new colours are
    drawn in the page (no server), the panel follows once the server has the date."""
    context, page = open_page(browser, net)
    load_map(page, f"{url}/?date=1644-01-01")
    wait_sidebar_added(page, 60_000)
    frame = map_frame(page)
    frame.evaluate(DATE_CLOCK)
    frame.evaluate(LIST_CLOCK)
    options = frame.evaluate("() => [...document.querySelectorAll('.atlas-events option')].map(o => [o.value, o.text])")

    def choose(day):
        value = next((value for value, text in options if text.startswith(day + " ")), None)
        if value is None:
            return None
        frame.select_option(".atlas-events", value)
        return lambda: frame.evaluate("() => window.__listChanged.at(-1) ?? null")
    picks = timed_picks(page, frame, net, choose)
    context.close()
    return {"picks": picks}
