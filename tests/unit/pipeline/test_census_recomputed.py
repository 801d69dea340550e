"""Census 2021 figures in the built store, recomputed from the raw mirrored files by independent code.

Nothing here imports the census loader or its topic definitions: each expected figure is summed with
the ``csv`` module straight from the published file, with the categories written out below, and
compared with the store's count, denominator, percentage and Wilson interval.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from pathlib import Path

import pytest

from trafford_dash.core import config
from trafford_dash.store import reader

COMMIT = "a33a7d94948399556302a5c2a2d1cbf4ce4878aa"
GM_BOROUGHS = [f"E0800000{n}" for n in range(1, 10)] + ["E08000010"]

# indicator: (file stem, category column, numerator categories, subtotal rows left out of the total)
CASES = {
    "census_no_qualifications": (
        "education/2021_highest_level_qualification",
        "highest_qualification",
        {"No qualifications"},
        set(),
    ),
    "census_cannot_speak_english_well": (
        "language/2021_population_english_proficiency",
        "proficiency",
        {
            "Main language is not English: Cannot speak English well",
            "Main language is not English: Cannot speak English",
        },
        set(),
    ),
    "census_overcrowded_bedrooms": (
        "housing/2021_household_bedroom_occupancy",
        "bedroom_occupancy",
        {"Occupancy rating of bedrooms: -1", "Occupancy rating of bedrooms: -2 or less"},
        set(),
    ),
    "census_no_uk_identity": (
        "national_identity/2021_population_national_identity_uk_focus",
        "national_identity",
        {"Irish only identity", "Other identity only"},
        {"Non-UK identity only", "UK identity and non-UK identity"},
    ),
    "census_unemployed": (
        "labour_market_travel_to_work/2021_economic_activity_status",
        "economic_activity_status",
        {
            "Economically active (excluding full-time students): Unemployed",
            "Economically active and a full-time student: Unemployed",
        },
        set(),
    ),
}


def _file(mirror: Path, stem: str, suffix: str) -> Path:
    return mirror / "traffordDataLab" / "open_data" / COMMIT / "census2021" / f"{stem}_{suffix}.csv"


def _sums(path: Path, column: str, chosen: set[str], subtotals: set[str]) -> dict[str, tuple[float, float]]:
    """Area code → (numerator, total) from one raw file."""
    numerator: dict[str, float] = defaultdict(float)
    total: dict[str, float] = defaultdict(float)
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            category = row[column].strip()
            if category in subtotals:
                continue
            value = float(row["value"])
            total[row["area_code"]] += value
            if category in chosen:
                numerator[row["area_code"]] += value
    return {code: (numerator[code], total[code]) for code in total}


def _wilson(count: float, n: float, z: float = 1.959963984540054) -> tuple[float, float]:
    p = count / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half) * 100, (centre + half) * 100


def _wards_of(neighbourhood: str) -> list[str]:
    with open(config.DATA_DIR / "ward_neighbourhoods.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        row["ward_code"] for row in rows if row["vintage"] == "2022" and row["neighbourhood"] == neighbourhood
    ]


def _stored(indicator: str, level: str, code: str, vintage: str) -> dict[str, float]:
    rows = reader.load_values(indicator_id=indicator, level=level, area_code=code, vintage=vintage)
    assert len(rows) == 1, (indicator, level, code)
    return rows.iloc[0].to_dict()


def _check(stored: dict[str, float], count: float, total: float) -> None:
    assert stored["count"] == count and stored["denominator"] == total
    assert stored["value"] == pytest.approx(count / total * 100, rel=1e-12)
    lower, upper = _wilson(count, total)
    assert stored["lower_ci_95"] == pytest.approx(lower, abs=1e-6)
    assert stored["upper_ci_95"] == pytest.approx(upper, abs=1e-6)


@pytest.mark.parametrize("indicator", sorted(CASES))
def test_ward_neighbourhood_region_and_lsoa_match_the_raw_files(
    mirror: Path, built_store: None, indicator: str
) -> None:
    stem, column, chosen, subtotals = CASES[indicator]

    wards = _sums(_file(mirror, stem, "ward_trafford"), column, chosen, subtotals)
    _check(_stored(indicator, "ward", "E05000819", "2022"), *wards["E05000819"])  # Altrincham

    north = _wards_of("North")
    assert len(north) >= 4
    count = sum(wards[code][0] for code in north)
    total = sum(wards[code][1] for code in north)
    _check(_stored(indicator, "neighbourhood", config.neighbourhood_code("North"), "2022"), count, total)

    boroughs = _sums(_file(mirror, stem, "la_gm"), column, chosen, subtotals)
    assert sorted(boroughs) == sorted(GM_BOROUGHS)
    gm_count = sum(boroughs[code][0] for code in GM_BOROUGHS)
    gm_total = sum(boroughs[code][1] for code in GM_BOROUGHS)
    _check(_stored(indicator, "region", config.GM_CODE, ""), gm_count, gm_total)
    _check(_stored(indicator, "borough", config.TRAFFORD_CODE, ""), *boroughs[config.TRAFFORD_CODE])

    lsoa_file = _file(mirror, stem, "lsoa_trafford")
    if lsoa_file.exists():
        lsoas = _sums(lsoa_file, column, chosen, subtotals)
        first = sorted(lsoas)[0]
        _check(_stored(indicator, "lsoa", first, "2021"), *lsoas[first])
