"""Census 2021 topic summaries: proportions from published counts.

Trafford Data Lab republishes the ONS Census 2021 topic summaries as long tables of counts by
category for Trafford's wards (the pre-May-2023 wards), 2021 LSOAs and MSOAs, and the ten Greater
Manchester boroughs. Each indicator here is the share of an area's base population in one or more
categories::

    value = count / denominator * 100

where ``count`` is the sum of the chosen categories and ``denominator`` the sum of *all* categories
of that table for the area: the table's universe (all usual residents; usual residents aged 16 and
over, or 3 and over, or in employment; households), as each topic in
:mod:`~trafford_dash.pipeline.loaders.census_topics` states. Rows a file adds as subtotals of other
categories are left out of the sum. Confidence intervals are left empty: the build adds Wilson
intervals from ``count`` and ``denominator``.

Greater Manchester is the exact sum of the ten boroughs' counts. ONS also publishes age-standardised
percentages (2013 European Standard Population) for the boroughs only; they are loaded as separate
``*_age_standardised`` indicators with a value and no count, for fair comparison between boroughs.

ONS perturbed small counts (cell key perturbation), so the counts of Trafford's wards, LSOAs or MSOAs
add up to within a few people of, but not always exactly to, the published Trafford figure.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from trafford_dash.core import config
from trafford_dash.pipeline import tidy
from trafford_dash.pipeline.loaders.census_topics import SOURCE_KEYS, TOPICS, Geography, Topic
from trafford_dash.store import schema

logger = logging.getLogger(__name__)

PERIOD = "2021"
FILE_COLUMNS = ["area_code", "area_name", "geography", "period", "indicator", "measure", "unit", "value"]
GM_NOTE = "Greater Manchester: exact sum of the ten boroughs' published counts."
STANDARDISED_NOTE = "Age-standardised by ONS to the 2013 European Standard Population."
STANDARDISED_SUM_NOTE = "Sum of the published category percentages, each rounded to 0.1."


def read_categories(
    path: Path, category_column: str, categories: tuple[str, ...], measure: str = "Count"
) -> pd.DataFrame:
    """Read one census file as ``area_code, area_name, category, value``, checking its shape.

    Raises
    ------
    ValueError
        When a column is missing, the measure is not ``measure``, a value is not a non-negative
        number, or any area does not have exactly one row for each of ``categories``.
    """
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in [*FILE_COLUMNS, category_column] if c not in raw.columns]
    if missing:
        raise ValueError(f"{path.name} lacks columns {missing}; the published layout has changed.")
    measures = set(raw["measure"])
    if measures != {measure}:
        raise ValueError(f"{path.name} holds measure {sorted(measures)}, expected only '{measure}'.")
    frame = pd.DataFrame(
        {
            "area_code": raw["area_code"].str.strip(),
            "area_name": raw["area_name"].str.strip(),
            "category": raw[category_column].str.strip(),
            "value": pd.to_numeric(raw["value"], errors="coerce"),
        }
    )
    if frame["value"].isna().any() or (frame["value"] < 0).any():
        raise ValueError(f"{path.name} has values that are missing, not numbers or negative.")
    found = set(frame["category"])
    if found != set(categories):
        raise ValueError(
            f"{path.name}: categories changed; missing {sorted(set(categories) - found)}, "
            f"unexpected {sorted(found - set(categories))}."
        )
    per_area = frame.groupby("area_code")["category"].agg(["size", "nunique"])
    if not ((per_area["size"] == len(categories)) & (per_area["nunique"] == len(categories))).all():
        raise ValueError(f"{path.name}: some areas lack a category or repeat one.")
    return frame


def shares(counts: pd.DataFrame, indicators: Mapping[str, tuple[str, ...]]) -> pd.DataFrame:
    """Percentages of each area's total in the chosen categories.

    Parameters
    ----------
    counts
        Columns ``area_code, area_name, category, value`` (counts), every category of the table
        present for every area (as :func:`read_categories` guarantees).
    indicators
        Indicator id → the categories whose counts form its numerator.

    Returns
    -------
    pandas.DataFrame
        ``area_code, area_name, indicator_id, count, denominator, value`` where ``denominator`` is the
        sum of all categories for the area and ``value = count / denominator * 100`` (percent).
    """
    wide = counts.pivot_table(
        index=["area_code", "area_name"], columns="category", values="value", aggfunc="sum"
    )
    denominator = wide.sum(axis=1)
    pieces = []
    for indicator_id, chosen in indicators.items():
        absent = [c for c in chosen if c not in wide.columns]
        if absent:
            raise ValueError(f"Cannot build {indicator_id}: categories {absent} are not in the data.")
        count = wide[list(chosen)].sum(axis=1)
        piece = pd.DataFrame({"count": count, "denominator": denominator}).reset_index()
        piece.insert(2, "indicator_id", indicator_id)
        pieces.append(piece)
    out = pd.concat(pieces, ignore_index=True)
    out["value"] = (out["count"] / out["denominator"] * 100).where(out["denominator"] > 0)
    return out


def region_counts(borough_counts: pd.DataFrame) -> pd.DataFrame:
    """Greater Manchester counts by category: the exact sum over the ten GM boroughs.

    Raises
    ------
    ValueError
        Unless the input holds exactly the ten GM borough codes.
    """
    codes = set(borough_counts["area_code"])
    expected = set(config.GM_BOROUGH_CODES)
    if codes != expected:
        raise ValueError(
            f"Greater Manchester needs all ten boroughs; missing {sorted(expected - codes)}, "
            f"unexpected {sorted(codes - expected)}."
        )
    summed = borough_counts.groupby("category")["value"].sum().reset_index()
    summed.insert(0, "area_code", config.GM_CODE)
    summed.insert(1, "area_name", config.GM_NAME)
    return summed


def standardised_values(percentages: pd.DataFrame, indicators: Mapping[str, tuple[str, ...]]) -> pd.DataFrame:
    """Age-standardised percentages for each indicator: the sum of its categories' percentages.

    Returns ``area_code, area_name, indicator_id, value, value_note``; the sum is rounded to 0.1,
    the precision of the published figures.
    """
    pieces = []
    for indicator_id, chosen in indicators.items():
        absent = set(chosen) - set(percentages["category"])
        if absent:
            raise ValueError(f"Cannot build {indicator_id}: categories {sorted(absent)} are not in the data.")
        rows = percentages[percentages["category"].isin(chosen)]
        piece = rows.groupby(["area_code", "area_name"])["value"].sum().reset_index()
        piece["value"] = piece["value"].round(1)
        piece["indicator_id"] = indicator_id
        note = STANDARDISED_NOTE if len(chosen) == 1 else f"{STANDARDISED_NOTE} {STANDARDISED_SUM_NOTE}"
        piece["value_note"] = note
        pieces.append(piece)
    return pd.concat(pieces, ignore_index=True)


def _borough_level(codes: pd.Series) -> pd.Series:
    return codes.map(lambda code: "borough" if code == config.TRAFFORD_CODE else "local_authority")


def _ward_codes(vintage: str) -> set[str]:
    lookup = pd.read_csv(config.DATA_DIR / "ward_neighbourhoods.csv", dtype=str)
    return set(lookup.loc[lookup["vintage"] == vintage, "ward_code"])


def _check_codes(frame: pd.DataFrame, geography: Geography, name: str) -> None:
    codes = frame["area_code"]
    if not codes.str.startswith(geography.code_prefix).all():
        raise ValueError(f"{name} holds codes that are not {geography.level} codes.")
    if geography.level == "ward":
        unknown = set(codes) - _ward_codes(geography.vintage)
        if unknown:
            raise ValueError(
                f"{name} holds wards outside the {geography.vintage} vintage: {sorted(unknown)}."
            )


def _with_note(frame: pd.DataFrame, *notes: str) -> pd.DataFrame:
    return frame.assign(value_note=" ".join(n for n in notes if n))


def read_topic(topic: Topic, paths: Mapping[str, Path], suffix: str) -> pd.DataFrame:
    """One geography's counts of a table by category, checked, without the file's subtotal rows.

    A file is read once per build: the values and the category breakdowns both start from it.
    """
    path = paths[topic.key(suffix)]
    stat = path.stat()
    return _read_parts(
        path, stat.st_mtime_ns, stat.st_size, topic.category_column, topic.categories, topic.parts
    ).copy()


def release_files() -> None:
    """Drop the files :func:`read_topic` keeps, once the build has used them for values and categories."""
    _read_parts.cache_clear()


@functools.lru_cache(maxsize=256)
def _read_parts(
    path: Path, mtime_ns: int, size: int, column: str, categories: tuple[str, ...], parts: tuple[str, ...]
) -> pd.DataFrame:
    del mtime_ns, size  # part of the cache key only: a changed file is read again
    counts = read_categories(path, column, categories)
    return counts[counts["category"].isin(parts)].reset_index(drop=True)


def load_topic(topic: Topic, paths: Mapping[str, Path]) -> pd.DataFrame:
    """Tidy values for one census table at every level (small areas, boroughs, GM, standardised)."""
    frames = []
    for geography in topic.geographies:
        key = topic.key(geography.suffix)
        counts = read_topic(topic, paths, geography.suffix)
        _check_codes(counts, geography, key)
        rows = _with_note(shares(counts, topic.indicators), topic.base_note)
        frames.append(rows.assign(level=geography.level, vintage=geography.vintage, source_key=key))

    key = topic.key("la_gm")
    boroughs = read_topic(topic, paths, "la_gm")
    gm = region_counts(boroughs)
    rows = _with_note(shares(boroughs, topic.indicators), topic.base_note)
    frames.append(rows.assign(level=_borough_level(rows["area_code"]), vintage="", source_key=key))
    rows = _with_note(shares(gm, topic.indicators), GM_NOTE, topic.base_note)
    frames.append(rows.assign(level="region", vintage="", source_key=key))

    if topic.standardised_indicators:
        key = topic.key("age_standardised_la_gm")
        percentages = read_categories(
            paths[key], topic.category_column, topic.standardised_categories, measure="Percentage"
        )
        rows = standardised_values(percentages, topic.standardised_indicators)
        if topic.base_note:
            rows["value_note"] = rows["value_note"] + " " + topic.base_note
        frames.append(rows.assign(level=_borough_level(rows["area_code"]), vintage="", source_key=key))
    return pd.concat(frames, ignore_index=True)


def load(paths: Mapping[str, Path]) -> pd.DataFrame:
    """Tidy values for every census indicator, read from ``paths`` (source key → verified local file,
    as :func:`trafford_dash.pipeline.sources.fetch_all` returns) for each key in ``SOURCE_KEYS``.

    The values-store rows are for period ``"2021"``, sex Persons and age "All ages": percentages with
    count and denominator for wards (2022 vintage), LSOAs and MSOAs (2021), Trafford, the other GM
    boroughs and Greater Manchester; age-standardised percentages (value only) for the boroughs.
    """
    missing = [key for key in SOURCE_KEYS if key not in paths]
    if missing:
        raise KeyError(f"Census loader is missing source files: {missing}")
    values = pd.concat([load_topic(topic, paths) for topic in TOPICS], ignore_index=True)
    logger.info("Census 2021: %d rows for %d indicators", len(values), values["indicator_id"].nunique())
    out = tidy.to_values(values, period=PERIOD)
    return schema.IndicatorValues.validate(out)
