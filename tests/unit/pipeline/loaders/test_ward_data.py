"""Tests for the ward_data loader: mapping rules on tiny frames, then the real mirrored files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests import published
from trafford_dash.core import config
from trafford_dash.pipeline import age_shares, sources
from trafford_dash.pipeline.loaders import deprivation, ward_data
from trafford_dash.store import schema

WARDS = ["E05000819", "E05000820", "E05000821"]
NAMES = ["Altrincham", "Ashton upon Mersey", "Bowdon"]


def tidy_file(measures: dict[str, list[float]], period: str = "2020-06-30") -> pd.DataFrame:
    """A ward_data-shaped frame for three wards with one block of rows per measure."""
    blocks = [
        pd.DataFrame(
            {
                "area_code": WARDS,
                "area_name": NAMES,
                "indicator": "Test indicator",
                "period": period,
                "measure": measure,
                "unit": "Persons",
                "value": values,
            }
        )
        for measure, values in measures.items()
    ]
    return pd.concat(blocks, ignore_index=True)


def rule(**changes: str) -> dict[str, str]:
    base = {
        "source_key": "ward_data_2022:demographics/data/test.csv",
        "indicator_id": "test_indicator",
        "measure": "Percentage",
        "count_measure": "",
        "denominator_rule": "",
        "sex": "Persons",
        "age": "All ages",
        "skip_reason": "",
    }
    return {**base, **changes}


def test_value_only_rule_takes_the_measure_and_labels_the_ward_rows() -> None:
    raw = tidy_file({"Percentage": [10.0, 20.0, 30.0], "Count": [1.0, 2.0, 3.0]})
    out = ward_data.map_file(raw, rule(age="16+"))
    assert out["value"].tolist() == [10.0, 20.0, 30.0]
    assert out["count"].isna().all() and out["denominator"].isna().all()
    assert set(out["level"]) == {"ward"} and set(out["vintage"]) == {"2022"}
    assert set(out["age"]) == {"16+"}
    assert ward_data.vintage_of("ward_data_2023:health/data/x.csv") == "2023"


def test_population_rule_uses_the_ward_total_of_the_same_period() -> None:
    raw = tidy_file({"Percentage": [10.0, 25.0, 50.0], "Count": [100.0, 50.0, 400.0]})
    population = pd.DataFrame({"area_code": WARDS, "period": "2020-06-30", "value": [1000.0, 200.0, 800.0]})
    out = ward_data.map_file(raw, rule(count_measure="Count", denominator_rule="population"), population)
    assert out["count"].tolist() == [100.0, 50.0, 400.0]
    assert out["denominator"].tolist() == [1000.0, 200.0, 800.0]
    other_period = population.assign(period="2019-06-30")
    with pytest.raises(ValueError, match="no total population"):
        ward_data.map_file(raw, rule(count_measure="Count", denominator_rule="population"), other_period)


def test_derived_rule_rounds_count_over_percentage_and_says_so() -> None:
    raw = tidy_file({"Percent": [6.0, 6.1, 0.0], "Count": [305.0, 251.0, 0.0]})
    out = ward_data.map_file(raw, rule(measure="Percent", count_measure="Count", denominator_rule="derived"))
    assert out["denominator"].iloc[0] == 5083.0  # round(305 * 100 / 6)
    assert out["denominator"].iloc[1] == 4115.0  # round(251 * 100 / 6.1)
    assert np.isnan(out["denominator"].iloc[2])  # 0% gives no denominator
    assert out["value_note"].str.contains("derived from a rounded percentage").all()


def test_standardised_ratio_gets_one_england_row_of_100() -> None:
    raw = tidy_file({"SMR": [96.5, 100.3, 69.2]}, period="2015 - 19")
    out = ward_data.map_file(raw, rule(measure="SMR", indicator_id="test_smr"))
    england = out[out["level"] == "country"]
    assert len(out) == 4 and len(england) == 1
    row = england.iloc[0]
    assert row["area_code"] == config.ENGLAND_CODE and row["value"] == 100.0
    assert row["period"] == "2015 - 19" and row["vintage"] == ""
    assert row["value_note"] == "England = 100 by definition"


def test_missing_values_are_kept_with_a_note_and_best_fit_is_flagged() -> None:
    raw = tidy_file({"Percentage": [10.0, np.nan, 30.0]})
    out = ward_data.map_file(raw, rule(), best_fit=True)
    assert out["value"].isna().sum() == 1
    assert out.loc[out["value"].isna(), "value_note"].str.startswith("No value published").all()
    assert out["value_note"].str.contains("Best-fit ward").all()


def test_unknown_measure_is_an_error() -> None:
    with pytest.raises(ValueError, match="no 'Rate' rows"):
        ward_data.map_file(tidy_file({"Percentage": [1.0, 2.0, 3.0]}), rule(measure="Rate"))


def test_two_files_on_one_id_and_period_are_refused() -> None:
    first = ward_data.map_file(tidy_file({"Percentage": [1.0, 2.0, 3.0]}), rule())
    second = ward_data.map_file(
        tidy_file({"Percentage": [4.0, 5.0, 6.0]}), rule(source_key="ward_data_2022:x/data/other.csv")
    )
    ward_data.check_unique(first)
    with pytest.raises(ValueError, match="duplicated"):
        ward_data.check_unique(pd.concat([first, second]))


def test_mapping_table_checks_its_rules(tmp_path: Path) -> None:
    good = pd.DataFrame([rule()])
    path = tmp_path / "mapping.csv"
    good.to_csv(path, index=False)
    assert len(ward_data.read_mapping(path)) == 1
    for bad, message in [
        (rule(denominator_rule="population"), "needs a count_measure"),
        (rule(denominator_rule="guess", count_measure="Count"), "denominator_rule"),
        (rule(indicator_id="Bad Id"), "snake_case"),
        (rule(sex="Women"), "sex must be"),
    ]:
        pd.DataFrame([bad]).to_csv(path, index=False)
        with pytest.raises(ValueError, match=message):
            ward_data.read_mapping(path)
    pd.DataFrame([rule(), rule()]).to_csv(path, index=False)
    with pytest.raises(ValueError, match="listed twice"):
        ward_data.read_mapping(path)


# --- the real mirrored files ---------------------------------------------------------------


@pytest.fixture(scope="module")
def mapping() -> pd.DataFrame:
    return ward_data.read_mapping()


@pytest.fixture(scope="module")
def values(mirror: Path) -> pd.DataFrame:
    paths = {key: sources.fetch(sources.get(key), mirror=mirror) for key in ward_data.SOURCE_KEYS}
    return ward_data.load(paths)


def test_every_ward_data_file_is_loaded_or_skipped_with_a_reason(mapping: pd.DataFrame) -> None:
    registered = {key for key in sources.registry() if key.startswith("ward_data_") and "/data/" in key}
    assert set(mapping["source_key"]) == registered
    skipped = mapping[mapping["skip_reason"] != ""]
    assert (skipped["skip_reason"].str.len() > 20).all()
    loaded = set(mapping.loc[mapping["skip_reason"] == "", "source_key"])
    assert loaded <= set(ward_data.SOURCE_KEYS)
    assert "ward_data_2023:health/data/general_health_very_bad.csv" not in loaded
    assert "ward_data_2022:demographics/data/total_resident_population.csv" not in loaded


def test_each_deprivation_file_is_loaded_by_exactly_one_module(mapping: pd.DataFrame) -> None:
    theme = mapping[mapping["source_key"].str.contains(":deprivation/data/")]
    by_ward_data = set(theme.loc[theme["skip_reason"] == "", "source_key"])
    by_deprivation = set(deprivation.ward_rules(mapping)["source_key"])
    assert by_ward_data.isdisjoint(by_deprivation)
    assert by_ward_data | by_deprivation == set(theme["source_key"])
    assert len(by_deprivation) == 20


def test_real_load_has_21_wards_per_vintage_per_indicator(values: pd.DataFrame) -> None:
    schema.IndicatorValues.validate(values)
    wards = values[values["level"] == "ward"]
    codes = {
        "2022": {f"E05000{n}" for n in range(819, 840)},
        "2023": {f"E05015{n}" for n in range(239, 260)},
    }
    for (indicator, vintage), group in wards.groupby(["indicator_id", "vintage"]):
        assert set(group["area_code"]) == codes[str(vintage)], (indicator, vintage)
        assert len(group) == 21, (indicator, vintage)
    assert set(values["level"]) == {"ward", "country"}


def test_real_load_counts_denominators_and_england_rows(values: pd.DataFrame) -> None:
    band = values[(values["indicator_id"] == "population_65_plus") & (values["vintage"] == "2023")]
    population = values[values["indicator_id"] == "population"].set_index("area_code")["count"]
    assert (band.set_index("area_code")["denominator"] == population).all()
    assert np.allclose(band["count"] / band["denominator"] * 100, band["value"], atol=0.051)
    england = values[values["level"] == "country"]
    ratios = {i for i in values["indicator_id"] if i.endswith(("_sar", "_smr", "_sir"))}
    assert set(england["indicator_id"]) == ratios and (england["value"] == 100).all()
    assert len(ratios) == 7


def test_ids_owned_by_other_loaders_are_labelled_as_agreed(values: pd.DataFrame) -> None:
    rows = values.drop_duplicates("indicator_id").set_index("indicator_id")
    assert rows.loc["life_expectancy_male", "sex"] == "Male"
    assert rows.loc["healthy_life_expectancy_female", "sex"] == "Female"
    assert rows.loc["bad_health", "period"] == "2011"
    population = values[values["indicator_id"] == "population"]
    assert set(population["vintage"]) == {"2023"} and set(population["period"]) == {"2022-06-30"}
    assert (population["value"] == population["count"]).all()
    assert {"obese_year6", "obese_reception"} <= set(values["indicator_id"])


OWNED_ELSEWHERE = {
    "life_expectancy_male",
    "life_expectancy_female",
    "healthy_life_expectancy_male",
    "healthy_life_expectancy_female",
    "obese_year6",
    "obese_reception",
    "bad_health",
    "population",
}


def check_catalogue_part(part: pd.DataFrame, ids: set[str]) -> None:
    """Shared checks on a catalogue fragment (also used by the deprivation tests)."""
    assert set(published.CATALOGUE_COLUMNS) <= set(part.columns)
    assert part["indicator_id"].is_unique and ids <= set(part["indicator_id"])
    part = part[part["indicator_id"].isin(ids)]
    assert part["polarity"].isin(schema.POLARITIES).all()
    assert part["value_type"].isin(schema.VALUE_TYPES).all()
    assert part["ci_method"].isin(schema.CI_METHODS).all()
    assert part["aggregation"].isin(["sum", "ratio_of_sums", "population_weighted_mean", "none"]).all()
    pillars = [p for cell in part["pillars"] if cell for p in cell.split(";")]
    assert set(pillars) <= set(schema.PILLARS)
    assert (part["definition"].str.len() >= 40).all() and (part["licence"] == "OGL-UK-3.0").all()
    ratios = part[part["value_type"] == "ratio"]
    assert (ratios["polarity"] == "lower_is_better").all() and ratios["unit"].str.contains(
        "England = 100"
    ).all()


def test_catalogue_part_covers_exactly_the_ids_this_loader_owns(values: pd.DataFrame) -> None:
    catalogue = pd.read_csv(config.DATA_DIR / "indicators.csv", dtype=str, keep_default_na=False)
    owned = set(values["indicator_id"]) - OWNED_ELSEWHERE
    check_catalogue_part(catalogue, owned)
    # age shares gain newer periods at build (age_shares.py), so their catalogue period is checked there
    part = catalogue[catalogue["indicator_id"].isin(owned - set(age_shares.SHARES))]
    latest = values.sort_values("year").groupby("indicator_id")["period"].last()
    assert (part.set_index("indicator_id")["period"] == latest.reindex(part["indicator_id"])).all()
