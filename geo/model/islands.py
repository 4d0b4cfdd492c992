"""Loading the built geometry: islands, surrounding land and historical boundary lines."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from geo.model.errors import DataFileError
from geo.model.geojson_io import feature, read_features
from geo.model.i18n import LANGUAGES, translate
from geo.model.paths import DATA_DIR, REBUILD_HINT
from geo.model.tables import read_table

NAME_COLUMNS = [f"name_{language}" for language in LANGUAGES]
ISLAND_PROPERTIES = ["id", *NAME_COLUMNS, "name_ja_latn", "group", "area_km2"]
CONTEXT_PROPERTIES = ["id", *NAME_COLUMNS]
BOUNDARY_PROPERTIES = ["id", *NAME_COLUMNS, "valid_from", "valid_to"]


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


def islands_table(islands: gpd.GeoDataFrame, timeline, day, published: pd.DataFrame | None = None) -> pd.DataFrame:
    """The islands (north to south) with their names, group and area, and who held and who
    claimed each on ``day``, as the Islands page lists and downloads them; with ``published``
    (``load_published_areas``), the published and GSI areas beside the outline's."""
    table = islands.drop(columns=["geometry", "gshhg_ids"], errors="ignore").copy()
    status = [timeline.status(island, day) for island in table.index]
    table["held_by_today"] = [segment.controller or translate("state_none", "en") for segment in status]
    table["claimed_by_today"] = [", ".join(segment.claimants) for segment in status]
    table["disputed_today"] = [segment.disputed for segment in status]
    if published is not None:
        table["area_km2_published"] = published["area_km2_published"].reindex(table.index)
        table["area_km2_gsi"] = published["area_km2_gsi"].reindex(table.index)  # Japan's Geospatial Information Authority
    return table.loc[list(timeline.history.island_ids)]


# Each shaded context region (records.SHADED_REGIONS): the context land it is cut from, and the
# boundary line (boundaries.geojson) it lies south of.
CONTEXT_AREAS = {"south-sakhalin": ("sakhalin", "1905-sakhalin-50n")}


def load_context_areas(data_dir: Path = DATA_DIR) -> gpd.GeoDataFrame:
    """The shaded context regions (South Sakhalin), indexed by id, for shading them by date and perspective
    (geo.context_status_at); columns id, land, south_of, geometry; names are in ui_text (region_ID).

    Each is the part of its context land south of its boundary line's latitude, so that the
    area follows the line drawn in ``boundary_lines.csv`` and no coordinate is written here.
    """
    context, boundaries = load_context(data_dir), load_boundaries(data_dir)
    rows, shapes = [], []
    for area, (land, line) in CONTEXT_AREAS.items():
        shape = context.loc[land, "geometry"]
        south = boundaries.loc[line, "geometry"].bounds[3]  # the line's northmost latitude
        west, low, east, _ = shape.bounds
        rows.append({"id": area, "land": land, "south_of": line})
        shapes.append(shape.intersection(box(west, low, east, south)))
    return gpd.GeoDataFrame(rows, geometry=shapes, crs="EPSG:4326").set_index("id", drop=False).rename_axis(None)


AREA_DECIMALS = 4  # as the context land it is cut from (geo.build.CONTEXT_DECIMALS)


def context_areas_geojson(data_dir: Path = DATA_DIR) -> dict:
    """The shaded context regions as a GeoJSON FeatureCollection (property ``id``), for the
    browser map, which shades them by date and perspective; rounded, so the same data gives the same bytes."""
    areas = load_context_areas(data_dir)
    return {"type": "FeatureCollection",
            "features": [feature(row.geometry, {"id": row.id}, AREA_DECIMALS) for row in areas.itertuples()]}


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
