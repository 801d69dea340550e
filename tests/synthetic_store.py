"""A small synthetic store for tests that need "a store" but not the real data.

Four wards in two neighbourhoods, Trafford and England, and one indicator of each kind: a proportion
with counts and Wilson intervals, a rate with Byar intervals, a value published only as a label, a
suppressed value and a ward-only value. The tables pass the store's own schemas and are written by the
real build (staging folder, checksums, swap), with the pipeline replaced by :func:`write_tables`, so
no open-data mirror is needed and nothing is written outside the given directory.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import trafford_dash
from tests import synthetic_payments
from trafford_dash.core import config, rates, stats
from trafford_dash.pipeline import build
from trafford_dash.store import precision, reader, schema

VINTAGE = "2023"
# Ward code, name and neighbourhood; the counts and populations of the proportion and rate follow.
WARDS = (
    ("E05015250", "Alpha", "North"),
    ("E05015251", "Bravo", "North"),
    ("E05015252", "Charlie", "South"),
    ("E05015253", "Delta", "South"),
)
WARD_COUNTS = (40.0, 55.0, 20.0, 31.0)
WARD_POPULATIONS = (1000.0, 1100.0, 900.0, 1000.0)
ENGLAND = (5_300_000.0, 56_000_000.0)

PROPORTION = "synthetic_proportion"
RATE = "synthetic_rate"
LABEL_ONLY = "synthetic_label_only"
SUPPRESSED = "synthetic_suppressed"
WARD_ONLY = "synthetic_ward_only"
INDICATORS = (PROPORTION, RATE, LABEL_ONLY, SUPPRESSED, WARD_ONLY)
PUBLISHED_LABEL = "Published only as the label 'Not available'."
SUPPRESSED_NOTE = "Suppressed under the small-number policy: a count of 1 to 4."
SOURCE_KEY = "synthetic:values.csv"
PERIOD = "2021"


def areas() -> pd.DataFrame:
    """Wards, their two neighbourhoods (both of the store's vintage), Trafford and England."""
    rows: list[dict[str, Any]] = [
        {"area_code": code, "area_name": name, "level": "ward", "vintage": VINTAGE}
        | {"ward_code": code, "neighbourhood": hood}
        for code, name, hood in WARDS
    ]
    for hood in sorted({hood for _, _, hood in WARDS}):
        rows.append(
            {"area_code": config.neighbourhood_code(hood), "area_name": hood, "level": "neighbourhood"}
            | {"vintage": VINTAGE, "ward_code": None, "neighbourhood": hood}
        )
    rows.append(_area(config.TRAFFORD_CODE, config.TRAFFORD_NAME, "borough"))
    rows.append(_area(config.ENGLAND_CODE, config.ENGLAND_NAME, "country"))
    return schema.Areas.validate(pd.DataFrame(rows))


def _area(code: str, name: str, level: str) -> dict[str, Any]:
    return {"area_code": code, "area_name": name, "level": level, "vintage": ""} | {
        "ward_code": None,
        "neighbourhood": None,
    }


def _counts_by_area() -> list[tuple[str, str, str, str, float, float]]:
    """(code, name, level, vintage, count, denominator) for every area, wards summed upwards."""
    rows = [
        (code, name, "ward", VINTAGE, count, population)
        for (code, name, _), count, population in zip(WARDS, WARD_COUNTS, WARD_POPULATIONS, strict=True)
    ]
    for hood in sorted({hood for _, _, hood in WARDS}):
        inside = [i for i, (_, _, their) in enumerate(WARDS) if their == hood]
        count = sum(WARD_COUNTS[i] for i in inside)
        population = sum(WARD_POPULATIONS[i] for i in inside)
        rows.append((config.neighbourhood_code(hood), hood, "neighbourhood", VINTAGE, count, population))
    total = (sum(WARD_COUNTS), sum(WARD_POPULATIONS))
    rows.append((config.TRAFFORD_CODE, config.TRAFFORD_NAME, "borough", "", *total))
    rows.append((config.ENGLAND_CODE, config.ENGLAND_NAME, "country", "", *ENGLAND))
    return rows


def _row(code: str, name: str, level: str, vintage: str, indicator_id: str, **fields: Any) -> dict[str, Any]:
    blank = {column: np.nan for column in ("value", "count", "denominator")} | {
        f"{side}_ci_{level_}": np.nan for side in ("lower", "upper") for level_ in ("95", "998")
    }
    return (
        {"area_code": code, "area_name": name, "level": level, "vintage": vintage}
        | {"indicator_id": indicator_id, "period": PERIOD, "year": int(PERIOD), "sex": "Persons"}
        | {"age": "All ages", "significance_england": None, "value_note": "", "approximate": False}
        | {"suppressed": False, "source_key": SOURCE_KEY}
        | blank
        | fields
    )


def _with_interval(indicator_id: str, method: Any, multiplier: float) -> list[dict[str, Any]]:
    rows = []
    for code, name, level, vintage, count, denominator in _counts_by_area():
        low95, high95 = method(count, denominator, 0.95, multiplier)
        low998, high998 = method(count, denominator, 0.998, multiplier)
        rows.append(
            _row(code, name, level, vintage, indicator_id, count=count, denominator=denominator)
            | {"value": count / denominator * multiplier, "lower_ci_95": float(low95)}
            | {"upper_ci_95": float(high95), "lower_ci_998": float(low998), "upper_ci_998": float(high998)}
        )
    return rows


def values() -> pd.DataFrame:
    """One row per area and indicator (the ward-only indicator at wards only)."""
    rows = _with_interval(PROPORTION, stats.wilson_ci, 100.0) + _with_interval(RATE, rates.byar_ci, 1000.0)
    for code, name, level, vintage, *_ in _counts_by_area():
        rows.append(_row(code, name, level, vintage, LABEL_ONLY, value_note=PUBLISHED_LABEL))
        suppressed = level in {"ward", "neighbourhood"}
        rows.append(
            _row(code, name, level, vintage, SUPPRESSED, suppressed=suppressed)
            | (
                {"value_note": SUPPRESSED_NOTE}
                if suppressed
                else {"value": 30.0 if level == "borough" else 80.0}
            )
        )
    for index, (code, name, _) in enumerate(WARDS):
        rows.append(_row(code, name, "ward", VINTAGE, WARD_ONLY, value=10.0 + index))
    return schema.IndicatorValues.validate(pd.DataFrame(rows))


def catalogue(table: pd.DataFrame) -> pd.DataFrame:
    """The catalogue rows of the synthetic indicators, with their decimal places as the build adds them."""
    common = {
        "priority": "Health and wellbeing",
        "theme": "health",
        "ward_vintages": VINTAGE,
        "period": PERIOD,
        "source": "Synthetic test data",
        "licence": "OGL-UK-3.0",
        "attribution": "Synthetic data made for the tests.",
        "published": "2023-01-19",
        "fingertips_id": "",
    }
    kinds = {
        PROPORTION: ("proportion", "%", 100.0, "wilson", "ratio_of_sums", "lower_is_better", "Prevention"),
        RATE: ("rate", "per 1,000", 1000.0, "byar", "ratio_of_sums", "lower_is_better", "Urgent Care"),
        LABEL_ONLY: ("score", "score", 1.0, "published", "none", "no_judgement", "Planned Care"),
        SUPPRESSED: ("count", "people", 1.0, "none", "sum", "lower_is_better", "Mental Health"),
        WARD_ONLY: ("score", "score", 1.0, "none", "none", "higher_is_better", ""),
    }
    rows = []
    for indicator_id, (value_type, unit, multiplier, ci, aggregation, polarity, pillar) in kinds.items():
        levels = sorted(set(table.loc[table["indicator_id"] == indicator_id, "level"]))
        rows.append(
            {"indicator_id": indicator_id, "title": indicator_id.replace("_", " ").capitalize()}
            | {"definition": f"A synthetic {value_type} for the tests.", "pillars": pillar or None}
            | {"polarity": polarity, "value_type": value_type, "unit": unit, "multiplier": multiplier}
            | {"ci_method": ci, "aggregation": aggregation, "levels": ";".join(levels)}
            | common
        )
    indicators = schema.Catalogue.validate(pd.DataFrame(rows))
    return schema.StoreCatalogue.validate(precision.with_decimals(indicators, table))


def services() -> pd.DataFrame:
    row = {"service_type": "gp_practice", "name": "Alpha Surgery", "address": "1 High Street"}
    row |= {"postcode": "M41 0AA", "lon": -2.35, "lat": 53.45, "ward_code": WARDS[0][0]}
    row |= {"neighbourhood": WARDS[0][2], "list_size": 5000.0, "detail": None, "source_key": SOURCE_KEY}
    return schema.Services.validate(pd.DataFrame([row]))


def peer_groups() -> pd.DataFrame:
    frame = pd.DataFrame({"group_id": ["gm"], "area_code": [config.TRAFFORD_CODE], "area_name": ["Trafford"]})
    return schema.PeerGroups.validate(frame)


def ward_map() -> dict[str, Any]:
    """The wards as small squares side by side: the store's ``maps/ward_<vintage>.geojson``."""
    features = []
    for index, (code, name, hood) in enumerate(WARDS):
        west, south = -2.40 + 0.02 * index, 53.42
        ring = [[west, south], [west + 0.02, south], [west + 0.02, south + 0.02], [west, south + 0.02]]
        features.append(
            {"type": "Feature", "properties": {"area_code": code, "area_name": name, "neighbourhood": hood}}
            | {"geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}}
        )
    return {"type": "FeatureCollection", "features": features}


def write_tables(staging: Path, *_: Any) -> int:
    """Write the synthetic tables and manifest into ``staging`` (the build's pipeline step)."""
    table = values()
    order = ["indicator_id", "level", "vintage", "area_code", "period", "sex", "age"]
    table.sort_values(order).to_parquet(staging / reader.VALUES_FILE, index=False)
    areas().to_parquet(staging / reader.AREAS_FILE, index=False)
    services().to_parquet(staging / reader.SERVICES_FILE, index=False)
    peer_groups().to_parquet(staging / reader.PEER_GROUPS_FILE, index=False)
    catalogue(table).to_parquet(staging / reader.CATALOGUE_FILE, index=False)
    synthetic_payments.write(staging)
    (staging / "maps").mkdir()
    (staging / "maps" / f"ward_{VINTAGE}.geojson").write_text(json.dumps(ward_map()), encoding="utf-8")
    manifest = {
        "schema_version": config.STORE_SCHEMA_VERSION,
        "version": trafford_dash.__version__,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "fingerprint": build.fingerprint(),
        "source_count": 0,
        "sources": {},
        "rows": {"values": len(table), "areas": len(areas()), "services": len(services())},
        "suppressed": {"primary": int(table["suppressed"].sum()), "secondary": 0},
        "catalogue_coverage_problems": [],
    }
    (staging / reader.MANIFEST_FILE).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return len(table)


def build_synthetic_store(directory: Path) -> Path:
    """Build the synthetic store into ``directory`` through the real build; returns the directory."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "_build_into", write_tables)
        build.build(directory=directory, force=True, progress=lambda fraction, message: None)
    return directory
