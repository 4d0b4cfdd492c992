"""The printable handout (PNG and PDF, A4 landscape) and the page that offers it with the
offline atlas. The PDF's text is read back with a small parser of matplotlib's output:
its TrueType fonts (``pdf.fonttype`` 42) carry ToUnicode maps, so the text is real text."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import time
import zlib

import pytest
from PIL import Image

import geo
from geo.cli import main
from geo.model.dates import DateError
from geo.render.handout import HandoutError, format_date, handout_text, render_handout, wrap
from geo.model.paths import REPO_DIR

GSHHG = "Coastlines: GSHHG, Wessel & Smith (LGPL)"
KUNASHIR_JA = "国後島"

# --- a small PDF text reader, enough for what matplotlib writes ------------------------------

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
_STREAM = re.compile(rb"^(.*?)stream\r?\n(.*)\r?\nendstream$", re.S)


def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes]]:
    """Object number -> (dictionary text, decoded stream or b"")."""
    found = {}
    for number, body in _OBJECT.findall(pdf):
        head, stream = body, b""
        match = _STREAM.match(body)
        if match:
            head, stream = match.groups()
            if b"/FlateDecode" in head:
                stream = zlib.decompress(stream)
        found[int(number)] = (head, stream)
    return found


def _unescape(literal: bytes) -> bytes:
    out, index = bytearray(), 0
    while index < len(literal):
        byte = literal[index]
        if byte == 0x5C:  # backslash
            index += 1
            following = literal[index:index + 1]
            if following.isdigit():
                digits = re.match(rb"[0-7]{1,3}", literal[index:]).group()
                out.append(int(digits, 8))
                index += len(digits)
                continue
            out += {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}.get(following, following)
        else:
            out.append(byte)
        index += 1
    return bytes(out)


def _to_unicode(cmap: bytes) -> dict[int, str]:
    table = {}
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, target in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)", block):
            low, high = int(low, 16), int(high, 16)
            if target.startswith(b"["):
                for offset, value in enumerate(re.findall(rb"<([0-9a-fA-F]+)>", target)):
                    table[low + offset] = bytes.fromhex(value.decode()).decode("utf-16-be")
            else:
                start = int(target[1:-1], 16)
                for offset in range(high - low + 1):
                    table[low + offset] = chr(start + offset)
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, value in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            table[int(code, 16)] = bytes.fromhex(value.decode()).decode("utf-16-be")
    return table


def flat(text: str) -> str:
    """Lines and runs of spaces as single spaces: wrapped text reads as one line again."""
    return " ".join(text.split())


def pdf_text(pdf: bytes) -> str:
    """The text shown on the pages, one line per text object (BT .. ET)."""
    objects = _objects(pdf)
    fonts: dict[bytes, tuple[int, dict[int, str]]] = {}  # resource name -> (bytes per code, map)
    for head, _ in objects.values():
        match = re.search(rb"/Font\s+(\d+) 0 R", head)
        if not match:
            continue
        font_dict = objects[int(match.group(1))][0]
        for name, ref in re.findall(rb"/([\w.-]+)\s+(\d+) 0 R", font_dict):
            font = objects[int(ref)][0]
            unicode_ref = re.search(rb"/ToUnicode\s+(\d+) 0 R", font)
            table = _to_unicode(objects[int(unicode_ref.group(1))][1]) if unicode_ref else {}
            fonts[name] = (2 if b"/Type0" in font else 1, table)
    lines = []
    for head, stream in objects.values():
        if not stream or b"BT" not in stream or b"/FontFile" in head or b"/Length1" in head:
            continue
        width, table = 1, {}
        for block in re.findall(rb"\bBT\b(.*?)\bET\b", stream, re.S):
            text = []
            for token in re.finditer(rb"/([\w.-]+)\s+[\d.]+\s+Tf|\((?:\\.|[^\\)])*\)", block, re.S):
                if token.group(1):
                    width, table = fonts.get(token.group(1), (1, {}))
                    continue
                raw = _unescape(token.group()[1:-1])
                codes = [int.from_bytes(raw[i:i + width], "big") for i in range(0, len(raw), width)]
                text.append("".join(table.get(code, chr(code) if width == 1 else "\ufffd") for code in codes))
            lines.append("".join(text))
    return "\n".join(lines)


# --- the handout ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered(artifacts):
    """The 1956-10-19 handout in each format and language. How long each took is saved in
    artifacts/ for a reviewer; no limit is asserted, since a busy machine would make it flaky."""
    done, seconds = {}, {}
    for lang in ("en", "ja", "ru"):
        for fmt in ("png", "pdf"):
            start = time.perf_counter()
            done[lang, fmt] = render_handout("1956-10-19", lang, fmt)
            seconds[f"{lang}.{fmt}"] = round(time.perf_counter() - start, 2)
    (artifacts / "handout-render-seconds.json").write_text(json.dumps(seconds, indent=1) + "\n")
    return done


def test_the_png_is_an_a4_landscape_page_with_the_map_in_colour(rendered, artifacts):
    png = rendered["en", "png"]
    (artifacts / "handout-1956-10-19.png").write_bytes(png)
    image = Image.open(io.BytesIO(png))
    width, height = image.size
    assert width > height and abs(width / height - 297 / 210) < 0.01 and width >= 1600
    colours = {colour for _, colour in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert (0x00, 0x72, 0xB2) in colours  # Soviet blue: every island was Soviet in 1956
    assert (0xE3, 0xEB, 0xF0) in colours and (0xF1, 0xED, 0xE2) in colours  # sea and land
    assert len(png) > 50_000


def test_the_png_text_holds_the_title_caption_and_attribution(rendered):
    info = Image.open(io.BytesIO(rendered["en", "png"])).info
    assert info["Title"] == "Kuril Islands on 19 October 1956"
    assert "Soviet–Japanese Joint Declaration signed" in info["Description"]
    assert GSHHG in info["Source"]


def test_the_pdf_is_one_a4_landscape_page_whose_text_holds_date_caption_and_attributions(rendered):
    pdf = rendered["en", "pdf"]
    assert pdf.startswith(b"%PDF") and len(pdf) > 30_000
    assert re.search(rb"/MediaBox \[ 0 0 841\.\d* 595\.\d* \]", pdf)
    text = flat(pdf_text(pdf))
    assert "Kuril Islands on 19 October 1956" in text
    assert "1956-10-19 — Soviet–Japanese Joint Declaration signed" in text
    assert "1952-04-28 — San Francisco Peace Treaty enters into force" in text  # what set the state
    assert GSHHG in text and "Sources page" in text
    assert "Soviet–Japanese Joint Declaration of 1956" in text  # a source of that day's event
    assert "Legend" in text and "Disputed (dashed outline)" in text
    assert b"/CreationDate" not in pdf


def test_the_japanese_and_russian_pdfs_keep_their_own_script_as_text(rendered):
    ja, ru = flat(pdf_text(rendered["ja", "pdf"])), flat(pdf_text(rendered["ru", "pdf"]))
    assert "1956年10月19日の千島列島" in ja and KUNASHIR_JA in ja and "日ソ共同宣言の署名" in ja
    assert "海岸線：GSHHG" in ja
    assert "Курильские острова на 19 октября 1956 г." in ru and "Кунашир" in ru
    assert "\ufffd" not in ja + ru


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_a_handout_rendered_again_is_the_same_file(rendered, fmt):
    """No clock or random id in the output: a handout can be compared byte for byte."""
    assert render_handout("1956-10-19", "en", fmt) == rendered["en", fmt]


def test_the_caption_names_the_event_that_set_the_state():
    text = handout_text("1945-08-28", "en")
    headings = [heading for heading, _ in text.caption]
    assert headings == ["What set this state"]  # that day's event is the one that set it
    assert text.caption[0][1].startswith("1945-08-28 — ")
    before = handout_text("1644-01-01", "ru")
    assert before.title == "Курильские острова на 1 января 1644 г."


def test_the_caption_gives_the_events_summary_in_the_handouts_language():
    summary = geo.load_history().events.loc["1945-08-28-iturup", "summary_ru"]
    assert summary in handout_text("1945-08-28", "ru").caption[0][1]


def test_dates_are_written_the_way_each_language_writes_them():
    day = dt.date(1945, 9, 5)
    assert [format_date(day, lang) for lang in ("en", "ja", "ru")] == [
        "5 September 1945", "1945年9月5日", "5 сентября 1945 г."]


def test_wrapping_counts_wide_characters_twice_and_breaks_cjk_anywhere():
    assert all(len(line) <= 20 for line in wrap("The declaration ended the state of war and restored", 20))
    lines = wrap("日ソ共同宣言の署名と発効について説明する", 10)
    assert all(len(line) <= 5 for line in lines) and "".join(lines) == "日ソ共同宣言の署名と発効について説明する"


def test_a_bad_date_language_or_format_is_refused():
    with pytest.raises(DateError):
        render_handout("1956-02-30")
    with pytest.raises(HandoutError):
        render_handout("1956-10-19", "fr")
    with pytest.raises(HandoutError):
        render_handout("1956-10-19", "en", "svg")


# --- the command line -----------------------------------------------------------------------

def test_the_command_line_writes_a_pdf_by_its_suffix(tmp_path, capsys):
    target = tmp_path / "out.pdf"
    assert main(["handout", "1956-10-19", "-o", str(target), "--lang", "ja"]) == 0
    assert "1956年10月19日の千島列島" in pdf_text(target.read_bytes())
    assert "out.pdf" in capsys.readouterr().out


@pytest.mark.parametrize("args", [
    ["handout", "1956-02-30", "-o", "out.pdf"],
    ["handout", "1956-10-19", "-o", "out.svg"],
    ["handout", "1956-10-19", "-o", "out.png", "--lang", "fr"],
])
def test_the_command_line_refuses_a_bad_request_in_one_line(args, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    try:
        code = main(args)
    except SystemExit as stop:  # argparse's own refusals
        code = stop.code
    assert code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


# --- the page -------------------------------------------------------------------------------

def test_the_page_offers_the_png_the_pdf_and_the_offline_atlas():
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(REPO_DIR / "pages/5_Handouts_and_export.py"), default_timeout=60)
    app.session_state["w_handout_date"] = dt.date(1956, 10, 19)
    app.run()
    assert not app.exception
    buttons = app.get("download_button")
    assert len(buttons) == 3
    labels = [button.proto.label for button in buttons]
    assert labels == ["Download handout (PNG)", "Download handout (PDF)", "Download the offline atlas (HTML)"]
    assert app.title[0].value == "Handouts and offline atlas"


def test_the_page_follows_the_language_picked():
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(REPO_DIR / "pages/5_Handouts_and_export.py"), default_timeout=60)
    app.run()
    app.selectbox(key="w_handout_lang").set_value("ru").run()
    assert not app.exception
    assert app.title[0].value == "Раздаточные материалы и офлайн-атлас"
