"""A pillar's outcome indicators: Trafford's latest value against England, with the method stated."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from tests import published, value_rows
from trafford_dash.core import config, significance
from trafford_dash.spend import outcomes
from trafford_dash.store import reader


def catalogue_rows() -> pd.DataFrame:
    base = {
        "definition": "A definition long enough.",
        "priority": "",
        "theme": "health",
        "multiplier": 1.0,
        "ci_method": "wilson",
        "aggregation": "none",
        "ward_vintages": "",
        "period": "2023",
        "source": "OHID Fingertips via Trafford Data Lab",
        "licence": "OGL v3.0",
        "attribution": "Contains public sector information",
        "published": "",
        "fingertips_id": "",
    }
    rows = [
        ("smoking", "Smoking", "Prevention", "lower_is_better", "proportion", "%", "borough;country"),
        (
            "screening",
            "Screening",
            "Prevention;Planned Care",
            "higher_is_better",
            "proportion",
            "%",
            "borough;country",
        ),
        ("rank_thing", "A rank", "Prevention", "higher_is_better", "rank", "rank", "borough"),
        ("ward_only", "Ward only", "Prevention", "lower_is_better", "proportion", "%", "ward"),
        ("care", "Care", "Children's Care", "lower_is_better", "rate", "per 10,000", "borough;country"),
    ]
    return pd.DataFrame(
        [
            base
            | dict(
                zip(
                    ["indicator_id", "title", "pillars", "polarity", "value_type", "unit", "levels"],
                    r,
                    strict=True,
                )
            )
            for r in rows
        ]
    )


def value_row(indicator: str, area: str, period: str, value: float, **extra: object) -> dict[str, object]:
    row = value_rows.value_row(
        np.nan,
        area_code=area,
        area_name="Trafford" if area == config.TRAFFORD_CODE else "England",
        level="borough" if area == config.TRAFFORD_CODE else "country",
        vintage="",
        indicator_id=indicator,
        period=period,
        year=int(period[:4]),
        value=value,
        significance_england=None,
        source_key="test",
    )
    return row | extra


@pytest.fixture()
def values() -> pd.DataFrame:
    trafford, england = config.TRAFFORD_CODE, config.ENGLAND_CODE
    rows = [
        value_row("smoking", trafford, "2022", 12.0, lower_ci_95=11.0, upper_ci_95=13.0),
        value_row("smoking", trafford, "2023", 8.0, lower_ci_95=7.0, upper_ci_95=9.0),
        value_row("smoking", england, "2023", 10.0),
        value_row("screening", trafford, "2023", 70.0, lower_ci_95=60.0, upper_ci_95=80.0),
        value_row("screening", england, "2023", 72.0),
        value_row("rank_thing", trafford, "2023", 200.0),
    ]
    return pd.DataFrame(rows)


def test_indicators_are_those_with_the_pillar_and_a_trafford_figure() -> None:
    ids = outcomes.pillar_indicator_ids(catalogue_rows(), "Prevention")
    assert ids == ["smoking", "screening"]
    assert outcomes.pillar_indicator_ids(catalogue_rows(), "Planned Care") == ["screening"]
    assert outcomes.pillar_indicator_ids(catalogue_rows(), "Mental Health") == []


def test_latest_value_compared_with_england(values: pd.DataFrame) -> None:
    table = outcomes.outcome_table(values, catalogue_rows(), "Prevention")
    rows = table.set_index("indicator_id")
    assert rows.loc["smoking", "period"] == "2023"
    assert rows.loc["smoking", "trafford"] == "8.0%"
    assert rows.loc["smoking", "england"] == "10.0%"
    assert rows.loc["smoking", "significance"] == "Better"
    assert rows.loc["smoking", "badge"] == "▲ Better"
    assert rows.loc["smoking", "method"] == "95% CI: comparator outside the area's interval"
    assert rows.loc["screening", "significance"] == "Similar"
    assert table["indicator_id"].tolist() == ["screening", "smoking"]  # similar before better
    assert (table["source"] == "OHID Fingertips via Trafford Data Lab").all()


def test_published_label_is_used_when_there_is_no_interval(values: pd.DataFrame) -> None:
    extra = pd.DataFrame(
        [
            value_row("care", config.TRAFFORD_CODE, "2023", 80.0, significance_england="Worse"),
            value_row("care", config.ENGLAND_CODE, "2023", 70.0),
        ]
    )
    table = outcomes.outcome_table(pd.concat([values, extra]), catalogue_rows(), "Children's Care")
    assert table["significance"].tolist() == ["Worse"]
    assert table["method"].iloc[0] == "Published by OHID (compared with England)"
    assert "Significantly worse: Care." in outcomes.outcome_sentence(table, "Children's Care")


def test_no_england_value_is_not_compared() -> None:
    rows = pd.DataFrame(
        [value_row("smoking", config.TRAFFORD_CODE, "2023", 8.0, lower_ci_95=7.0, upper_ci_95=9.0)]
    )
    table = outcomes.outcome_table(rows, catalogue_rows(), "Prevention")
    assert table["significance"].iloc[0] == "Not compared"
    assert table["england"].iloc[0] == "no data"


def test_approximate_and_suppressed_values_are_marked() -> None:
    meta = {"unit": "%", "value_type": "proportion"}
    assert outcomes.shown_value({"value": 5.0, "approximate": True}, meta) == "≈ 5.0%"
    assert outcomes.shown_value({"value": None, "suppressed": True}, meta) == "suppressed"


def latest_row(rows: pd.DataFrame) -> dict[str, Any] | None:
    """The latest period's headline row: Persons and All ages where present, exact before approximate."""
    latest = outcomes.latest_rows(rows)
    if latest.empty:
        return None
    return {str(key): value for key, value in latest.iloc[0].to_dict().items()}


def test_latest_row_prefers_persons_all_ages_and_exact_figures() -> None:
    rows = pd.DataFrame(
        [
            value_row("x", config.TRAFFORD_CODE, "2023", 1.0, approximate=True),
            value_row("x", config.TRAFFORD_CODE, "2023", 2.0, sex="Male"),
            value_row("x", config.TRAFFORD_CODE, "2021", 3.0),
        ]
    )
    rows.loc[0, "vintage"] = "2022"
    rows = pd.concat([rows, pd.DataFrame([value_row("x", config.TRAFFORD_CODE, "2023", 4.0)])])
    latest = latest_row(rows)
    assert latest is not None and latest["value"] == 4.0


def test_sentence_counts_and_periods(values: pd.DataFrame) -> None:
    table = outcomes.outcome_table(values, catalogue_rows(), "Prevention")
    sentence = outcomes.outcome_sentence(table, "Prevention")
    assert sentence == (
        "Of 2 indicators linked to Prevention with a Trafford figure (latest periods 2023 to 2023), "
        "compared with England: 1 better, 1 similar."
    )
    assert "No indicator linked to Mental Health" in outcomes.outcome_sentence(
        pd.DataFrame(), "Mental Health"
    )


def test_export_has_period_source_and_licence(values: pd.DataFrame) -> None:
    out = outcomes.export_outcomes(
        outcomes.outcome_table(values, catalogue_rows(), "Prevention"), "Prevention"
    )
    assert {"pillar", "period", "source", "licence", "method", "significance"} <= set(out.columns)


@pytest.mark.store
def test_every_pillar_has_outcomes_in_the_built_store(built_store: None) -> None:
    catalogue = reader.load_table("catalogue")
    for pillar in published.PLAN_PILLARS:
        ids = outcomes.pillar_indicator_ids(catalogue, pillar)
        rows = reader.load_values(indicator_id=ids, level=["borough", "country"])
        table = outcomes.outcome_table(rows, catalogue, pillar)
        assert not table.empty, pillar
        assert table["period"].str.len().gt(0).all()
        assert table["badge"].str.contains(r"^[▲▼●△▽○] ").all()


@pytest.mark.store
def test_significance_matches_the_shared_comparison_module(built_store: None) -> None:
    catalogue = reader.load_table("catalogue")
    ids = outcomes.pillar_indicator_ids(catalogue, "Living Well at Home")
    rows = reader.load_values(indicator_id=ids, level=["borough", "country"])
    table = outcomes.outcome_table(rows, catalogue, "Living Well at Home").set_index("indicator_id")
    latest = outcomes.latest_rows(rows[rows["area_code"] == config.TRAFFORD_CODE])
    polarity = catalogue.set_index("indicator_id")["polarity"]
    for row in latest.to_dict("records"):
        england = rows[
            (rows["indicator_id"] == row["indicator_id"]) & (rows["area_code"] == config.ENGLAND_CODE)
        ]
        comparator = significance.comparator_row(
            england, config.ENGLAND_CODE, row["period"], row["sex"], row["age"]
        )
        expected = significance.significance_against(
            pd.DataFrame([row]), comparator, polarity[row["indicator_id"]]
        )
        assert table.loc[row["indicator_id"], "significance"] == expected["significance"].iloc[0], row[
            "indicator_id"
        ]
