"""The English Indices of Deprivation (IoD 2019 and IoD 2025) as tidy values.

- IoD 2019 for Trafford's 138 LSOAs (2011 LSOAs, vintage ``"2011"``): for the IMD and each domain,
  the score (``imd_score``, ``income_score`` …), the rank among England's 32,844 LSOAs (1 = most
  deprived; ``imd_rank`` …) and the national decile (1 = most deprived 10%; ``imd_decile`` …).
- Ward scores, same ``*_score`` ids: IoD 2019 on the pre-May-2023 wards (vintage ``"2022"``) and IoD
  2025 on the May-2023 wards (vintage ``"2023"``), from the ward_data deprivation files. Those files
  are marked :data:`trafford_dash.pipeline.loaders.ward_data.LOADED_BY_DEPRIVATION` in
  ``data/ward_data_indicators.csv`` and are loaded only here.
- Local-authority summaries for 2019 and 2025, Trafford (level ``borough``) and every other English
  district (``local_authority``): ``{domain}_average_score``, ``{domain}_rank_average_score`` and
  ``{domain}_proportion_lsoas_most_deprived_decile``.

Units: the income, employment, IDACI and IDAOPI scores are the share of people who are deprived.
The IoD publishes them as proportions (0–1); they are stored here as percentages, as the ward files
give them, so one id has one unit at every level. Other domain scores are unitless.

:func:`trafford_dash.pipeline.loaders.imd_deciles.imd_decile_population` counts residents (mid-2024)
by national IoD 2019 decile for each pre-2023 ward, each neighbourhood and Trafford, from the files
named by :data:`DECILE_SOURCE_KEYS`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from trafford_dash.core import config
from trafford_dash.pipeline import tidy
from trafford_dash.pipeline.loaders import ward_data
from trafford_dash.store import schema

logger = logging.getLogger(__name__)

DOMAINS: dict[str, str] = {
    "Index of Multiple Deprivation": "imd",
    "Income": "income",
    "Income Deprivation": "income",
    "Employment": "employment",
    "Employment Deprivation": "employment",
    "Education, Skills and Training": "education",
    "Education, Skills and Training Deprivation": "education",
    "Health and Disability": "health",
    "Health Deprivation and Disability": "health",
    "Crime": "crime",
    "Barriers to Housing and Services": "barriers",
    "Living Environment": "living_environment",
    "Living Environment Deprivation": "living_environment",
    "Income Deprivation Affecting Children": "idaci",
    "Income Deprivation Affecting Older People": "idaopi",
}
DOMAIN_PREFIXES = tuple(dict.fromkeys(DOMAINS.values()))
RATE_DOMAINS = frozenset({"income", "employment", "idaci", "idaopi"})
ENGLAND_LSOAS_2011 = 32_844

IOD_LSOA_KEY = "analysis:IoD2019/report/data/trafford_IoD.csv"
LSOA11_LOOKUP_KEY = "spatial_data:lookups/statistical_lookup.csv"
LSOA21_LOOKUP_KEY = "spatial_data:lookups/2021/statistical_lookup.csv"
WARD_LOOKUP_KEY = "spatial_data:lookups/lsoa_to_ward_best-fit_lookup.csv"
POPULATION_KEY = "open_data:population/mid_year_2024/mid-year_2024_population_estimates_lsoa.csv"
_IOD_LAD = "open_data:IndicesOfDeprivation/IoD{year}/local_authority_district/"
LAD_KEYS = {
    "2019": _IOD_LAD.format(year=2019) + "IoD2019.csv",
    "2025": _IOD_LAD.format(year=2025) + "indices_of_deprivation_2025_lad.csv",
}
LSOA_EDITIONS = ("2019",)  # the LSOA file also holds IoD 2015; add "2015" here to load it

RANK_NOTE = f"Rank of {ENGLAND_LSOAS_2011:,} LSOAs in England (1 = most deprived)."
DECILE_RANK_NOTE = "National decile (1 = the most deprived 10% of LSOAs in England)."
RATE_NOTE = "Published as a proportion; stored as a percentage."
WARD_NOTE = (
    "Population-weighted average of the scores of the LSOAs best-fitted to the ward (Trafford Data Lab)."
)


def ward_rules(mapping: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ward_data mapping rows this module loads (those ward_data.py skips as IoD domains)."""
    table = ward_data.read_mapping() if mapping is None else mapping
    rules = table[table["skip_reason"] == ward_data.LOADED_BY_DEPRIVATION]
    return rules.assign(skip_reason="")


WARD_SOURCE_KEYS: list[str] = ward_data.source_keys(ward_rules())
DECILE_SOURCE_KEYS: list[str] = [
    IOD_LSOA_KEY,
    POPULATION_KEY,
    LSOA21_LOOKUP_KEY,
    LSOA11_LOOKUP_KEY,
    WARD_LOOKUP_KEY,
]
LOAD_SOURCE_KEYS: list[str] = [IOD_LSOA_KEY, LSOA11_LOOKUP_KEY, *LAD_KEYS.values(), *WARD_SOURCE_KEYS]
SOURCE_KEYS: list[str] = list(dict.fromkeys([*LOAD_SOURCE_KEYS, *DECILE_SOURCE_KEYS]))


def _prefix(domain: object) -> str:
    try:
        return DOMAINS[str(domain).strip()]
    except KeyError:
        raise ValueError(f"Unknown IoD domain '{domain}'; add it to deprivation.DOMAINS.") from None


def lsoa_values(
    iod: pd.DataFrame,
    source_key: str,
    names: Mapping[str, str] | None = None,
    editions: tuple[str, ...] = LSOA_EDITIONS,
) -> pd.DataFrame:
    """Score, rank and decile rows for every LSOA and domain of the long IoD LSOA table.

    Parameters
    ----------
    iod
        Columns ``lsoa11cd, index_domain, decile, rank, score, year`` (one row per LSOA, domain, year).
    source_key
        Registry key recorded on every row.
    names
        LSOA names by code (``"Trafford 025A"``); the code is used where a name is missing.
    editions
        IoD years to keep.
    """
    rows = iod[iod["year"].astype(str).isin(editions)].copy()
    rows["prefix"] = rows["index_domain"].map(_prefix)
    if rows.duplicated(["lsoa11cd", "prefix", "year"]).any():
        raise ValueError("The IoD LSOA table has more than one row for an LSOA, domain and year.")
    complete = rows.groupby(["lsoa11cd", "year"])["prefix"].nunique()
    if (complete != len(DOMAIN_PREFIXES)).any():
        raise ValueError("Some LSOAs lack an IoD domain: every LSOA needs all ten.")
    if not rows["rank"].between(1, ENGLAND_LSOAS_2011).all() or not rows["decile"].between(1, 10).all():
        raise ValueError(f"IoD LSOA ranks must be 1–{ENGLAND_LSOAS_2011} and deciles 1–10.")
    is_rate = rows["prefix"].isin(RATE_DOMAINS)
    base = rows[["lsoa11cd", "year", "prefix"]].reset_index(drop=True)
    base = base.rename(columns={"lsoa11cd": "area_code", "year": "period"}).astype({"period": str})
    parts = [
        base.assign(
            measure="score",
            value=np.where(is_rate, rows["score"] * 100, rows["score"]),
            value_note=np.where(is_rate, RATE_NOTE, ""),
        ),
        base.assign(measure="rank", value=rows["rank"].to_numpy(float), value_note=RANK_NOTE),
        base.assign(measure="decile", value=rows["decile"].to_numpy(float), value_note=DECILE_RANK_NOTE),
    ]
    out = pd.concat(parts, ignore_index=True)
    out["indicator_id"] = out["prefix"] + "_" + out["measure"]
    lookup = dict(names or {})
    out["area_name"] = out["area_code"].map(lambda code: lookup.get(code, code))
    out = out.drop(columns=["prefix", "measure"])
    return out.assign(level="lsoa", vintage="2011", sex="Persons", age="All ages", source_key=source_key)


def lad_values(frame: pd.DataFrame, period: str, source_key: str) -> pd.DataFrame:
    """Local-authority summary rows from an IoD LAD table (2019 or 2025 layout).

    Returns average score, rank of average score and the percentage of LSOAs in the most deprived
    national decile for every domain; Trafford is level ``borough``, other districts
    ``local_authority``. Rate-domain average scores and the decile proportion become percentages.
    """
    table = frame.rename(columns={"lad19cd": "area_code", "lad19nm": "area_name"})
    table = table[table["area_code"].str.match(r"^E0[6-9]")].copy()
    if config.TRAFFORD_CODE not in set(table["area_code"]):
        raise ValueError(f"{source_key} has no row for Trafford ({config.TRAFFORD_CODE}).")
    table["prefix"] = table["index_domain"].map(_prefix)
    districts = table["area_code"].nunique()
    is_rate = table["prefix"].isin(RATE_DOMAINS)
    base = table[["area_code", "area_name", "prefix"]].reset_index(drop=True)
    rank_note = f"Rank of {districts} local authority districts in England (1 = most deprived)."
    parts = [
        base.assign(
            measure="average_score",
            value=np.where(is_rate, table["average_score"] * 100, table["average_score"]),
            value_note=np.where(is_rate, RATE_NOTE, ""),
        ),
        base.assign(
            measure="rank_average_score",
            value=table["rank_average_score"].to_numpy(float),
            value_note=rank_note,
        ),
        base.assign(
            measure="proportion_lsoas_most_deprived_decile",
            value=table["proportion_bottom_decile"].to_numpy(float) * 100,
            value_note=RATE_NOTE,
        ),
    ]
    out = pd.concat(parts, ignore_index=True)
    out["indicator_id"] = out["prefix"] + "_" + out["measure"]
    out["level"] = np.where(out["area_code"] == config.TRAFFORD_CODE, "borough", "local_authority")
    out = out.drop(columns=["prefix", "measure"])
    return out.assign(period=period, vintage="", sex="Persons", age="All ages", source_key=source_key)


def ward_values(paths: Mapping[str, Path], mapping: pd.DataFrame | None = None) -> pd.DataFrame:
    """IoD ward scores from the ward_data deprivation files this module owns (both vintages)."""
    rows = ward_data.load_rules(paths, ward_rules(mapping))
    prefixes = rows["indicator_id"].str.removesuffix("_score")
    if not prefixes.isin(DOMAIN_PREFIXES).all():
        raise ValueError("A ward IoD file maps to an id that is not '<domain>_score'.")
    return rows.assign(value_note=WARD_NOTE)


def _lsoa_names(path: Path) -> dict[str, str]:
    lookup = pd.read_csv(path, dtype=str, usecols=["lsoa11cd", "lsoa11nm"]).drop_duplicates()
    return dict(zip(lookup["lsoa11cd"], lookup["lsoa11nm"], strict=True))


def load(paths: Mapping[str, Path]) -> pd.DataFrame:
    """Tidy IoD values: LSOA (2019), ward (2019 and 2025) and local-authority (2019 and 2025) rows.

    Parameters
    ----------
    paths
        Verified local paths by registry key; must cover :data:`LOAD_SOURCE_KEYS`.
    """
    missing = [key for key in LOAD_SOURCE_KEYS if key not in paths]
    if missing:
        raise ValueError(f"deprivation.load needs the verified files for {missing}.")
    iod = pd.read_csv(paths[IOD_LSOA_KEY], dtype={"lsoa11cd": str, "index_domain": str})
    frames = [
        lsoa_values(iod, IOD_LSOA_KEY, _lsoa_names(paths[LSOA11_LOOKUP_KEY])),
        ward_values(paths),
    ]
    for period, key in LAD_KEYS.items():
        frames.append(lad_values(pd.read_csv(paths[key]), period, key))
    frame = pd.concat(frames, ignore_index=True)
    ward_data.check_unique(frame)
    values = tidy.to_values(frame)
    schema.IndicatorValues.validate(values)
    logger.info("IoD: %d rows for %d indicators", len(values), values["indicator_id"].nunique())
    return values
