"""Command line: ``python -m geo status 1945-08-28 [--json] [--island iturup] [--perspective japan]``,
``python -m geo handout 1956-10-19 -o out.pdf [--lang ja] [--perspective russia]``,
``python -m geo export atlas.html [--lang ru] [--date 1945-08-28] [--story my-lesson.csv]`` and
``python -m geo events [--from 1945] [--to 1956-12-31] [--lang ja] [--json]`` and
``python -m geo animate 1945-08-15 1945-09-10 -o landings.gif [--lang ja] [--view russia] [--size 1280x720]``."""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

from geo.model.dates import DateError, parse_date
from geo.model.errors import DataFileError
from geo.model.records import event_text, event_when
from geo.model.i18n import LANGUAGES
from geo.classroom.steps import LessonError, read_steps
from geo.model.status import default_history, status_at
from geo.model.perspectives import PERSPECTIVES

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors in one line and exits with status 2."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _status_rows(args) -> list[dict]:
    """One dict per island; with ``--perspective``, each also says what that perspective shows (``shown_as``:
    a state, "" for none, or "undetermined"; ``unclear``: the side's position is unclear then, and
    the claim it held is shown)."""
    perspective = args.perspective or "administered"
    table = status_at(args.date, perspective=perspective)
    if args.island:
        unknown = [island for island in args.island if island not in table.index]
        if unknown:
            raise KeyError(f"unknown island id {', '.join(map(repr, unknown))}")
        table = table.loc[args.island]
    return [
        {
            "id": row.id,
            "controller": row.controller,
            "claimants": list(row.claimants),
            "disputed": bool(row.disputed),
            "event": row.event,
            **({} if args.perspective is None else {
                "shown_as": row.controller if perspective == "administered" else row.shown_as,
                "unclear": bool(getattr(row, "unclear", False)),
            }),
        }
        for row in table.itertuples()
    ]


def _print_table(rows: list[dict], perspective: str | None = None) -> None:
    headers = ["id", "controller", "claimants", "disputed", "event"]
    cells = [[r["id"], r["controller"] or "-", ", ".join(r["claimants"]) or "-",
              "yes" if r["disputed"] else "no", r["event"]] for r in rows]
    if perspective is not None:
        headers.insert(2, "shown_as")
        for r, line in zip(rows, cells):
            line.insert(2, (r["shown_as"] or "-") + ("*" if r["unclear"] else ""))
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    for line in [headers, *cells]:
        print("  ".join(value.ljust(width) for value, width in zip(line, widths)).rstrip())
    if any(r.get("unclear") for r in rows):
        print(f"* {perspective}: that side's position then is unclear in the sources; the claim it held is shown")


def _write_handout(args) -> str:
    from geo.render.handout import render_handout

    target = Path(args.output)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("png", "pdf"):
        raise _UsageError(f"cannot tell the format from {args.output!r}: name a .png or .pdf file")
    content = render_handout(args.date, args.lang, fmt, perspective=args.perspective)
    target.write_bytes(content)
    return f"wrote {target} ({len(content) // 1024} KB)"


def _write_export(args) -> str:
    from geo.render.export import build_offline_html

    target = Path(args.output)
    if target.suffix.lower() not in (".html", ".htm"):
        raise _UsageError(f"the offline atlas is an HTML file: name it *.html, not {args.output!r}")
    lesson = None
    if args.story:
        story = Path(args.story)
        lesson = read_steps(story.read_bytes(), story.name, default_history())
    content = build_offline_html(args.lang, args.date, lesson=lesson).encode("utf-8")
    target.write_bytes(content)
    steps = f" with a lesson of {len(lesson)} steps" if lesson else ""
    return f"wrote {target}{steps} ({len(content) // 1024} KB)"


def _writable(target: Path) -> None:
    """Refuse, before any work, a path that cannot be written: a missing folder, a folder, a
    file that may not be replaced."""
    folder = target.parent
    if not folder.is_dir():
        raise _UsageError(f"cannot write {str(target)!r}: the folder {str(folder)!r} does not exist")
    if target.is_dir():
        raise _UsageError(f"cannot write {str(target)!r}: it is a folder")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise _UsageError(f"cannot write {str(target)!r}: permission denied")


def _write_animation(args) -> str:
    from geo.render.animate import FORMATS, AnimationError, parse_size, render_animation

    target = Path(args.output)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise _UsageError(f"cannot tell the format from {args.output!r}: name a .gif or .webp file")
    _writable(target)
    history = default_history()
    start, end = (_day_in_span(name, value, history, last) for name, value, last in
                  (("FROM", args.start, False), ("TO", args.end, True)))
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        # On a terminal the line is written over; in a log, one line a frame.
        start_of_line, end_of_line = ("\r", "\n" if done == total else "") if interactive else ("", "\n")
        print(f"{start_of_line}drawing frame {done} of {total}", end=end_of_line, file=sys.stderr, flush=True)

    try:
        content = render_animation(start, end, args.lang, args.perspective, fmt, size=parse_size(args.size),
                                   frame_ms=args.frame_ms, history=history, progress=progress)
    except AnimationError as error:
        raise _UsageError(str(error)) from None
    try:
        target.write_bytes(content)
    except OSError as error:
        raise _UsageError(f"cannot write {str(target)!r}: {error.strerror or error}") from None
    return f"wrote {target} ({len(content) // 1024} KB)"


def _day_in_span(name: str, value: str, history, last: bool) -> dt.date:
    """A FROM or TO of the animation as a day: a day as it is (it must be in the atlas's span), a
    year or a month from its first day (FROM) or up to its last (TO), kept within the span."""
    day = _bound(name, value, last)
    if _BOUND.fullmatch(value.strip()):
        day = min(max(day, history.first_record), history.today)
    return history.check_day(day)


class _UsageError(ValueError):
    """A request that cannot be carried out as asked (exit status 2)."""


_BOUND = re.compile(r"(\d{4})(?:-(\d{2}))?")


def _bound(option: str, value: str | None, last: bool) -> dt.date | None:
    """A ``--from`` / ``--to`` value as a day: a day as it is, a year (1945) or a month (1945-08)
    as its first day for ``--from`` and its last for ``--to`` (``last``)."""
    if value is None:
        return None
    match = _BOUND.fullmatch(value.strip())
    try:
        if not match:
            return parse_date(value)
        year, month = int(match[1]), int(match[2]) if match[2] else None
        if month is None:
            return dt.date(year, 12, 31) if last else dt.date(year, 1, 1)
        return dt.date(year, month, calendar.monthrange(year, month)[1] if last else 1)
    except (DateError, ValueError) as error:
        raise _UsageError(f"{option} {value!r}: use a day (1945-08-18), a month (1945-08) or a year (1945); {error}") from None


def _period_end(day: dt.date, precision: str) -> dt.date:
    """The last day an event dated ``day`` at ``precision`` may have happened on."""
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def event_rows(start: dt.date | None, end: dt.date | None, lang: str, history=None) -> list[dict]:
    """The events of the chronology that may fall in ``[start, end]`` (an event known only to the
    year or month counts where its year or month meets the range), each with its date at its
    precision (``when``), its title in ``lang`` and its source ids, in date order."""
    history = history or default_history()
    rows = []
    for event in history.events.sort_values("date", kind="stable").itertuples():
        if (start and _period_end(event.date, event.precision) < start) or (end and event.date > end):
            continue
        rows.append({"id": event.id, "date": event.date.isoformat(), "precision": event.precision,
                     "when": event_when(event, lang), "title": event_text(event, "title", lang),
                     "sources": list(event.source_ids)})
    return rows


def _print_events(args) -> str:
    start, end = _bound("--from", args.start, last=False), _bound("--to", args.end, last=True)
    if start and end and end < start:
        raise _UsageError(f"--from {args.start} is after --to {args.end}")
    rows = event_rows(start, end, args.lang)
    if args.json:
        return json.dumps(rows, ensure_ascii=False, indent=1)
    width = max((len(row["when"]) for row in rows), default=0)
    return "\n".join(f"{row['when']:<{width}}  {row['title']}  [{', '.join(row['sources'])}]" for row in rows)


def _run(action, args) -> int:
    """Run a subcommand that writes a file: a one-line error and status 2 for a bad request,
    1 for a broken data file or an unwritable output."""
    try:
        print(action(args))
    except (DateError, _UsageError) as error:
        print(f"python -m geo: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except LessonError as error:  # every problem of the lesson file, one a line
        print("\n".join(f"python -m geo: error: {problem}" for problem in error.problems), file=sys.stderr)
        return 1
    except (DataFileError, OSError) as error:
        print(f"python -m geo: error: {error}".replace("\n", " "), file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m geo", description="The Kuril Islands atlas from the command line.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    status = commands.add_parser("status", help="who held and claimed each island on a date")
    status.add_argument("date", help="ISO date, e.g. 1945-08-28")
    status.add_argument("--json", action="store_true", help="print a JSON list of objects")
    status.add_argument("--island", action="append", metavar="ID", help="only this island (repeatable)")
    status.add_argument("--perspective", "--view", dest="perspective", choices=PERSPECTIVES, metavar="PERSPECTIVE",
                        help=f"also say what this side's maps show (shown_as): {', '.join(PERSPECTIVES)}")
    handout = commands.add_parser("handout", help="a printable A4 map of one date, as PNG or PDF")
    handout.add_argument("date", help="ISO date, e.g. 1956-10-19")
    handout.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write it: a .png or .pdf file")
    handout.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the handout (default en)")
    handout.add_argument("--perspective", "--view", dest="perspective", choices=PERSPECTIVES, default="administered",
                         metavar="PERSPECTIVE", help=f"whose maps to draw: {', '.join(PERSPECTIVES)} "
                         "(default administered: who held each island)")
    export = commands.add_parser("export", help="the whole atlas as one HTML file that works offline")
    export.add_argument("output", metavar="FILE", help="the .html file to write")
    export.add_argument("--lang", choices=LANGUAGES, default="en", help="language it opens in (default en)")
    export.add_argument("--date", help="date it opens on (default today, or a lesson's first step)")
    export.add_argument("--story", metavar="LESSON.csv",
                        help="a lesson (the format of data/story.csv) to play in the page, step by step")
    events = commands.add_parser("events", help="the chronology: each event's date at its precision, title and sources")
    events.add_argument("--from", dest="start", metavar="DATE",
                        help="from this day, month or year (1945-08-18, 1945-08 or 1945)")
    events.add_argument("--to", dest="end", metavar="DATE", help="up to this day, month or year, inclusive")
    events.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the titles and dates (default en)")
    events.add_argument("--json", action="store_true", help="print a JSON list of objects")
    animate = commands.add_parser("animate", help="an animated map of a period, one frame per change of control (GIF or WebP)")
    animate.add_argument("start", metavar="FROM", help="first day (1945-08-15), or a month (1945-08) or year (1945)")
    animate.add_argument("end", metavar="TO", help="last day, month or year, inclusive")
    animate.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write it: a .gif or .webp file")
    animate.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the texts (default en)")
    animate.add_argument("--perspective", "--view", dest="perspective", choices=PERSPECTIVES, default="administered",
                         metavar="PERSPECTIVE", help=f"whose maps to draw: {', '.join(PERSPECTIVES)} (default administered)")
    animate.add_argument("--size", default="1280x720", help="WIDTHxHEIGHT in pixels (default 1280x720, a slide)")
    animate.add_argument("--frame-ms", type=int, default=1200, metavar="MS",
                         help="how long each frame shows, in milliseconds (default 1200; the first and last three times as long)")
    args = parser.parse_args(argv)
    if args.command == "animate":
        return _run(_write_animation, args)
    if args.command == "events":
        return _run(_print_events, args)
    if args.command == "handout":
        return _run(_write_handout, args)
    if args.command == "export":
        return _run(_write_export, args)
    try:
        rows = _status_rows(args)
    except (DateError, KeyError) as error:
        message = error.args[0] if isinstance(error, KeyError) else str(error)
        print(f"python -m geo: error: {message}", file=sys.stderr)
        return EXIT_USAGE
    except DataFileError as error:
        print(f"python -m geo: error: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        _print_table(rows, args.perspective)
    return 0
