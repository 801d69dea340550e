"""ONS mid-year population estimates for Trafford and its wards, LSOAs and MSOAs.

Trafford Data Lab republishes the estimates as wide tables: one row per area and sex, with the
all-ages total, three broad bands (0–15, 16–64, 65 and over) and single years of age 0–89 plus 90 and
over. This module reshapes them into the tidy ``population`` indicator: one row per area, sex and
age, where ``value`` and ``count`` are people (no denominator, no interval).

Files and geographies:

- mid-2020 (period ``2020-06-30``): pre-May-2023 wards (vintage ``2022``), MSOAs and Trafford. The
  mid-2020 small-area estimates were published on 2011 geographies, so those MSOAs are vintage
  ``2011``; Trafford's 28 MSOA codes and boundaries did not change in 2021.
- mid-2024 (period ``2024-06-30``): May-2023 wards (vintage ``2023``), 2021 LSOAs and MSOAs, and
  Trafford.

The sex column is ``gender`` in the 2020 files and ``sex`` in the 2024 files; the oldest age column is
``90`` in 2020 and ``90+`` in 2024 (both mean 90 and over). Every total is checked against the sum of
its single years of age, and persons against males plus females, so a changed file fails loudly.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from trafford_dash.core import config, periods
from trafford_dash.pipeline import tidy
from trafford_dash.store import schema

logger = logging.getLogger(__name__)

INDICATOR_ID = "population"


@dataclass(frozen=True)
class EstimateFile:
    """One registered estimates file and where its rows go in the values store."""

    key: str
    level: str
    vintage: str
    code_prefix: str


_2020 = "open_data:population/mid-year_population_estimates"
_2024 = "open_data:population/mid_year_2024/mid-year_2024_population_estimates"

FILES = (
    EstimateFile(f"{_2020}_ward.csv", "ward", "2022", "E05"),
    EstimateFile(f"{_2020}_msoa.csv", "msoa", "2011", "E02"),
    EstimateFile(f"{_2020}_local_authority.csv", "borough", "", "E08"),
    EstimateFile(f"{_2024}_ward.csv", "ward", "2023", "E05"),
    EstimateFile(f"{_2024}_lsoa.csv", "lsoa", "2021", "E01"),
    EstimateFile(f"{_2024}_msoa.csv", "msoa", "2021", "E02"),
    EstimateFile(f"{_2024}_local_authority.csv", "borough", "", "E08"),
)

SOURCE_KEYS: list[str] = [file.key for file in FILES]

SINGLE_YEARS = [str(age) for age in range(90)] + ["90+"]
BANDS = {
    "all_ages": ("All ages", SINGLE_YEARS),
    "aged_0_to_15": ("0-15", SINGLE_YEARS[:16]),
    "aged_16_to_64": ("16-64", SINGLE_YEARS[16:65]),
    "aged_65_and_over": ("65+", SINGLE_YEARS[65:]),
}
SEX_LABELS = {
    "Persons": "Persons",
    "Males": "Male",
    "Male": "Male",
    "Females": "Female",
    "Female": "Female",
}
ID_COLUMNS = ["period", "area_code", "area_name", "sex"]


def read_estimates(path: Path) -> pd.DataFrame:
    """Read one wide estimates file with normalised columns.

    Returns ``period, area_code, area_name, sex`` (Persons/Male/Female), ``all_ages``, the three band
    columns and the single years ``"0"`` … ``"89"``, ``"90+"`` as integers.

    Raises
    ------
    ValueError
        When a column is missing, a sex label is unknown or a count is not a whole number ≥ 0.
    """
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    raw = raw.rename(columns={"gender": "sex", "90": "90+"})
    wanted = [*ID_COLUMNS, *BANDS, *SINGLE_YEARS]
    missing = [column for column in wanted if column not in raw.columns]
    if missing:
        raise ValueError(f"{path.name} lacks columns {missing}; the published layout has changed.")
    frame = raw[wanted].copy()
    for column in ID_COLUMNS:
        frame[column] = frame[column].str.strip()
    unknown = set(frame["sex"]) - set(SEX_LABELS)
    if unknown:
        raise ValueError(f"{path.name} has unknown sex labels {sorted(unknown)}.")
    frame["sex"] = frame["sex"].map(SEX_LABELS)
    numbers = frame[[*BANDS, *SINGLE_YEARS]].apply(pd.to_numeric, errors="coerce")
    if numbers.isna().any().any() or (numbers < 0).any().any() or (numbers % 1 != 0).any().any():
        raise ValueError(f"{path.name} has counts that are missing, negative or not whole numbers.")
    frame[[*BANDS, *SINGLE_YEARS]] = numbers.astype("int64")
    return frame


def check_totals(wide: pd.DataFrame, name: str = "estimates") -> None:
    """Fail loudly unless the file adds up.

    Checks that every total and band equals the sum of its single years of age, that each area and
    sex appears once, and that persons equal males plus females wherever all three are given.

    Raises
    ------
    ValueError
        Naming the first area (and column) that does not add up.
    """
    for column, (label, years) in BANDS.items():
        sums = wide[years].to_numpy().sum(axis=1)
        wrong = wide[wide[column].to_numpy() != sums]
        if not wrong.empty:
            first = wrong.iloc[0]
            raise ValueError(
                f"{name}: {label} ({column}) is not the sum of its single years of age for "
                f"{first['area_code']} {first['sex']}."
            )
    if wide.duplicated(["period", "area_code", "sex"]).any():
        raise ValueError(f"{name}: an area and sex appears more than once.")
    numbers = [*BANDS, *SINGLE_YEARS]
    keyed = wide.set_index(["period", "area_code"])
    if {"Persons", "Male", "Female"} <= set(wide["sex"]):
        persons = keyed[keyed["sex"] == "Persons"][numbers]
        male, female = (
            keyed[keyed["sex"] == sex][numbers].reindex(persons.index) for sex in ("Male", "Female")
        )
        difference = persons.to_numpy(float) - male.to_numpy(float) - female.to_numpy(float)
        if np.isnan(difference).any() or (difference != 0).any():
            raise ValueError(f"{name}: persons are not males plus females for every area and age.")


def to_long(wide: pd.DataFrame) -> pd.DataFrame:
    """Reshape a checked wide frame to one row per area, sex and age (``value`` = ``count`` = people).

    Ages are labelled "All ages", "0-15", "16-64", "65+", then "0" … "89", "90+".
    """
    columns = [*BANDS, *SINGLE_YEARS]
    labels = [label for label, _ in BANDS.values()] + SINGLE_YEARS
    counts = wide[columns].to_numpy(dtype=float)
    rows, ages = counts.shape
    long = wide[ID_COLUMNS].iloc[np.repeat(np.arange(rows), ages)].reset_index(drop=True)
    long["age"] = labels * rows
    long["value"] = counts.reshape(-1)
    long["count"] = long["value"]
    return long


def _check_areas(wide: pd.DataFrame, file: EstimateFile) -> None:
    codes = wide["area_code"]
    if not codes.str.startswith(file.code_prefix).all():
        raise ValueError(f"{file.key} holds codes that are not {file.level} codes.")
    if file.level == "borough" and set(codes) != {config.TRAFFORD_CODE}:
        raise ValueError(f"{file.key} should hold Trafford ({config.TRAFFORD_CODE}) only.")
    if file.level == "ward":
        lookup = pd.read_csv(config.DATA_DIR / "ward_neighbourhoods.csv", dtype=str)
        expected = set(lookup.loc[lookup["vintage"] == file.vintage, "ward_code"])
        if set(codes) != expected:
            raise ValueError(f"{file.key} does not hold exactly the 21 wards of the {file.vintage} vintage.")
    if wide["period"].nunique() != 1:
        raise ValueError(f"{file.key} holds more than one period.")


def load_file(path: Path, file: EstimateFile) -> pd.DataFrame:
    """Read, check and reshape one estimates file to tidy columns (before :func:`tidy.to_values`)."""
    wide = read_estimates(path)
    _check_areas(wide, file)
    check_totals(wide, file.key)
    return to_long(wide).assign(level=file.level, vintage=file.vintage, source_key=file.key)


def load(paths: Mapping[str, Path]) -> pd.DataFrame:
    """Tidy ``population`` rows from every estimates file named by ``SOURCE_KEYS``.

    Parameters
    ----------
    paths
        Source key → verified local path (as :func:`trafford_dash.pipeline.sources.fetch_all` returns).

    Returns
    -------
    pandas.DataFrame
        Values-store rows: people by area, sex (Persons/Male/Female) and age (all ages, three bands,
        single years), period as published (``"2020-06-30"``, ``"2024-06-30"``).
    """
    missing = [key for key in SOURCE_KEYS if key not in paths]
    if missing:
        raise KeyError(f"Population loader is missing source files: {missing}")
    long = pd.concat([load_file(paths[file.key], file) for file in FILES], ignore_index=True)
    logger.info("Population estimates: %d rows from %d files", len(long), len(FILES))
    years = {period: periods.period_end_year(period) for period in long["period"].unique()}
    long["year"] = long["period"].map(years)
    out = tidy.to_values(long, indicator_id=INDICATOR_ID)
    return schema.IndicatorValues.validate(out)
