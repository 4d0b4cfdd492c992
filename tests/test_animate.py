"""The animated map of a period (python -m geo animate): a frame per change of control, each
island in its state's colour as the status model says, a slide's size, fonts that carry
Japanese and Russian, and bad requests refused with status 2."""

from __future__ import annotations

import contextlib
import datetime as dt
import io

import pytest
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font
from PIL import Image, ImageSequence

from geo.cli import main
from geo.model.status import default_history, status_at
from geo.render.animate import AnimationCanvas, AnimationError, animation_frames, render_animation
from geo.render.daymap import CJK_FONT, drawing, font_families
from geo.render.style import STATE_COLORS

LANDINGS = ("1945-08-15", "1945-09-10")
MAX_BYTES = 5 * 1024 * 1024


def drawn_days(start: str, end: str, perspective: str = "administered") -> list[dt.date]:
    """The first day, then every day on which status_at's colours or disputed outlines change."""
    column = "controller" if perspective == "administered" else "shown_as"
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    days, before = [first], None
    for offset in range((last - first).days + 1):
        day = first + dt.timedelta(days=offset)
        table = status_at(day, perspective=perspective)
        drawn = tuple(zip(table[column], table["disputed"]))
        if before is not None and drawn != before:
            days.append(day)
        before = drawn
    return days


@pytest.fixture(scope="module")
def landings(tmp_path_factory, artifacts) -> tuple[bytes, str]:
    """The landings' GIF as the command line writes it, and what it printed on stderr."""
    target = tmp_path_factory.mktemp("animate") / "landings.gif"
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
        assert main(["animate", *LANDINGS, "-o", str(target)]) == 0
    (artifacts / "landings-en.gif").write_bytes(target.read_bytes())
    return target.read_bytes(), errors.getvalue()


def frames_of(content: bytes) -> list[Image.Image]:
    return [frame.convert("RGB") for frame in ImageSequence.Iterator(Image.open(io.BytesIO(content)))]


def island_pixels(lang: str = "en") -> dict[str, tuple[int, int]]:
    """Each named island's inner point, in the frame's pixels (the figure laid out as drawn)."""
    history = default_history()
    with drawing():
        canvas = AnimationCanvas(lang, "administered")
        canvas.draw(animation_frames(*LANDINGS)[0], history)
        islands = canvas.map.islands
        height = canvas.figure.canvas.get_width_height()[1]
        points = {}
        for island, row in islands[islands["area_km2"] >= 250].iterrows():
            point = row.geometry.representative_point()
            x, y = canvas.map.ax.transData.transform((point.x, point.y))
            points[island] = (int(x), int(height - y))
    return points


def test_the_landings_are_a_slide_of_at_most_5_mb(landings):
    content, _ = landings
    image = Image.open(io.BytesIO(content))
    assert image.format == "GIF" and image.size == (1280, 720)
    assert len(content) <= MAX_BYTES


def test_the_landings_have_a_frame_for_their_first_day_and_each_change_of_control(landings):
    days = drawn_days(*LANDINGS)
    assert [frame.day for frame in animation_frames(*LANDINGS)] == days
    assert len(frames_of(landings[0])) == len(days) == 9


def test_each_frame_colours_the_islands_as_the_status_model_does_that_day(landings):
    pixels = island_pixels()
    assert len(pixels) >= 8
    for frame, day in zip(frames_of(landings[0]), drawn_days(*LANDINGS)):
        status = status_at(day)
        for island, point in pixels.items():
            expected = Image.new("RGB", (1, 1), STATE_COLORS[status.loc[island, "controller"]]).getpixel((0, 0))
            assert frame.getpixel(point) == expected, (day, island)


def test_the_first_and_last_frames_are_held_three_times_as_long(landings):
    durations = [frame.info["duration"] for frame in ImageSequence.Iterator(Image.open(io.BytesIO(landings[0])))]
    assert durations == [3600] + [1200] * 7 + [3600]


def test_the_command_line_tells_its_progress_frame_by_frame(landings):
    assert landings[1].splitlines() == [f"drawing frame {n} of 9" for n in range(1, 10)]


def test_a_frame_shows_its_day_at_its_precision_and_the_events_title():
    frames = {frame.day.isoformat(): frame for frame in animation_frames(*LANDINGS, lang="ru")}
    assert frames["1945-08-28"].when == "1945-08-28"
    assert "Итуруп" in frames["1945-08-28"].caption
    # The first day's state was set earlier: its event is named with that event's own date.
    assert frames["1945-08-15"].caption.startswith("1875")


def covering_family(char: str) -> str | None:
    """The first family of the drawing's fonts that has a glyph for ``char`` (Matplotlib's own
    fallback order), or None: a box would be drawn."""
    for family in font_families():
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        if ord(char) in FT2Font(path).get_charmap():
            return family
    return None


@pytest.mark.parametrize("lang, script, family", [("ja", "\u3040-\u9fff", CJK_FONT), ("ru", "\u0400-\u04ff", "DejaVu Sans")])
def test_japanese_and_russian_frames_are_written_in_fonts_that_carry_their_script(lang, script, family):
    import re

    history = default_history()
    with drawing():
        canvas = AnimationCanvas(lang, "japan")
        canvas.draw(animation_frames(*LANDINGS, lang=lang)[5], history)
        text = "".join(canvas.texts())
    own = re.findall(f"[{script}]", text)
    assert len(own) > 40
    assert {covering_family(char) for char in own} == {family}
    assert all(covering_family(char) for char in text if not char.isspace())


def test_a_webp_holds_the_same_frames():
    content = render_animation(*LANDINGS, "en", fmt="webp", frame_ms=500)
    image = Image.open(io.BytesIO(content))
    assert image.format == "WEBP" and image.n_frames == 9 and image.size == (1280, 720)


@pytest.mark.parametrize("args, message", [
    (["1945-09-10", "1945-08-15"], "is empty"),
    (["1945-02-30", "1945-09-10"], "not a valid date"),
    (["1960", "1970"], "nothing changes hands"),
    (["1600-01-01", "1945"], "before the first record"),
    (["1945-08-15", "1945-09-10", "--size", "1280"], "WIDTHxHEIGHT"),
    (["1945-08-15", "1945-09-10", "--frame-ms", "5"], "from 100 to 20000 ms"),
])
def test_a_bad_request_is_refused_in_one_line_with_status_2(args, message, tmp_path, capsys):
    assert main(["animate", *args, "-o", str(tmp_path / "out.gif")]) == 2
    error = capsys.readouterr().err
    assert message in error and error.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_language_is_refused_by_the_parser_with_status_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["animate", *LANDINGS, "--lang", "fr", "-o", str(tmp_path / "out.gif")])
    assert stop.value.code == 2 and "invalid choice: 'fr'" in capsys.readouterr().err


@pytest.mark.parametrize("target, message", [
    ("missing-folder/out.gif", "does not exist"), ("folder.gif", "is a folder"), ("out.mp4", "name a .gif or .webp"),
])
def test_an_unwritable_or_unknown_output_is_refused_before_drawing_with_status_2(target, message, tmp_path, capsys):
    (tmp_path / "folder.gif").mkdir()
    assert main(["animate", *LANDINGS, "-o", str(tmp_path / target)]) == 2
    assert message in capsys.readouterr().err
    assert [path.name for path in tmp_path.iterdir()] == ["folder.gif"]


def test_the_period_must_end_after_it_starts():
    with pytest.raises(AnimationError):
        animation_frames("1945-08-15", "1945-08-15")


# --- the Handouts page ----------------------------------------------------------------------

class KeptMediaStorage:
    """Streamlit's in-memory media storage that also keeps, by URL, the bytes a download button
    holds (AppTest's own storage is dropped after each run)."""

    files: dict[str, bytes] = {}

    def __new__(cls, prefix):
        from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

        storage = MemoryMediaFileStorage(prefix)
        load = storage.load_and_get_id

        def load_and_keep(path_or_data, mimetype, kind, filename=None):
            file_id = load(path_or_data, mimetype, kind, filename)
            cls.files[storage.get_url(file_id)] = path_or_data
            return file_id
        storage.load_and_get_id = load_and_keep
        return storage


@pytest.fixture
def handouts_page(monkeypatch):
    """The Handouts page in AppTest, with no animation kept from before (and none left after)."""
    import ui.animation
    from streamlit.testing.v1 import AppTest

    from geo.model.paths import REPO_DIR

    monkeypatch.setattr("streamlit.testing.v1.app_test.MemoryMediaFileStorage", KeptMediaStorage)
    ui.animation._kept.clear()
    yield AppTest.from_file(str(REPO_DIR / "pages/5_Handouts_and_export.py"), default_timeout=90)
    ui.animation._kept.clear()


def test_the_handouts_page_draws_the_animation_when_asked_and_offers_it_for_download(handouts_page):
    app = handouts_page
    app.query_params["lang"] = "ru"
    app.run()
    assert not app.exception
    assert not [b for b in app.get("download_button") if b.proto.label.startswith("Скачать анимацию")]
    app.selectbox(key="w_animation_view").set_value("russia")
    app.button(key="w_animation_make").click().run()
    assert not app.exception
    button = next(b for b in app.get("download_button") if b.proto.label.startswith("Скачать анимацию (GIF"))
    content = KeptMediaStorage.files[button.proto.url]
    assert button.proto.label == f"Скачать анимацию (GIF, {len(content) // 1024} КБ)"
    image = Image.open(io.BytesIO(content))
    assert image.n_frames == 9 and image.size == (1280, 720)
    assert content == render_animation(*LANDINGS, "ru", "russia")  # the same file as the command line's
    # Kept for its parameters: the next run offers it at once, with no button to press.
    app.run()
    assert [b.proto.label for b in app.get("download_button")].count(button.proto.label) == 1
    assert not [b for b in app.button if b.key == "w_animation_make"]


def test_a_period_with_no_change_is_explained_on_the_page(handouts_page):
    app = handouts_page
    app.run()
    app.date_input(key="w_animation_from").set_value(dt.date(1960, 1, 1))
    app.date_input(key="w_animation_to").set_value(dt.date(1970, 1, 1))
    app.button(key="w_animation_make").click().run()
    assert not app.exception
    assert app.error[0].value.startswith("This period cannot be animated: nothing changes hands")
