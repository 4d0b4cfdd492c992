"""Rebuild the atlas geometry in ``data/`` from the GSHHG coastlines.

    python -m geo.build            # writes the four GeoJSON files below
    python -m geo.build --check    # rebuilds in memory and fails if data/ differs

Outputs (each sorted by id, coordinates at a fixed precision, RFC 7946 ring orientation):
``islands.geojson`` (full resolution), ``islands_simplified.geojson`` (for overview zooms),
``context.geojson`` (surrounding land) and ``boundaries.geojson`` (historical boundary lines).

Every GSHHG land polygon inside the context box is given to exactly one named place: the
place whose anchor polygon (the one holding its representative point in the gazetteer) is
nearest. Islets off the Nemuro peninsula thus fall to Hokkaido, not to the Habomai islets.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import shapely
from pyproj import Geod
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box
from shapely.geometry.polygon import orient

from geo.model.errors import DataFileError
from geo.model.geojson_io import feature, write_feature_collection
from geo.build.gshhg import read_polygons
from geo.model.i18n import LANGUAGES
from geo.model.paths import DATA_DIR
from geo.render.style import MAX_BOUNDS
from geo.model.tables import read_table

CONTEXT_BOX = (MAX_BOUNDS[0][1], MAX_BOUNDS[0][0], MAX_BOUNDS[1][1], MAX_BOUNDS[1][0])  # west, south, east, north
ISLAND_DECIMALS = 5  # about 1 m, finer than GSHHG's full resolution
CONTEXT_DECIMALS = 4
SIMPLIFY_ISLANDS_DEG = 0.001
SIMPLIFY_CONTEXT_DEG = 0.005
GROUPS = ("northern", "middle", "southern", "lesser")

NAME_COLUMNS = [f"name_{language}" for language in LANGUAGES]
GAZETTEER_COLUMNS = [
    "id", *NAME_COLUMNS, "name_ja_latn", "group", "subgroup",
    "lon", "lat", "source_title", "source_url",
]
CONTEXT_COLUMNS = ["id", *NAME_COLUMNS, "lon", "lat", "source_title", "source_url"]
BOUNDARY_COLUMNS = [
    "id", *NAME_COLUMNS, "valid_from", "valid_to", "coordinates",
    "note", "source_title", "source_url",
]

_GEOD = Geod(ellps="WGS84")


@dataclass
class Place:
    """A named island or context land, with the GSHHG pieces given to it."""

    row: dict[str, str]
    is_island: bool
    pieces: list[tuple[str, Polygon]]

    @property
    def place_id(self) -> str:
        return self.row["id"]

    @property
    def anchor(self) -> Point:
        return Point(float(self.row["lon"]), float(self.row["lat"]))


def geodesic_area_km2(geometry) -> float:
    """Area on the WGS84 ellipsoid, in km²."""
    area, _ = _GEOD.geometry_area_perimeter(orient_rfc7946(geometry))
    return abs(area) / 1e6


def orient_rfc7946(geometry):
    """Exterior rings counter-clockwise, holes clockwise (RFC 7946 section 3.1.6)."""
    if isinstance(geometry, Polygon):
        return orient(geometry, sign=1.0)
    return MultiPolygon([orient(part, sign=1.0) for part in geometry.geoms])


def load_places(data_dir: Path) -> list[Place]:
    """The gazetteer's islands and the context lands, as places without pieces yet."""
    places = []
    for path, columns, is_island in (
        (data_dir / "gazetteer.csv", GAZETTEER_COLUMNS, True),
        (data_dir / "context_lands.csv", CONTEXT_COLUMNS, False),
    ):
        for number, row in enumerate(read_table(path, columns), start=2):
            empty = [name for name in columns if name != "subgroup" and not row[name]]
            if empty:
                raise DataFileError(f"{path}: row {number}: empty {', '.join(empty)}")
            if is_island and row["group"] not in GROUPS:
                raise DataFileError(f"{path}: row {number}: group {row['group']!r} is not one of {GROUPS}")
            try:
                lon, lat = float(row["lon"]), float(row["lat"])
            except ValueError:
                raise DataFileError(f"{path}: row {number}: lon/lat are not numbers") from None
            if not (CONTEXT_BOX[0] < lon < CONTEXT_BOX[2] and CONTEXT_BOX[1] < lat < CONTEXT_BOX[3]):
                raise DataFileError(f"{path}: row {number}: point {lon}, {lat} is outside the map")
            places.append(Place(row, is_island, []))
    ids = [place.place_id for place in places]
    duplicates = sorted({place_id for place_id in ids if ids.count(place_id) > 1})
    if duplicates:
        raise DataFileError(f"{data_dir}: duplicate place ids {', '.join(duplicates)}")
    return places


def read_pieces(gshhg_dir: Path | None) -> list[tuple[str, Polygon]]:
    """GSHHG land polygons in the context box; the ones crossing its edge are cut to it."""
    frame = box(*CONTEXT_BOX)
    pieces = []
    for polygon in read_polygons(gshhg_dir, bbox=CONTEXT_BOX):
        shape = Polygon(polygon.coords)
        if not shape.is_valid:
            shape = shapely.make_valid(shape)
        west, south, east, north = polygon.bounds
        inside = (west >= CONTEXT_BOX[0] and east <= CONTEXT_BOX[2]
                  and south >= CONTEXT_BOX[1] and north <= CONTEXT_BOX[3])
        if not inside:
            shape = shape.intersection(frame)
        parts = [part for part in getattr(shape, "geoms", [shape]) if isinstance(part, Polygon)]
        parts = [part for part in parts if not part.is_empty]
        parts.sort(key=lambda part: (part.bounds[1], part.bounds[0]))
        for index, part in enumerate(parts):
            name = polygon.polygon_id if len(parts) == 1 else f"{polygon.polygon_id}#{index}"
            pieces.append((name, part))
    return pieces


def _scaled(geometry):
    """Longitude shrunk by cos(46°N), so that planar distances are near true in the chain."""
    factor = math.cos(math.radians(46.0))
    return shapely.transform(geometry, lambda xy: xy * [factor, 1.0])


def assign_pieces(places: list[Place], pieces: list[tuple[str, Polygon]]) -> None:
    """Give each piece to the place whose anchor piece is nearest (its own, if it holds one)."""
    anchors: dict[int, Place] = {}
    for place in places:
        holding = [index for index, (_, piece) in enumerate(pieces) if piece.contains(place.anchor)]
        if len(holding) != 1:
            raise DataFileError(
                f"{place.place_id}: its point {place.anchor.x}, {place.anchor.y} lies in "
                f"{len(holding)} GSHHG polygons; it must lie in exactly one"
            )
        if holding[0] in anchors:
            raise DataFileError(
                f"{place.place_id} and {anchors[holding[0]].place_id} share one GSHHG polygon"
            )
        anchors[holding[0]] = place
    anchor_indices = sorted(anchors)
    anchor_shapes = [_scaled(pieces[index][1]) for index in anchor_indices]
    tree = shapely.STRtree(anchor_shapes)
    for index, (name, piece) in enumerate(pieces):
        if index in anchors:
            owner = anchors[index]
        else:
            nearest = tree.query_nearest(_scaled(piece), all_matches=False)
            owner = anchors[anchor_indices[int(nearest[0])]]
        owner.pieces.append((name, piece))


def place_geometry(place: Place, decimals: int, tolerance: float = 0.0):
    """The place's pieces as one (Multi)Polygon, simplified and rounded, still valid."""
    parts = []
    for _, piece in sorted(place.pieces, key=lambda item: item[0]):
        if tolerance:
            piece = piece.simplify(tolerance, preserve_topology=True)
        piece = shapely.set_precision(piece, 10 ** -decimals)
        parts.extend(part for part in getattr(piece, "geoms", [piece]) if isinstance(part, Polygon))
    geometry = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    if not geometry.is_valid:  # pieces simplified one by one can overlap: merge them on the grid
        geometry = shapely.union_all(parts, grid_size=10 ** -decimals)
    return orient_rfc7946(geometry)


def island_features(places: list[Place], tolerance: float = 0.0) -> list[dict]:
    features = []
    for place in sorted((p for p in places if p.is_island), key=lambda p: p.place_id):
        full = place_geometry(place, ISLAND_DECIMALS)
        geometry = place_geometry(place, ISLAND_DECIMALS, tolerance) if tolerance else full
        row = place.row
        properties = {
            "id": row["id"],
            **{column: row[column] for column in NAME_COLUMNS},
            "name_ja_latn": row["name_ja_latn"],
            "group": row["group"],
            "subgroup": row["subgroup"],
            "area_km2": round(geodesic_area_km2(full), 2),
            "gshhg_ids": sorted(name for name, _ in place.pieces),
        }
        features.append(feature(geometry, properties, ISLAND_DECIMALS))
    return features


def context_features(places: list[Place]) -> list[dict]:
    features = []
    for place in sorted((p for p in places if not p.is_island), key=lambda p: p.place_id):
        geometry = place_geometry(place, CONTEXT_DECIMALS, SIMPLIFY_CONTEXT_DEG)
        row = place.row
        properties = {key: row[key] for key in ("id", *NAME_COLUMNS)}
        properties["gshhg_polygons"] = len(place.pieces)
        features.append(feature(geometry, properties, CONTEXT_DECIMALS))
    return features


def boundary_features(data_dir: Path) -> list[dict]:
    path = data_dir / "boundary_lines.csv"
    features = []
    for number, row in enumerate(read_table(path, BOUNDARY_COLUMNS), start=2):
        try:
            points = [tuple(float(value) for value in pair.split()) for pair in row["coordinates"].split(",")]
            line = LineString(points)
        except (ValueError, TypeError):
            raise DataFileError(f"{path}: row {number}: coordinates must be 'lon lat, lon lat, ...'") from None
        properties = {key: row[key] for key in BOUNDARY_COLUMNS if key != "coordinates"}
        features.append(feature(line, properties, CONTEXT_DECIMALS))
    return sorted(features, key=lambda item: item["properties"]["id"])


def build(data_dir: Path = DATA_DIR, gshhg_dir: Path | None = None) -> dict[str, list[dict]]:
    """All outputs, by file name, computed from the gazetteer and the GSHHG files."""
    places = load_places(data_dir)
    assign_pieces(places, read_pieces(gshhg_dir))
    return {
        "islands.geojson": island_features(places),
        "islands_simplified.geojson": island_features(places, SIMPLIFY_ISLANDS_DEG),
        "context.geojson": context_features(places),
        "boundaries.geojson": boundary_features(data_dir),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.build", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--gshhg-dir", type=Path, default=None, help="folder of gshhs*_f.dat")
    parser.add_argument("--check", action="store_true", help="fail if data/ differs from a rebuild")
    args = parser.parse_args(argv)
    outputs = build(args.data_dir, args.gshhg_dir)
    stale = []
    for name, features in outputs.items():
        target = args.data_dir / name
        if args.check:
            scratch = target.with_suffix(".check.tmp")
            write_feature_collection(scratch, features)
            same = target.is_file() and scratch.read_bytes() == target.read_bytes()
            scratch.unlink()
            if not same:
                stale.append(name)
        else:
            for old in (target,):
                old.unlink(missing_ok=True)
            write_feature_collection(target, features)
            print(f"wrote {target.name}: {len(features)} features, {target.stat().st_size:,} bytes")
    if stale:
        print(f"out of date: {', '.join(stale)}; run python -m geo.build", file=sys.stderr)
        return 1
    return 0


