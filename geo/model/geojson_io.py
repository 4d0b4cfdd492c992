"""Deterministic GeoJSON writing and checked reading.

Files are written one feature per line, with coordinates rounded to a fixed number of
decimals and features in the order given, so that a rebuild from the same input gives the
same bytes and a change gives a reviewable diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from geo.model.errors import DataFileError


def _rounded(value: Any, decimals: int) -> Any:
    if isinstance(value, float):
        rounded = round(value, decimals)
        return 0.0 if rounded == 0 else rounded
    if isinstance(value, (list, tuple)):
        return [_rounded(item, decimals) for item in value]
    return value


def feature(geometry: BaseGeometry, properties: dict[str, Any], decimals: int) -> dict:
    """A GeoJSON feature with its coordinates rounded to ``decimals`` places."""
    geo = mapping(geometry)
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": geo["type"], "coordinates": _rounded(geo["coordinates"], decimals)},
    }


def write_feature_collection(path: Path, features: Iterable[dict]) -> None:
    """Write features as a FeatureCollection, one feature per line."""
    lines = [json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in features]
    body = ",\n".join(lines)
    Path(path).write_text(
        '{"type":"FeatureCollection","features":[\n' + body + "\n]}\n", encoding="utf-8"
    )


def read_features(path: Path, required: Iterable[str]) -> list[tuple[dict, BaseGeometry]]:
    """Read a FeatureCollection, checking that each feature has the ``required`` properties.

    Raises DataFileError naming the file (and the feature) on any problem.
    """
    path = Path(path)
    if not path.is_file():
        raise DataFileError(f"{path}: file not found")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise DataFileError(f"{path}: not UTF-8 text ({error.reason})") from None
    except json.JSONDecodeError as error:
        raise DataFileError(f"{path}: not valid JSON (line {error.lineno}: {error.msg})") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise DataFileError(f"{path}: not a GeoJSON FeatureCollection")
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise DataFileError(f"{path}: holds no features")
    required = list(required)
    result = []
    for number, item in enumerate(features, start=1):
        properties = item.get("properties") if isinstance(item, dict) else None
        if not isinstance(properties, dict):
            raise DataFileError(f"{path}: feature {number} has no properties")
        missing = [name for name in required if properties.get(name) in (None, "")]
        if missing:
            raise DataFileError(f"{path}: feature {number} lacks {', '.join(missing)}")
        try:
            geometry = shape(item["geometry"])
        except Exception as error:  # shapely raises several types for bad geometry
            raise DataFileError(f"{path}: feature {number} has a broken geometry ({error})") from None
        if geometry.is_empty:
            raise DataFileError(f"{path}: feature {number} has an empty geometry")
        result.append((properties, geometry))
    return result
