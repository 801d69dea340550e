"""Confidence intervals for crude rates, as OHID Fingertips computes them.

Byar's approximation to the exact Poisson interval, switching to the exact interval (from the
chi-squared distribution) for counts under 10, zero included. See :mod:`trafford_dash.core.stats` for
the references.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from trafford_dash.core.ci_inputs import FloatArray, Interval, counts, safe_denominator, z_for

_CountLimits = Callable[[FloatArray], Interval]
EXACT_BELOW = 10  # rate_ci uses the exact Poisson interval for counts below this


def _byar_limits(r: FloatArray, z: float) -> Interval:
    """Byar's limits for a Poisson count (events, not a rate)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        lower = r * (1.0 - 1.0 / (9.0 * r) - z / (3.0 * np.sqrt(r))) ** 3
        r1 = r + 1.0
        upper = r1 * (1.0 - 1.0 / (9.0 * r1) + z / (3.0 * np.sqrt(r1))) ** 3
    lower = np.where(r == 0, 0.0, np.maximum(lower, 0.0))
    return lower, upper


def _exact_limits(r: FloatArray, confidence: float) -> Interval:
    """Exact Poisson limits for a count, from the chi-squared distribution."""
    from scipy.special import chdtri  # imported here: scipy is slow to import and pages rarely need it

    alpha = 1.0 - confidence
    with np.errstate(invalid="ignore"):
        # chdtri(df, q) is the chi-squared quantile with upper-tail probability q.
        lower = chdtri(2.0 * r, 1.0 - alpha / 2.0) / 2.0
        upper = chdtri(2.0 * r + 2.0, alpha / 2.0) / 2.0
    lower = np.where(r == 0, 0.0, lower)
    return np.asarray(lower, dtype=float), np.asarray(upper, dtype=float)


def _rate_limits(
    count: npt.ArrayLike, denominator: npt.ArrayLike, multiplier: float, limits: _CountLimits
) -> Interval:
    """Rate limits from count limits: ``limits(count) / denominator * multiplier``."""
    r, n = counts(count, denominator)
    lower, upper = limits(r)
    n_safe = safe_denominator(n)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(lower / n_safe * multiplier, dtype=float), np.asarray(
            upper / n_safe * multiplier, dtype=float
        )


def _rate_method(count_limits: Callable[[float, float], _CountLimits]) -> Callable[..., Interval]:
    """A rate interval function ``(count, denominator, confidence=0.95, multiplier=100000.0)`` from
    ``count_limits(confidence, z)``, which gives the limits of a count; the confidence level is checked
    (:func:`z_for`) before any work. The result keeps ``count_limits``'s name and docstring."""

    def method(
        count: npt.ArrayLike,
        denominator: npt.ArrayLike,
        confidence: float = 0.95,
        multiplier: float = 100000.0,
    ) -> Interval:
        z = z_for(confidence)
        return _rate_limits(count, denominator, multiplier, count_limits(float(confidence), z))

    method.__name__ = method.__qualname__ = count_limits.__name__
    method.__doc__ = count_limits.__doc__
    return method


@_rate_method
def byar_ci(confidence: float, z: float) -> _CountLimits:
    """Byar's approximate confidence interval for a crude rate ``count / denominator``.

    For ``O`` observed events and ``z`` = :func:`z_for` (confidence), the limits of the count are

    .. math::

        O_L = O\\left(1 - \\frac{1}{9O} - \\frac{z}{3\\sqrt{O}}\\right)^3, \\qquad
        O_U = (O + 1)\\left(1 - \\frac{1}{9(O + 1)} + \\frac{z}{3\\sqrt{O + 1}}\\right)^3

    and the rate limits are ``O_L / denominator * multiplier`` and ``O_U / denominator *
    multiplier`` (Byar's method, in Breslow & Day 1987; PHE Technical Guide: Confidence
    Intervals). The approximation is poor for small counts (use :func:`rate_ci`); here a lower
    limit that would fall below 0 is set to 0, and the lower limit for ``O = 0`` is 0.

    Parameters
    ----------
    count, denominator : array_like
        Events and population (or person-years), broadcast against each other; non-negative.
    confidence : float, default 0.95
        Confidence level (0.998 for 99.8% limits).
    multiplier : float, default 100000.0
        Scale of the result: 100,000 for a rate per 100,000.

    Returns
    -------
    lower, upper : numpy.ndarray
        Float arrays of the broadcast shape (0-d for scalar inputs), in units of ``multiplier``
        (per 100,000 by default). NaN where either input is missing or the denominator is 0.
    """
    return lambda r: _byar_limits(r, z)


@_rate_method
def exact_poisson_ci(confidence: float, z: float) -> _CountLimits:
    """Exact Poisson confidence interval for a crude rate ``count / denominator``.

    For ``O`` observed events and ``alpha = 1 - confidence`` the limits of the count are

    .. math::

        O_L = \\tfrac{1}{2}\\chi^2_{\\alpha/2}(2O), \\qquad
        O_U = \\tfrac{1}{2}\\chi^2_{1-\\alpha/2}(2O + 2)

    where :math:`\\chi^2_q(k)` is the ``q`` quantile of the chi-squared distribution with ``k``
    degrees of freedom (equivalently gamma quantiles; Ulm 1990). ``O_L = 0`` when ``O = 0``.
    Rate limits are ``O_L / denominator * multiplier`` and ``O_U / denominator * multiplier``
    (PHE Technical Guide: Confidence Intervals). Parameters and returns as for :func:`byar_ci`.
    """
    return lambda r: _exact_limits(r, confidence)


@_rate_method
def rate_ci(confidence: float, z: float) -> _CountLimits:
    """Confidence interval for a crude rate the way Fingertips computes it.

    The exact Poisson interval (:func:`exact_poisson_ci`) for counts below 10, including 0
    (lower limit 0), and Byar's approximation (:func:`byar_ci`) for counts of 10 or more.
    Parameters and returns as for :func:`byar_ci`.
    """

    def limits(r: FloatArray) -> Interval:
        exact_lower, exact_upper = _exact_limits(r, confidence)
        byar_lower, byar_upper = _byar_limits(r, z)
        small = r < EXACT_BELOW
        return np.where(small, exact_lower, byar_lower), np.where(small, exact_upper, byar_upper)

    return limits
