"""Bad input never breaks the atlas: random and hostile values in the link, in a date, in an
uploaded CSV file and on the command line give a clear message, never an exception trace.

Property-based (Hypothesis), kept small enough to run in well under half a minute.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from browser_helpers import PageWire, wait_until_run_finished
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import geo
from bench.common import REPO
from geo.cli import main
from geo.model.dates import DateError, parse_date
from geo.model.i18n import LANGUAGES
from geo.model.records import COLUMNS, TABLES, read_tables
from geo.model.status import default_history
from geo.model.tables import parse_table
from geo.model.upload import history_with_uploads, merge_uploads
from geo.classroom.address import Selection, selection_from_query

FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
MAX_WARNING = 400  # characters: a warning quotes a bad value, it does not repeat all of it

# Values chosen by hand for what they try to do; Hypothesis mixes them with random text.
HOSTILE = [
    "", " ", "\x00", "\t\r\n", "1945-08-28\x00", "\x1b[31m1945-08-28", "1945-08-28\u202e", "\u2028", "\ufeff",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "[answers](https://evil.example)", "![x](https://evil.example/p.png)", "https://evil.example",
    "www.evil.example", "x@evil.example", "**bold** _it_ `code`", "$x^2$", ":red[hi] :smile:", "\\[x\\](y)",
    "{value}", "{0}", "%s%n", "'; DROP TABLE events; --", "../../app.py",
    "1945-02-30", "1945-13-40", "1600-01-01", "1643-12-31", "2999-01-01", "9999-12-31", "0000-01-01",
    "-1945-08-28", "+1945-08-28", "1945-08-28T00:00", "1945/08/28", "1945-8-28", " 1945-08-28 ",
    "１９４５-０８-２８", "١٩٤٥-٠٨-٢٨", "1945-W35-2", "19450828",
    "Iturup", " ITURUP ", "iturup;kunashir", "all", "southern", "JA", "ru\n", "EN", "de", "İ" * 50,
    "\U000e0001" * 60, "x" * 100_000, "1945-08-28" * 1000,
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=60),
    st.text(st.characters(max_codepoint=0x7f), max_size=30),
    st.builds(lambda part, times: part * times, st.text(min_size=1, max_size=4), st.integers(50, 5000)),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
)
query_value = st.one_of(hostile_text, st.lists(hostile_text, max_size=3))
query_key = st.one_of(st.sampled_from(["date", "island", "lang"]), st.text(max_size=12))
queries = st.dictionaries(query_key, query_value, max_size=6)


HISTORY = default_history()  # a module global, not a fixture: Hypothesis would print it whole


def single(value) -> str:
    """What the view reads from a query value: the last of a repeated parameter."""
    if isinstance(value, list):
        value = value[-1] if value else ""
    return value


def markdown_left(text: str) -> str:
    """``text`` with its backslash escapes removed: what Markdown would still interpret."""
    return re.sub(r"\\.", "", text, flags=re.S)


# --- the link: ?date=&island=&lang= ----------------------------------------------------------

@FAST
@given(query=queries)
@example(query={"date": "x" * 100_000, "island": "<script>", "lang": "\x00"})
@example(query={"date": ["1945-08-28", "\x00"], "island": [], "lang": ["ja", "ru"]})
@example(query={"island": "[answers](https://evil.example)", "date": "![x](https://evil.example/p.png)"})
@example(query={"date": "\U000e0001" * 60, "lang": "ja"})
def test_any_query_gives_a_usable_view_and_short_plain_warnings(query):
    view, warnings = selection_from_query(query, HISTORY)
    assert isinstance(view, Selection)
    assert HISTORY.first_record <= view.date <= HISTORY.today
    assert view.island == "" or view.island in HISTORY.island_ids
    assert view.lang in LANGUAGES
    for warning in warnings:
        assert isinstance(warning, str)
        assert len(warning) < MAX_WARNING, warning
        assert all(ch.isprintable() for ch in warning), repr(warning)
        # The page shows warnings as Markdown: no link, image, emphasis, maths or HTML may
        # come from the link's own text.
        left = markdown_left(warning)
        assert not re.search(r"[\[\]<>*_`$~|!&@]", left), warning
        assert "://" not in left and "www." not in left, warning


@FAST
@given(query=queries)
def test_a_bad_value_always_gets_a_warning_and_a_good_one_never_does(query):
    view, warnings = selection_from_query(query, HISTORY)
    # Each parameter that was given and not used as given is accounted for by one warning.
    expected = 0
    if "lang" in query:
        expected += (single(query["lang"]).strip().lower() or "en") not in LANGUAGES
    if "date" in query:
        try:
            HISTORY.check_day(single(query["date"]))
        except DateError:
            expected += 1
    if "island" in query:
        raw = single(query["island"]).strip().lower()
        expected += bool(raw) and raw not in HISTORY.island_ids
    assert len(warnings) == expected, (query, warnings)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_warnings_are_in_the_language_of_the_link(lang):
    _, warnings = selection_from_query({"lang": lang, "date": "1945-02-30", "island": "atlantis"}, HISTORY)
    assert len(warnings) == 2
    if lang == "ja":
        assert all(re.search(r"[\u3040-\u30ff]", warning) for warning in warnings)
    if lang == "ru":
        assert all(re.search(r"[\u0400-\u04ff]", warning) for warning in warnings)


# --- the date parser --------------------------------------------------------------------------

@FAST
@given(text=hostile_text)
@example(text="1945-08-28")
@example(text="2021-W01-1")
def test_parse_date_gives_a_date_or_a_date_error_and_nothing_else(text):
    try:
        day = parse_date(text)
    except DateError as error:
        message = str(error)
        assert message and "\n" not in message and len(message) < MAX_WARNING
        return
    assert isinstance(day, dt.date)
    assert day.isoformat() == text.strip()  # only YYYY-MM-DD is read, nothing else


@FAST
@given(day=st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_every_valid_date_round_trips(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(f" {day.isoformat()}\n") == day
    assert parse_date(day) == day
    assert parse_date(dt.datetime.combine(day, dt.time(23, 59))) == day


@FAST
@given(value=st.one_of(st.integers(), st.floats(), st.none(), st.binary(max_size=12), st.lists(st.text(max_size=3))))
def test_parse_date_refuses_what_is_not_text_with_a_date_error(value):
    with pytest.raises(DateError):
        parse_date(value)


# --- the CSV validator and teachers' uploads --------------------------------------------------

file_names = st.one_of(
    st.sampled_from(["events.csv", "my-events.csv", "class sources.CSV", "<b>control</b>.csv", "claims.csv"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
)
cell = st.one_of(
    st.sampled_from(['"', '""', "'", ",", "\n", "\r\n", "\r", "\x00", "<script>alert(1)</script>", "=cmd|' /C calc'!A0",
                     "\u2028", "\ufeff", "1945-08-28", "iturup", "all", "Japan", "sovereignty", "treaty", "day"]),
    st.text(max_size=20),
    st.builds(lambda part, times: part * times, st.text(min_size=1, max_size=3), st.integers(100, 3000)),
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1251", "shift_jis"]


@st.composite
def hostile_csv(draw, table: str | None = None) -> bytes:
    """A CSV file that looks like one of the atlas's tables but is full of bad cells."""
    columns = list(COLUMNS[table or draw(st.sampled_from(TABLES))])
    if draw(st.booleans()):  # a damaged header: a column dropped, renamed or added
        columns = draw(st.permutations(columns))[: draw(st.integers(1, len(columns)))]
        columns += draw(st.lists(cell, max_size=2))
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=len(columns) + 2), max_size=6))
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONE])),
                        escapechar="\\")
    try:
        writer.writerow(columns)
        writer.writerows(rows)
    except csv.Error:
        assume(False)
    text = buffer.getvalue()
    if draw(st.booleans()):  # hand-made damage: a cut, an unbalanced quote, a stray NUL
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(['"', '\x00', '"\n"', "\r", ""])) + text[cut:]
    encoding = draw(st.sampled_from(ENCODINGS))
    return text.encode(encoding, errors="replace")


def assert_names_the_file(error: geo.DataFileError, names) -> None:
    names = [names] if isinstance(names, str) else list(names)
    problems = error.problems if isinstance(error, geo.HistoryDataError) else [str(error)]
    assert problems
    for problem in problems:
        assert isinstance(problem, str) and problem and "\n" not in problem  # one problem a line
        assert any(problem.startswith(f"{name}: ") for name in names), (problem, names)


@FAST
@given(raw=st.one_of(st.binary(max_size=2000), hostile_csv()), name=file_names, table=st.sampled_from(TABLES))
@example(raw="id,date\n".encode("utf-16"), name="events.csv", table="events")
@example(raw="id,title,url,publisher\né,\"x\n".encode("latin-1"), name="sources.csv", table="sources")
@example(raw=b'id,title,url,publisher\n"unclosed,x,y,z\n', name="sources.csv", table="sources")
@example(raw=b"\xef\xbb\xbf", name="events.csv", table="events")
def test_parse_table_gives_rows_or_an_error_naming_the_file(raw, name, table):
    try:
        rows = parse_table(raw, COLUMNS[table], name)
    except geo.DataFileError as error:
        assert_names_the_file(error, name)
        return
    assert all(set(COLUMNS[table]) <= set(row) for row in rows)
    assert all(isinstance(value, str) for row in rows for value in row.values())


@pytest.fixture(scope="module")
def base_tables():
    return read_tables()


@FAST
@given(files=st.dictionaries(file_names, st.one_of(st.binary(max_size=500), hostile_csv()), min_size=1, max_size=3))
def test_merge_uploads_of_junk_names_each_file_in_each_problem(base_tables, files):
    try:
        merged = merge_uploads(base_tables, files)
    except geo.HistoryDataError as error:
        assert_names_the_file(error, files)
        return
    assert set(merged) == set(TABLES)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(files=st.dictionaries(
    st.sampled_from(["events.csv", "my-events.csv", "control.csv", "class-claims.csv", "sources.csv"]),
    st.one_of(st.sampled_from(TABLES).flatmap(hostile_csv), st.binary(max_size=300)),
    min_size=1, max_size=3,
))
def test_an_upload_of_hostile_csv_is_rejected_with_file_and_row_or_accepted(files):
    try:
        result = history_with_uploads(files, HISTORY)
    except geo.HistoryDataError as error:
        # A problem names an uploaded file, or the atlas's own table a merged row conflicts with.
        assert_names_the_file(error, [*files, *(f"{table}.csv" for table in TABLES)])
        for problem in error.problems:
            assert re.match(r"[^\n]+?: (row \d+: )?\S", problem), problem
        return
    assert isinstance(result, geo.History)


def test_the_same_problem_in_two_files_is_reported_for_each():
    bad = "\ufeffid,title\n".encode()  # a header with columns missing
    with pytest.raises(geo.HistoryDataError) as raised:
        history_with_uploads({"events.csv": bad, "sources.csv": bad}, HISTORY)
    assert [problem.split(":")[0] for problem in raised.value.problems] == ["events.csv", "sources.csv"]


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1", "cp1251", "shift_jis"])
def test_a_file_in_another_encoding_is_named_with_the_fix(encoding):
    text = Path(REPO / "data/examples/class-events.csv").read_text(encoding="utf-8").replace("Earthquake and", "Earthquaké and")
    with pytest.raises(geo.HistoryDataError) as raised:
        history_with_uploads({"class-events.csv": text.encode(encoding, errors="replace")}, HISTORY)
    message = " ".join(raised.value.problems)
    assert message.startswith("class-events.csv: wrong encoding") and "save the file as UTF-8" in message


# --- the command line -------------------------------------------------------------------------

def cli(argv, capsys) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as stop:
        code = 0 if stop.code is None else stop.code
    out, err = capsys.readouterr()
    return code, out, err


arguments = st.lists(st.one_of(hostile_text.filter(lambda text: len(text) < 200),
                               st.sampled_from(["--json", "--island", "iturup", "-o", "--lang", "--date", "-h"])),
                     max_size=5)


@FAST
@given(command=st.one_of(st.just([]), st.sampled_from([["status"], ["handout"], ["export"]]),
                         st.lists(st.text(max_size=10), max_size=1)),
       rest=arguments)
def test_any_command_line_exits_0_1_or_2(command, rest, capsys, tmp_path_factory, monkeypatch):
    argv = [*command, *rest]
    # handout and export write files: only requests they must refuse before writing anything
    # (the files themselves are tested in test_handout and test_export).
    if command and command[0] in ("handout", "export"):
        assume(not any(re.search(r"\.(png|pdf|html?)\s*$", arg, re.I) for arg in argv))
    monkeypatch.chdir(tmp_path_factory.getbasetemp())
    code, out, err = cli(argv, capsys)
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in out + err
    if code == 2:
        assert err.strip() and "error" in err


@FAST
@given(date=hostile_text.filter(lambda text: len(text) < 500 and not text.startswith("-")))
@example(date="1945-08-28")
@example(date="1945-02-30")
@example(date="2999-01-01")
@example(date="1945-08-28\n--json")
def test_status_of_any_date_is_a_table_or_one_line_on_stderr(date, capsys):
    code, out, err = cli(["status", date], capsys)
    try:
        HISTORY.check_day(date)
    except DateError:
        assert code == 2, (date, code, err)
        assert len(err.splitlines()) == 1 and err.startswith("python -m geo: error: "), repr(err)
        assert out == ""
        return
    assert code == 0 and err == ""
    assert out.splitlines()[0].split() == ["id", "controller", "claimants", "disputed", "event"]


# --- the whole app: AppTest with random query parameters --------------------------------------

@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(
    st.sampled_from(["date", "island", "lang", "utm_source"]),
    st.one_of(st.sampled_from(HOSTILE[:-3]), st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)),
    max_size=4,
))
@example(query={"date": "1945-02-30", "island": "atlantis", "lang": "de"})
@example(query={"island": "[answers](https://evil.example)"})
def test_the_app_opens_on_any_link_with_warnings_and_no_exception(query):
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [item.value for item in app.exception]
    _, expected = selection_from_query(query, HISTORY)
    shown = [item.value for item in app.warning]
    for warning in expected:
        # The warning was written when the view was built (today's date may differ only in its default).
        assert warning in shown, (warning, shown)
    view = app.session_state["atlas_selection"]
    assert HISTORY.first_record <= view.date <= HISTORY.today


# --- in a real browser: a hostile link is shown as text, and nothing is fetched for it ---------

@pytest.mark.browser
@pytest.mark.parametrize("query", [
    "island=%5Banswers%5D(https%3A%2F%2Fevil.example)&date=!%5Bx%5D(https%3A%2F%2Fevil.example%2Fp.png)",
    "island=www.evil.example&date=x%40evil.example&lang=%2A%2Abig%2A%2A",
    "lang=%24x%5E2%24%20%3Ared%5Bhi%5D&island=%3Cimg%20src%3Dhttps%3A%2F%2Fevil.example%3E",
])
def test_a_hostile_link_is_shown_as_plain_text_in_the_browser(atlas_server, offline_page, query):
    wire = PageWire(offline_page)
    offline_page.goto(f"{atlas_server.url}/?{query}")
    warnings = offline_page.locator('[data-testid="stAlertContentWarning"]')
    warnings.first.wait_for(timeout=30_000)
    wait_until_run_finished(offline_page, wire)  # every warning drawn
    for index in range(warnings.count()):
        markup = warnings.nth(index).locator('[data-testid="stMarkdownContainer"]')
        assert markup.locator("img, strong, em, code, .katex, span[style]").count() == 0, markup.inner_html()
        # Streamlit's Markdown still turns a bare web or mail address into a link (no escape
        # stops that), but a link can no longer hide where it leads behind other words.
        for link in markup.locator("a").all():
            shown = link.inner_text()
            assert link.get_attribute("href") in (shown, f"http://{shown}", f"mailto:{shown}"), markup.inner_html()
    text = " ".join(warnings.all_inner_texts())
    assert "evil.example" in text or "$x^2$" in text  # shown, literally
    assert offline_page.context.blocked == []
    assert offline_page.errors == []
