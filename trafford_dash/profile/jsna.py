"""A neighbourhood's JSNA summary: one row per key indicator, as Fingertips' area profile grid lays it out.

Each row gives the indicator with its unit, the period, the area's value with its 95% interval, Trafford,
Greater Manchester and England for the same period (blank where a comparator has no figure, said once
for the grid), and the area's significance against Trafford and Greater Manchester by symbol and word.
The grid is built from the profile table (:func:`trafford_dash.profile.indicators.profile_table`), so
its figures and labels are the profile's own.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from trafford_dash.core import formatting, palettes
from trafford_dash.core import profile_comparators as comparators
from trafford_dash.core.summaries import records
from trafford_dash.profile.indicators import area_cell, comparator_cell, period_cell

SIGNIFICANCE_COLUMNS = ("vs Trafford", "vs GM")
CSV_COLUMNS = [
    "area_code",
    "area_name",
    "ward_vintage",
    "indicator_id",
    "indicator",
    "unit",
    "period",
    "sex",
    "age",
    "value",
    "lower_ci_95",
    "upper_ci_95",
    "count",
    "denominator",
    "approximate",
    "suppressed",
    "trafford_value",
    "gm_value",
    "england_value",
    "sig_trafford",
    "sig_method_trafford",
    "sig_gm",
    "sig_method_gm",
    "sig_england",
    "source",
    "licence",
]
"""The grid's CSV: every figure with its interval, the labels and how they were reached, source and
licence on every row."""


def indicator_label(row: Mapping[str, object]) -> str:
    """The indicator's title with its unit once ("Bad health (%)")."""
    return formatting.with_unit(str(row["indicator"]), str(row.get("unit") or ""))


def summary_grid(table: pd.DataFrame, area_name: str) -> pd.DataFrame:
    """The grid as text, one row per indicator of ``table`` in its order."""
    out = []
    for row in records(table[table["value"].notna() | table["suppressed"].astype(bool)]):
        out.append(
            {
                "Indicator": indicator_label(row),
                "Period": period_cell(row),
                f"{area_name} (95% CI)": area_cell(row),
                "Trafford": comparator_cell(row, "trafford"),
                "GM": comparator_cell(row, "gm"),
                "England": comparator_cell(row, "england"),
                "vs Trafford": palettes.significance_badge(row["sig_trafford"]),
                "vs GM": palettes.significance_badge(row["sig_gm"]),
            }
        )
    return pd.DataFrame(out)


def badge_colour(badge: object) -> str:
    """The background of a significance cell: its label's colour, lightened so black text stays legible."""
    for style in palettes.SIGNIFICANCE_STYLE.values():
        if badge == f"{style['symbol']} {style['text']}" and style["text"] != "Not compared":
            return f"background-color: {style['colour']}40"
    return ""


def grid_notes(table: pd.DataFrame) -> list[str]:
    """The grid's notes: how significance is judged, and which comparators lack figures (once each)."""
    notes = [
        "vs Trafford and vs GM: the area's 95% confidence interval against the comparator's for the same "
        "period; ▲ better, ▼ worse, ● similar, △ higher and ▽ lower where neither is better, ○ not "
        "compared (no interval, no comparator figure or suppressed). ≈ marks an approximation."
    ]
    for prefix, name in (("trafford", "Trafford"), ("gm", "GM"), ("england", "England")):
        note = comparators.missing_note(table, prefix, name)
        if note:
            notes.append(note)
    return notes


def grid_csv(table: pd.DataFrame) -> pd.DataFrame:
    """The grid's rows for download (:data:`CSV_COLUMNS`)."""
    return table[CSV_COLUMNS].reset_index(drop=True)
