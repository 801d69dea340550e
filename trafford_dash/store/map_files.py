"""Reading the map files the build writes (compact GeoJSON and layer bounds), with no GIS imports.

Pages read these on every first visit, so this module needs only the standard library: the
GeoPandas stack that writes them is imported by the build alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

LAYERS = (
    "ward_2022",
    "ward_2023",
    "neighbourhood_2022",
    "neighbourhood_2023",
    "lsoa_2011",
    "lsoa_2021",
    "msoa_2011",
    "msoa_2021",
    "borough",
    "gm_boroughs",
    "gm",
)
MAPS_DIR = "maps"
BOUNDS_FILE = "bounds.json"


class GeographyError(RuntimeError):
    """Boundary or lookup data failed a check; the message names the area and what to do."""


def checked_layer(layer: str) -> str:
    if layer not in LAYERS:
        raise GeographyError(f"There is no map layer '{layer}'; choose one of {', '.join(LAYERS)}.")
    return layer


def load_map_geojson(processed_dir: Path, layer: str) -> dict[str, Any]:
    """Read ``maps/{layer}.geojson`` from the built store (pure; pages cache it)."""
    path = Path(processed_dir) / MAPS_DIR / f"{checked_layer(layer)}.geojson"
    if not path.is_file():
        raise GeographyError(f"The map file {path} is missing; rebuild the data store.")
    payload: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return payload


def load_bounds(processed_dir: Path) -> dict[str, Any]:
    """Read ``bounds.json`` (layer bounds, centre and zoom) from the built store."""
    path = Path(processed_dir) / BOUNDS_FILE
    if not path.is_file():
        raise GeographyError(f"{path} is missing; rebuild the data store.")
    payload: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return payload
