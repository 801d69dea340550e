"""Trafford Data Lab's ward profiles (``ward_data``) on both ward vintages, as tidy values.

Every data file of every theme is listed, with what to do with it, in the authored table
``data/ward_data_indicators.csv`` (one row per registry key):

- ``indicator_id``: the same concept on both vintages gets the same id;
- ``measure``: which ``measure`` rows of the file give ``value``;
- ``count_measure``: the measure holding the matching count (empty when the file has none);
- ``denominator_rule``: ``population`` (the ward's total resident population of the same period,
  from the vintage's ``total_resident_population.csv``), ``derived`` (``round(count*100/percentage)``,
  flagged in ``value_note`` because the percentage is rounded) or empty;
- ``sex``, ``age``: labels for the rows;
- ``skip_reason``: non-empty means this module does not load the file, and says why. The IoD domain
  files carry :data:`LOADED_BY_DEPRIVATION` and are loaded by
  :mod:`trafford_dash.pipeline.loaders.deprivation`, so each file reaches the store once.

``ward_data_2022:`` files are on the pre-May-2023 wards (vintage ``"2022"``) and ``ward_data_2023:``
files on the May-2023 wards (vintage ``"2023"``). The files carry no intervals. Standardised ratios
(measure SAR, SMR or SIR) are relative to England = 100, so each gets an England row of 100 for
the same period. Indicators that the theme's ``meta.csv`` describes as "Best-fit ward" (built from
small areas assigned whole to a ward) say so in ``value_note``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from trafford_dash.core import config
from trafford_dash.pipeline import tidy
from trafford_dash.store import schema

logger = logging.getLogger(__name__)

MAPPING_CSV = config.DATA_DIR / "ward_data_indicators.csv"
MAPPING_COLUMNS = [
    "source_key",
    "indicator_id",
    "measure",
    "count_measure",
    "denominator_rule",
    "sex",
    "age",
    "skip_reason",
]
FILE_COLUMNS = ["area_code", "area_name", "indicator", "period", "measure", "unit", "value"]
VINTAGES = {"ward_data_2022": "2022", "ward_data_2023": "2023"}
DENOMINATOR_RULES = ("", "population", "derived")
STANDARDISED_MEASURES = ("SAR", "SMR", "SIR")
LOADED_BY_DEPRIVATION = "IoD domain: loaded by trafford_dash.pipeline.loaders.deprivation with the LSOA IoD"
DERIVED_NOTE = "Denominator derived from a rounded percentage (count × 100 / %)."
ENGLAND_NOTE = "England = 100 by definition"
BEST_FIT_NOTE = "Best-fit ward: built from small areas assigned whole to the ward (Trafford Data Lab)."
MISSING_NOTE = "No value published for this area."
POPULATION_FILE = "demographics/data/total_resident_population.csv"


def read_mapping(path: Path = MAPPING_CSV) -> pd.DataFrame:
    """Read and check the authored ward_data mapping table.

    Raises
    ------
    ValueError
        When a column is missing, a key repeats, a loaded row lacks an id or measure, a rule is
        unknown, a count-based rule has no count measure, or a sex label is not allowed.
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != MAPPING_COLUMNS:
        raise ValueError(f"{path.name} must have columns {MAPPING_COLUMNS}, not {list(table.columns)}.")
    table = table.apply(lambda column: column.str.strip())
    problems: list[str] = []
    repeated = table.loc[table["source_key"].duplicated(), "source_key"].tolist()
    if repeated:
        problems.append(f"keys listed twice: {repeated}")
    if not table["source_key"].str.split(":").str[0].isin(list(VINTAGES)).all():
        problems.append("every key must start with ward_data_2022: or ward_data_2023:")
    loaded = table[table["skip_reason"] == ""]
    if not loaded["indicator_id"].str.fullmatch(r"[a-z][a-z0-9_]*").all():
        problems.append("every loaded row needs a snake_case indicator_id")
    if (loaded["measure"] == "").any():
        problems.append("every loaded row needs a measure")
    if not loaded["denominator_rule"].isin(DENOMINATOR_RULES).all():
        problems.append(f"denominator_rule must be one of {DENOMINATOR_RULES}")
    if ((loaded["denominator_rule"] != "") & (loaded["count_measure"] == "")).any():
        problems.append("a denominator rule needs a count_measure")
    if not loaded["sex"].isin(schema.SEXES).all() or (loaded["age"] == "").any():
        problems.append(f"sex must be one of {schema.SEXES} and age must be given")
    if problems:
        raise ValueError(f"{path.name}: " + "; ".join(problems) + ".")
    return table


def vintage_of(source_key: str) -> str:
    """The ward vintage (``"2022"`` or ``"2023"``) of a ``ward_data_…:`` registry key."""
    return VINTAGES[source_key.split(":", 1)[0]]


def population_key(vintage: str) -> str:
    """Registry key of the vintage's ward total resident population file."""
    prefix = {value: key for key, value in VINTAGES.items()}[vintage]
    return f"{prefix}:{POPULATION_FILE}"


def meta_key(source_key: str) -> str:
    """Registry key of the theme ``meta.csv`` describing a data file."""
    prefix, path = source_key.split(":", 1)
    return f"{prefix}:{path.split('/data/', 1)[0]}/meta.csv"


def source_keys(mapping: pd.DataFrame) -> list[str]:
    """Every registry key :func:`load` reads for ``mapping``: loaded files, their themes' meta
    files and the population files that ``population`` denominators come from."""
    loaded = mapping[mapping["skip_reason"] == ""]
    keys = list(loaded["source_key"])
    keys += [meta_key(key) for key in keys]
    by_population = loaded[loaded["denominator_rule"] == "population"]
    keys += [population_key(vintage_of(key)) for key in by_population["source_key"]]
    return list(dict.fromkeys(keys))


SOURCE_KEYS: list[str] = source_keys(read_mapping())


def read_ward_file(path: Path) -> pd.DataFrame:
    """Read one tidy ward_data file (``area_code … value``), with ``value`` numeric."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(raw.columns) != FILE_COLUMNS:
        raise ValueError(f"{path.name} has columns {list(raw.columns)}, expected {FILE_COLUMNS}.")
    raw = raw.apply(lambda column: column.str.strip())
    raw["value"] = pd.to_numeric(raw["value"].replace({"": None, "NA": None}), errors="raise")
    return raw


def best_fit_files(meta: pd.DataFrame) -> set[str]:
    """File names (e.g. ``fuel_poverty.csv``) whose meta row gives the geography "Best-fit ward"."""
    best_fit = meta[meta["geography"].str.strip().str.lower() == "best-fit ward"]
    return {str(url).rsplit("/", 1)[-1] for url in best_fit["data"]}


def _pick(raw: pd.DataFrame, measure: str, name: str) -> pd.DataFrame:
    rows = raw[raw["measure"] == measure]
    if rows.empty:
        raise ValueError(f"{name} has no '{measure}' rows (measures: {sorted(raw['measure'].unique())}).")
    if rows["area_code"].duplicated().any():
        raise ValueError(f"{name} has more than one '{measure}' row for an area.")
    return rows


def map_file(
    raw: pd.DataFrame,
    rule: Mapping[str, str],
    population: pd.DataFrame | None = None,
    best_fit: bool = False,
) -> pd.DataFrame:
    """Turn one ward_data file into values rows following one mapping-table row.

    Parameters
    ----------
    raw
        The file as read by :func:`read_ward_file`.
    rule
        One row of the mapping table (``source_key``, ``indicator_id``, ``measure``,
        ``count_measure``, ``denominator_rule``, ``sex``, ``age``).
    population
        ``area_code, period, value``: total resident population by ward, needed when the rule's
        denominator is ``population``.
    best_fit
        Whether the theme's meta describes the indicator as built on best-fit wards.

    Returns
    -------
    pandas.DataFrame
        Values rows (not yet passed through :func:`tidy.to_values`): the wards, plus an England row
        of 100 for standardised ratios.
    """
    key = rule["source_key"]
    name = key.split(":", 1)[1]
    rows = _pick(raw, rule["measure"], name)
    out = pd.DataFrame(
        {
            "area_code": rows["area_code"].to_numpy(),
            "area_name": rows["area_name"].to_numpy(),
            "period": rows["period"].to_numpy(),
            "value": rows["value"].to_numpy(dtype=float),
        }
    )
    notes = [BEST_FIT_NOTE] if best_fit else []
    notes += _add_counts_and_denominators(out, raw, rule, population)
    out["value_note"] = " ".join(notes)
    missing = out["value"].isna()
    out.loc[missing, "value_note"] = (MISSING_NOTE + " " + out.loc[missing, "value_note"]).str.strip()
    out = out.assign(
        level="ward",
        vintage=vintage_of(key),
        indicator_id=rule["indicator_id"],
        sex=rule["sex"],
        age=rule["age"],
        source_key=key,
    )
    if rule["measure"] in STANDARDISED_MEASURES:
        out = pd.concat([out, _england_rows(out)], ignore_index=True)
    return out


def _by_ward_and_period(values: pd.DataFrame, out: pd.DataFrame) -> np.ndarray:
    """``values``' value for each of ``out``'s ward and period (NaN where there is none)."""
    keyed = values.set_index(["area_code", "period"])["value"]
    return keyed.reindex(pd.MultiIndex.from_frame(out[["area_code", "period"]])).to_numpy()


def _add_counts_and_denominators(
    out: pd.DataFrame, raw: pd.DataFrame, rule: Mapping[str, str], population: pd.DataFrame | None
) -> list[str]:
    """Fill ``out``'s count and denominator columns as the rule says; return any notes that adds."""
    name = rule["source_key"].split(":", 1)[1]
    out["count"] = np.nan
    out["denominator"] = np.nan
    if rule["count_measure"]:
        out["count"] = _by_ward_and_period(_pick(raw, rule["count_measure"], name), out)
        if out["count"].isna().any():
            raise ValueError(f"{name}: some areas have a '{rule['measure']}' row but no count.")
    if rule["denominator_rule"] == "population":
        if population is None:
            raise ValueError(f"{name}: the population rule needs ward populations.")
        out["denominator"] = _by_ward_and_period(population, out)
        if out["denominator"].isna().any():
            raise ValueError(f"{name}: no total population for some wards in period {out['period'].iloc[0]}.")
    elif rule["denominator_rule"] == "derived":
        share = out["value"].where(out["value"] > 0)
        out["denominator"] = (out["count"] * 100 / share).round()
        return [DERIVED_NOTE]
    return []


def _england_rows(out: pd.DataFrame) -> pd.DataFrame:
    """England's row of 100 for each period of a standardised ratio."""
    return (
        out[["indicator_id", "period", "sex", "age", "source_key"]]
        .drop_duplicates()
        .assign(
            area_code=config.ENGLAND_CODE,
            area_name=config.ENGLAND_NAME,
            level="country",
            vintage="",
            value=100.0,
            value_note=ENGLAND_NOTE,
        )
    )


def check_unique(frame: pd.DataFrame) -> None:
    """Raise when two rows share area, level, vintage, indicator, period, sex and age.

    Two mapping rows that send different files to the same id and period would otherwise
    silently overwrite each other downstream.
    """
    key = ["area_code", "level", "vintage", "indicator_id", "period", "sex", "age"]
    clashes = frame[frame.duplicated(key, keep=False)]
    if not clashes.empty:
        pairs = clashes[["indicator_id", "period", "source_key"]].drop_duplicates()
        raise ValueError(f"Rows would be duplicated (same area, id and period): {pairs.to_dict('records')}.")


def load_rules(paths: Mapping[str, Path], rules: pd.DataFrame) -> pd.DataFrame:
    """Map every file in ``rules`` (mapping-table rows) to values rows, unvalidated."""
    frames: list[pd.DataFrame] = []
    populations: dict[str, pd.DataFrame] = {}
    best_fit: dict[str, set[str]] = {}
    for record in rules.to_dict("records"):
        rule = {str(name): str(cell) for name, cell in record.items()}
        key = rule["source_key"]
        population = None
        if rule["denominator_rule"] == "population":
            pop_key = population_key(vintage_of(key))
            if pop_key not in populations:
                populations[pop_key] = _pick(read_ward_file(paths[pop_key]), "Count", pop_key)
            population = populations[pop_key]
        meta = meta_key(key)
        if meta not in best_fit:
            best_fit[meta] = best_fit_files(pd.read_csv(paths[meta], dtype=str, keep_default_na=False))
        is_best_fit = key.rsplit("/", 1)[-1] in best_fit[meta]
        frames.append(map_file(read_ward_file(paths[key]), rule, population, is_best_fit))
    if not frames:
        return schema.empty_values()
    return pd.concat(frames, ignore_index=True)


def load(paths: Mapping[str, Path], mapping: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tidy values for every ward_data file the mapping table loads.

    Parameters
    ----------
    paths
        Verified local paths by registry key; must cover :data:`SOURCE_KEYS`.
    mapping
        The mapping table (default: ``data/ward_data_indicators.csv`` via :func:`read_mapping`).

    Returns
    -------
    pandas.DataFrame
        Values-store rows at ward level (vintages ``"2022"`` and ``"2023"``) plus England = 100 rows
        for standardised ratios, validated against :class:`schema.IndicatorValues`.
    """
    table = read_mapping() if mapping is None else mapping
    rules = table[table["skip_reason"] == ""]
    missing = [key for key in source_keys(table) if key not in paths]
    if missing:
        raise ValueError(f"ward_data.load needs the verified files for {missing}.")
    frame = load_rules(paths, rules)
    check_unique(frame)
    values = tidy.to_values(frame)
    schema.IndicatorValues.validate(values)
    logger.info(
        "ward_data: %d rows for %d indicators from %d files",
        len(values),
        values["indicator_id"].nunique(),
        len(rules),
    )
    return values
