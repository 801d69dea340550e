"""The census categories table: every area's categories add up, parents are the sums of their parts,
and only the May-2023 best fit is approximate."""

from __future__ import annotations

import pandas as pd
import pytest

from trafford_dash.core import config
from trafford_dash.pipeline import census_categories
from trafford_dash.store import reader, schema


@pytest.fixture(scope="module")
def categories(built_store: None) -> pd.DataFrame:
    return reader.load_census_categories()


def test_the_table_is_valid_and_covers_every_topic(categories: pd.DataFrame) -> None:
    schema.CensusCategories.validate(categories)
    assert list(categories.columns) == census_categories.COLUMNS
    topics = {topic.stem for topic in census_categories.TOPICS}
    assert set(categories["topic"]) == topics
    trafford = categories[categories["level"] == "borough"]
    assert set(trafford["topic"]) == topics and set(trafford["area_code"]) == {config.TRAFFORD_CODE}
    assert (categories["approximate"] == (categories["vintage"] == "2023")).all()


def test_neighbourhoods_are_the_sums_of_their_wards(categories: pd.DataFrame) -> None:
    wards = pd.read_csv(config.DATA_DIR / "ward_neighbourhoods.csv", dtype=str)
    for vintage in ("2022", "2023"):
        members = wards[wards["vintage"] == vintage]
        ward_rows = categories[(categories["level"] == "ward") & (categories["vintage"] == vintage)]
        joined = ward_rows.merge(members, left_on="area_code", right_on="ward_code")
        summed = joined.groupby(["topic", "neighbourhood", "category"])["count"].sum()
        nbh = categories[(categories["level"] == "neighbourhood") & (categories["vintage"] == vintage)]
        shown = nbh.set_index(["topic", "area_name", "category"])["count"]
        shown.index = shown.index.set_names(summed.index.names)
        pd.testing.assert_series_equal(shown.sort_index(), summed.sort_index(), check_names=False)


def test_greater_manchester_is_the_sum_of_the_ten_boroughs(categories: pd.DataFrame) -> None:
    boroughs = categories[categories["level"].isin(["borough", "local_authority"])]
    assert set(boroughs["area_code"]) == set(config.GM_BOROUGH_CODES)
    summed = boroughs.groupby(["topic", "category"])["count"].sum()
    gm = categories[categories["level"] == "region"].set_index(["topic", "category"])["count"]
    pd.testing.assert_series_equal(gm.sort_index(), summed.sort_index(), check_names=False)


def test_msoa_only_tables_have_no_ward_rows(categories: pd.DataFrame) -> None:
    sogi = categories[categories["topic"].isin(["sexual_orientation", "gender_identity"])]
    assert set(sogi["level"]) == {"borough", "local_authority", "region"}
    veterans = categories[categories["topic"] == "armed_forces_veterans_person"]
    assert set(veterans.loc[veterans["level"] == "ward", "vintage"]) == {"2022"}


def test_a_missing_part_is_refused() -> None:
    counts = pd.DataFrame({"area_code": ["W1"], "category": ["a"], "value": [3.0]})
    membership = pd.DataFrame(
        {
            "child_code": ["W1", "W2"],
            "parent_code": "N",
            "parent_name": "North",
            "parent_level": "neighbourhood",
            "parent_vintage": "2022",
        }
    )
    with pytest.raises(ValueError, match="lack some of their parts"):
        census_categories._summed(counts, membership, "key")
