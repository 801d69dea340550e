"""Geography: the areas table, LSOA → ward lookups, checked neighbourhoods, boundaries and map files.

:func:`build_geography` reads Trafford Data Lab's published boundaries and lookups (registry keys in
:data:`GEOGRAPHY_SOURCE_KEYS`), checks the authored ``data/ward_neighbourhoods.csv`` against the
council's locality polygons, and writes to the build directory:

* ``boundaries/{layer}.parquet`` — GeoParquet, EPSG:4326, for spatial work (wards at full
  resolution; the other layers at the published generalised 20 m resolution, the finest published);
* ``maps/{layer}.geojson`` — compact GeoJSON for plotly maps, coverage-simplified (see
  :mod:`trafford_dash.pipeline.geography.compact`), feature ``id`` = ``area_code``;
* ``bounds.json`` — ``{layer: [min_lon, min_lat, max_lon, max_lat], …, "centre": {"lon", "lat"},
  "zoom"}``; centre and zoom fit Trafford in a 700 × 500 px plotly map.

Neighbourhood layers are dissolved from the wards, so they nest exactly. MSOA neighbourhoods are a
best fit by **postcode count**: the neighbourhood (via the pre-May-2023 wards, as for LSOAs) that
holds most of the MSOA's postcodes, postcodes standing in for population.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from trafford_dash.core import config
from trafford_dash.pipeline.geography.checks import (
    check_containment,
    check_postcode_localities,
    check_statistical_lookup,
    check_wards_match_boundaries,
    read_ward_table,
)
from trafford_dash.pipeline.geography.compact import zoom_for_bounds
from trafford_dash.pipeline.geography.files import read_csv, read_layer, source_path
from trafford_dash.pipeline.geography.layers import assemble_layers, load_boundaries, write_layers
from trafford_dash.pipeline.geography.lookups import (
    build_lsoa_to_ward,
    locate_points,
    msoa_neighbourhoods,
    postcode_points,
)
from trafford_dash.store import schema
from trafford_dash.store.map_files import LAYERS, GeographyError, load_bounds, load_map_geojson

__all__ = [
    "GEOGRAPHY_SOURCE_KEYS",
    "LAYERS",
    "Geography",
    "GeographyError",
    "build_geography",
    "load_boundaries",
    "load_bounds",
    "load_map_geojson",
    "zoom_for_bounds",
]

log = logging.getLogger(__name__)

_SPATIAL = "spatial_data:"
WARD_KEYS = {
    vintage: {
        resolution: f"{_SPATIAL}ward/{vintage}/trafford_ward_{resolution}.geojson"
        for resolution in ("full_resolution", "generalised", "super_generalised")
    }
    for vintage in config.WARD_VINTAGES
}
LOCALITY_KEYS = {
    v: f"{_SPATIAL}council_defined/{v}/trafford_localities_generalised_resolution.geojson"
    for v in config.WARD_VINTAGES
}
LSOA_KEYS = {v: f"{_SPATIAL}lsoa/{v}/trafford_lsoa_generalised.geojson" for v in ("2011", "2021")}
MSOA_KEYS = {v: f"{_SPATIAL}msoa/{v}/trafford_msoa_generalised.geojson" for v in ("2011", "2021")}
BOROUGH_KEY = f"{_SPATIAL}local_authority/2023/trafford_local_authority_generalised.geojson"
GM_BOROUGHS_KEY = f"{_SPATIAL}local_authority/2023/gm_local_authority_generalised.geojson"
GM_KEY = f"{_SPATIAL}combined_authority/2023/gm_combined_authority_generalised.geojson"
BEST_FIT_KEYS = {
    "2011": f"{_SPATIAL}lookups/lsoa_to_ward_best-fit_lookup.csv",
    "2021": f"{_SPATIAL}lookups/2021/lsoa_to_ward_best-fit_lookup.csv",
}
STATISTICAL_KEYS = {
    "2011": f"{_SPATIAL}lookups/statistical_lookup.csv",
    "2021": f"{_SPATIAL}lookups/2021/statistical_lookup.csv",
}
POSTCODES_KEY = f"{_SPATIAL}postcodes/trafford_postcodes.csv"

GEOGRAPHY_SOURCE_KEYS: list[str] = [
    *(key for files in WARD_KEYS.values() for key in files.values()),
    *LOCALITY_KEYS.values(),
    *LSOA_KEYS.values(),
    *MSOA_KEYS.values(),
    BOROUGH_KEY,
    GM_BOROUGHS_KEY,
    GM_KEY,
    *BEST_FIT_KEYS.values(),
    *STATISTICAL_KEYS.values(),
    POSTCODES_KEY,
]


@dataclass(frozen=True)
class Geography:
    """What :func:`build_geography` hands back to the build.

    Attributes
    ----------
    areas
        Every area, valid against :class:`schema.Areas`.
    lsoa_to_ward
        lsoa_code, lsoa_vintage, ward_code, ward_vintage, neighbourhood, method.
    ward_to_neighbourhood
        The checked ``data/ward_neighbourhoods.csv``: vintage, ward_code, ward_name, neighbourhood.
    bounds
        The content of ``bounds.json``.
    written
        Every file written under ``out_dir``.
    """

    areas: pd.DataFrame
    lsoa_to_ward: pd.DataFrame
    ward_to_neighbourhood: pd.DataFrame
    bounds: dict[str, Any] = field(default_factory=dict)
    written: tuple[Path, ...] = ()


def _checked_wards(
    paths: Mapping[str, Path], table: pd.DataFrame
) -> tuple[dict[str, gpd.GeoDataFrame], dict[str, gpd.GeoDataFrame]]:
    """Each vintage's wards (full resolution and generalised) checked against the authored table and
    the localities, labelled with their neighbourhood."""
    wards_full: dict[str, gpd.GeoDataFrame] = {}
    wards_map: dict[str, gpd.GeoDataFrame] = {}
    for vintage in config.WARD_VINTAGES:
        files = {res: read_layer(source_path(paths, key)) for res, key in WARD_KEYS[vintage].items()}
        for frame in files.values():
            check_wards_match_boundaries(table, frame, vintage)
        localities = read_layer(source_path(paths, LOCALITY_KEYS[vintage]), code_column=None)
        evidence = check_containment(files["full_resolution"], localities, table, vintage)
        log.info("%s wards: least share inside own locality %.3f", vintage, evidence["share_inside"].min())
        membership = table[table["vintage"] == vintage].set_index("ward_code")["neighbourhood"]
        for frame in (files["full_resolution"], files["generalised"]):
            frame["neighbourhood"] = frame["area_code"].map(membership)
        wards_full[vintage] = files["full_resolution"]
        wards_map[vintage] = files["generalised"]
    return wards_full, wards_map


def _label_small_areas(
    paths: Mapping[str, Path],
    postcodes: pd.DataFrame,
    table: pd.DataFrame,
    wards_2022: gpd.GeoDataFrame,
    small_areas: tuple[dict[str, gpd.GeoDataFrame], dict[str, gpd.GeoDataFrame]],
) -> pd.DataFrame:
    """Check the postcodes, build the LSOA → ward lookup and label the LSOAs and MSOAs with their
    ward and neighbourhood; returns the lookup."""
    lsoas, msoas = small_areas
    check_postcode_localities(postcodes, table)
    points = postcode_points(postcodes)
    published = {v: read_csv(source_path(paths, key)) for v, key in BEST_FIT_KEYS.items()}
    lsoa_to_ward = build_lsoa_to_ward(published, points, lsoas, table)

    ward_2022_of_postcode = locate_points(points, wards_2022)
    msoa_nbh = {
        "2021": msoa_neighbourhoods(points["msoa_code"], ward_2022_of_postcode, table),
        "2011": msoa_neighbourhoods(locate_points(points, msoas["2011"]), ward_2022_of_postcode, table),
    }
    msoa_names = postcodes.drop_duplicates("msoa_code").set_index("msoa_code")["msoa_hcl_name"]
    best_2022 = lsoa_to_ward[lsoa_to_ward["ward_vintage"] == "2022"]
    for vintage, frame in lsoas.items():
        fit = best_2022[best_2022["lsoa_vintage"] == vintage].set_index("lsoa_code")
        frame["ward_code"] = frame["area_code"].map(fit["ward_code"])
        frame["neighbourhood"] = frame["area_code"].map(fit["neighbourhood"])
    for vintage, frame in msoas.items():
        frame["area_name"] = frame["area_code"].map(msoa_names).fillna(frame["area_name"])
        frame["neighbourhood"] = frame["area_code"].map(msoa_nbh[vintage])
    return lsoa_to_ward


def build_geography(
    paths: Mapping[str, Path], out_dir: Path, ward_table_path: Path | None = None
) -> Geography:
    """Build the areas table and lookups, check the authored neighbourhoods, and write map files.

    Parameters
    ----------
    paths
        Registry key → verified local file, for every key in :data:`GEOGRAPHY_SOURCE_KEYS`.
    out_dir
        The (staging) store directory; ``boundaries/``, ``maps/`` and ``bounds.json`` go in it.
    ward_table_path
        The authored ward → neighbourhood table (default ``data/ward_neighbourhoods.csv``).

    Raises
    ------
    GeographyError
        When the authored table disagrees with the published boundaries or locality polygons.
    """
    table = read_ward_table(ward_table_path)
    wards_full, wards_map = _checked_wards(paths, table)
    lsoas = {v: read_layer(source_path(paths, key)) for v, key in LSOA_KEYS.items()}
    msoas = {v: read_layer(source_path(paths, key)) for v, key in MSOA_KEYS.items()}
    for vintage, key in STATISTICAL_KEYS.items():
        check_statistical_lookup(read_csv(source_path(paths, key)), vintage, lsoas[vintage], msoas[vintage])

    postcodes = read_csv(source_path(paths, POSTCODES_KEY))
    lsoa_to_ward = _label_small_areas(paths, postcodes, table, wards_full["2022"], (lsoas, msoas))
    borough = read_layer(source_path(paths, BOROUGH_KEY))
    gm_boroughs = read_layer(source_path(paths, GM_BOROUGHS_KEY))
    gm = read_layer(source_path(paths, GM_KEY))
    areas = _areas(wards_full, lsoas, msoas, gm_boroughs)

    layers = assemble_layers(wards_full, wards_map, lsoas, msoas, borough, gm_boroughs, gm)
    written, bounds = write_layers(layers, out_dir)
    return Geography(
        areas=areas,
        lsoa_to_ward=lsoa_to_ward,
        ward_to_neighbourhood=table,
        bounds=bounds,
        written=tuple(written),
    )


def _areas(
    wards: Mapping[str, gpd.GeoDataFrame],
    lsoas: Mapping[str, gpd.GeoDataFrame],
    msoas: Mapping[str, gpd.GeoDataFrame],
    gm_boroughs: gpd.GeoDataFrame,
) -> pd.DataFrame:
    columns = ["area_code", "area_name", "level", "vintage", "ward_code", "neighbourhood"]
    frames = []
    for vintage, frame in wards.items():
        frames.append(frame.assign(level="ward", vintage=vintage, ward_code=frame["area_code"])[columns])
        frames.append(
            pd.DataFrame(
                {
                    "area_code": [config.neighbourhood_code(n) for n in config.NEIGHBOURHOODS],
                    "area_name": list(config.NEIGHBOURHOODS),
                    "level": "neighbourhood",
                    "vintage": vintage,
                    "ward_code": None,
                    "neighbourhood": list(config.NEIGHBOURHOODS),
                }
            )
        )
    for level, layer in (("lsoa", lsoas), ("msoa", msoas)):
        for vintage, frame in layer.items():
            extra = {"ward_code": None} if "ward_code" not in frame else {}
            frames.append(frame.assign(level=level, vintage=vintage, **extra)[columns])
    others = gm_boroughs[gm_boroughs["area_code"] != config.TRAFFORD_CODE]
    frames.append(
        pd.DataFrame(
            [
                (config.TRAFFORD_CODE, config.TRAFFORD_NAME, "borough"),
                *((row.area_code, row.area_name, "local_authority") for row in others.itertuples()),
                (config.GM_CODE, config.GM_NAME, "region"),
                (config.ENGLAND_CODE, config.ENGLAND_NAME, "country"),
            ],
            columns=["area_code", "area_name", "level"],
        ).assign(vintage="", ward_code=None, neighbourhood=None)
    )
    areas = pd.concat([pd.DataFrame(f) for f in frames], ignore_index=True)[columns]
    areas = areas.astype(object).where(areas.notna(), None)
    return schema.Areas.validate(areas)
