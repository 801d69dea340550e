"""The map layers of the store: assembling them, writing them, and reading them back.

Each layer is written twice: ``boundaries/{layer}.parquet`` (GeoParquet, EPSG:4326, the finest
published resolution, for spatial work) and ``maps/{layer}.geojson`` (coverage-simplified compact
GeoJSON for plotly). ``bounds.json`` holds each layer's bounds and the view that fits Trafford.
Neighbourhood layers are dissolved from the ward layer of the same vintage (the full-resolution
wards for the GeoParquet, the simplified wards for the map), so neighbourhoods nest exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd

from trafford_dash.core import config
from trafford_dash.pipeline.geography.compact import (
    centre_of_bounds,
    dissolve,
    layer_bounds,
    simplify_coverage,
    to_compact_geojson,
    zoom_for_bounds,
)
from trafford_dash.pipeline.geography.files import write_geoparquet, write_json
from trafford_dash.store.map_files import BOUNDS_FILE, LAYERS, MAPS_DIR, GeographyError, checked_layer

SMALL_AREA_TOLERANCE_M = 10.0
GM_TOLERANCE_M = 25.0
MAP_WIDTH_PX = 700
MAP_HEIGHT_PX = 500
BOUNDARIES_DIR = "boundaries"
WITH_NEIGHBOURHOOD = ("area_code", "area_name", "neighbourhood")
PLAIN = ("area_code", "area_name")


@dataclass
class MapLayer:
    """One layer: its boundary polygons, the polygons its map starts from, and map properties."""

    boundary: gpd.GeoDataFrame
    map_source: gpd.GeoDataFrame
    properties: tuple[str, ...]
    tolerance_m: float = SMALL_AREA_TOLERANCE_M
    dissolve_from: str | None = None  # neighbourhood maps: dissolved from this simplified layer


def neighbourhood_polygons(wards: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Dissolve wards (with a ``neighbourhood`` column) into the four neighbourhoods, in plan order."""
    merged = dissolve(wards, "neighbourhood")
    merged["area_code"] = merged["neighbourhood"].map(config.neighbourhood_code)
    merged["area_name"] = merged["neighbourhood"]
    order = {name: i for i, name in enumerate(config.NEIGHBOURHOODS)}
    merged = merged.sort_values("neighbourhood", key=lambda s: s.map(order))
    return merged[[*WITH_NEIGHBOURHOOD, "geometry"]].reset_index(drop=True)


def assemble_layers(
    wards_full: Mapping[str, gpd.GeoDataFrame],
    wards_map: Mapping[str, gpd.GeoDataFrame],
    lsoas: Mapping[str, gpd.GeoDataFrame],
    msoas: Mapping[str, gpd.GeoDataFrame],
    borough: gpd.GeoDataFrame,
    gm_boroughs: gpd.GeoDataFrame,
    gm: gpd.GeoDataFrame,
) -> dict[str, MapLayer]:
    """Every layer in :data:`LAYERS`; ward, LSOA and MSOA frames must carry ``neighbourhood``."""
    layers: dict[str, MapLayer] = {}
    for vintage in config.WARD_VINTAGES:
        ward_map = wards_map[vintage][[*WITH_NEIGHBOURHOOD, "geometry"]]
        full = wards_full[vintage][[*WITH_NEIGHBOURHOOD, "geometry"]]
        layers[f"ward_{vintage}"] = MapLayer(full, ward_map, WITH_NEIGHBOURHOOD)
        layers[f"neighbourhood_{vintage}"] = MapLayer(
            neighbourhood_polygons(full), ward_map, WITH_NEIGHBOURHOOD, dissolve_from=f"ward_{vintage}"
        )
    for prefix, frames in (("lsoa", lsoas), ("msoa", msoas)):
        for vintage, frame in frames.items():
            polygons = frame[[*WITH_NEIGHBOURHOOD, "geometry"]]
            layers[f"{prefix}_{vintage}"] = MapLayer(polygons, polygons, WITH_NEIGHBOURHOOD)
    for name, frame, tolerance in (
        ("borough", borough, SMALL_AREA_TOLERANCE_M),
        ("gm_boroughs", gm_boroughs, GM_TOLERANCE_M),
        ("gm", gm, GM_TOLERANCE_M),
    ):
        polygons = frame[[*PLAIN, "geometry"]]
        layers[name] = MapLayer(polygons, polygons, PLAIN, tolerance)
    return layers


def write_layers(layers: Mapping[str, MapLayer], out_dir: Path) -> tuple[list[Path], dict[str, Any]]:
    """Write every layer's GeoParquet and map GeoJSON, then ``bounds.json``.

    Returns
    -------
    tuple
        The files written, and the bounds payload: ``{layer: [min_lon, min_lat, max_lon, max_lat],
        …, "centre": {"lon": …, "lat": …}, "zoom": …}`` where centre and zoom fit Trafford (the
        ``borough`` layer) in a 700 × 500 px plotly map.
    """
    written: list[Path] = []
    simplified: dict[str, gpd.GeoDataFrame] = {}
    for name, layer in layers.items():
        written.append(write_geoparquet(layer.boundary, out_dir / BOUNDARIES_DIR / f"{name}.parquet"))
        if layer.dissolve_from is None:
            simplified[name] = simplify_coverage(layer.map_source, layer.tolerance_m)
        else:
            simplified[name] = neighbourhood_polygons(simplified[layer.dissolve_from])
        geojson = to_compact_geojson(simplified[name], layer.properties)
        written.append(write_json(geojson, out_dir / MAPS_DIR / f"{name}.geojson"))
    bounds: dict[str, Any] = {name: layer_bounds(simplified[name]) for name in LAYERS if name in simplified}
    trafford = bounds["borough"]
    bounds["centre"] = centre_of_bounds(trafford)
    bounds["zoom"] = zoom_for_bounds(trafford, MAP_WIDTH_PX, MAP_HEIGHT_PX)
    written.append(write_json(bounds, out_dir / BOUNDS_FILE, compact=False))
    return written, bounds


def load_boundaries(processed_dir: Path, layer: str) -> gpd.GeoDataFrame:
    """Read ``boundaries/{layer}.parquet`` from the built store as a GeoDataFrame in EPSG:4326."""
    path = Path(processed_dir) / BOUNDARIES_DIR / f"{checked_layer(layer)}.parquet"
    if not path.is_file():
        raise GeographyError(f"The boundary file {path} is missing; rebuild the data store.")
    return gpd.read_parquet(path)
