"""Tests for trafford_dash.profile.ward_ranking: ranked wards with significance against Trafford."""

from __future__ import annotations

import json

import pandas as pd

from tests.value_rows import COMMON
from trafford_dash.core import config
from trafford_dash.profile import ward_ranking

META = {"title": "Bad health", "unit": "%", "value_type": "proportion", "source": "Census", "licence": "OGL"}


def rows() -> pd.DataFrame:
    base = {"indicator_id": "bad", "vintage": "2022", "level": "ward", "period": "2021", "year": 2021}
    base |= COMMON | {"significance_england": None, "lower_ci_998": None, "upper_ci_998": None}
    data = [
        base
        | {"area_code": "W1", "area_name": "Alpha", "value": 8.0, "lower_ci_95": 7.0, "upper_ci_95": 9.0},
        base | {"area_code": "W2", "area_name": "Beta", "value": 4.0, "lower_ci_95": 3.5, "upper_ci_95": 4.5},
        base
        | {"area_code": "W3", "area_name": "Gamma", "value": 5.5, "lower_ci_95": 4.0, "upper_ci_95": 6.0},
        base
        | {
            "area_code": "W1",
            "area_name": "Alpha",
            "value": 9.9,
            "period": "2011",
            "year": 2011,
            "lower_ci_95": None,
            "upper_ci_95": None,
        },
        base
        | {
            "area_code": config.TRAFFORD_CODE,
            "area_name": "Trafford",
            "level": "borough",
            "vintage": "",
            "value": 5.0,
            "lower_ci_95": None,
            "upper_ci_95": None,
        },
        base
        | {
            "area_code": "nbh_north",
            "area_name": "North",
            "level": "neighbourhood",
            "value": 6.0,
            "lower_ci_95": 5.5,
            "upper_ci_95": 6.5,
        },
    ]
    return pd.DataFrame(data)


def test_ranking_orders_wards_and_tests_against_trafford() -> None:
    frame, trafford, nbh = ward_ranking.ranking_frame(rows(), ["W1", "W2", "W3"], "2022", "lower_is_better")
    assert list(frame["area_name"]) == ["Alpha", "Gamma", "Beta"]
    assert list(frame["significance"]) == ["Worse", "Similar", "Better"]
    assert trafford is not None and trafford["value"] == 5.0
    assert list(nbh["area_code"]) == ["nbh_north"]
    table = ward_ranking.ranking_table(frame, META)
    assert list(table["rank"]) == [1, 2, 3] and table["vs_trafford"].iloc[0] == "▼ Worse"
    assert "Across 3 wards in North" in ward_ranking.ranking_summary(frame, META, "North")


def test_ranking_figure_labels_bars_with_symbols_and_highlights_a_ward() -> None:
    frame, trafford, nbh = ward_ranking.ranking_frame(rows(), ["W1", "W2", "W3"], "2022", "lower_is_better")
    fig = ward_ranking.ranking_figure(frame, META, trafford, nbh.iloc[0].to_dict(), highlight="W2")
    spec = json.loads(fig.to_json())
    bar = spec["data"][0]
    assert bar["type"] == "bar" and bar["y"] == ["Alpha ▼", "Gamma ●", "Beta ▲"]
    assert bar["x"] == [8.0, 5.5, 4.0]
    assert bar["marker"]["line"]["width"] == [0.5, 0.5, 3]
    assert bar["error_x"]["array"] == [1.0, 0.5, 0.5]
    assert len(spec["layout"]["shapes"]) == 2  # Trafford and North reference lines


def test_no_wards_gives_an_empty_frame() -> None:
    frame, trafford, _ = ward_ranking.ranking_frame(rows(), ["W1"], "2023", "lower_is_better")
    assert frame.empty and trafford is None
