"""Canonical column lists of the values table and the exports built from it.

The values table follows the tidy shape of OHID Fingertips' health measures. Each list here is the one
place a group of its columns is spelt out; readers and exports compose their column lists from them.
"""

from __future__ import annotations

CONFIDENCE_LIMITS = ("lower_ci_95", "upper_ci_95", "lower_ci_998", "upper_ci_998")
"""The 95% and 99.8% confidence limits of a value."""

MEASURES = ("value", *CONFIDENCE_LIMITS, "count", "denominator")
"""The numeric columns of a value row: the value, its limits, count and denominator."""

AREA = ("area_code", "area_name", "level", "vintage")
"""Which area a row describes, at which level and boundary vintage."""

BREAKDOWN = ("sex", "age")
"""The population breakdown of a row."""

FLAGS = ("approximate", "suppressed", "value_note")
"""How far a value can be relied on, in the order the exports show them."""

SIGNIFICANCE = ("significance", "significance_method")
"""The significance label computed on the page and the rule that gave it."""

VALUE_COLUMNS = [
    *AREA,
    "indicator_id",
    "period",
    "year",
    *BREAKDOWN,
    *MEASURES,
    "significance_england",
    "value_note",
    "approximate",
    "suppressed",
    "source_key",
]
"""Every column of the values table, in store order."""
