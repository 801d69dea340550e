"""Every Census 2021 table's full category breakdown, for the profile's composition charts.

One row per table, category and area: the published count and the area's total over the table's
categories (its universe, e.g. usual residents aged 16 and over). Areas:

- wards on the pre-May-2023 boundaries, as published;
- May-2023 wards, each the sum of the 2021 LSOAs that best fit it (``approximate``), where the
  table is published for LSOAs;
- neighbourhoods of both ward vintages, the exact sums of their wards (approximate on the May-2023
  wards, as their wards are);
- Trafford and the other Greater Manchester boroughs as published, and Greater Manchester as the
  exact sum of its ten boroughs.

Tables published only for MSOAs and boroughs (sexual orientation, gender identity) have borough and
Greater Manchester rows only. Census 2021 counts are not suppressed (see
:mod:`trafford_dash.pipeline.suppression`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from trafford_dash.core import config
from trafford_dash.pipeline import aggregate
from trafford_dash.pipeline.loaders import census
from trafford_dash.pipeline.loaders.census_topics import LSOA, TOPICS, WARD, Topic

COLUMNS = [
    "topic",
    "table",
    "title",
    "group",
    "universe",
    "category",
    "category_order",
    "area_code",
    "area_name",
    "level",
    "vintage",
    "count",
    "denominator",
    "approximate",
    "source_key",
]


def _summed(counts: pd.DataFrame, membership: pd.DataFrame, key: str) -> pd.DataFrame:
    """Parent areas' counts by category: the sums of their members' counts (from the file ``key``).

    Raises
    ------
    ValueError
        When a parent lacks any of its members' counts.
    """
    joined = counts.merge(membership, left_on="area_code", right_on="child_code", how="inner")
    found = joined.groupby(["parent_code", "parent_vintage"])["child_code"].nunique()
    expected = membership.groupby(["parent_code", "parent_vintage"])["child_code"].nunique()
    short = expected.index[found.reindex(expected.index).fillna(0) < expected]
    if len(short):
        raise ValueError(f"Census categories: {len(short)} areas lack some of their parts' counts.")
    summed = joined.groupby(
        ["parent_code", "parent_name", "parent_level", "parent_vintage", "category"], as_index=False
    ).agg(value=("value", "sum"))
    return summed.rename(columns=aggregate.PARENT_AS_AREA).assign(source_key=key)


def _levelled(counts: pd.DataFrame, level: str | pd.Series, vintage: str, key: str) -> pd.DataFrame:
    return counts.assign(level=level, vintage=vintage, source_key=key)


def topic_categories(
    topic: Topic, paths: Mapping[str, Path], wards: pd.DataFrame, lsoa_to_ward: pd.DataFrame, names: pd.Series
) -> pd.DataFrame:
    """One table's counts by category for every area the profile shows (see the module's notes)."""
    frames = []
    by_ward = aggregate.ward_membership(wards)
    if WARD in topic.geographies:
        key = topic.key(WARD.suffix)
        published = _levelled(census.read_topic(topic, paths, WARD.suffix), "ward", WARD.vintage, key)
        frames += [published, _summed(published, by_ward[by_ward["parent_vintage"] == "2022"], key)]
    if LSOA in topic.geographies:
        key = topic.key(LSOA.suffix)
        lsoas = census.read_topic(topic, paths, LSOA.suffix)
        fitted = _summed(lsoas, aggregate.lsoa_best_fit_membership(lsoa_to_ward, "2023", names), key)
        frames += [fitted, _summed(fitted, by_ward[by_ward["parent_vintage"] == "2023"], key)]
    key = topic.key("la_gm")
    boroughs = census.read_topic(topic, paths, "la_gm")
    is_trafford = boroughs["area_code"] == config.TRAFFORD_CODE
    frames.append(_levelled(boroughs, is_trafford.map({True: "borough", False: "local_authority"}), "", key))
    frames.append(_levelled(census.region_counts(boroughs), "region", "", key))
    return _described(topic, pd.concat(frames, ignore_index=True).rename(columns={"value": "count"}))


def _described(topic: Topic, rows: pd.DataFrame) -> pd.DataFrame:
    """Add the table's description, each area's total and the approximation flag."""
    area = ["area_code", "level", "vintage"]
    rows = rows.copy()
    rows["denominator"] = rows.groupby(area)["count"].transform("sum")
    rows["approximate"] = (rows["vintage"] == "2023").to_numpy()
    order = {category: index for index, category in enumerate(topic.parts)}
    rows["category_order"] = rows["category"].map(order)
    described = rows.assign(
        topic=topic.stem,
        table=topic.table,
        title=topic.title,
        group=topic.group,
        universe=topic.universe,
    )
    return described[COLUMNS]


def load(
    paths: Mapping[str, Path], wards: pd.DataFrame, lsoa_to_ward: pd.DataFrame, areas: pd.DataFrame
) -> pd.DataFrame:
    """Every census table's categories (``data/processed/census_categories.parquet``).

    Parameters
    ----------
    paths
        Source key → verified local file, for every key of the census loader.
    wards
        Ward to neighbourhood, both vintages (``data/ward_neighbourhoods.csv``).
    lsoa_to_ward
        2021 LSOAs to the ward they best fit, as the geography build writes it.
    areas
        The store's areas, for the May-2023 ward names.
    """
    ward_areas = areas[areas["level"] == "ward"].drop_duplicates("area_code")
    names = ward_areas.set_index("area_code")["area_name"]
    frames = [topic_categories(topic, paths, wards, lsoa_to_ward, names) for topic in TOPICS]
    census.release_files()  # read once for the values (loaded first) and again here, then let go
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["topic", "level", "vintage", "area_code", "category_order"], ignore_index=True)
