"""Tests for trafford_dash.core.summaries: generated sentences."""

from __future__ import annotations

import pandas as pd

from trafford_dash.core import summaries

PERCENT = {"unit": "%", "value_type": "proportion", "title": "Bad health"}


def test_join_words_and_lower_first() -> None:
    assert summaries.join_words(["a", "b", "c"]) == "a, b and c"
    assert summaries.join_words(["a"]) == "a"
    assert summaries.lower_first("Bad or very bad general health") == "bad or very bad general health"
    assert (
        summaries.lower_first("Index of Multiple Deprivation score") == "Index of Multiple Deprivation score"
    )
    assert summaries.lower_first("SMR for cancer") == "SMR for cancer"


def test_difference_uses_points_for_percentages_and_relative_for_rates() -> None:
    assert summaries.difference(6.0, 4.5, PERCENT) == "1.5 percentage points higher"
    assert summaries.difference(78.0, 80.0, {"unit": "years", "value_type": "years"}) == "2.0 years lower"
    assert summaries.difference(120.0, 100.0, {"unit": "per 1,000", "value_type": "rate"}) == "20% higher"
    assert summaries.difference(float("nan"), 1.0, PERCENT) == ""


def profile() -> pd.DataFrame:
    common = {"unit": "%", "value_type": "proportion", "england_value": float("nan")}
    return pd.DataFrame(
        [
            common
            | {"indicator": "Bad health", "value": 6.0, "trafford_value": 5.0, "sig_trafford": "Worse"}
            | {"polarity": "lower_is_better", "sig_england": "Not compared"},
            common
            | {"indicator": "Unpaid care", "value": 8.6, "trafford_value": 8.5, "sig_trafford": "Similar"}
            | {"polarity": "no_judgement", "sig_england": "Not compared"},
            common
            | {"indicator": "Claimant rate", "value": 6.0, "trafford_value": 3.0}
            | {"sig_trafford": "Not compared", "polarity": "lower_is_better", "sig_england": "Better"},
        ]
    )


def test_significance_sentence_names_indicators_and_gaps() -> None:
    text = summaries.significance_sentence(profile(), "North", "Trafford", "sig_trafford", "trafford_value")
    assert text.startswith(
        "Compared with Trafford, North is significantly worse on 1: bad health (6.0% against"
    )
    assert "1.0 percentage points higher" in text
    assert "similar on 1 of the 2 indicators that could be tested" in text
    assert "1 could not be tested" in text
    england = summaries.significance_sentence(profile(), "North", "England", "sig_england", "england_value")
    assert "better on 1: claimant rate (6.0%; OHID's published comparison)" in england


def test_untested_gaps_and_extremes() -> None:
    gaps = summaries.untested_gaps_sentence(profile(), "North")
    assert "claimant rate (6.0% against 3.0%)" in gaps and "not tested for significance" in gaps
    frame = pd.DataFrame({"area_name": ["A", "B", "C"], "value": [2.0, None, 9.0]})
    text = summaries.extremes_sentence(frame, PERCENT, "wards", "2021", "Trafford's figure is 4.6%.")
    assert text == (
        "Across 2 wards, bad health ranges from 2.0% in A to 9.0% in C (2021). "
        "No value for 1 of the 3 wards. Trafford's figure is 4.6%."
    )
    counts = summaries.count_sentence(pd.Series(["Worse", "Similar", "Worse"]), "Trafford", "wards")
    assert counts == "Compared with Trafford, the wards are: 2 worse, 1 similar."


def test_ranks_and_deciles_read_as_words() -> None:
    frame = pd.DataFrame({"area_name": ["A", "B"], "value": [1.0, 10.0]})
    meta = {"title": "IMD decile", "value_type": "decile", "unit": "decile (1 = most deprived 10%)"}
    text = summaries.extremes_sentence(frame, meta, "LSOAs", "2019")
    assert text == "Across 2 LSOAs, IMD decile ranges from decile 1 in A to decile 10 in B (2019)."
