"""Loading the built geometry: islands, surrounding land and historical boundary lines."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from .geojson_io import DataFileError, read_features
from .paths import DATA_DIR, REBUILD_HINT
from .tables import read_table

ISLAND_PROPERTIES = ["id", "name_en", "name_ru", "name_ja", "name_ja_latn", "group", "area_km2"]
CONTEXT_PROPERTIES = ["id", "name_en", "name_ru", "name_ja"]
BOUNDARY_PROPERTIES = ["id", "name_en", "name_ru", "name_ja", "valid_from", "valid_to"]


def _load(path: Path, required: list[str]) -> gpd.GeoDataFrame:
    try:
        features = read_features(path, required)
    except DataFileError as error:
        raise DataFileError(f"{error}; {REBUILD_HINT}") from None
    frame = gpd.GeoDataFrame(
        [properties for properties, _ in features],
        geometry=[geometry for _, geometry in features],
        crs="EPSG:4326",
    )
    duplicated = frame["id"][frame["id"].duplicated()].tolist()
    if duplicated:
        raise DataFileError(f"{path}: duplicate ids {', '.join(map(str, duplicated))}; {REBUILD_HINT}")
    return frame.set_index("id", drop=False).rename_axis(None)


def load_islands(data_dir: Path = DATA_DIR, simplified: bool = False) -> gpd.GeoDataFrame:
    """Every Kuril island as a row, indexed by ``id``, in EPSG:4326.

    Columns: id, name_en, name_ru, name_ja, name_ja_latn, group, subgroup, area_km2,
    gshhg_ids, geometry. ``simplified=True`` gives the lighter outline for overview zooms.

    Raises DataFileError naming the file and the problem when it is missing or broken.
    """
    name = "islands_simplified.geojson" if simplified else "islands.geojson"
    return _load(Path(data_dir) / name, ISLAND_PROPERTIES)


def load_context(data_dir: Path = DATA_DIR) -> gpd.GeoDataFrame:
    """The surrounding land (Hokkaido, Honshu, Sakhalin, Kamchatka, mainland) for the base map."""
    return _load(Path(data_dir) / "context.geojson", CONTEXT_PROPERTIES)


def load_boundaries(data_dir: Path = DATA_DIR) -> gpd.GeoDataFrame:
    """Historical boundary lines with their ``valid_from`` / ``valid_to`` dates."""
    return _load(Path(data_dir) / "boundaries.geojson", BOUNDARY_PROPERTIES)


def load_published_areas(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Published areas to show beside the area of the GSHHG outline, indexed by island id.

    Columns: ``area_km2_published`` with ``source_title`` and ``source_url`` (the gazetteer's figure,
    NaN where it has none), and ``area_km2_gsi`` with ``gsi_sources`` (ids into ``sources.csv``)
    and ``gsi_note``, the figure of Japan's Geospatial Information Authority from
    ``areas_gsi.csv`` (NaN for the islands it does not measure).

    Raises DataFileError naming the file and row of an unknown island or a bad number.
    """
    gazetteer = read_table(Path(data_dir) / "gazetteer.csv", ["id", "area_km2_published", "source_title", "source_url"])
    path = Path(data_dir) / "areas_gsi.csv"
    known = {row["id"] for row in gazetteer}
    problems, gsi = [], {}
    for number, row in enumerate(read_table(path, ["island", "area_km2", "source", "note"]), start=2):
        if row["island"] not in known:
            problems.append(f"{path}: row {number}: column island: unknown island id {row['island']!r}")
            continue
        try:
            area = float(row["area_km2"])
        except ValueError:
            area = 0.0
        if not area > 0:
            problems.append(f"{path}: row {number}: column area_km2: {row['area_km2']!r} is not a positive number")
            continue
        gsi[row["island"]] = (area, tuple(s for s in row["source"].split(";") if s), row["note"])
    if problems:
        raise DataFileError("\n".join(problems))
    frame = pd.DataFrame({
        "area_km2_published": [float(row["area_km2_published"]) if row["area_km2_published"] else float("nan")
                               for row in gazetteer],
        "source_title": [row["source_title"] for row in gazetteer],
        "source_url": [row["source_url"] for row in gazetteer],
        "area_km2_gsi": [gsi.get(row["id"], (float("nan"),))[0] for row in gazetteer],
        "gsi_sources": [gsi.get(row["id"], (0, ()))[1] for row in gazetteer],
        "gsi_note": [gsi.get(row["id"], (0, (), ""))[2] for row in gazetteer],
    }, index=[row["id"] for row in gazetteer])
    return frame
