"""Reading published boundary files into tidy GeoDataFrames, and writing outputs atomically.

Boundary files from Trafford Data Lab's ``spatial_data`` repository are GeoJSON in WGS84 lon/lat.
They differ in small ways that this module irons out so the rest of the pipeline sees one shape
(``area_code``, ``area_name``, ``geometry`` in EPSG:4326):

* the 2023 super-generalised ward file holds every ward twice, so exact repeats of an area code are
  dropped (a repeated code with a different name is an error);
* in the 2023 ward files ``lon``/``lat`` are strings; those label-point columns are not kept;
* a few generalised LSOA and MSOA 2011 polygons are invalid (self-touching rings), so every
  geometry is repaired with ``make_valid`` and reduced to its polygonal parts.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from trafford_dash.store.map_files import GeographyError

log = logging.getLogger(__name__)

WGS84 = "EPSG:4326"
BRITISH_NATIONAL_GRID = "EPSG:27700"


def source_path(paths: Mapping[str, Path], key: str) -> Path:
    """The verified local file for registry ``key``, with a plain error when it was not fetched."""
    try:
        return Path(paths[key])
    except KeyError:
        raise GeographyError(
            f"The build was not given '{key}'; fetch every key in GEOGRAPHY_SOURCE_KEYS "
            "(and SERVICES_SOURCE_KEYS for services) before building."
        ) from None


def polygonal(geometries: Any) -> Any:
    """Repair geometries and keep only their polygon parts (an array of (Multi)Polygons)."""
    repaired = shapely.make_valid(geometries)
    out = []
    for geometry in repaired:
        if geometry is None or geometry.is_empty or geometry.geom_type in ("Polygon", "MultiPolygon"):
            out.append(geometry)
        else:  # GeometryCollection from repairing a self-touching ring
            pieces = shapely.get_parts(shapely.get_parts(geometry))  # collections may hold multipolygons
            parts = [part for part in pieces if part.geom_type == "Polygon"]
            if not parts:
                out.append(None)
            else:
                out.append(shapely.multipolygons(parts) if len(parts) > 1 else parts[0])
    return out


def read_layer(
    path: Path, name_column: str = "area_name", code_column: str | None = "area_code"
) -> gpd.GeoDataFrame:
    """Read one boundary GeoJSON as ``area_code, area_name, geometry`` in EPSG:4326.

    Parameters
    ----------
    path
        A verified local GeoJSON file.
    name_column, code_column
        Source columns holding the name and the code; ``code_column=None`` for files without codes
        (the council-defined locality polygons), which get ``area_code`` equal to the name.

    Raises
    ------
    GeographyError
        When one code appears with two different names or a geometry is missing.
    """
    frame = gpd.read_file(path)
    if frame.crs is None:
        frame = frame.set_crs(WGS84)
    frame = frame.to_crs(WGS84)
    codes = frame[code_column] if code_column else frame[name_column]
    out = gpd.GeoDataFrame(
        {
            "area_code": codes.astype(str).str.strip().to_numpy(),
            "area_name": frame[name_column].astype(str).str.strip().to_numpy(),
        },
        geometry=polygonal(frame.geometry.to_numpy()),
        crs=WGS84,
    )
    repeated = out.duplicated("area_code", keep=False)
    if repeated.any():
        clashes = out[repeated].drop_duplicates(["area_code", "area_name"])
        if clashes["area_code"].duplicated().any():
            code = clashes.loc[clashes["area_code"].duplicated(), "area_code"].iloc[0]
            raise GeographyError(f"{path.name} gives area {code} two different names; check the source file.")
        log.info("%s repeats %d features; keeping the first of each.", path.name, int(repeated.sum()) // 2)
        out = out.drop_duplicates("area_code", keep="first")
    if out.geometry.isna().any() or out.geometry.is_empty.any():
        raise GeographyError(f"{path.name} has a feature without a polygon; check the source file.")
    return out.reset_index(drop=True)


def read_csv(path: Path) -> pd.DataFrame:
    """Read a lookup CSV with every column as text."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _atomic(path: Path, write: Callable[[Path], object]) -> Path:
    """Write through a temporary sibling file, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def write_geoparquet(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """Write ``frame`` as GeoParquet in EPSG:4326, atomically."""
    frame = frame.to_crs(WGS84).reset_index(drop=True)
    return _atomic(path, lambda target: frame.to_parquet(target, index=False))


def write_json(payload: Any, path: Path, compact: bool = True) -> Path:
    """Write ``payload`` as UTF-8 JSON (compact separators by default), atomically."""
    separators = (",", ":") if compact else None
    indent = None if compact else 2
    text = json.dumps(payload, separators=separators, indent=indent, ensure_ascii=False)
    return _atomic(path, lambda target: target.write_text(text, encoding="utf-8"))
