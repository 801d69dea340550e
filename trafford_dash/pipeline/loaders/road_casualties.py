"""Road casualties from STATS19: people killed or seriously injured, and all casualties, by area and year.

The source is Greater Manchester Police's STATS19 record of every police-recorded road casualty in
Greater Manchester from January 2019 to June 2024, published by Transport for Greater Manchester and
republished by Trafford Data Lab. Each row is one **person** injured (a collision with three
casualties has three rows), so every figure here counts people, not collisions.

- **Severity.** ``casualty_severity`` Fatal or Serious is *killed or seriously injured* (KSI);
  Slight is not. Any other value fails the build. The collision's own severity is not used.
- **Periods.** Each calendar year 2019 to 2023 (``"2023"``) and the five years together
  (``"2019-23"``). January to June 2024 is a part year and is left out.
- **Local authority.** Each casualty's borough is the file's ``area_name`` (the local authority
  the police recorded for the collision's location), matched to its code through the Census 2021
  borough table. Trafford is level ``borough``; the other nine are ``local_authority``; Greater
  Manchester (``region``) is all ten.
- **Wards.** Casualties recorded in Trafford are placed by point-in-polygon in the full-resolution
  ward boundaries of each vintage; one a few metres outside every ward takes the nearest ward within
  100 metres. Casualties recorded in another borough are never placed in a Trafford ward (three
  Manchester casualties lie about a metre inside Trafford's edge), so the wards of either vintage
  add up exactly to Trafford.
- **Neighbourhoods** are the sums of their wards (``data/ward_neighbourhoods.csv``).
- **Ward KSI figures** are given for 2019-23 only: in a single year most wards have 0 to 4 killed or
  seriously injured, so most would be withheld (and withholding them forces more). All casualties
  are given by ward for every year too.

Every area has a row for every period, zero included. Rates per 100,000 are added once the
store's populations are in place (:mod:`trafford_dash.pipeline.loaders.road_casualty_rates`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import pandas as pd

from trafford_dash.core import config
from trafford_dash.pipeline import tidy
from trafford_dash.pipeline.geography.areas import WARD_KEYS
from trafford_dash.pipeline.geography.checks import read_ward_table
from trafford_dash.pipeline.geography.files import WGS84, read_layer, source_path
from trafford_dash.pipeline.geography.lookups import locate_points
from trafford_dash.pipeline.loaders import peer_groups

log = logging.getLogger(__name__)

CASUALTIES_KEY = "open_data:road_casualties/STATS19_road_casualties_2019-Jun2024.csv"
BOROUGHS_KEY = peer_groups.POPULATION_KEY
WARD_BOUNDARY_KEYS = {vintage: WARD_KEYS[vintage]["full_resolution"] for vintage in config.WARD_VINTAGES}
SOURCE_KEYS: list[str] = [CASUALTIES_KEY, BOROUGHS_KEY, *WARD_BOUNDARY_KEYS.values()]

YEARS = tuple(range(2019, 2024))
TOTAL_PERIOD = "2019-23"
KSI_SEVERITIES = {"Fatal": True, "Serious": True, "Slight": False}
KSI_COUNT = "road_ksi_casualties"
ALL_COUNT = "road_casualties"
COUNT_INDICATORS = (KSI_COUNT, ALL_COUNT)
COLUMNS = ("year", "casualty_severity", "area_name", "lon", "lat")
AREA = ["area_code", "area_name", "level", "vintage"]


def killed_or_seriously_injured(severity: pd.Series) -> pd.Series:
    """True for Fatal or Serious, False for Slight; any other severity raises ``ValueError``."""
    known = severity.map(KSI_SEVERITIES)
    if known.isna().any():
        odd = sorted(set(severity[known.isna()].astype(str)))
        raise ValueError(
            f"Road casualties: unknown casualty_severity {odd}; expected {list(KSI_SEVERITIES)}."
        )
    return known.astype(bool)


def read_casualties(path: Path) -> pd.DataFrame:
    """The casualties of the whole years 2019 to 2023, with a ``ksi`` flag."""
    frame = pd.read_csv(path, usecols=list(COLUMNS), dtype={"area_name": str})
    frame = frame[frame["year"].isin(YEARS)].reset_index(drop=True)
    if frame[["lon", "lat"]].isna().any().any():
        raise ValueError("Road casualties: a casualty in 2019-2023 has no coordinates.")
    return frame.assign(ksi=killed_or_seriously_injured(frame["casualty_severity"]))


def borough_codes(names: pd.Series, boroughs: pd.DataFrame) -> pd.Series:
    """Each casualty's local authority code, from its recorded ``area_name``."""
    lookup = boroughs.drop_duplicates("area_name").set_index("area_name")["area_code"]
    codes = names.map(lookup)
    if codes.isna().any():
        odd = sorted(set(names[codes.isna()].astype(str)))
        raise ValueError(f"Road casualties: {odd} is not a Greater Manchester borough.")
    return codes


def place_in_wards(casualties: pd.DataFrame, wards: gpd.GeoDataFrame) -> pd.Series:
    """The ward (of ``wards``' vintage) of each casualty recorded in Trafford; None for the rest.

    Raises ``ValueError`` when a Trafford casualty lies more than 100 m from every ward, which would
    break the wards' sum to Trafford.
    """
    trafford = casualties[casualties["area_name"] == config.TRAFFORD_NAME]
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(trafford["lon"], trafford["lat"]), crs=WGS84)
    points.index = trafford.index
    codes = locate_points(points, wards)
    if codes.isna().any():
        raise ValueError(
            f"Road casualties: {int(codes.isna().sum())} Trafford casualties lie outside every ward."
        )
    return codes.reindex(casualties.index).astype(object).where(lambda c: c.notna(), None)


def _borough_level(codes: pd.Series) -> pd.Series:
    """Trafford is the store's ``borough``; the other GM boroughs are ``local_authority``."""
    return codes.eq(config.TRAFFORD_CODE).map({True: "borough", False: "local_authority"})


def _trafford_areas(members: pd.DataFrame, vintage: str) -> pd.DataFrame:
    """The wards of one vintage (``members``, indexed by ward code) and its four neighbourhoods."""
    wards = pd.DataFrame({"area_code": members.index, "area_name": members["ward_name"].to_numpy()})
    hoods = pd.DataFrame(
        {
            "area_code": [config.neighbourhood_code(n) for n in config.NEIGHBOURHOODS],
            "area_name": list(config.NEIGHBOURHOODS),
        }
    )
    return pd.concat([wards.assign(level="ward"), hoods.assign(level="neighbourhood")]).assign(
        vintage=vintage
    )


def _memberships(
    casualties: pd.DataFrame, wards: Mapping[str, gpd.GeoDataFrame], boroughs: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each casualty's row in every area that counts it, and every area (so zeros can be filled)."""
    table = read_ward_table()
    names = boroughs.drop_duplicates("area_code").set_index("area_code")["area_name"]
    la_code = borough_codes(casualties["area_name"], boroughs)
    la_level = _borough_level(la_code)
    parts = [
        casualties.assign(area_code=la_code, area_name=casualties["area_name"], level=la_level, vintage=""),
        casualties.assign(area_code=config.GM_CODE, area_name=config.GM_NAME, level="region", vintage=""),
    ]
    areas = [
        pd.DataFrame({"area_code": names.index, "area_name": names.to_numpy(), "vintage": ""}).assign(
            level=lambda f: _borough_level(f["area_code"])
        ),
        pd.DataFrame([(config.GM_CODE, config.GM_NAME, "region", "")], columns=AREA),
    ]
    for vintage, polygons in wards.items():
        members = table[table["vintage"].astype(str) == vintage].set_index("ward_code")
        ward = place_in_wards(casualties, polygons)
        placed = casualties[ward.notna()].assign(ward_code=ward[ward.notna()])
        nbh = placed["ward_code"].map(members["neighbourhood"])
        parts.append(placed.assign(area_code=placed["ward_code"], level="ward", vintage=vintage))
        parts.append(
            placed.assign(
                area_code=nbh.map(config.neighbourhood_code), level="neighbourhood", vintage=vintage
            )
        )
        areas.append(_trafford_areas(members, vintage))
    return pd.concat(parts, ignore_index=True), pd.concat(areas, ignore_index=True)[AREA]


def count_by_area(memberships: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """KSI and all casualties per area and period (each year and the five-year total), zeros included.

    Returns columns area_code, level, vintage, period, road_ksi_casualties, road_casualties.
    """
    keys = ["area_code", "level", "vintage"]
    grouped = memberships.groupby([*keys, "year"])
    counts = pd.DataFrame({KSI_COUNT: grouped["ksi"].sum(), ALL_COUNT: grouped.size()})
    full = pd.MultiIndex.from_tuples(
        [(*area, year) for area in areas[keys].itertuples(index=False) for year in YEARS],
        names=[*keys, "year"],
    )
    unknown = counts.index.difference(full)
    if len(unknown):
        raise ValueError(f"Road casualties: counted in areas that are not in the store: {list(unknown)[:3]}.")
    yearly = counts.reindex(full, fill_value=0).reset_index()
    total = yearly.groupby(keys, as_index=False)[list(COUNT_INDICATORS)].sum().assign(period=TOTAL_PERIOD)
    yearly = yearly.assign(period=yearly["year"].astype(str)).drop(columns="year")
    return pd.concat([yearly, total], ignore_index=True)


def load(paths: Mapping[str, Path]) -> pd.DataFrame:
    """Tidy count rows of ``road_ksi_casualties`` and ``road_casualties`` for every area and period."""
    casualties = read_casualties(source_path(paths, CASUALTIES_KEY))
    boroughs = peer_groups.gm_population(paths)
    wards = {vintage: read_layer(source_path(paths, key)) for vintage, key in WARD_BOUNDARY_KEYS.items()}
    memberships, areas = _memberships(casualties, wards, boroughs)
    counts = count_by_area(memberships, areas).merge(areas, on=["area_code", "level", "vintage"])
    long = counts.melt(
        id_vars=[*AREA, "period"],
        value_vars=list(COUNT_INDICATORS),
        var_name="indicator_id",
        value_name="count",
    )
    long["value"] = long["count"]
    single_year_ward_ksi = (
        (long["indicator_id"] == KSI_COUNT) & (long["level"] == "ward") & (long["period"] != TOTAL_PERIOD)
    )
    long = long[~single_year_ward_ksi]
    log.info(
        "Road casualties: %d people in 2019-2023, %d killed or seriously injured.",
        len(casualties),
        int(casualties["ksi"].sum()),
    )
    return tidy.to_values(long, source_key=CASUALTIES_KEY)
