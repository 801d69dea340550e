"""Residents by national IoD 2019 IMD decile for each pre-May-2023 ward, neighbourhood and Trafford.

Mid-2024 populations of 2021 LSOAs are mapped to the 2011 LSOAs that carry the IoD 2019 deciles, then
to wards by the 2011-LSOA best-fit lookup. The source files are
:data:`trafford_dash.pipeline.loaders.deprivation.DECILE_SOURCE_KEYS`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from trafford_dash.core import config
from trafford_dash.pipeline.loaders.deprivation import (
    DECILE_SOURCE_KEYS,
    IOD_LSOA_KEY,
    LSOA11_LOOKUP_KEY,
    LSOA21_LOOKUP_KEY,
    POPULATION_KEY,
    WARD_LOOKUP_KEY,
)

logger = logging.getLogger(__name__)

DECILE_PERIOD = "IoD 2019; population mid-2024"
DECILE_COLUMNS = [
    *("area_code", "area_name", "level", "vintage"),
    *("decile", "population", "share", "period", "note"),
]
DECILE_NOTE = (
    "Mid-2024 populations of 2021 LSOAs mapped to their 2011 LSOA (split LSOAs added back to the "
    "parent) and given its IoD 2019 IMD decile."
)


def lsoa21_to_lsoa11(lookup21: pd.DataFrame, lookup11: pd.DataFrame) -> pd.DataFrame:
    """Map 2021 LSOAs to 2011 LSOAs through their output areas.

    An LSOA whose code is unchanged maps to itself. A new 2021 LSOA maps to the 2011 LSOAs that held
    its output areas (matched by unchanged OA codes), weighted by how many of its OAs each held: a
    split gives weight 1 to the single parent, a merge shares the population among the parents by
    OA count (an approximation). Where none of its OAs kept their code, it maps to the 2011 LSOA of
    the same MSOA whose code was retired, when there is exactly one.

    Parameters
    ----------
    lookup21, lookup11
        OA lookups with ``oa21cd, lsoa21cd, msoa21cd`` and ``oa11cd, lsoa11cd, msoa11cd``, already
        limited to the area of interest.

    Returns
    -------
    pandas.DataFrame
        ``lsoa21cd, lsoa11cd, weight``; weights of each 2021 LSOA sum to 1.
    """
    codes11 = set(lookup11["lsoa11cd"])
    codes21 = set(lookup21["lsoa21cd"])
    retired = lookup11[~lookup11["lsoa11cd"].isin(codes21)]
    same = sorted(codes21 & codes11)
    pieces = [pd.DataFrame({"lsoa21cd": same, "lsoa11cd": same, "weight": 1.0})]
    for code in sorted(codes21 - codes11):
        oas = lookup21[lookup21["lsoa21cd"] == code]
        shared = lookup11[lookup11["oa11cd"].isin(oas["oa21cd"])]
        if not shared.empty:
            weights = shared["lsoa11cd"].value_counts(normalize=True)
        else:
            candidates = retired.loc[retired["msoa11cd"].isin(oas["msoa21cd"]), "lsoa11cd"].unique()
            if len(candidates) != 1:
                raise ValueError(f"Cannot place 2021 LSOA {code} in a 2011 LSOA (candidates {candidates}).")
            weights = pd.Series({candidates[0]: 1.0})
        pieces.append(pd.DataFrame({"lsoa21cd": code, "lsoa11cd": weights.index, "weight": weights.values}))
        logger.info("2021 LSOA %s mapped to 2011 %s", code, dict(weights.round(3)))
    mapping = pd.concat(pieces, ignore_index=True)
    unplaced = codes11 - set(mapping["lsoa11cd"])
    if unplaced:
        logger.warning("2011 LSOAs with no 2021 population mapped to them: %s", sorted(unplaced))
    return mapping


def decile_population(population: pd.DataFrame, deciles: pd.DataFrame, wards: pd.DataFrame) -> pd.DataFrame:
    """Residents by national IMD decile for each ward, neighbourhood and Trafford.

    Parameters
    ----------
    population
        ``lsoa11cd, population`` (people, on 2011 LSOAs).
    deciles
        ``lsoa11cd, decile`` (1 = most deprived).
    wards
        ``lsoa11cd, ward_code, ward_name, neighbourhood``.

    Returns
    -------
    pandas.DataFrame
        ``area_code, area_name, level, vintage, decile, population, share, period, note``: ten rows
        per area (empty deciles have population 0), shares summing to 1 within an area.
    """
    people = population.groupby("lsoa11cd", as_index=False)["population"].sum()
    merged = people.merge(deciles, on="lsoa11cd", how="left").merge(wards, on="lsoa11cd", how="left")
    lost = merged[merged[["decile", "ward_code", "neighbourhood"]].isna().any(axis=1)]
    if not lost.empty:
        raise ValueError(f"LSOAs without a decile or ward: {sorted(lost['lsoa11cd'])}.")
    merged["decile"] = merged["decile"].astype(int)
    merged = merged.assign(
        nbh_code=merged["neighbourhood"].map(config.neighbourhood_code),
        la_code=config.TRAFFORD_CODE,
        la_name=config.TRAFFORD_NAME,
    )
    ward_note = "Whole 2011 LSOAs assigned to wards by best fit. " + DECILE_NOTE
    groupings = [
        ("ward_code", "ward_name", "ward", "2022", ward_note),
        ("nbh_code", "neighbourhood", "neighbourhood", "2022", ward_note),
        ("la_code", "la_name", "borough", "", DECILE_NOTE),
    ]
    frames = []
    for code, name, level, vintage, note in groupings:
        sums = merged.pivot_table(index=[code, name], columns="decile", values="population", aggfunc="sum")
        long = sums.reindex(columns=range(1, 11)).fillna(0.0).stack().reset_index()
        long.columns = pd.Index(["area_code", "area_name", "decile", "population"])
        long["share"] = long["population"] / long.groupby("area_code")["population"].transform("sum")
        frames.append(long.assign(level=level, vintage=vintage, period=DECILE_PERIOD, note=note))
    out = pd.concat(frames, ignore_index=True)
    return out[DECILE_COLUMNS]


def imd_decile_population(paths: Mapping[str, Path]) -> pd.DataFrame:
    """Number and share of residents in each national IoD 2019 IMD decile.

    For each pre-May-2023 ward and neighbourhood (vintage ``"2022"``) and Trafford: mid-2024 LSOA
    populations (2021 LSOAs, persons, all ages) are mapped to 2011 LSOAs (:func:`lsoa21_to_lsoa11`),
    which carry the IoD 2019 decile, then to wards by the 2011-LSOA best-fit lookup and to
    neighbourhoods by ``data/ward_neighbourhoods.csv``. See :func:`decile_population` for columns.
    """
    missing = [key for key in DECILE_SOURCE_KEYS if key not in paths]
    if missing:
        raise ValueError(f"imd_decile_population needs the verified files for {missing}.")
    code = config.TRAFFORD_CODE
    lookup21 = pd.read_csv(paths[LSOA21_LOOKUP_KEY], dtype=str)
    lookup11 = pd.read_csv(paths[LSOA11_LOOKUP_KEY], dtype=str)
    mapping = lsoa21_to_lsoa11(lookup21[lookup21["lad22cd"] == code], lookup11[lookup11["lad11cd"] == code])
    estimates = pd.read_csv(paths[POPULATION_KEY], dtype={"area_code": str, "sex": str})
    persons = estimates[(estimates["sex"] == "Persons") & estimates["area_code"].isin(mapping["lsoa21cd"])]
    if set(persons["area_code"]) != set(mapping["lsoa21cd"]):
        raise ValueError("The mid-2024 LSOA estimates do not cover exactly Trafford's 2021 LSOAs.")
    population = persons.rename(columns={"area_code": "lsoa21cd"}).merge(mapping, on="lsoa21cd")
    population["population"] = population["all_ages"] * population["weight"]
    iod = pd.read_csv(paths[IOD_LSOA_KEY], dtype={"lsoa11cd": str})
    imd = iod[(iod["year"] == 2019) & (iod["index_domain"] == "Index of Multiple Deprivation")]
    best_fit = pd.read_csv(paths[WARD_LOOKUP_KEY], dtype=str)
    best_fit = best_fit[best_fit["lad17cd"] == code]
    neighbourhoods = pd.read_csv(config.DATA_DIR / "ward_neighbourhoods.csv", dtype=str)
    neighbourhoods = neighbourhoods[neighbourhoods["vintage"] == "2022"]
    wards = best_fit[["lsoa11cd", "wd17cd"]].merge(
        neighbourhoods.rename(columns={"ward_code": "wd17cd"}), on="wd17cd", how="left"
    )
    wards = wards.rename(columns={"wd17cd": "ward_code"})
    return decile_population(
        population[["lsoa11cd", "population"]],
        imd[["lsoa11cd", "decile"]],
        wards[["lsoa11cd", "ward_code", "ward_name", "neighbourhood"]],
    )
