"""LSOA → ward best fits, MSOA neighbourhoods, and placing points in polygons.

Two kinds of best fit are used, and every row says which:

* ``"published best-fit lookup"`` — ONS best-fit lookups published by Trafford Data Lab: 2011 LSOAs
  to the December-2017 wards and 2021 LSOAs to the 2022 wards. In Trafford both ward sets are the
  pre-May-2023 wards (``E05000819``–``E05000839``), i.e. ward vintage ``"2022"``.
* ``"best fit by postcode count"`` — LSOAs to the May-2023 wards, for which no lookup is published:
  each LSOA goes whole to the ward holding most of its postcodes in the Trafford postcode file
  (which gives every postcode its May-2023 ward and 2021 LSOA). 2011 LSOAs are found for each
  postcode by placing its centroid in the 2011 LSOA polygons. Ties go to the lower ward code.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import geopandas as gpd
import pandas as pd

from trafford_dash.core import config
from trafford_dash.pipeline.geography.files import BRITISH_NATIONAL_GRID, WGS84, GeographyError

log = logging.getLogger(__name__)

PUBLISHED = "published best-fit lookup"
BY_POSTCODE = "best fit by postcode count"
LSOA_TO_WARD_COLUMNS = ["lsoa_code", "lsoa_vintage", "ward_code", "ward_vintage", "neighbourhood", "method"]
NEAREST_WITHIN_M = 100.0


def published_best_fit(
    lookup: pd.DataFrame, lsoa_vintage: str, ward_table: pd.DataFrame, ward_vintage: str = "2022"
) -> pd.DataFrame:
    """Trafford's rows of a published LSOA → ward best-fit lookup, with each ward's neighbourhood.

    ``lookup`` is the raw CSV (columns ``lsoa11cd``/``wd17cd``/``lad17cd`` or
    ``lsoa21cd``/``wd22cd``/``lad22cd``); only rows in Trafford (``config.TRAFFORD_CODE``) are kept.
    """
    lsoa_column = next(c for c in lookup.columns if c.startswith("lsoa") and c.endswith("cd"))
    ward_column = next(c for c in lookup.columns if c.startswith("wd") and c.endswith("cd"))
    lad_column = next(c for c in lookup.columns if c.startswith("lad") and c.endswith("cd"))
    rows = lookup[lookup[lad_column] == config.TRAFFORD_CODE]
    out = pd.DataFrame(
        {
            "lsoa_code": rows[lsoa_column].to_numpy(),
            "lsoa_vintage": lsoa_vintage,
            "ward_code": rows[ward_column].to_numpy(),
            "ward_vintage": ward_vintage,
            "method": PUBLISHED,
        }
    )
    return _with_neighbourhood(out, ward_table)


def postcode_best_fit(
    postcodes: pd.DataFrame, lsoa_vintage: str, ward_table: pd.DataFrame, ward_vintage: str = "2023"
) -> pd.DataFrame:
    """Assign each LSOA whole to the ward that holds most of its postcodes.

    Parameters
    ----------
    postcodes
        One row per postcode with ``lsoa_code`` and ``ward_code`` (of ``ward_vintage``).

    Returns
    -------
    DataFrame
        The lsoa_to_ward columns, method ``"best fit by postcode count"``.
    """
    counts = (
        postcodes.dropna(subset=["lsoa_code", "ward_code"])
        .groupby(["lsoa_code", "ward_code"])
        .size()
        .rename("postcodes")
        .reset_index()
        .sort_values(["lsoa_code", "postcodes", "ward_code"], ascending=[True, False, True])
    )
    best = counts.drop_duplicates("lsoa_code", keep="first")
    out = pd.DataFrame(
        {
            "lsoa_code": best["lsoa_code"].to_numpy(),
            "lsoa_vintage": lsoa_vintage,
            "ward_code": best["ward_code"].to_numpy(),
            "ward_vintage": ward_vintage,
            "method": BY_POSTCODE,
        }
    )
    return _with_neighbourhood(out, ward_table)


def _with_neighbourhood(frame: pd.DataFrame, ward_table: pd.DataFrame) -> pd.DataFrame:
    table = ward_table.rename(columns={"vintage": "ward_vintage"})[
        ["ward_vintage", "ward_code", "neighbourhood"]
    ]
    out = frame.merge(table, on=["ward_vintage", "ward_code"], how="left", validate="many_to_one")
    unknown = out.loc[out["neighbourhood"].isna(), "ward_code"].unique().tolist()
    if unknown:
        raise GeographyError(
            f"LSOA best fits point at wards {unknown} that are not in data/ward_neighbourhoods.csv."
        )
    return out[LSOA_TO_WARD_COLUMNS].sort_values(["lsoa_code"]).reset_index(drop=True)


def postcode_points(postcodes: pd.DataFrame) -> gpd.GeoDataFrame:
    """The postcode table as points (EPSG:4326) from its ``lon``/``lat`` columns."""
    lon = pd.to_numeric(postcodes["lon"], errors="coerce")
    lat = pd.to_numeric(postcodes["lat"], errors="coerce")
    keep = lon.notna() & lat.notna()
    if (~keep).any():
        log.info("%d postcodes have no coordinates and are not placed.", int((~keep).sum()))
    return gpd.GeoDataFrame(
        postcodes[keep].reset_index(drop=True),
        geometry=gpd.points_from_xy(lon[keep], lat[keep]),
        crs=WGS84,
    )


def locate_points(
    points: gpd.GeoDataFrame, polygons: gpd.GeoDataFrame, nearest_within_m: float = NEAREST_WITHIN_M
) -> pd.Series:
    """The ``area_code`` of the polygon containing each point (index aligned with ``points``).

    A point on a shared edge takes the lower code. A point outside every polygon (a centroid a few
    metres beyond a generalised boundary) takes the nearest polygon within ``nearest_within_m``
    metres; beyond that it gets ``None``.
    """
    target = polygons[["area_code", "geometry"]].to_crs(points.crs)
    joined = gpd.sjoin(points[["geometry"]], target, how="left", predicate="intersects")
    joined = joined.sort_values("area_code").loc[lambda f: ~f.index.duplicated(keep="first")]
    codes = joined["area_code"].reindex(points.index)
    outside = codes.isna()
    if outside.any():
        stray = points.loc[outside, ["geometry"]].to_crs(BRITISH_NATIONAL_GRID)
        near = gpd.sjoin_nearest(
            stray, target.to_crs(BRITISH_NATIONAL_GRID), how="left", max_distance=nearest_within_m
        )
        near = near.loc[~near.index.duplicated(keep="first"), "area_code"]
        codes.loc[near.index] = near
        log.info(
            "%d points lay outside every polygon; %d placed in the nearest.",
            outside.sum(),
            near.notna().sum(),
        )
    return codes.astype(object).where(codes.notna(), None)


def msoa_neighbourhoods(
    postcode_msoas: pd.Series, postcode_wards: pd.Series, ward_table: pd.DataFrame, ward_vintage: str = "2022"
) -> pd.Series:
    """Best-fit neighbourhood of each MSOA: the one holding most of its postcodes.

    Parameters
    ----------
    postcode_msoas, postcode_wards
        For each postcode (same index), its MSOA code and its ward code of ``ward_vintage``.

    Returns
    -------
    Series
        Neighbourhood name indexed by MSOA code. Postcode counts stand in for population (the
        number of addresses), so this is close to a population-weighted majority, not exact.
    """
    lookup = ward_table[ward_table["vintage"] == ward_vintage].set_index("ward_code")["neighbourhood"]
    frame = pd.DataFrame({"msoa": postcode_msoas, "neighbourhood": postcode_wards.map(lookup)}).dropna()
    counts = frame.groupby(["msoa", "neighbourhood"]).size().rename("n").reset_index()
    counts = counts.sort_values(["msoa", "n", "neighbourhood"], ascending=[True, False, True])
    best = counts.drop_duplicates("msoa", keep="first")
    shares = best.set_index("msoa")["n"] / frame.groupby("msoa").size()
    split = shares[shares < 0.5]
    if len(split):
        log.info("MSOAs with no neighbourhood majority of postcodes (plurality used): %s", list(split.index))
    return best.set_index("msoa")["neighbourhood"]


def build_lsoa_to_ward(
    published: Mapping[str, pd.DataFrame],
    points: gpd.GeoDataFrame,
    lsoas: Mapping[str, gpd.GeoDataFrame],
    ward_table: pd.DataFrame,
) -> pd.DataFrame:
    """LSOA → ward best fits for 2011 and 2021 LSOAs onto both ward vintages.

    Parameters
    ----------
    published
        The raw published best-fit lookups by LSOA vintage (``"2011"``, ``"2021"``): onto the
        pre-May-2023 wards.
    points
        Postcode points with ``lsoa_code`` (2021 LSOA) and ``ward_code`` (May-2023 ward).
    lsoas
        LSOA polygons by vintage; 2011 LSOAs of each postcode are found by point in polygon.

    Raises
    ------
    GeographyError
        When a best fit does not cover exactly the LSOAs in the boundary file.
    """
    frames = [published_best_fit(published[v], v, ward_table) for v in ("2011", "2021")]
    frames.append(postcode_best_fit(points, "2021", ward_table))
    placed = pd.DataFrame(
        {"lsoa_code": locate_points(points, lsoas["2011"]), "ward_code": points["ward_code"]}
    )
    frames.append(postcode_best_fit(placed, "2011", ward_table))
    out = pd.concat(frames, ignore_index=True)
    for (lsoa_vintage, ward_vintage), rows in out.groupby(["lsoa_vintage", "ward_vintage"]):
        expected = set(lsoas[str(lsoa_vintage)]["area_code"])
        if set(rows["lsoa_code"]) != expected:
            raise GeographyError(
                f"The {lsoa_vintage} LSOA → {ward_vintage} ward best fit covers "
                f"{rows['lsoa_code'].nunique()} LSOAs, not Trafford's {len(expected)}."
            )
    return out
