"""The Census 2021 topic definitions: every category accounted for, universes right, catalogue rows that
say what each indicator is and where it exists."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from trafford_dash.pipeline import sources
from trafford_dash.pipeline.loaders import census
from trafford_dash.pipeline.loaders.census_topics import GROUPS, LSOA, TOPICS, WARD, Topic
from trafford_dash.store import catalogue

FIXED_COLUMNS = {"area_code", "area_name", "geography", "period", "indicator", "measure", "unit", "value"}
TRAFFORD = "E08000009"
# Trafford's published total for each universe (Census 2021), which every table of it must share.
UNIVERSES = {
    "usual residents": 235_054,
    "usual residents aged 3 and over": 227_383,
    "usual residents aged 5 and over": 221_585,
    "usual residents aged 16 and over": 186_151,
    "usual residents aged 16 and over in employment the week before the census": 111_558,
    "households": 96_268,
}


def test_topics_are_unique_and_each_indicator_is_built_from_its_own_categories() -> None:
    stems = [topic.stem for topic in TOPICS]
    ids = [indicator for topic in TOPICS for indicator in topic.indicators]
    assert len(stems) == len(set(stems)) and len(ids) == len(set(ids))
    for topic in TOPICS:
        assert len(set(topic.categories)) == len(topic.categories), topic.stem
        assert set(topic.subtotals) <= set(topic.categories), topic.stem
        assert topic.group in GROUPS and topic.table.startswith("TS") and topic.universe in UNIVERSES
        for indicator, chosen in topic.indicators.items():
            assert chosen and set(chosen) <= set(topic.parts), indicator
            assert set(chosen) != set(topic.parts), f"{indicator} would always be 100%"


def _file_categories(path: Path, column: str) -> list[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(dict.fromkeys(row[column].strip() for row in csv.DictReader(handle)))


@pytest.mark.parametrize("topic", TOPICS, ids=lambda topic: topic.stem)
def test_every_category_of_every_file_is_accounted_for(mirror: Path, topic: Topic) -> None:
    for key in [topic.key(g.suffix) for g in topic.geographies] + [topic.key("la_gm")]:
        path = sources.fetch(sources.get(key), mirror=mirror)
        with open(path, newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert set(header) - FIXED_COLUMNS <= {topic.category_column}, key
        assert _file_categories(path, topic.category_column) == list(topic.categories), key


@pytest.mark.parametrize("topic", TOPICS, ids=lambda topic: topic.stem)
def test_the_denominator_is_the_tables_universe(mirror: Path, topic: Topic) -> None:
    """Trafford's total over the table's mutually exclusive categories is the universe's published size
    (to within ONS's perturbation of a few people); subtotal rows would double count."""
    path = sources.fetch(sources.get(topic.key("la_gm")), mirror=mirror)
    counts = census.read_topic(topic, {topic.key("la_gm"): path}, "la_gm")
    total = counts.loc[counts["area_code"] == TRAFFORD, "value"].sum()
    assert abs(total - UNIVERSES[topic.universe]) <= 6, (topic.stem, total)
    if topic.subtotals:
        raw = census.read_categories(path, topic.category_column, topic.categories)
        assert raw.loc[raw["area_code"] == TRAFFORD, "value"].sum() > total + 1000


def test_catalogue_rows_name_the_table_universe_and_where_each_indicator_exists() -> None:
    rows = catalogue.load_catalogue().set_index("indicator_id")
    for topic in TOPICS:
        levels = {g.level for g in topic.geographies}
        for indicator in topic.indicators:
            row = rows.loc[indicator]
            assert row["value_type"] == "proportion" and row["ci_method"] == "wilson", indicator
            assert row["aggregation"] == "ratio_of_sums" and row["period"] == "2021", indicator
            assert topic.table in str(row["source"]), indicator
            if not indicator.startswith("census_"):
                continue  # the health indicators came first and name their table in the source only
            assert topic.table in row["definition"] and topic.universe in row["definition"], indicator
            expected = (
                "2022;2023" if LSOA in topic.geographies else "2022" if WARD in topic.geographies else ""
            )
            assert row["ward_vintages"] == expected, indicator
            listed = set(catalogue.split_list(row["levels"]))
            assert ("ward" in listed) == (WARD in topic.geographies), indicator
            assert levels | {"borough", "local_authority", "region"} <= listed, indicator


def test_descriptive_shares_judge_no_direction() -> None:
    rows = catalogue.load_catalogue().set_index("indicator_id")
    descriptive = [
        i
        for t in TOPICS
        if t.stem
        in {"population_ethnic_group", "population_religion", "population_national_identity_uk_focus"}
        for i in t.indicators
    ]
    assert (rows.loc[descriptive, "polarity"] == "no_judgement").all()
    assert rows.loc["census_overcrowded_bedrooms", "polarity"] == "lower_is_better"
