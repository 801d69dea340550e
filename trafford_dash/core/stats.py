"""Confidence intervals and significance testing, as OHID Fingertips computes them.

Proportions get Wilson score intervals; crude rates get Byar's approximation to the exact Poisson
interval, switching to the exact interval for counts under 10 (zero included; those rate intervals are
in :mod:`trafford_dash.core.rates`, their shared inputs in :mod:`trafford_dash.core.ci_inputs`); an
area is compared with a comparator by whether the comparator lies inside the area's interval (or
whether two intervals overlap). Every function is vectorised with numpy broadcasting and also accepts scalars;
a missing input (NaN, ``None`` or ``pd.NA``) gives a NaN result rather than an error.

References
----------
.. [1] Wilson EB. Probable inference, the law of succession, and statistical inference.
   J Am Stat Assoc 1927; 22: 209-212.
.. [2] Breslow NE, Day NE. Statistical methods in cancer research, volume II: the design and
   analysis of cohort studies. Lyon: IARC; 1987 (Byar's method).
.. [3] Ulm K. A simple method to calculate the confidence interval of a standardized mortality
   ratio. Am J Epidemiol 1990; 131: 373-375 (exact Poisson limits from the chi-squared distribution).
.. [4] Public Health England. Technical Guide: Confidence Intervals (Fingertips methods guidance).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from trafford_dash.core.ci_inputs import FloatArray, Interval, as_float, counts, safe_denominator, z_for
from trafford_dash.core.rates import rate_ci

CI_COLUMNS = ["value", "lower_ci_95", "upper_ci_95", "lower_ci_998", "upper_ci_998"]
POLARITY_LABELS: dict[str, tuple[str, str]] = {
    # polarity -> (label when significantly higher, label when significantly lower)
    "higher_is_better": ("Better", "Worse"),
    "lower_is_better": ("Worse", "Better"),
    "no_judgement": ("Higher", "Lower"),
}
SIMILAR = "Similar"
NOT_COMPARED = "Not compared"


def wilson_ci(
    count: npt.ArrayLike,
    denominator: npt.ArrayLike,
    confidence: float = 0.95,
    multiplier: float = 100.0,
) -> Interval:
    """Wilson score interval for a proportion ``count / denominator``.

    With ``r`` = count, ``n`` = denominator, ``p = r / n`` and ``z`` = :func:`z_for` (confidence),
    the limits are

    .. math:: \\frac{2r + z^2 \\mp z\\sqrt{z^2 + 4r(1 - p)}}{2(n + z^2)}

    multiplied by ``multiplier`` (100 gives percentages). The interval stays inside [0, 1] and is
    well defined at ``r = 0`` (lower limit 0) and ``r = n`` (upper limit 1); results are clipped
    to that range to remove floating-point noise. Method as in Wilson (1927) and the PHE Technical
    Guide: Confidence Intervals.

    Parameters
    ----------
    count, denominator : array_like
        Numerators and denominators (people), broadcast against each other. ``0 <= count <=
        denominator`` is required: a ValueError is raised otherwise.
    confidence : float, default 0.95
        Confidence level (0.998 for 99.8% limits).
    multiplier : float, default 100.0
        Scale of the result: 100 for a percentage, 1 for a fraction.

    Returns
    -------
    lower, upper : numpy.ndarray
        Float arrays of the broadcast shape (0-d for scalar inputs). NaN where either input is
        missing or the denominator is 0.
    """
    r, n = counts(count, denominator)
    if np.any(r > n):
        raise ValueError("A proportion's count exceeds its denominator; check the numerator and denominator.")
    z = z_for(confidence)
    n_safe = safe_denominator(n)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = r / n_safe
        centre = 2.0 * r + z**2
        spread = z * np.sqrt(z**2 + 4.0 * r * (1.0 - p))
        scale = 2.0 * (n_safe + z**2)
        # The limits at r = 0 and r = n are exactly 0 and 1; set them so rounding cannot move them.
        lower = np.where((r == 0) & (n > 0), 0.0, np.clip((centre - spread) / scale, 0.0, 1.0))
        upper = np.where((r == n) & (n > 0), 1.0, np.clip((centre + spread) / scale, 0.0, 1.0))
    return np.asarray(lower * multiplier, dtype=float), np.asarray(upper * multiplier, dtype=float)


def ci_columns(
    count: npt.ArrayLike, denominator: npt.ArrayLike, method: str, multiplier: float
) -> pd.DataFrame:
    """Value and 95% / 99.8% confidence limits as values-store columns.

    Parameters
    ----------
    count, denominator : array_like
        Numerators and denominators, broadcast against each other.
    method : str
        ``"wilson"`` (proportions, :func:`wilson_ci`) or ``"byar"`` (crude rates, :func:`rate_ci`,
        i.e. exact below 10 events). Any other method (``"none"``, ``"published"``) leaves the
        limits NaN.
    multiplier : float
        100 for percentages, 100,000 for rates per 100,000, 1 for fractions.

    Returns
    -------
    pandas.DataFrame
        Columns ``value`` (``count / denominator * multiplier``, NaN for a zero denominator),
        ``lower_ci_95``, ``upper_ci_95``, ``lower_ci_998``, ``upper_ci_998``; one row per element
        of the broadcast inputs, indexed like ``count`` when it is a pandas Series.
    """
    index = count.index if isinstance(count, pd.Series) else None
    r, n = np.broadcast_arrays(np.atleast_1d(as_float(count)), np.atleast_1d(as_float(denominator)))
    r, n = r.ravel(), n.ravel()
    with np.errstate(invalid="ignore", divide="ignore"):
        value = r / safe_denominator(n) * multiplier
    columns: dict[str, FloatArray] = {"value": value}
    interval = {"wilson": wilson_ci, "byar": rate_ci}.get(method)
    for confidence, suffix in ((0.95, "95"), (0.998, "998")):
        if interval is None:
            lower = upper = np.full_like(value, np.nan)
        else:
            lower, upper = interval(r, n, confidence, multiplier)
        columns[f"lower_ci_{suffix}"] = lower
        columns[f"upper_ci_{suffix}"] = upper
    if index is not None and len(index) != len(value):
        index = None
    return pd.DataFrame(columns, index=index)[CI_COLUMNS]


def _comparator_limits(cv: FloatArray, lower: npt.ArrayLike | None, upper: npt.ArrayLike | None) -> Interval:
    """The comparator's limits as float arrays, all NaN for a benchmark given without limits."""
    if lower is None:
        return np.full_like(cv, np.nan), np.full_like(cv, np.nan)
    return as_float(lower), as_float(upper)


def significance(
    value: npt.ArrayLike,
    lower: npt.ArrayLike,
    upper: npt.ArrayLike,
    comparator_value: npt.ArrayLike,
    comparator_lower: npt.ArrayLike | None = None,
    comparator_upper: npt.ArrayLike | None = None,
    polarity: str = "no_judgement",
) -> npt.NDArray[np.str_]:
    """Compare areas with a comparator by Fingertips' confidence-interval rule.

    - Comparator without an interval (a benchmark such as England, or a row whose comparator
      limits are both missing): the area differs when the comparator value lies outside the
      area's interval, i.e. ``lower > comparator_value`` (higher) or ``upper < comparator_value``
      (lower). A comparator exactly on a limit counts as similar.
    - Comparator with an interval: they differ when the intervals do not overlap, i.e.
      ``lower > comparator_upper`` (higher) or ``upper < comparator_lower`` (lower).

    Use limits at the same level (95% or 99.8%) on both sides (PHE Technical Guide: Confidence
    Intervals).

    Parameters
    ----------
    value, lower, upper : array_like
        The areas' values and confidence limits.
    comparator_value : array_like
        The comparator's value (broadcast, so a scalar compares every area with one benchmark).
    comparator_lower, comparator_upper : array_like, optional
        The comparator's limits; omit both for a benchmark comparison.
    polarity : {"higher_is_better", "lower_is_better", "no_judgement"}
        Labels for significantly higher / lower: "Better"/"Worse", "Worse"/"Better" or
        "Higher"/"Lower".

    Returns
    -------
    numpy.ndarray of str
        "Better", "Worse", "Higher", "Lower" or "Similar"; "Not compared" where the area's value
        or either limit, or the comparator's value, is missing, or the comparator has only one of
        its two limits.
    """
    if polarity not in POLARITY_LABELS:
        raise ValueError(f"polarity must be one of {sorted(POLARITY_LABELS)} (got {polarity!r}).")
    if (comparator_lower is None) != (comparator_upper is None):
        raise ValueError("Give both comparator_lower and comparator_upper, or neither.")
    higher_label, lower_label = POLARITY_LABELS[polarity]
    v, lo, up, cv = (as_float(x) for x in (value, lower, upper, comparator_value))
    clo, cup = _comparator_limits(cv, comparator_lower, comparator_upper)
    v, lo, up, cv, clo, cup = np.broadcast_arrays(v, lo, up, cv, clo, cup)

    has_interval = ~np.isnan(clo) & ~np.isnan(cup)
    partial_interval = np.isnan(clo) != np.isnan(cup)
    missing = np.isnan(v) | np.isnan(lo) | np.isnan(up) | np.isnan(cv) | partial_interval
    with np.errstate(invalid="ignore"):
        is_higher = np.where(has_interval, lo > cup, lo > cv)
        is_lower = np.where(has_interval, up < clo, up < cv)
    labels = np.select([missing, is_higher, is_lower], [NOT_COMPARED, higher_label, lower_label], SIMILAR)
    return np.asarray(labels, dtype=str)
