"""Local-authority indicator series: England, Greater Manchester, Trafford, every district and peers.

Two sets of files from Trafford Data Lab, both derived mostly from OHID Fingertips:

- the 2020 set (``dashboard`` repository, ``data/health`` and ``data/children``): England, a published
  Greater Manchester row (``E47000001``) and every district or upper-tier authority, with the OHID
  significance label against England; male/female splits in a ``group`` column;
- the 2026 set (``trafford_themes`` repository, to 2024/25): England and every district, or for some
  files only Trafford's peers; significance in ``compared_to_England``; male/female or
  deprivation-quintile splits in ``inequality`` (quintile rows are dropped); ``unit`` carries the sex
  in a few files; three files also hold May-2023 ward rows.

``data/local_authority_indicators.csv`` drives the load: one row per (file, indicator id) with an
optional ``filter`` (``column=value`` or ``column~regex`` conditions joined by ``;``), the ``sex`` to
keep (``Persons``, ``Male``, ``Female`` or ``all``), a ``skip_reason`` for rows deliberately not
loaded and an optional ``age`` label (empty: ``All ages``). The same concept in both sets shares one
id; where both give the same area, period and sex, the 2026 row wins. Greater Manchester and
peer-group comparators are added by :mod:`trafford_dash.pipeline.loaders.peer_groups`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from trafford_dash.core import config, periods
from trafford_dash.pipeline import tidy
from trafford_dash.pipeline.loaders.peer_groups import (
    PEER_GROUP_KEYS,
    POPULATION_KEY,
    gm_approximations,
    gm_population,
    peer_averages,
    peer_groups,
)
from trafford_dash.store import schema

logger = logging.getLogger(__name__)

__all__ = [
    "MAPPING_CSV",
    "SOURCE_KEYS",
    "apply_filter",
    "level_of",
    "load",
    "merge_sets",
    "month_label",
    "peer_groups",
    "read_mapping",
    "significance_label",
    "standardise",
]

MAPPING_CSV = config.DATA_DIR / "local_authority_indicators.csv"
NEWER_SET_PREFIX = "trafford_themes:"
MERGE_KEY = ["area_code", "level", "vintage", "indicator_id", "period_key", "sex", "age"]
WARD_2023_RANGE = (15239, 15259)
WARD_2022_RANGE = (819, 839)

_SEX_WORDS = {
    "persons": "Persons",
    "person": "Persons",
    "male": "Male",
    "males": "Male",
    "female": "Female",
    "females": "Female",
}
_MISSING = {"", "na", "n/a", "nan", "none"}
_SIGNIFICANCE_WORDS = {
    "better": "Better",
    "similar": "Similar",
    "same": "Similar",
    "worse": "Worse",
    "higher": "Higher",
    "lower": "Lower",
}
_CONDITION = re.compile(r"^\s*(\w+)\s*([=~])(.*)$")


def read_mapping(path: Path | None = None) -> pd.DataFrame:
    """The authored mapping: ``source_key, indicator_id, filter, sex, skip_reason, age`` (strings).

    ``age`` is optional; an empty cell means ``"All ages"``.
    """
    frame = pd.read_csv(path or MAPPING_CSV, dtype=str, keep_default_na=False)
    if "age" not in frame:
        frame["age"] = ""
    frame["age"] = frame["age"].where(frame["age"] != "", "All ages")
    bad = frame[(frame["skip_reason"] == "") & ~frame["sex"].isin([*schema.SEXES, "all"])]
    if not bad.empty:
        raise ValueError(f"local_authority_indicators.csv has unknown sex values {set(bad['sex'])}.")
    return frame


SOURCE_KEYS: list[str] = [
    *dict.fromkeys(read_mapping()["source_key"]),
    POPULATION_KEY,
    *PEER_GROUP_KEYS,
]


def significance_label(text: object) -> str | None:
    """Map a published comparison with England to the schema's labels.

    ``"Lower 99.8"`` → ``"Lower"``, ``"Not compared"`` → ``"Not compared"``, ``"NA"`` → ``None``.
    Wording that names no known label gives ``None`` (and a log message).
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return None
    words = str(text).strip().lower()
    if words in _MISSING:
        return None
    if words.startswith("not"):
        return "Not compared"
    for word in re.findall(r"[a-z]+", words):
        if word in _SIGNIFICANCE_WORDS:
            return _SIGNIFICANCE_WORDS[word]
    logger.warning("Unrecognised significance label %r; left blank.", text)
    return None


def month_label(period: str) -> str:
    """``"Nov 2023"`` → ``"2023-11-01"`` (the form the set's other monthly series use, and sortable).

    Any other label is returned unchanged.
    """
    if re.fullmatch(r"[A-Z][a-z]{2} \d{4}", period):
        return datetime.strptime(period, "%b %Y").strftime("%Y-%m-%d")
    return period


def level_of(area_code: str) -> tuple[str, str] | None:
    """The values-store ``(level, vintage)`` for a code, or ``None`` when it is not an area we keep."""
    if area_code == config.ENGLAND_CODE:
        return ("country", "")
    if area_code == config.GM_CODE:
        return ("region", "")
    if area_code == config.TRAFFORD_CODE:
        return ("borough", "")
    if re.fullmatch(r"E(0[6-9]|10)\d{6}", area_code):
        return ("local_authority", "")
    if re.fullmatch(r"E05\d{6}", area_code):
        number = int(area_code[3:])
        if WARD_2023_RANGE[0] <= number <= WARD_2023_RANGE[1]:
            return ("ward", "2023")
        if WARD_2022_RANGE[0] <= number <= WARD_2022_RANGE[1]:
            return ("ward", "2022")
    return None


def _map_unique(column: pd.Series, function: Callable[[Any], Any]) -> pd.Series:
    """``column.map(function)``, calling ``function`` once per distinct value."""
    lookup = {value: function(value) for value in column.unique()}
    return column.map(lookup).astype(object)


def _sex_of(column: pd.Series) -> pd.Series:
    """Sex words as schema labels; missing → Persons; anything else → NA (a breakdown)."""
    text = column.astype(str).str.strip().str.lower()
    sex = text.map(_SEX_WORDS)
    return sex.where(~text.isin(_MISSING), "Persons")


def _is_sex_column(column: pd.Series) -> bool:
    text = {str(value).strip().lower() for value in column.unique()}
    return bool(text) and text <= set(_SEX_WORDS) | _MISSING


def standardise(raw: pd.DataFrame, source_key: str) -> pd.DataFrame:
    """One file's rows in a common shape, before mapping.

    Returns the published columns plus ``sex`` (from ``group``, ``inequality`` or a ``unit`` that holds
    only sex words), ``value`` and ``count`` as floats, ``significance_england`` mapped, ``level`` and
    ``vintage``. Breakdown rows (deprivation quintiles) and unknown area codes are dropped, and
    ``Count`` measure rows become the ``count`` of the rate row for the same area, period and sex.
    Period labels like ``2009-11`` (2020 set) become ``2009 - 11``, Fingertips' current style, and
    month labels like ``Nov 2023`` become ``2023-11-01`` (see :func:`month_label`).
    """
    frame = raw.copy()
    for column in ("indicator", "measure", "unit", "period", "area_code", "area_name"):
        frame[column] = frame.get(column, pd.Series("", index=frame.index)).astype(str).str.strip()
    sex = pd.Series("Persons", index=frame.index, dtype=object)
    if "unit" in frame and _is_sex_column(frame["unit"]):
        sex = _sex_of(frame["unit"])
    for column in ("group", "inequality"):
        if column in frame:
            split = _sex_of(frame[column])
            sex = split.where(split != "Persons", sex)
    breakdown = sex.isna()
    if breakdown.any():
        logger.info(
            "%s: dropped %d breakdown rows (e.g. deprivation quintiles).", source_key, breakdown.sum()
        )
    frame = frame[~breakdown].assign(sex=sex[~breakdown])

    if not source_key.startswith(NEWER_SET_PREFIX):
        frame["period"] = frame["period"].str.replace(r"^(\d{4})-(\d{2})$", r"\1 - \2", regex=True)
    frame["period"] = _map_unique(frame["period"], month_label).astype(str)
    frame["value"] = pd.to_numeric(frame["value"].replace({"NA": None}), errors="coerce").astype(float)
    published = frame.get("compared_to_England", frame.get("significance"))
    frame["significance_england"] = (
        _map_unique(published, significance_label) if published is not None else None
    )

    places = {code: level_of(code) for code in frame["area_code"].unique()}
    known = {code: place for code, place in places.items() if place is not None}
    unknown = ~frame["area_code"].isin(list(known))
    if unknown.any():
        logger.warning("%s: dropped %d rows with unknown area codes.", source_key, unknown.sum())
    frame = frame[~unknown].copy()
    frame["level"] = frame["area_code"].map({code: place[0] for code, place in known.items()})
    frame["vintage"] = frame["area_code"].map({code: place[1] for code, place in known.items()})

    is_count = frame["measure"].str.lower() == "count"
    frame["count"] = np.nan
    if is_count.any() and not is_count.all():
        key = ["area_code", "period", "sex", "indicator"]
        counts = frame[is_count].drop_duplicates(key).set_index(key)["value"].rename("count_value")
        frame = frame[~is_count].join(counts, on=key)
        frame["count"] = frame.pop("count_value")
    frame["source_key"] = source_key
    return frame


def apply_filter(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows matching every ``;``-separated condition: ``column=value`` (exact) or ``column~regex``."""
    keep = pd.Series(True, index=frame.index)
    for part in (p for p in text.split(";") if p.strip()):
        match = _CONDITION.match(part)
        if match is None or match[1] not in frame:
            raise ValueError(f"Bad filter condition {part!r}.")
        column, operator, wanted = match[1], match[2], match[3].strip()
        cells = frame[column].astype(str)
        keep &= cells == wanted if operator == "=" else cells.str.contains(wanted, regex=True)
    return frame[keep]


def _mapped(frame: pd.DataFrame, row: Mapping[str, str]) -> pd.DataFrame:
    picked = apply_filter(frame, row["filter"])
    if row["sex"] != "all":
        picked = picked[picked["sex"] == row["sex"]]
    if picked.empty:
        raise ValueError(f"No rows for {row['indicator_id']} in {row['source_key']} ({row['filter']!r}).")
    return picked.assign(indicator_id=row["indicator_id"], age=row["age"])


def merge_sets(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop 2020-set rows that a 2026-set row covers (same area, level, id, period, sex and age).

    Periods are compared without spaces, so ``2015-17`` and ``2015 - 17`` meet. Rows with no value
    are dropped afterwards, so a missing 2026 value still displaces the older figure. Two rows for the
    same key from the same set mean the mapping is ambiguous and raise ``ValueError``.
    """
    out = frame.assign(
        period_key=frame["period"].str.replace(r"\s+", "", regex=True),
        _newer=frame["source_key"].str.startswith(NEWER_SET_PREFIX),
    )
    clashes = out[out.duplicated([*MERGE_KEY, "_newer"], keep=False)]
    if not clashes.empty:
        first = clashes.iloc[0]
        raise ValueError(
            f"Two mapped rows give {first['indicator_id']} for {first['area_code']} in {first['period']} "
            f"from the same set ({first['source_key']}); tighten the filters in {MAPPING_CSV.name}."
        )
    out = out.sort_values("_newer", ascending=False, kind="stable")
    out = out.drop_duplicates(MERGE_KEY, keep="first")
    out = out[out["value"].notna()]
    return out.drop(columns=["period_key", "_newer"]).sort_index()


def _load_mapped(paths: Mapping[str, Path], mapping: pd.DataFrame) -> pd.DataFrame:
    frames = []
    for source_key in dict.fromkeys(mapping["source_key"].astype(str)):
        raw = pd.read_csv(paths[source_key], dtype=str, keep_default_na=False)
        standard = standardise(raw, source_key)
        rows = mapping[mapping["source_key"] == source_key]
        for record in rows.to_dict("records"):
            row = {str(name): str(cell) for name, cell in record.items()}
            if row["skip_reason"]:
                logger.info("Skipping %s %r: %s", source_key, row["filter"], row["skip_reason"])
                continue
            frames.append(_mapped(standard, row))
    return pd.concat(frames, ignore_index=True)


def load(paths: Mapping[str, Path]) -> pd.DataFrame:
    """Tidy values for every mapped local-authority series, with GM and peer-group comparators.

    Parameters
    ----------
    paths
        Verified local paths by registry key, covering :data:`SOURCE_KEYS`.

    Returns
    -------
    pandas.DataFrame
        Values rows (valid against :class:`trafford_dash.store.schema.IndicatorValues`): levels country,
        region, borough, local_authority, ward (vintage 2023) and peer_group; age from the mapping
        (``All ages`` unless the mapping names a band).
    """
    mapping = read_mapping()
    values = merge_sets(_load_mapped(paths, mapping))
    values["approximate"] = False
    values["value_note"] = ""
    columns = [c for c in schema.VALUE_COLUMNS if c in values] + ["period"]
    values = values[list(dict.fromkeys(columns))]
    gm = gm_approximations(values, gm_population(paths))
    with_gm = pd.concat([values, gm], ignore_index=True)
    peers = peer_averages(with_gm, peer_groups(paths))
    out = pd.concat([with_gm, peers], ignore_index=True)
    out["year"] = _map_unique(out["period"], periods.period_end_year).astype("Int64")
    out = tidy.to_values(out)
    order = ["indicator_id", "level", "vintage", "area_code", "period", "sex"]
    return out.sort_values(order, kind="stable").reset_index(drop=True)
