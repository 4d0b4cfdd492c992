"""The command line: python -m geo status DATE [--json] [--island ID].

Two runs go through a real ``python -m geo`` process; the rest call geo.cli.main, which is
what that process runs, to save a second of start-up each.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from geo.cli import main
from geo.model.paths import REPO_DIR

PROCESS_RUNS = {
    "json": ["status", "1945-08-28", "--json"],
    "bad date": ["status", "1945-02-30"],
}


@pytest.fixture(scope="module")
def runs() -> dict[str, subprocess.CompletedProcess]:
    """Each invocation above, run once as `python -m geo ...` from the repository, side by side."""
    started = {
        name: subprocess.Popen([sys.executable, "-m", "geo", *args], cwd=REPO_DIR, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for name, args in PROCESS_RUNS.items()
    }
    done = {}
    for name, process in started.items():
        out, err = process.communicate(timeout=120)
        done[name] = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    return done


def test_json_lists_iturup_as_soviet_on_28_august_1945(runs):
    rows = {row["id"]: row for row in json.loads(runs["json"].stdout)}
    assert rows["iturup"]["controller"] == "Soviet Union"


def test_a_bad_date_exits_2_with_one_line_on_stderr(runs):
    result = runs["bad date"]
    assert (result.returncode, len(result.stderr.splitlines()), "1945-02-30" in result.stderr) == (2, 1, True)


def test_island_narrows_the_list_to_that_island(capsys):
    main(["status", "1945-08-28", "--json", "--island", "iturup"])
    assert [row["id"] for row in json.loads(capsys.readouterr().out)] == ["iturup"]


def test_an_unknown_island_exits_2_with_one_line_on_stderr(capsys):
    code = main(["status", "1945-08-28", "--island", "atlantis"])
    err = capsys.readouterr().err
    assert (code, len(err.splitlines()), "atlantis" in err) == (2, 1, True)


def test_the_plain_table_starts_with_a_header_line(capsys):
    main(["status", "1945-08-28"])
    assert capsys.readouterr().out.splitlines()[0].split() == ["id", "controller", "claimants", "disputed", "event"]
