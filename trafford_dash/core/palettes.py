"""Colour-blind-safe palettes and the symbols that go with them, so colour is never the only cue.

Significance colours come from the Okabe–Ito palette; sequential and diverging scales are
perceptually uniform scales that stay readable with common colour-vision deficiencies.
"""

from __future__ import annotations

SEQUENTIAL = "Viridis"
DIVERGING = "PuOr_r"  # purple (low) to orange (high), safe for red-green deficiencies
NO_DATA = "#d9d9d9"

NEIGHBOURHOOD_COLOURS = {
    "North": "#0072B2",
    "Central": "#E69F00",
    "West": "#009E73",
    "South": "#CC79A7",
}

SIGNIFICANCE_STYLE = {
    "Better": {"colour": "#0072B2", "symbol": "▲", "marker": "triangle-up", "text": "Better"},
    "Worse": {"colour": "#D55E00", "symbol": "▼", "marker": "triangle-down", "text": "Worse"},
    "Similar": {"colour": "#999999", "symbol": "●", "marker": "circle", "text": "Similar"},
    "Higher": {"colour": "#56B4E9", "symbol": "△", "marker": "triangle-up-open", "text": "Higher"},
    "Lower": {"colour": "#E69F00", "symbol": "▽", "marker": "triangle-down-open", "text": "Lower"},
    "Not compared": {"colour": "#ffffff", "symbol": "○", "marker": "circle-open", "text": "Not compared"},
}


def significance_badge(label: str | None) -> str:
    """Symbol and word for a significance label, e.g. ``"▲ Better"``."""
    style = SIGNIFICANCE_STYLE.get(label or "Not compared", SIGNIFICANCE_STYLE["Not compared"])
    return f"{style['symbol']} {style['text']}"
