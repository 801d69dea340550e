"""Significance against comparators follows the statistics module and says how it was judged."""

from __future__ import annotations

import numpy as np
import pandas as pd

from trafford_dash.core import config, stats
from trafford_dash.core import significance as comparison


def rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_code": ["A", "B", "C"],
            "value": [10.0, 20.0, 15.0],
            "lower_ci_95": [8.0, 18.0, np.nan],
            "upper_ci_95": [12.0, 22.0, np.nan],
            "lower_ci_998": [7.0, 17.0, np.nan],
            "upper_ci_998": [13.0, 23.0, np.nan],
            "significance_england": [None, None, "Worse"],
        }
    )


def test_matches_stats_module_against_a_point_benchmark() -> None:
    frame = rows()
    out = comparison.significance_against(frame, {"area_code": "X", "value": 15.0}, "lower_is_better")
    expected = stats.significance(
        frame["value"], frame["lower_ci_95"], frame["upper_ci_95"], 15.0, polarity="lower_is_better"
    )
    assert list(out["significance"]) == list(expected) == ["Better", "Worse", "Not compared"]
    assert out["badge"].iloc[0].startswith("▲")


def test_published_label_used_only_against_england_without_interval() -> None:
    england = {"area_code": config.ENGLAND_CODE, "value": 15.0}
    out = comparison.significance_against(rows(), england, "lower_is_better")
    assert out["significance"].iloc[2] == "Worse"
    assert "Published by OHID" in out["significance_method"].iloc[2]


def test_overlap_rule_with_comparator_interval() -> None:
    comparator = {"area_code": "X", "value": 13.5, "lower_ci_95": 12.5, "upper_ci_95": 14.5}
    out = comparison.significance_against(rows(), comparator, "no_judgement", treat_comparator_as_point=False)
    assert list(out["significance"][:2]) == ["Lower", "Higher"]


def test_summary_sentence_counts_labels() -> None:
    out = comparison.significance_against(rows(), {"area_code": "X", "value": 15.0}, "lower_is_better")
    sentence = comparison.summarise(out, "Trafford", "Bad health")
    assert sentence == "Bad health: compared with Trafford, 1 better, 1 worse, 1 not compared."
