"""Tests for trafford_dash.core.stats: confidence intervals and significance labels."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sp_stats

from trafford_dash.core import rates, stats

CONFIDENCES = (0.95, 0.998)
Z_95 = stats.z_for(0.95)
Z_998 = stats.z_for(0.998)


# --- critical values -------------------------------------------------------------------------


def test_z_constants() -> None:
    assert abs(Z_95 - 1.959964) < 1e-6
    assert abs(Z_998 - 3.090232) < 1e-6
    assert stats.z_for(0.95) == Z_95
    assert stats.z_for(0.90) == pytest.approx(1.644854, abs=1e-6)


@pytest.mark.parametrize("bad", [0.0, 1.0, 95.0, -0.5])
def test_z_for_rejects_levels_outside_0_1(bad: float) -> None:
    with pytest.raises(ValueError, match="confidence"):
        stats.z_for(bad)


# --- Wilson ----------------------------------------------------------------------------------


def test_wilson_zero_of_ten() -> None:
    # r = 0: lower 0, upper z^2 / (n + z^2) = 3.841459 / 13.841459.
    lower, upper = stats.wilson_ci(0, 10)
    assert float(lower) == 0.0
    assert float(upper) == pytest.approx(27.7533, abs=1e-4)


def test_wilson_ten_of_ten() -> None:
    # r = n: lower n / (n + z^2) = 10 / 13.841459, upper exactly 100%.
    lower, upper = stats.wilson_ci(10, 10)
    assert float(lower) == pytest.approx(72.2467, abs=1e-4)
    assert float(upper) == 100.0


def test_wilson_five_of_twenty() -> None:
    # p = 0.25: (13.8415 -/+ 1.96 * sqrt(18.8415)) / 47.6829 = 0.1119, 0.4687.
    lower, upper = stats.wilson_ci(5, 20)
    assert float(lower) == pytest.approx(11.1862, abs=1e-4)
    assert float(upper) == pytest.approx(46.8701, abs=1e-4)
    frac_lower, frac_upper = stats.wilson_ci(5, 20, multiplier=1.0)
    assert float(frac_lower) == pytest.approx(0.111862, abs=1e-6)
    assert float(frac_upper) == pytest.approx(0.468701, abs=1e-6)


@pytest.mark.parametrize(("k", "n"), [(0, 10), (10, 10), (5, 20), (37, 412), (999, 1000)])
@pytest.mark.parametrize("confidence", CONFIDENCES)
def test_wilson_matches_scipy_binomtest(k: int, n: int, confidence: float) -> None:
    expected = sp_stats.binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
    lower, upper = stats.wilson_ci(k, n, confidence=confidence, multiplier=1.0)
    assert float(lower) == pytest.approx(expected.low, rel=1e-9, abs=1e-12)
    assert float(upper) == pytest.approx(expected.high, rel=1e-9, abs=1e-12)


def test_wilson_vectorised_and_broadcast() -> None:
    lower, upper = stats.wilson_ci(np.array([0, 5, 10]), 20)
    assert lower.shape == upper.shape == (3,)
    scalar_lower, _ = stats.wilson_ci(5, 20)
    assert lower[1] == float(scalar_lower)


def test_wilson_rejects_impossible_proportions() -> None:
    with pytest.raises(ValueError, match="exceeds"):
        stats.wilson_ci(11, 10)
    with pytest.raises(ValueError, match="negative"):
        stats.wilson_ci(-1, 10)


# --- rates -----------------------------------------------------------------------------------


def test_rate_zero_events() -> None:
    # Exact: lower 0, upper chi2_{0.975}(2) / 2 = -ln(0.025) = 3.688879 events.
    lower, upper = rates.rate_ci(0, 1000)
    assert float(lower) == 0.0
    assert float(upper) == pytest.approx(-math.log(0.025) / 1000 * 100000, rel=1e-9)
    lower_998, upper_998 = rates.rate_ci(0, 1, confidence=0.998, multiplier=1.0)
    assert float(lower_998) == 0.0
    assert float(upper_998) == pytest.approx(-math.log(0.001), rel=1e-9)


def test_rate_three_events_uses_exact() -> None:
    # Exact Poisson 95% limits for 3 events: 0.6187, 8.7673.
    lower, upper = rates.rate_ci(3, 1, multiplier=1.0)
    assert float(lower) == pytest.approx(0.618672, abs=1e-6)
    assert float(upper) == pytest.approx(8.767273, abs=1e-6)
    exact = rates.exact_poisson_ci(3, 1, multiplier=1.0)
    assert float(lower) == float(exact[0])
    assert float(upper) == float(exact[1])
    byar = rates.byar_ci(3, 1, multiplier=1.0)
    assert float(byar[0]) != pytest.approx(float(lower), abs=1e-4)


def test_rate_250_events_uses_byar() -> None:
    # 250 * (1 - 1/2250 - 1.96/(3*sqrt(250)))^3 and 251 * (1 - 1/2259 + 1.96/(3*sqrt(251)))^3.
    lower, upper = rates.rate_ci(250, 100000)
    assert float(lower) == pytest.approx(219.9669, abs=1e-4)
    assert float(upper) == pytest.approx(282.9885, abs=1e-4)
    byar = rates.byar_ci(250, 100000)
    assert (float(lower), float(upper)) == (float(byar[0]), float(byar[1]))
    # Byar is a close approximation to the exact interval for large counts.
    exact = rates.exact_poisson_ci(250, 100000)
    assert float(exact[0]) == pytest.approx(float(lower), rel=1e-4)
    assert float(exact[1]) == pytest.approx(float(upper), rel=1e-4)


def test_rate_switches_method_at_ten() -> None:
    counts = np.array([9.0, 10.0])
    lower, upper = rates.rate_ci(counts, 1, multiplier=1.0)
    exact = rates.exact_poisson_ci(counts, 1, multiplier=1.0)
    byar = rates.byar_ci(counts, 1, multiplier=1.0)
    assert lower[0] == exact[0][0] and upper[0] == exact[1][0]
    assert lower[1] == byar[0][1] and upper[1] == byar[1][1]


def test_byar_lower_never_negative_and_zero_at_zero() -> None:
    lower, upper = rates.byar_ci(np.arange(0, 5), 1, confidence=0.998, multiplier=1.0)
    assert np.all(lower >= 0)
    assert lower[0] == 0.0
    assert np.all(upper > 0)


def test_rate_allows_counts_above_denominator() -> None:
    lower, upper = rates.rate_ci(30, 10, multiplier=1.0)
    assert float(lower) < 3.0 < float(upper)
    lower, upper = rates.rate_ci(30, 0)
    assert np.isnan(lower) and np.isnan(upper)


# --- shared properties -----------------------------------------------------------------------


@pytest.mark.parametrize("confidence", CONFIDENCES)
def test_limits_monotone_in_count(confidence: float) -> None:
    counts = np.arange(0, 201)
    for lower, upper in (
        stats.wilson_ci(counts, 200, confidence),
        rates.rate_ci(counts, 200, confidence),
        rates.byar_ci(counts, 200, confidence),
        rates.exact_poisson_ci(counts, 200, confidence),
    ):
        assert np.all(np.diff(lower) >= 0)
        assert np.all(np.diff(lower[1:]) > 0)
        assert np.all(np.diff(upper[:-1]) > 0)
        assert np.all(lower < upper)


def test_value_inside_interval() -> None:
    counts = np.arange(0, 101)
    lower, upper = stats.wilson_ci(counts, 100)
    assert np.all((lower <= counts) & (counts <= upper))
    lower, upper = rates.rate_ci(counts, 100000)
    assert np.all((lower <= counts) & (counts <= upper))


def test_interval_narrows_as_denominator_grows() -> None:
    denominators = np.array([20, 200, 2000, 20000])
    counts = denominators // 4
    for lower, upper in (stats.wilson_ci(counts, denominators), rates.rate_ci(counts, denominators)):
        assert np.all(np.diff(upper - lower) < 0)


@pytest.mark.parametrize("ci", [stats.wilson_ci, rates.rate_ci, rates.byar_ci, rates.exact_poisson_ci])
def test_998_wider_than_95(ci) -> None:  # type: ignore[no-untyped-def]
    counts = np.array([0, 1, 3, 9, 10, 50, 250, 900])
    lower_95, upper_95 = ci(counts, 1000, 0.95)
    lower_998, upper_998 = ci(counts, 1000, 0.998)
    assert np.all(lower_998 <= lower_95)
    assert np.all(lower_998[counts > 0] < lower_95[counts > 0])
    assert np.all(upper_998 > upper_95)


@pytest.mark.parametrize("ci", [stats.wilson_ci, rates.rate_ci, rates.byar_ci, rates.exact_poisson_ci])
def test_nan_in_nan_out(ci) -> None:  # type: ignore[no-untyped-def]
    lower, upper = ci([np.nan, 5, 0, 5], [100, np.nan, 0, 100])
    assert np.isnan(lower[:3]).all() and np.isnan(upper[:3]).all()
    assert np.isfinite(lower[3]) and np.isfinite(upper[3])
    # pandas nullable missing values too
    lower, upper = ci(pd.Series([5, pd.NA], dtype="Int64"), pd.Series([100.0, 100.0], dtype="Float64"))
    assert np.isfinite(lower[0]) and np.isnan(lower[1]) and np.isnan(upper[1])
    lower, upper = ci(None, 100)
    assert np.isnan(lower) and np.isnan(upper)


# --- ci_columns ------------------------------------------------------------------------------


def test_ci_columns_wilson() -> None:
    frame = stats.ci_columns(pd.Series([5, 0], index=["a", "b"]), pd.Series([20, 10]), "wilson", 100)
    assert list(frame.columns) == ["value", "lower_ci_95", "upper_ci_95", "lower_ci_998", "upper_ci_998"]
    assert list(frame.index) == ["a", "b"]
    assert frame.loc["a", "value"] == 25.0
    assert frame.loc["a", "lower_ci_95"] == pytest.approx(11.1862, abs=1e-4)
    assert frame.loc["b", "lower_ci_998"] == 0.0
    assert (frame["lower_ci_998"] <= frame["lower_ci_95"]).all()
    assert (frame["upper_ci_998"] > frame["upper_ci_95"]).all()


def test_ci_columns_byar_means_rate_ci() -> None:
    frame = stats.ci_columns([3, 250], [1000, 100000], "byar", 100000)
    assert frame["value"].tolist() == [300.0, 250.0]
    lower, upper = rates.rate_ci([3, 250], [1000, 100000], 0.998)
    np.testing.assert_allclose(frame["lower_ci_998"], lower)
    np.testing.assert_allclose(frame["upper_ci_998"], upper)
    assert frame.loc[1, "lower_ci_95"] == pytest.approx(219.9669, abs=1e-4)


@pytest.mark.parametrize("method", ["none", "published", ""])
def test_ci_columns_other_methods_give_value_only(method: str) -> None:
    frame = stats.ci_columns([1, 2], [4, 0], method, 100)
    assert frame.loc[0, "value"] == 25.0
    assert frame["value"].isna().tolist() == [False, True]
    assert frame.drop(columns="value").isna().all().all()


def test_ci_columns_scalar_and_missing() -> None:
    frame = stats.ci_columns(5, 20, "wilson", 100)
    assert len(frame) == 1
    frame = stats.ci_columns([np.nan], [20], "byar", 100000)
    assert frame.isna().all().all()


# --- significance ----------------------------------------------------------------------------

# Three areas against a benchmark of 50: clearly above, overlapping, clearly below.
VALUES = [60.0, 51.0, 40.0]
LOWERS = [55.0, 45.0, 35.0]
UPPERS = [65.0, 57.0, 45.0]


@pytest.mark.parametrize(
    ("polarity", "expected"),
    [
        ("higher_is_better", ["Better", "Similar", "Worse"]),
        ("lower_is_better", ["Worse", "Similar", "Better"]),
        ("no_judgement", ["Higher", "Similar", "Lower"]),
    ],
)
def test_significance_against_benchmark(polarity: str, expected: list[str]) -> None:
    labels = stats.significance(VALUES, LOWERS, UPPERS, 50.0, polarity=polarity)
    assert labels.tolist() == expected


def test_significance_default_polarity_is_no_judgement() -> None:
    assert stats.significance(VALUES, LOWERS, UPPERS, 50.0).tolist() == ["Higher", "Similar", "Lower"]


def test_significance_benchmark_on_limit_is_similar() -> None:
    labels = stats.significance([55.0, 45.0], [50.0, 40.0], [60.0, 50.0], 50.0)
    assert labels.tolist() == ["Similar", "Similar"]


def test_significance_overlap_rule_with_comparator_interval() -> None:
    # Comparator 50 (48-52). Area 1: 54-60 does not overlap -> Higher. Areas 2 (51-58) and
    # 3 (43-49) overlap the comparator interval but exclude its value -> Similar.
    # Area 4: 40-47.9 does not overlap -> Lower.
    values = [57.0, 54.0, 46.0, 44.0]
    lowers = [54.0, 51.0, 43.0, 40.0]
    uppers = [60.0, 58.0, 49.0, 47.9]
    with_interval = stats.significance(values, lowers, uppers, 50.0, 48.0, 52.0)
    assert with_interval.tolist() == ["Higher", "Similar", "Similar", "Lower"]
    # Against the comparator's value alone, areas 2 and 3 do differ.
    benchmark = stats.significance(values, lowers, uppers, 50.0)
    assert benchmark.tolist() == ["Higher", "Higher", "Lower", "Lower"]
    better = stats.significance(values, lowers, uppers, 50.0, 48.0, 52.0, polarity="lower_is_better")
    assert better.tolist() == ["Worse", "Similar", "Similar", "Better"]


def test_significance_comparator_interval_per_row() -> None:
    # Row 0 has a comparator interval (overlap -> Similar); row 1's is missing, so its
    # comparator is treated as a benchmark value (outside the area interval -> Higher).
    labels = stats.significance(
        [54.0, 54.0], [51.0, 51.0], [58.0, 58.0], [50.0, 50.0], [48.0, np.nan], [52.0, np.nan]
    )
    assert labels.tolist() == ["Similar", "Higher"]


def test_significance_not_compared() -> None:
    labels = stats.significance(
        [np.nan, 60.0, 60.0, 60.0, 60.0],
        [55.0, np.nan, 55.0, 55.0, 55.0],
        [65.0, 65.0, np.nan, 65.0, 65.0],
        [50.0, 50.0, 50.0, np.nan, 50.0],
        [45.0, 45.0, 45.0, 45.0, np.nan],
        [52.0, 52.0, 52.0, 52.0, 52.0],
        polarity="higher_is_better",
    )
    assert labels.tolist() == ["Not compared"] * 5


def test_significance_scalars_and_pandas() -> None:
    assert str(stats.significance(60.0, 55.0, 65.0, 50.0, polarity="higher_is_better")) == "Better"
    labels = stats.significance(
        pd.Series([60.0, None], dtype="Float64"),
        pd.Series([55.0, None], dtype="Float64"),
        pd.Series([65.0, None], dtype="Float64"),
        50.0,
    )
    assert labels.tolist() == ["Higher", "Not compared"]
    assert labels.dtype.kind == "U"


def test_significance_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="polarity"):
        stats.significance(VALUES, LOWERS, UPPERS, 50.0, polarity="up")
    with pytest.raises(ValueError, match="both"):
        stats.significance(VALUES, LOWERS, UPPERS, 50.0, comparator_lower=45.0)


def test_significance_from_computed_intervals() -> None:
    # 30/100 vs England 20%: the 95% interval (21.9%, 39.6%) excludes 20 -> Worse for a
    # lower-is-better indicator; the 99.8% interval (17.7%, 45.8%) does not -> Similar.
    frame = stats.ci_columns([30], [100], "wilson", 100)
    at_95 = stats.significance(
        frame["value"], frame["lower_ci_95"], frame["upper_ci_95"], 20.0, polarity="lower_is_better"
    )
    at_998 = stats.significance(
        frame["value"], frame["lower_ci_998"], frame["upper_ci_998"], 20.0, polarity="lower_is_better"
    )
    assert at_95.tolist() == ["Worse"]
    assert at_998.tolist() == ["Similar"]


# --- agreement with DHSC's PHStatsMethods (test-only reference) -------------------------------


@pytest.fixture(scope="module")
def phs():  # type: ignore[no-untyped-def]
    return pytest.importorskip("PHStatsMethods")


def _ci_name(confidence: float, side: str) -> str:
    return {0.95: f"{side}_95_ci", 0.998: f"{side}_99_8_ci"}[confidence]


PROPORTION_GRID = [
    (k, n)
    for n in (1, 7, 20, 100, 1234, 250000)
    for k in sorted({0, 1, 2, 5, 9, 10, 11, 50, 999, n // 3, n // 2, n - 1, n})
    if 0 <= k <= n
]
RATE_GRID = [
    (k, n)
    for n in (5, 1000, 54321, 1000000)
    for k in (1, 2, 3, 5, 8, 9, 10, 11, 15, 37, 100, 250, 4321, 100000)
]


@pytest.mark.parametrize("confidence", CONFIDENCES)
def test_wilson_agrees_with_phstatsmethods(phs, confidence: float) -> None:  # type: ignore[no-untyped-def]
    data = pd.DataFrame(PROPORTION_GRID, columns=["num", "den"])
    reference = phs.ph_proportion(data.copy(), "num", "den", confidence=[0.95, 0.998], multiplier=100)
    lower, upper = stats.wilson_ci(data["num"], data["den"], confidence=confidence, multiplier=100)
    assert len(reference) == len(data) > 50
    np.testing.assert_allclose(lower, reference[_ci_name(confidence, "lower")], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(upper, reference[_ci_name(confidence, "upper")], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(
        stats.ci_columns(data["num"], data["den"], "wilson", 100)["value"], reference["Value"], rtol=1e-12
    )


@pytest.mark.parametrize("confidence", CONFIDENCES)
def test_rates_agree_with_phstatsmethods(phs, confidence: float) -> None:  # type: ignore[no-untyped-def]
    data = pd.DataFrame(RATE_GRID, columns=["num", "den"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = phs.ph_rate(data.copy(), "num", "den", confidence=[0.95, 0.998], multiplier=100000)
    lower, upper = rates.rate_ci(data["num"], data["den"], confidence=confidence)
    assert len(reference) == len(data) > 50
    np.testing.assert_allclose(lower, reference[_ci_name(confidence, "lower")], rtol=1e-6)
    np.testing.assert_allclose(upper, reference[_ci_name(confidence, "upper")], rtol=1e-6)
    assert set(reference["Method"]) == {"Exact", "Byars"}


@pytest.mark.parametrize("confidence", CONFIDENCES)
def test_byar_and_exact_agree_with_phstatsmethods_formulas(phs, confidence: float) -> None:  # type: ignore[no-untyped-def]
    # PHStatsMethods' own byars_* functions switch to exact below 10, so compare the pure
    # formulas on counts >= 10 and the exact formulas everywhere (including 0 events, which
    # ph_rate itself refuses).
    ci = phs.confidence_intervals
    counts = np.array([10, 11, 25, 100, 999, 123456])
    lower, upper = rates.byar_ci(counts, 1, confidence=confidence, multiplier=1.0)
    np.testing.assert_allclose(lower, [ci.byars_lower(float(c), confidence) for c in counts], rtol=1e-6)
    np.testing.assert_allclose(upper, [ci.byars_upper(float(c), confidence) for c in counts], rtol=1e-6)
    counts = np.array([0, 1, 2, 3, 9, 10, 250, 5000])
    lower, upper = rates.exact_poisson_ci(counts, 1, confidence=confidence, multiplier=1.0)
    np.testing.assert_allclose(
        lower[1:], [ci.exact_lower(float(c), confidence) for c in counts[1:]], rtol=1e-6
    )
    assert lower[0] == 0.0
    np.testing.assert_allclose(upper, [ci.exact_upper(float(c), confidence) for c in counts], rtol=1e-6)
    zero_lower, zero_upper = rates.rate_ci(0, 1, confidence=confidence, multiplier=1.0)
    assert float(zero_lower) == 0.0
    assert float(zero_upper) == pytest.approx(ci.exact_upper(0.0, confidence), rel=1e-6)
