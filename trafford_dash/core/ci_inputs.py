"""Inputs of the confidence-interval functions: critical values, and counts as float arrays.

A missing input (NaN, ``None`` or ``pd.NA``) becomes NaN, so every interval function gives NaN for it
rather than an error.
"""

from __future__ import annotations

from statistics import NormalDist
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

FloatArray = npt.NDArray[np.float64]
Interval = tuple[FloatArray, FloatArray]


def z_for(confidence: float) -> float:
    """Two-sided standard normal critical value for a confidence level.

    Parameters
    ----------
    confidence : float
        Confidence level as a fraction, strictly between 0 and 1 (0.95 for 95%).

    Returns
    -------
    float
        ``z`` with ``P(-z < Z < z) = confidence``, i.e. the ``1 - (1 - confidence) / 2`` quantile
        of the standard normal distribution (1.96 for 95%, 3.09 for 99.8%).
    """
    if not 0.0 < float(confidence) < 1.0:
        raise ValueError(f"confidence must be between 0 and 1 (got {confidence!r}), e.g. 0.95.")
    return NormalDist().inv_cdf(1.0 - (1.0 - float(confidence)) / 2.0)


def as_float(values: Any) -> FloatArray:
    """Return ``values`` as a float array, with every kind of missing value as NaN."""
    if isinstance(values, pd.Series | pd.Index | pd.api.extensions.ExtensionArray):
        return np.asarray(values.to_numpy(dtype=float, na_value=np.nan), dtype=float)
    if values is None or values is pd.NA:
        return np.array(np.nan)
    try:
        return np.asarray(values, dtype=float)
    except TypeError:
        raw = np.asarray(values, dtype=object)
        flat = [np.nan if pd.isna(v) else float(v) for v in raw.ravel()]
        return np.asarray(flat, dtype=float).reshape(raw.shape)


def counts(count: npt.ArrayLike, denominator: npt.ArrayLike) -> Interval:
    """Counts and denominators as float arrays, refusing negative values."""
    r, n = as_float(count), as_float(denominator)
    if np.any(r < 0) or np.any(n < 0):
        raise ValueError("Counts and denominators must not be negative; check the input data.")
    return r, n


def safe_denominator(denominator: FloatArray) -> FloatArray:
    """The denominator with zeros replaced by NaN, so that x / 0 gives NaN rather than inf."""
    return np.where(denominator == 0, np.nan, denominator)
