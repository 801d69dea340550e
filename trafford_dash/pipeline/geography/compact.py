"""Compact, gap-free map GeoJSON and the map view (centre and zoom) that fits a layer.

Map layers start from the published generalised (20 m) boundaries. Simplifying each polygon on its
own would move shared edges differently on either side and open slivers between neighbours, so the
polygons are simplified together as a *coverage* (``shapely.coverage_simplify``, GEOS ≥ 3.12,
shapely ≥ 2.1: the "simplify_coverage" operation) in British National Grid metres, where the
tolerance has a physical meaning. Coordinates are then snapped to a 1e-5 degree grid (about 1 m)
and written with five decimals.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import mapping

from trafford_dash.pipeline.geography.files import BRITISH_NATIONAL_GRID, WGS84, polygonal

COORDINATE_DECIMALS = 5
DEFAULT_TOLERANCE_M = 10.0
# Plotly's ``choropleth_map`` draws with MapLibre GL, whose tiles are 512 px: at zoom 0 the whole
# Web-Mercator world is 512 px wide.
TILE_PX = 512


def simplify_coverage(frame: gpd.GeoDataFrame, tolerance_m: float = DEFAULT_TOLERANCE_M) -> gpd.GeoDataFrame:
    """Simplify polygons that tile an area together, so shared edges stay shared and gap-free.

    Parameters
    ----------
    frame
        Polygons forming a coverage (non-overlapping, edge-matched), any CRS.
    tolerance_m
        Visvalingam–Whyatt tolerance in metres (roughly the square root of the largest triangle
        area removed), applied in EPSG:27700.

    Returns
    -------
    GeoDataFrame
        The same rows in EPSG:4326, geometries simplified and snapped to a 1e-5 degree grid.
    """
    projected = frame.to_crs(BRITISH_NATIONAL_GRID)
    geometries = np.asarray(polygonal(projected.geometry.to_numpy()), dtype=object)
    if tolerance_m > 0:
        geometries = shapely.coverage_simplify(geometries, tolerance_m)
    simplified = gpd.GeoDataFrame(
        projected.drop(columns=projected.geometry.name), geometry=list(geometries), crs=BRITISH_NATIONAL_GRID
    ).to_crs(WGS84)
    snapped = shapely.set_precision(simplified.geometry.to_numpy(), 10.0**-COORDINATE_DECIMALS)
    simplified = simplified.set_geometry(polygonal(snapped), crs=WGS84)
    return simplified.reset_index(drop=True)


def dissolve(frame: gpd.GeoDataFrame, by: str) -> gpd.GeoDataFrame:
    """Union the polygons of ``frame`` by the values of column ``by`` (one row per value)."""
    groups = []
    for value, members in frame.groupby(by, sort=False):
        groups.append({by: value, "geometry": shapely.union_all(members.geometry.to_numpy())})
    return gpd.GeoDataFrame(groups, geometry="geometry", crs=frame.crs)


def _round(coordinates: Any) -> Any:
    if isinstance(coordinates[0], int | float):
        return [round(float(value), COORDINATE_DECIMALS) for value in coordinates[:2]]
    return [_round(part) for part in coordinates]


def to_compact_geojson(frame: gpd.GeoDataFrame, properties: Sequence[str]) -> dict[str, Any]:
    """A FeatureCollection with feature ``id`` = ``area_code`` and only ``properties`` kept.

    Missing or null property values are written as JSON ``null``; coordinates have five decimals.
    """
    frame = frame.to_crs(WGS84)
    features = []
    for row in frame.itertuples(index=False):
        geometry = mapping(row.geometry)
        props = {}
        for name in properties:
            value = getattr(row, name, None)
            props[name] = None if value is None or (isinstance(value, float) and math.isnan(value)) else value
        features.append(
            {
                "type": "Feature",
                "id": str(row.area_code),
                "properties": props,
                "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def layer_bounds(frame: gpd.GeoDataFrame) -> list[float]:
    """``[min_lon, min_lat, max_lon, max_lat]`` of a layer in EPSG:4326, rounded to 5 decimals."""
    minx, miny, maxx, maxy = frame.to_crs(WGS84).total_bounds
    return [round(float(v), COORDINATE_DECIMALS) for v in (minx, miny, maxx, maxy)]


def _mercator_y(lat: float) -> float:
    phi = math.radians(max(min(lat, 85.05112878), -85.05112878))
    return math.log(math.tan(math.pi / 4 + phi / 2))


def zoom_for_bounds(
    bounds: Sequence[float], width_px: int = 700, height_px: int = 500, padding: float = 0.05
) -> float:
    """The largest plotly map zoom at which ``bounds`` fits a ``width_px`` × ``height_px`` map.

    Parameters
    ----------
    bounds
        ``[min_lon, min_lat, max_lon, max_lat]`` in degrees.
    width_px, height_px
        The map's size on screen in CSS pixels.
    padding
        Fraction of each side kept free as a margin (0.05 = 5%).

    Returns
    -------
    float
        Web-Mercator zoom for MapLibre's 512 px tiles, rounded to 2 decimals, clamped to 0–20.
    """
    min_lon, min_lat, max_lon, max_lat = (float(v) for v in bounds)
    usable_w = max(width_px * (1 - 2 * padding), 1.0)
    usable_h = max(height_px * (1 - 2 * padding), 1.0)
    lon_span = max(max_lon - min_lon, 1e-9)
    y_span = max(_mercator_y(max_lat) - _mercator_y(min_lat), 1e-9)
    zoom_x = math.log2(usable_w / TILE_PX * 360.0 / lon_span)
    zoom_y = math.log2(usable_h / TILE_PX * 2 * math.pi / y_span)
    return round(min(max(min(zoom_x, zoom_y), 0.0), 20.0), 2)


def centre_of_bounds(bounds: Sequence[float]) -> dict[str, float]:
    """The map centre of ``bounds``: mid-longitude and the Web-Mercator mid-latitude."""
    min_lon, min_lat, max_lon, max_lat = (float(v) for v in bounds)
    mid_y = (_mercator_y(min_lat) + _mercator_y(max_lat)) / 2
    lat = math.degrees(2 * math.atan(math.exp(mid_y)) - math.pi / 2)
    return {
        "lon": round((min_lon + max_lon) / 2, COORDINATE_DECIMALS),
        "lat": round(lat, COORDINATE_DECIMALS),
    }
