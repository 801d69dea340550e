"""Checks on the authored ward → neighbourhood table against the published boundaries.

``data/ward_neighbourhoods.csv`` is written by hand from the locality plan. The build does not
trust it: each vintage must have 21 wards in all four neighbourhoods, its codes and names must be
those of the published ward boundaries, and every ward polygon must lie inside the council's
published locality polygon of the same name.
"""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import pandas as pd

from trafford_dash.core import config
from trafford_dash.pipeline.geography.files import BRITISH_NATIONAL_GRID, GeographyError

log = logging.getLogger(__name__)

WARDS_PER_VINTAGE = 21
CONTAINMENT_THRESHOLD = 0.95
WARD_TABLE_COLUMNS = ["vintage", "ward_code", "ward_name", "neighbourhood"]


def read_ward_table(path: Path | None = None) -> pd.DataFrame:
    """Read and check ``data/ward_neighbourhoods.csv`` (or ``path``).

    Returns
    -------
    DataFrame
        Columns vintage ("2022"/"2023"), ward_code, ward_name, neighbourhood, as text.
    """
    path = path or config.DATA_DIR / "ward_neighbourhoods.csv"
    if not path.is_file():
        raise GeographyError(f"{path} is missing; restore it from the repository.")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return check_ward_table(table)


def check_ward_table(table: pd.DataFrame) -> pd.DataFrame:
    """Check the authored table's shape: 21 unique wards per vintage covering all four neighbourhoods.

    Raises
    ------
    GeographyError
        Naming the vintage, ward or neighbourhood that is wrong.
    """
    missing = [column for column in WARD_TABLE_COLUMNS if column not in table.columns]
    if missing:
        raise GeographyError(f"data/ward_neighbourhoods.csv lacks columns {missing}.")
    table = table[WARD_TABLE_COLUMNS].astype(str).apply(lambda column: column.str.strip())
    unknown = sorted(set(table["neighbourhood"]) - set(config.NEIGHBOURHOODS))
    if unknown:
        raise GeographyError(
            f"data/ward_neighbourhoods.csv names unknown neighbourhoods {unknown}; "
            f"use one of {list(config.NEIGHBOURHOODS)}."
        )
    for vintage in config.WARD_VINTAGES:
        rows = table[table["vintage"] == vintage]
        if len(rows) != WARDS_PER_VINTAGE or rows["ward_code"].nunique() != WARDS_PER_VINTAGE:
            raise GeographyError(
                f"data/ward_neighbourhoods.csv has {rows['ward_code'].nunique()} distinct wards for "
                f"vintage {vintage} in {len(rows)} rows; Trafford has {WARDS_PER_VINTAGE}."
            )
        absent = [name for name in config.NEIGHBOURHOODS if name not in set(rows["neighbourhood"])]
        if absent:
            raise GeographyError(
                f"data/ward_neighbourhoods.csv gives no {vintage} ward to neighbourhood(s) {absent}."
            )
    extra = sorted(set(table["vintage"]) - set(config.WARD_VINTAGES))
    if extra:
        raise GeographyError(f"data/ward_neighbourhoods.csv has unknown ward vintages {extra}.")
    return table.sort_values(["vintage", "ward_code"]).reset_index(drop=True)


def check_wards_match_boundaries(table: pd.DataFrame, wards: gpd.GeoDataFrame, vintage: str) -> None:
    """Check that the authored codes and names for ``vintage`` are those of the boundary file."""
    authored = table[table["vintage"] == vintage].set_index("ward_code")["ward_name"]
    published = wards.set_index("area_code")["area_name"]
    if len(published) != WARDS_PER_VINTAGE:
        raise GeographyError(
            f"The {vintage} ward boundaries hold {len(published)} wards, not {WARDS_PER_VINTAGE}."
        )
    only_authored = sorted(set(authored.index) - set(published.index))
    only_published = sorted(set(published.index) - set(authored.index))
    if only_authored or only_published:
        raise GeographyError(
            f"Ward codes for {vintage} differ: in data/ward_neighbourhoods.csv only {only_authored}, "
            f"in the boundary file only {only_published}."
        )
    renamed = [
        f"{code} ('{authored[code]}' vs '{published[code]}')"
        for code in authored.index
        if authored[code] != published[code]
    ]
    if renamed:
        raise GeographyError(f"Ward names for {vintage} differ from the boundary file: {', '.join(renamed)}.")


def containment_shares(wards: gpd.GeoDataFrame, localities: gpd.GeoDataFrame) -> pd.DataFrame:
    """Share of each ward's area inside each locality polygon, measured in EPSG:27700.

    Parameters
    ----------
    wards
        ``area_code``, ``area_name``, geometry.
    localities
        ``area_name`` (the neighbourhood name), geometry.

    Returns
    -------
    DataFrame
        One row per ward and locality: area_code, locality, share (0–1 of the ward's area).
    """
    projected_wards = wards.to_crs(BRITISH_NATIONAL_GRID)
    projected_localities = localities.to_crs(BRITISH_NATIONAL_GRID)
    rows = []
    for ward in projected_wards.itertuples():
        ward_area = ward.geometry.area
        for locality in projected_localities.itertuples():
            overlap = ward.geometry.intersection(locality.geometry).area
            rows.append(
                {"area_code": ward.area_code, "locality": locality.area_name, "share": overlap / ward_area}
            )
    return pd.DataFrame(rows, columns=["area_code", "locality", "share"])


def check_containment(
    wards: gpd.GeoDataFrame,
    localities: gpd.GeoDataFrame,
    table: pd.DataFrame,
    vintage: str,
    threshold: float = CONTAINMENT_THRESHOLD,
) -> pd.DataFrame:
    """Check every ward lies (≥ ``threshold`` of its area) in its authored neighbourhood's polygon.

    Returns
    -------
    DataFrame
        area_code, area_name, neighbourhood, share_inside — the evidence, for logging and tests.

    Raises
    ------
    GeographyError
        Naming each ward, its authored neighbourhood and the locality polygon it actually falls in.
    """
    missing = [name for name in config.NEIGHBOURHOODS if name not in set(localities["area_name"])]
    if missing:
        raise GeographyError(f"The {vintage} locality polygons have no {missing}; check the source file.")
    authored = table[table["vintage"] == vintage].set_index("ward_code")["neighbourhood"]
    shares = containment_shares(wards, localities)
    problems = []
    evidence = []
    for ward in wards.itertuples():
        own = shares[shares["area_code"] == ward.area_code]
        neighbourhood = authored.get(ward.area_code)
        best = own.loc[own["share"].idxmax()]
        inside = float(own.loc[own["locality"] == neighbourhood, "share"].sum())
        evidence.append((ward.area_code, ward.area_name, neighbourhood, inside))
        if neighbourhood is None:
            problems.append(
                f"ward {ward.area_name} ({ward.area_code}) is not in data/ward_neighbourhoods.csv"
            )
        elif inside < threshold:
            problems.append(
                f"ward {ward.area_name} ({ward.area_code}) is authored as {neighbourhood} but "
                f"{best['share']:.0%} of it lies in the {best['locality']} locality polygon "
                f"({inside:.0%} in {neighbourhood})"
            )
    if problems:
        raise GeographyError(
            f"data/ward_neighbourhoods.csv disagrees with the council's {vintage} locality polygons: "
            + "; ".join(problems)
            + ". Correct the neighbourhood in data/ward_neighbourhoods.csv."
        )
    return pd.DataFrame(evidence, columns=["area_code", "area_name", "neighbourhood", "share_inside"])


def check_statistical_lookup(
    lookup: pd.DataFrame, vintage: str, lsoas: gpd.GeoDataFrame, msoas: gpd.GeoDataFrame
) -> None:
    """Check the LSOA and MSOA boundaries of ``vintage`` hold exactly Trafford's areas in the ONS lookup.

    ``lookup`` is the raw OA → LSOA → MSOA lookup (``lsoa11cd``/``msoa11cd``/``lad11cd`` or the 2021
    equivalents with ``lad22cd``).
    """
    lad = next(c for c in lookup.columns if c.startswith("lad") and c.endswith("cd"))
    rows = lookup[lookup[lad] == config.TRAFFORD_CODE]
    for level, frame in (("lsoa", lsoas), ("msoa", msoas)):
        expected = set(rows[f"{level}{vintage[2:]}cd"])
        found = set(frame["area_code"])
        if expected != found:
            raise GeographyError(
                f"The {vintage} {level.upper()} boundaries do not match the ONS lookup "
                f"(only in boundaries: {sorted(found - expected)[:5]}, "
                f"only in lookup: {sorted(expected - found)[:5]})."
            )


def check_postcode_localities(postcodes: pd.DataFrame, table: pd.DataFrame) -> int:
    """Count (and log) postcodes whose council locality differs from their May-2023 ward's neighbourhood.

    The postcode file's ``locality`` is the council's own assignment; a difference means the authored
    table or the council's data has moved on. It is logged, not fatal: the polygon check decides.
    """
    authored = table[table["vintage"] == "2023"].set_index("ward_code")["neighbourhood"]
    differ = postcodes[postcodes["ward_code"].map(authored) != postcodes["locality"]]
    if len(differ):
        log.warning(
            "%d postcodes have a council locality that differs from their ward's neighbourhood: %s",
            len(differ),
            sorted(differ["ward_name"].unique()),
        )
    return len(differ)
