"""Command line: ``python -m geo status 1945-08-28 [--json] [--island iturup]``."""

from __future__ import annotations

import argparse
import json
import sys

from .dates import DateError
from .geojson_io import DataFileError
from .status import status_at

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors in one line and exits with status 2."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _status_rows(args) -> list[dict]:
    table = status_at(args.date)
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
        }
        for row in table.itertuples()
    ]


def _print_table(rows: list[dict]) -> None:
    headers = ["id", "controller", "claimants", "disputed", "event"]
    cells = [[r["id"], r["controller"] or "-", ", ".join(r["claimants"]) or "-",
              "yes" if r["disputed"] else "no", r["event"]] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    for line in [headers, *cells]:
        print("  ".join(value.ljust(width) for value, width in zip(line, widths)).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m geo", description="The Kuril Islands atlas from the command line.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    status = commands.add_parser("status", help="who held and claimed each island on a date")
    status.add_argument("date", help="ISO date, e.g. 1945-08-28")
    status.add_argument("--json", action="store_true", help="print a JSON list of objects")
    status.add_argument("--island", action="append", metavar="ID", help="only this island (repeatable)")
    args = parser.parse_args(argv)
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
        _print_table(rows)
    return 0
