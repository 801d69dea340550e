"""Plotly figures in a form that caches cheaply.

``st.cache_data`` pickles what it returns and unpickles it on every hit; unpickling a
``plotly.graph_objects.Figure`` re-validates every property (a quarter of a second for a busy chart).
A figure's plain dict unpickles in microseconds and, having been validated when the figure was built,
can be turned back into a figure without validating again.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

CHART_CONFIG = {"displaylogo": False}
"""Plotly's mode bar without the Plotly logo, for every chart on the pages."""


def freeze(figure: go.Figure) -> dict[str, Any]:
    """The figure as a plain, validated dict (safe to cache)."""
    frozen: dict[str, Any] = figure.to_dict()
    return frozen


def thaw(frozen: dict[str, Any]) -> go.Figure:
    """A figure from :func:`freeze`'s dict, without validating it again."""
    return go.Figure(frozen, _validate=False)
