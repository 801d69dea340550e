"""Side by side: areas of any kind in one table, significance by interval overlap with the reference."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.value_rows import census_meta, value_row
from trafford_dash.compare import side
from trafford_dash.compare.side import AreaKey
from trafford_dash.core import config, significance
from trafford_dash.store import reader

CATALOGUE = pd.DataFrame(
    [
        census_meta("bad_health", "Bad health", theme="health"),
        census_meta("owners", "Owner occupied", theme="housing", polarity="no_judgement"),
    ]
)
TRAFFORD = AreaKey(config.TRAFFORD_CODE, "borough", "", config.TRAFFORD_CODE, "Trafford")
NORTH = AreaKey("nbh_north_2022", "neighbourhood", "2022", "nbh_north", "North")
NORTH_NEW = AreaKey("nbh_north_2023", "neighbourhood", "2023", "nbh_north", "North (2023)")
WARD = AreaKey("W1", "ward", "2022", "W1", "Ward one")


def row(
    area: AreaKey, indicator: str, value: float, lower: float, upper: float, period: str = "2021"
) -> dict:
    return value_row(
        area_code=area.code,
        area_name=area.label,
        level=area.level,
        vintage=area.vintage,
        indicator_id=indicator,
        period=period,
        year=int(period[:4]),
        value=value,
        lower_ci_95=lower,
        upper_ci_95=upper,
        lower_ci_998=lower - 1,
        upper_ci_998=upper + 1,
    )


@pytest.fixture()
def values() -> pd.DataFrame:
    return pd.DataFrame(
        [
            row(TRAFFORD, "bad_health", 5.0, 4.8, 5.2),
            row(NORTH, "bad_health", 7.0, 6.5, 7.5),
            row(NORTH_NEW, "bad_health", 7.1, 6.6, 7.6),
            row(WARD, "bad_health", 5.1, 4.0, 6.0),
            row(TRAFFORD, "owners", 60.0, 59.0, 61.0),
            row(NORTH, "owners", 40.0, 38.0, 42.0, period="2011"),
        ]
    )


def test_interval_overlap_with_the_reference(values) -> None:
    result = side.side_by_side(values, [NORTH, WARD], TRAFFORD, CATALOGUE)
    assert result.refusal is None
    long = result.long.set_index(["indicator_id", "area_key"])
    assert long.loc[("bad_health", NORTH.key), "significance"] == "Worse"
    assert long.loc[("bad_health", WARD.key), "significance"] == "Similar"
    assert long.loc[("bad_health", TRAFFORD.key), "badge"] == "reference"
    assert long.loc[("owners", NORTH.key), "significance"] == "Not compared"
    assert "Different period" in long.loc[("owners", NORTH.key), "significance_method"]
    assert list(result.wide.columns) == ["Theme", "Indicator", "Period", "Trafford", "North", "Ward one"]
    owners = result.wide.set_index("Indicator").loc["Owner occupied"]
    assert owners["Period"] == "2021" and owners["Trafford"] == "60.0%"
    assert owners["North"] == "40.0% [2011]  ○ Not compared" and owners["Ward one"] == "no data"
    assert result.counts["North"] == {"Worse": 1, "Not compared": 1}
    sentence = side.summary(result, TRAFFORD)
    assert "North: 1 worse" in sentence and "Ward one: 1 similar" in sentence


def test_labels_equal_the_comparison_module(values) -> None:
    result = side.side_by_side(values, [NORTH, WARD], TRAFFORD, CATALOGUE, confidence="99.8")
    reference = significance.comparator_row(
        values[values["area_code"] == config.TRAFFORD_CODE], config.TRAFFORD_CODE, "2021"
    )
    for key in (NORTH.key, WARD.key):
        shown = result.long[(result.long["area_key"] == key) & (result.long["indicator_id"] == "bad_health")]
        expected = significance.significance_against(
            shown.drop(columns=["significance", "significance_method", "badge"]),
            reference,
            "lower_is_better",
            "99.8",
            treat_comparator_as_point=False,
        )
        assert shown["significance"].tolist() == expected["significance"].tolist()


def test_neighbourhood_vintages_are_separate_areas_and_theme_filter(values) -> None:
    result = side.side_by_side(values, [NORTH, NORTH_NEW], TRAFFORD, CATALOGUE, theme="health")
    assert set(result.long["area_key"]) == {TRAFFORD.key, NORTH.key, NORTH_NEW.key}
    assert set(result.long["indicator_id"]) == {"bad_health"}


def test_refusals(values) -> None:
    assert side.side_by_side(values, [TRAFFORD], TRAFFORD, CATALOGUE).refusal
    lonely = AreaKey("X", "ward", "2022", "X", "Nowhere")
    assert "None of the indicators" in (
        side.side_by_side(values, [lonely], NORTH_NEW, CATALOGUE).refusal or ""
    )


def test_export_has_provenance_and_neutralises_formulas(values) -> None:
    from trafford_dash.store import export

    values.loc[0, "value_note"] = "=cmd()"
    result = side.side_by_side(values, [NORTH], TRAFFORD, CATALOGUE)
    frame = side.export_frame(result, "95")
    assert {"period", "source", "licence", "significance", "reference", "confidence"} <= set(frame.columns)
    assert "'=cmd()" in export.to_csv(frame)


def test_options_and_keys(built_store: None) -> None:
    options = {a.key: a for a in side.area_options(reader.load_table("areas"))}
    assert len(options) == 3 + 8 + 42
    assert options["nbh_south_2023"].vintage == "2023"
    assert [a.key for a in side.keys_to_areas(["E08000009", "bad", "nbh_west_2022"], options)] == [
        "E08000009",
        "nbh_west_2022",
    ]


@pytest.mark.store
def test_built_store_labels_match_comparison_for_every_row(built_store: None) -> None:
    """Every compared cell on the real store equals comparison.significance_against on the same rows."""
    options = {a.key: a for a in side.area_options(reader.load_table("areas"))}
    catalogue = reader.load_table("catalogue").set_index("indicator_id")
    for keys, reference_key in (
        (["nbh_north_2022", "nbh_south_2022", "E92000001"], "E08000009"),
        (["E05000829", "E05000833", "nbh_west_2022"], "nbh_west_2022"),
        (["E08000009", "E47000001"], "E92000001"),
    ):
        chosen = [options[k] for k in keys]
        reference = options[reference_key]
        values = reader.load_values(area_code=[a.code for a in [reference, *chosen]])
        result = side.side_by_side(values, chosen, reference, catalogue.reset_index())
        assert result.refusal is None and len(result.wide) > 10
        compared = result.long[(result.long["area_key"] != reference.key) & ~result.long["different_period"]]
        ref_rows = result.long[result.long["area_key"] == reference.key]
        checked = 0
        for record in compared.to_dict("records"):
            ref = ref_rows[ref_rows["indicator_id"] == record["indicator_id"]]
            comp = (
                None
                if ref.empty
                else significance.comparator_row(
                    ref, reference.code, record["period"], record["sex"], record["age"]
                )
            )
            expected = significance.significance_against(
                pd.DataFrame([record]).drop(columns=["significance", "significance_method", "badge"]),
                comp,
                str(catalogue.loc[record["indicator_id"], "polarity"]),
                "95",
                treat_comparator_as_point=False,
            )["significance"].iloc[0]
            assert record["significance"] == expected, record["indicator_id"]
            checked += 1
        assert checked > 10
