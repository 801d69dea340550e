"""Census 2021 loader: category sums, denominators, Greater Manchester totals, and the real files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from trafford_dash.core import config
from trafford_dash.pipeline import sources
from trafford_dash.pipeline.loaders import census
from trafford_dash.store import schema

HEALTH = next(topic for topic in census.TOPICS if topic.stem == "general_health")
HEADER = "area_code,area_name,geography,period,indicator,general_health,measure,unit,value\n"


def _counts(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"area_code": code, "area_name": code, "category": cat, "value": n} for code, cat, n in rows]
    )


def _health_csv(path: Path, counts: dict[str, dict[str, int]], measure: str = "Count") -> Path:
    lines = [HEADER]
    for code, by_category in counts.items():
        for category, value in by_category.items():
            lines.append(
                f"{code},Ward {code},Electoral ward,2021-03-21,text,{category},{measure},Persons,{value}\n"
            )
    path.write_text("".join(lines))
    return path


def _full_health(bad: int = 2, very_bad: int = 1) -> dict[str, int]:
    return {
        "Very good health": 50,
        "Good health": 30,
        "Fair health": 17,
        "Bad health": bad,
        "Very bad health": very_bad,
    }


# --- tiny frames -------------------------------------------------------------------------------


def test_shares_sum_categories_over_all_categories() -> None:
    counts = _counts(
        [
            ("A", "x", 10),
            ("A", "y", 30),
            ("A", "z", 60),
            ("B", "x", 0),
            ("B", "y", 5),
            ("B", "z", 15),
        ]
    )
    out = census.shares(counts, {"xy": ("x", "y"), "z_only": ("z",)}).set_index(["area_code", "indicator_id"])
    assert out.loc[("A", "xy"), "count"] == 40
    assert out.loc[("A", "xy"), "denominator"] == 100
    assert out.loc[("A", "xy"), "value"] == pytest.approx(40.0)
    assert out.loc[("B", "xy"), "value"] == pytest.approx(25.0)
    assert out.loc[("B", "z_only"), "count"] == 15
    assert out.loc[("B", "z_only"), "denominator"] == 20
    assert out.loc[("B", "z_only"), "value"] == pytest.approx(75.0)


def test_shares_refuses_a_category_that_is_not_there() -> None:
    counts = _counts([("A", "x", 1), ("A", "y", 2)])
    with pytest.raises(ValueError, match="not in the data"):
        census.shares(counts, {"bad": ("x", "missing")})


def test_region_is_the_exact_sum_of_the_ten_boroughs() -> None:
    rows = []
    for i, code in enumerate(config.GM_BOROUGH_CODES, start=1):
        rows += [(code, "yes", i), (code, "no", 100 * i)]
    gm = census.region_counts(_counts(rows))
    assert set(gm["area_code"]) == {config.GM_CODE}
    by_category = gm.set_index("category")["value"]
    assert by_category["yes"] == sum(range(1, 11))
    assert by_category["no"] == 100 * sum(range(1, 11))
    share = census.shares(gm, {"yes": ("yes",)}).iloc[0]
    assert share["count"] == 55
    assert share["denominator"] == 55 + 5500
    assert share["value"] == pytest.approx(55 / 5555 * 100)


def test_region_refuses_a_missing_borough() -> None:
    rows = [(code, "yes", 1) for code in config.GM_BOROUGH_CODES[:9]]
    with pytest.raises(ValueError, match="all ten boroughs"):
        census.region_counts(_counts(rows))


def test_read_categories_accepts_a_complete_file(tmp_path: Path) -> None:
    path = _health_csv(tmp_path / "ok.csv", {"E05000001": _full_health(), "E05000002": _full_health(4, 0)})
    frame = census.read_categories(path, HEALTH.category_column, HEALTH.categories)
    out = census.shares(frame, HEALTH.indicators).set_index(["area_code", "indicator_id"])
    assert out.loc[("E05000001", "bad_health"), "count"] == 3
    assert out.loc[("E05000001", "bad_health"), "denominator"] == 100
    assert out.loc[("E05000002", "good_health"), "value"] == pytest.approx(80 / 101 * 100)


def test_read_categories_fails_when_a_label_changes(tmp_path: Path) -> None:
    renamed = _full_health()
    renamed["Very bad"] = renamed.pop("Very bad health")
    path = _health_csv(tmp_path / "renamed.csv", {"E05000001": renamed})
    with pytest.raises(ValueError, match="categories changed"):
        census.read_categories(path, HEALTH.category_column, HEALTH.categories)


def test_read_categories_fails_when_an_area_lacks_a_category(tmp_path: Path) -> None:
    short = _full_health()
    del short["Fair health"]
    path = _health_csv(tmp_path / "short.csv", {"E05000001": _full_health(), "E05000002": short})
    with pytest.raises(ValueError, match="lack a category"):
        census.read_categories(path, HEALTH.category_column, HEALTH.categories)


def test_read_categories_checks_the_measure(tmp_path: Path) -> None:
    path = _health_csv(tmp_path / "pct.csv", {"E05000001": _full_health()}, measure="Percentage")
    with pytest.raises(ValueError, match="measure"):
        census.read_categories(path, HEALTH.category_column, HEALTH.categories)


def test_standardised_values_sum_and_round() -> None:
    percentages = _counts([("E08000009", "a", 0), ("E08000009", "b", 0)]).astype({"value": float})
    percentages["value"] = [4.3, 1.2]
    out = census.standardised_values(percentages, {"ab": ("a", "b"), "a_only": ("a",)})
    values = out.set_index("indicator_id")["value"]
    assert values["ab"] == 5.5
    assert values["a_only"] == 4.3
    notes = out.set_index("indicator_id")["value_note"]
    assert "Sum of the published" in notes["ab"]
    assert "Sum of the published" not in notes["a_only"]


def test_source_keys_are_registered() -> None:
    registered = sources.registry()
    assert [key for key in census.SOURCE_KEYS if key not in registered] == []
    assert len(census.SOURCE_KEYS) == len(set(census.SOURCE_KEYS))
    health = [key for key in census.SOURCE_KEYS if "/health_disability_unpaid_care/" in key]
    assert len(health) == 19


# --- the real mirrored files ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def values(mirror: Path) -> pd.DataFrame:
    paths = {key: sources.fetch(sources.get(key), mirror=mirror) for key in census.SOURCE_KEYS}
    return census.load(paths)


COUNT_IDS = [
    "bad_health",
    "good_health",
    "disability",
    "disability_limited_a_lot",
    "unpaid_care",
    "unpaid_care_50_hours",
    "households_with_disabled_person",
]
STANDARDISED_IDS = [
    "bad_health_age_standardised",
    "good_health_age_standardised",
    "disability_age_standardised",
    "disability_limited_a_lot_age_standardised",
    "unpaid_care_age_standardised",
    "unpaid_care_50_hours_age_standardised",
]


def test_real_load_is_valid_and_covers_every_level(values: pd.DataFrame) -> None:
    schema.IndicatorValues.validate(values)
    ids = set(values["indicator_id"])
    assert set(COUNT_IDS + STANDARDISED_IDS) <= ids
    assert ids - set(COUNT_IDS + STANDARDISED_IDS) == {i for t in census.TOPICS[4:] for i in t.indicators}
    assert set(values["period"]) == {"2021"}
    coverage = values.groupby(["indicator_id", "level", "vintage"])["area_code"].nunique()
    for indicator_id in COUNT_IDS:
        assert coverage[(indicator_id, "ward", "2022")] == 21
        assert coverage[(indicator_id, "lsoa", "2021")] == 139
        assert coverage[(indicator_id, "msoa", "2021")] == 28
        assert coverage[(indicator_id, "borough", "")] == 1
        assert coverage[(indicator_id, "local_authority", "")] == 9
        assert coverage[(indicator_id, "region", "")] == 1
    for indicator_id in STANDARDISED_IDS:
        levels = set(values.loc[values["indicator_id"] == indicator_id, "level"])
        assert levels == {"borough", "local_authority"}
    counted = values[values["indicator_id"].isin(COUNT_IDS)]
    assert counted["count"].notna().all() and counted["denominator"].notna().all()
    assert (counted["value"] - counted["count"] / counted["denominator"] * 100).abs().max() < 1e-9
    assert values["lower_ci_95"].isna().all()
    standardised = values[values["indicator_id"].isin(STANDARDISED_IDS)]
    assert standardised["count"].isna().all() and standardised["value"].between(0, 100).all()


def test_real_region_is_the_sum_of_the_ten_boroughs(values: pd.DataFrame) -> None:
    counted = values[values["indicator_id"].isin(COUNT_IDS)]
    boroughs = counted[counted["level"].isin(["borough", "local_authority"])]
    assert set(boroughs["area_code"]) == set(config.GM_BOROUGH_CODES)
    summed = boroughs.groupby("indicator_id")[["count", "denominator"]].sum()
    region = counted[counted["level"] == "region"].set_index("indicator_id")[["count", "denominator"]]
    pd.testing.assert_frame_equal(region.sort_index(), summed.sort_index(), check_names=False)
    assert (counted.loc[counted["level"] == "region", "area_code"] == config.GM_CODE).all()


def test_real_wards_add_up_to_trafford_within_census_perturbation(values: pd.DataFrame) -> None:
    """Ward counts match Trafford's published counts to within a few people, not exactly.

    ONS applied cell key perturbation to Census 2021 tables independently at each geography, so
    the 21 ward counts add up to the published Trafford count give or take a handful of people
    (at most 6 in these files). The borough row is the published figure, not the ward sum.
    """
    counted = values[values["indicator_id"].isin(COUNT_IDS)]
    wards = counted[counted["level"] == "ward"].groupby("indicator_id")[["count", "denominator"]].sum()
    trafford = counted[counted["level"] == "borough"].set_index("indicator_id")[["count", "denominator"]]
    difference = (wards - trafford.loc[wards.index]).abs()
    assert (difference <= 10).all().all(), difference
    assert trafford.loc["bad_health", "denominator"] == 235052  # all usual residents, Census 2021
    assert trafford.loc["unpaid_care", "denominator"] == 221585  # usual residents aged 5 and over
    assert trafford.loc["households_with_disabled_person", "denominator"] == 96268  # households
