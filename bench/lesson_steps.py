"""``make bench``'s lesson rows: a story step taken in the map (→, as on the Story page and in
Present mode) and a date typed into the time control, each timed inside the map's frame from the
key to the next display frame after the map has drawn the new date (its new colours)."""

from __future__ import annotations

from bench.common import wait_sidebar_added
from bench.map_page import Net, load_map, map_frame, open_page

STORY_STEPS = 12
TYPED_DATES = ("1855-02-07", "1875-08-22", "1945-08-18", "1945-08-28", "1945-09-01", "1956-12-12", "1991-12-26",
               "2010-11-01", "1945-08-23", "1951-09-08")

# In the map's frame: press `key` on `target` (a selector) and resolve with the milliseconds from
# the key to the first animation frame after the map's date has become another one.
KEY_TO_FRAME = """async ([selector, key]) => {
  const map = document.querySelector('#map_div'), before = map.getAttribute('data-atlas-date');
  const target = document.querySelector(selector);
  const start = performance.now();
  target.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true, cancelable: true}));
  await new Promise(resolve => requestAnimationFrame(() => resolve()));
  return {ms: performance.now() - start, changed: map.getAttribute('data-atlas-date') !== before};
}"""


def measure_story_steps(browser, net: Net, base: str) -> dict:
    """→ on the Story page's map, step after step: milliseconds to the next frame with new colours."""
    context, page = open_page(browser, net)
    try:
        load_map(page, f"{base}/Story?step=1")
        frame = map_frame(page)
        steps = []
        for _ in range(STORY_STEPS):
            steps.append(frame.evaluate(KEY_TO_FRAME, ["#map_div", "ArrowRight"]))
        return {"ms": [step["ms"] for step in steps if step["changed"]], "unchanged": sum(not s["changed"] for s in steps)}
    finally:
        context.close()


def measure_typed_dates(browser, net: Net, base: str) -> dict:
    """A date typed into the time control and Enter: milliseconds to the next frame with new colours."""
    context, page = open_page(browser, net)
    try:
        load_map(page, f"{base}/?date=1644-01-01")
        wait_sidebar_added(page, 60_000)
        frame = map_frame(page)
        typed = []
        for day in TYPED_DATES:
            frame.fill(".atlas-date-field", day)
            typed.append(frame.evaluate(KEY_TO_FRAME, [".atlas-date-field", "Enter"]))
        return {"ms": [one["ms"] for one in typed if one["changed"]], "unchanged": sum(not t["changed"] for t in typed)}
    finally:
        context.close()
