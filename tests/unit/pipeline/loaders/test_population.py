"""Mid-year population estimates loader: reshaping, totals checks and the real files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from trafford_dash.pipeline import sources
from trafford_dash.pipeline.loaders import population

YEARS_2020 = [str(age) for age in range(90)] + ["90"]


def _row(code: str, sex: str, ages: dict[int, int]) -> dict[str, object]:
    """One wide row in the 2020 layout (``gender``, oldest column ``90``) with consistent totals."""
    single = {label: ages.get(i, 0) for i, label in enumerate(YEARS_2020)}
    values = list(single.values())
    return {
        "period": "2020-06-30",
        "area_code": code,
        "area_name": f"Ward {code}",
        "geography": "Electoral ward",
        "gender": sex,
        "all_ages": sum(values),
        "aged_0_to_15": sum(values[:16]),
        "aged_16_to_64": sum(values[16:65]),
        "aged_65_and_over": sum(values[65:]),
        **single,
    }


def _tiny(tmp_path: Path, **overrides: int) -> Path:
    male = {0: 3, 15: 2, 16: 4, 64: 1, 65: 5, 90: 7}
    female = {1: 1, 20: 6, 89: 2, 90: 4}
    both = {age: male.get(age, 0) + female.get(age, 0) for age in set(male) | set(female)}
    rows = [
        _row("E05000819", "Persons", both),
        _row("E05000819", "Males", male),
        _row("E05000819", "Females", female),
    ]
    rows[0].update(overrides)
    path = tmp_path / "tiny.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_read_normalises_sex_and_the_oldest_age(tmp_path: Path) -> None:
    wide = population.read_estimates(_tiny(tmp_path))
    assert list(wide["sex"]) == ["Persons", "Male", "Female"]
    assert "90+" in wide.columns and "90" not in wide.columns
    assert wide.loc[wide["sex"] == "Male", "90+"].item() == 7
    population.check_totals(wide, "tiny")


def test_to_long_labels_every_age_and_keeps_counts(tmp_path: Path) -> None:
    wide = population.read_estimates(_tiny(tmp_path))
    long = population.to_long(wide)
    assert len(long) == 3 * 95
    ages = list(long.loc[long["sex"] == "Persons", "age"])
    assert ages[:4] == ["All ages", "0-15", "16-64", "65+"]
    assert ages[4:] == [str(age) for age in range(90)] + ["90+"]
    persons = long[long["sex"] == "Persons"].set_index("age")["value"]
    assert persons["All ages"] == 35
    assert persons["0-15"] == 6
    assert persons["16-64"] == 11
    assert persons["65+"] == 18
    assert persons["90+"] == 11
    assert (long["value"] == long["count"]).all()


def test_all_ages_must_equal_the_sum_of_single_years(tmp_path: Path) -> None:
    wide = population.read_estimates(_tiny(tmp_path, all_ages=36))
    with pytest.raises(ValueError, match="All ages"):
        population.check_totals(wide, "tiny")


def test_bands_must_equal_their_single_years(tmp_path: Path) -> None:
    wide = population.read_estimates(_tiny(tmp_path, aged_16_to_64=10))
    with pytest.raises(ValueError, match="16-64"):
        population.check_totals(wide, "tiny")


def test_persons_must_equal_males_plus_females(tmp_path: Path) -> None:
    path = _tiny(tmp_path)
    frame = pd.read_csv(path)
    frame.loc[1, ["0", "all_ages", "aged_0_to_15"]] += 1  # males self-consistent, persons no longer
    frame.to_csv(path, index=False)
    wide = population.read_estimates(path)
    with pytest.raises(ValueError, match="males plus females"):
        population.check_totals(wide, "tiny")


def test_unknown_sex_label_fails(tmp_path: Path) -> None:
    path = _tiny(tmp_path)
    frame = pd.read_csv(path)
    frame.loc[2, "gender"] = "F"
    frame.to_csv(path, index=False)
    with pytest.raises(ValueError, match="sex labels"):
        population.read_estimates(path)


def test_source_keys_are_registered() -> None:
    registered = sources.registry()
    assert [key for key in population.SOURCE_KEYS if key not in registered] == []
    assert len(population.SOURCE_KEYS) == 7


# --- the real mirrored files ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def values(mirror: Path) -> pd.DataFrame:
    paths = {key: sources.fetch(sources.get(key), mirror=mirror) for key in population.SOURCE_KEYS}
    return population.load(paths)


def test_real_load_covers_every_level_and_vintage(values: pd.DataFrame) -> None:
    """``load`` has already validated against the values schema; check what it covers."""
    assert set(values["indicator_id"]) == {"population"}
    coverage = values.groupby(["period", "level", "vintage"])["area_code"].nunique().to_dict()
    assert coverage == {
        ("2020-06-30", "borough", ""): 1,
        ("2020-06-30", "msoa", "2011"): 28,
        ("2020-06-30", "ward", "2022"): 21,
        ("2024-06-30", "borough", ""): 1,
        ("2024-06-30", "lsoa", "2021"): 139,
        ("2024-06-30", "msoa", "2021"): 28,
        ("2024-06-30", "ward", "2023"): 21,
    }
    assert set(values["sex"]) == {"Persons", "Male", "Female"}
    assert values.groupby(["area_code", "level", "vintage", "period", "sex"]).size().eq(95).all()
    assert set(values["year"].astype(int)) == {2020, 2024}
    assert values["denominator"].isna().all()
    assert (values["value"] == values["count"]).all()


@pytest.mark.parametrize(
    ("period", "vintage", "total"), [("2020-06-30", "2022", 237579), ("2024-06-30", "2023", 241025)]
)
def test_real_trafford_equals_the_sum_of_its_wards(
    values: pd.DataFrame, period: str, vintage: str, total: int
) -> None:
    """Trafford's estimate equals the sum of the 21 wards of the matching vintage, for every sex and age."""
    rows = values[values["period"] == period]
    wards = rows[(rows["level"] == "ward") & (rows["vintage"] == vintage)]
    assert wards["area_code"].nunique() == 21
    summed = wards.groupby(["sex", "age"])["value"].sum()
    trafford = rows[rows["level"] == "borough"].set_index(["sex", "age"])["value"]
    pd.testing.assert_series_equal(summed.sort_index(), trafford.sort_index(), check_names=False)
    assert trafford[("Persons", "All ages")] == total
