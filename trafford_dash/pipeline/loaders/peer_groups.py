"""Trafford's comparator groups and the comparator figures built from them.

Three published peer groups come from Trafford Data Lab's ``trafford_themes`` repository:

- ``cipfa``: CIPFA nearest neighbours (2021 model), 15 authorities (``data/cipfa2021.csv``);
- ``childrens_services``: children's services statistical neighbours, 10 authorities
  (``data/cssn.csv``);
- ``nhs_near_neighbours``: NHS England near neighbours, 15 authorities (``data/nhsennpg.csv``).

A fourth group, ``gm``, is the ten Greater Manchester boroughs (Trafford included).

Two kinds of comparator row are computed here, both flagged ``approximate``:

- a Greater Manchester ``region`` row, the mean of the ten boroughs weighted by their Census 2021
  usual resident population, where no published GM figure exists and all ten boroughs have a value;
- a ``peer_group`` row per published group, the unweighted mean of the peers' values, where at least
  half the group has a value. Trafford is never counted among its own peers.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from trafford_dash.core import config

logger = logging.getLogger(__name__)

POPULATION_KEY = "open_data:census2021/population/2021_population_by_5_year_age_bands_la_gm.csv"

PEER_GROUP_FILES = {
    "cipfa": "trafford_themes:data/cipfa2021.csv",
    "childrens_services": "trafford_themes:data/cssn.csv",
    "nhs_near_neighbours": "trafford_themes:data/nhsennpg.csv",
}
PEER_GROUP_NAMES = {
    "cipfa": "CIPFA nearest neighbours (mean)",
    "childrens_services": "Children's services statistical neighbours (mean)",
    "nhs_near_neighbours": "NHS England near neighbours (mean)",
}
PEER_GROUP_KEYS: list[str] = list(PEER_GROUP_FILES.values())

GM_NOTE = (
    "Approximation: population-weighted mean of the 10 GM boroughs (Census 2021 weights); "
    "no published GM figure"
)
SERIES_KEY = ["indicator_id", "period", "sex", "age"]
LA_LEVELS = ("borough", "local_authority")


def gm_population(paths: Mapping[str, Path]) -> pd.DataFrame:
    """Census 2021 usual resident population of each GM borough.

    Returns
    -------
    pandas.DataFrame
        ``area_code, area_name, population`` (people, all ages: the sum of the 18 five-year bands),
        one row per borough in :data:`config.GM_BOROUGH_CODES` order.
    """
    frame = pd.read_csv(paths[POPULATION_KEY], dtype={"area_code": str, "area_name": str})
    frame["value"] = pd.to_numeric(frame["value"], errors="raise")
    totals = frame.groupby(["area_code", "area_name"]).agg(population=("value", "sum"))
    totals = totals.reset_index().set_index("area_code")
    missing = sorted(set(config.GM_BOROUGH_CODES) - set(totals.index))
    if missing:
        raise ValueError(f"The Census 2021 GM population file lacks boroughs {missing}.")
    return totals.loc[list(config.GM_BOROUGH_CODES)].reset_index()


def peer_groups(paths: Mapping[str, Path]) -> pd.DataFrame:
    """Every comparator group's members: ``group_id, area_code, area_name``.

    The three published groups exclude Trafford; ``gm`` lists all ten GM boroughs, Trafford included.
    Valid against :class:`trafford_dash.store.schema.PeerGroups`.
    """
    frames = []
    for group_id, key in PEER_GROUP_FILES.items():
        members = pd.read_csv(paths[key], dtype=str, keep_default_na=False)
        members = members[["area_code", "area_name"]].apply(lambda column: column.str.strip())
        members = members[members["area_code"] != config.TRAFFORD_CODE].drop_duplicates("area_code")
        frames.append(members.assign(group_id=group_id))
    gm = gm_population(paths)[["area_code", "area_name"]].assign(group_id="gm")
    frames.append(gm)
    out = pd.concat(frames, ignore_index=True)
    return out[["group_id", "area_code", "area_name"]]


def _summarise(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group: ``n`` areas, ``mean``, weighted sums and the most common ``source_key``."""
    grouped = rows.groupby(keys, sort=True)
    out = grouped.agg(
        n=("area_code", "nunique"),
        mean=("value", "mean"),
        weighted=("weighted", "sum"),
        weight=("weight", "sum"),
    )
    by_source = rows.groupby([*keys, "source_key"]).size().rename("rows").reset_index()
    by_source = by_source.sort_values("rows", ascending=False, kind="stable").drop_duplicates(keys)
    return out.join(by_source.set_index(keys)["source_key"]).reset_index()


def gm_approximations(values: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Population-weighted Greater Manchester rows for series with no published GM figure.

    Parameters
    ----------
    values
        Tidy values rows (any levels). Borough and local-authority rows for the ten GM boroughs
        supply the figures; existing ``region`` rows for GM mark series that need nothing.
    population
        ``area_code, population`` for the ten boroughs (see :func:`gm_population`).

    Returns
    -------
    pandas.DataFrame
        One ``region`` row per indicator, period, sex and age where all ten boroughs have a value and
        no GM row exists: value = Σ(value × population) / Σ population, ``approximate`` True.
    """
    weights = population.set_index("area_code")["population"].astype(float)
    boroughs = values[
        values["level"].isin(LA_LEVELS)
        & values["area_code"].isin(config.GM_BOROUGH_CODES)
        & values["value"].notna()
    ].drop_duplicates([*SERIES_KEY, "area_code"])
    if boroughs.empty:
        return pd.DataFrame()
    weight = boroughs["area_code"].map(weights)
    boroughs = boroughs.assign(weight=weight, weighted=boroughs["value"] * weight)
    summary = _summarise(boroughs, SERIES_KEY)
    summary = summary[summary["n"] == len(config.GM_BOROUGH_CODES)]
    published = values.loc[
        (values["area_code"] == config.GM_CODE) & (values["level"] == "region"), SERIES_KEY
    ].drop_duplicates()
    flagged = summary.merge(published, on=SERIES_KEY, how="left", indicator=True)
    summary = summary[(flagged["_merge"] == "left_only").to_numpy()]
    return summary[[*SERIES_KEY, "source_key"]].assign(
        area_code=config.GM_CODE,
        area_name=config.GM_NAME,
        level="region",
        vintage="",
        value=(summary["weighted"] / summary["weight"]).astype(float),
        approximate=True,
        value_note=GM_NOTE,
    )


def peer_averages(values: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Unweighted peer-group means: one ``peer_group`` row per group and series.

    Parameters
    ----------
    values
        Tidy values rows; only borough and local-authority rows count.
    groups
        Output of :func:`peer_groups`. Only the published groups in :data:`PEER_GROUP_NAMES` get
        averages (GM has its own ``region`` row); Trafford is dropped from every group.

    Returns
    -------
    pandas.DataFrame
        A row where at least half of the group's M members have a value (2N ≥ M): value = mean of the
        N values, ``area_code`` = the group id, ``value_note`` "Unweighted mean of N of M peer
        authorities", ``approximate`` True.
    """
    members = groups[
        groups["group_id"].isin(list(PEER_GROUP_NAMES)) & (groups["area_code"] != config.TRAFFORD_CODE)
    ][["group_id", "area_code"]].drop_duplicates()
    sizes = members.groupby("group_id").size()
    authorities = values[values["level"].isin(LA_LEVELS) & values["value"].notna()]
    rows = authorities.merge(members, on="area_code").drop_duplicates(["group_id", *SERIES_KEY, "area_code"])
    if rows.empty:
        return pd.DataFrame()
    rows = rows.assign(weight=1.0, weighted=rows["value"])
    summary = _summarise(rows, ["group_id", *SERIES_KEY])
    summary["size"] = summary["group_id"].map(sizes)
    summary = summary[2 * summary["n"] >= summary["size"]]
    notes = (
        "Unweighted mean of "
        + summary["n"].astype(str)
        + " of "
        + summary["size"].astype(str)
        + " peer authorities"
    )
    return summary[[*SERIES_KEY, "source_key"]].assign(
        area_code=summary["group_id"],
        area_name=summary["group_id"].map(PEER_GROUP_NAMES),
        level="peer_group",
        vintage="",
        value=summary["mean"].astype(float),
        approximate=True,
        value_note=notes,
    )
