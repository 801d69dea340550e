"""Compare areas: one indicator across the areas of a level, ranked, with significance against a benchmark.

Significance is computed by :func:`trafford_dash.core.significance.significance_against` with the
benchmark treated as a point, as OHID Fingertips does: an area is better or worse than the
benchmark when the benchmark's value lies outside the area's confidence interval (95% or 99.8%).
Areas whose value has no interval are "Not compared", except that OHID's own published label is
used against England where the source gives one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from trafford_dash.compare.common import Selection, cell_text, narrow, records, with_meta
from trafford_dash.core import chart_parts, config, formatting, palettes, significance
from trafford_dash.store import columns

PEER_AVERAGE = "Peer-group average"
COMPARATORS = ("Trafford", "England", "Greater Manchester", PEER_AVERAGE)
POINT_BENCHMARKS = ("England", PEER_AVERAGE)
"""Comparators tested as a point (their value outside the area's interval), as OHID does; every other
comparator (Trafford, Greater Manchester, a Greater Manchester borough) by interval overlap where it
has an interval."""
REFERENCE_DASH = {
    "Trafford": "dash",
    "England": "dot",
    "Greater Manchester": "dashdot",
    PEER_AVERAGE: "longdash",
}


@dataclass
class AreasResult:
    """The ranked comparison, or a refusal sentence when nothing can be shown."""

    table: pd.DataFrame
    comparator: str
    confidence: str
    period: str | None
    sex: str
    age: str
    references: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    refusal: str | None = None


def peer_rows(la_rows: pd.DataFrame, borough_rows: pd.DataFrame, peer_codes: list[str]) -> pd.DataFrame:
    """Trafford's own rows plus the rows of the local authorities in a peer group."""
    peers = la_rows[la_rows["area_code"].isin(peer_codes)]
    return pd.concat([borough_rows, peers], ignore_index=True)


def _ranked(table: pd.DataFrame, meta: Mapping[str, Any], comparator: str, confidence: str) -> pd.DataFrame:
    """The labelled areas, highest value first, with their rank, comparator and shown cell text."""
    table = table.assign(comparator=comparator, confidence=f"{confidence}%")
    table["shown"] = [cell_text(row, meta) for row in records(table)]
    table = table.sort_values(["value", "area_name"], ascending=[False, True], na_position="last")
    table = table.reset_index(drop=True)
    table.insert(0, "rank", np.arange(1, len(table) + 1))
    return table


def compare_areas(
    rows: pd.DataFrame,
    benchmarks: Mapping[str, tuple[str, pd.DataFrame]],
    meta: Mapping[str, Any],
    comparator: str,
    confidence: str = "95",
    period: str | None = None,
    noun: str = "areas",
) -> AreasResult:
    """Rank the areas in ``rows`` and label each against the chosen comparator.

    Parameters
    ----------
    rows
        Values-store rows of the areas being compared (one level and vintage; any periods).
    benchmarks
        Benchmark name -> (area code, that benchmark's rows for the indicator, any periods).
    meta
        The indicator's catalogue row (title, polarity, unit, value type).
    comparator
        The benchmark name to test significance against (a key of ``benchmarks``).
    confidence
        "95" or "99.8": the interval used for significance.
    period
        The period to show; the latest with a value when ``None`` or unknown.
    noun
        What the areas are called in sentences ("wards", "neighbourhoods", …).
    """
    selection = narrow(rows, period)
    chosen = selection.rows[selection.rows["value"].notna() | selection.rows["suppressed"]]
    if chosen.empty:
        return AreasResult(
            chosen,
            comparator,
            confidence,
            None,
            selection.sex,
            selection.age,
            refusal=f"There are no figures for “{meta['title']}” for these {noun}; choose another level.",
        )
    found = _benchmark_rows(benchmarks, comparator, selection)
    comp = found[comparator]
    table = significance.significance_against(
        chosen,
        comp,
        str(meta["polarity"]),
        confidence,
        treat_comparator_as_point=comparator in POINT_BENCHMARKS,
    )
    table = _ranked(table, meta, comparator, confidence)
    shown_codes = set(table["area_code"])
    references = {
        name: float(row["value"])
        for name, row in found.items()
        if row is not None and row["area_code"] not in shown_codes
    }
    notes = _notes(table, comp, comparator, selection.period)
    return AreasResult(
        table, comparator, confidence, selection.period, selection.sex, selection.age, references, notes
    )


def _benchmark_rows(
    benchmarks: Mapping[str, tuple[str, pd.DataFrame]], comparator: str, selection: Selection
) -> dict[str, Mapping[str, Any] | None]:
    """Trafford's, England's and the comparator's row for the selected period, sex and age."""
    found: dict[str, Mapping[str, Any] | None] = {}
    for name in dict.fromkeys(("Trafford", "England", comparator)):
        bench_code, bench_rows = benchmarks.get(name, ("", pd.DataFrame()))
        found[name] = (
            None
            if bench_rows.empty
            else significance.comparator_row(
                bench_rows, bench_code, str(selection.period), selection.sex, selection.age
            )
        )
    return found


def _notes(
    table: pd.DataFrame, comp: Mapping[str, Any] | None, comparator: str, period: str | None
) -> list[str]:
    """Sentences on a missing comparator, published labels and untestable figures."""
    notes = []
    if comp is None:
        notes.append(
            f"{comparator} has no figure for {period}, so no significance is shown; "
            "choose another comparator."
        )
    published = table["significance_method"].str.startswith("Published").sum()
    if published:
        notes.append(
            f"{published} of the labels are OHID's own published comparisons with England (at OHID's "
            f"confidence level), used because no interval is stored for those figures."
        )
    if comp is not None and (table["significance"] == "Not compared").all():
        notes.append(
            "These figures have no confidence intervals (the source publishes none, or they are "
            "approximations), so no significance can be tested."
        )
    return notes


def _hover(row: Mapping[str, Any], meta: Mapping[str, Any], result: AreasResult) -> str:
    lines = [formatting.hover_line(row, meta, extra=f"{row['badge']} vs {result.comparator}")]
    ci998 = formatting.format_ci(row.get("lower_ci_998"), row.get("upper_ci_998"), meta, "99.8%")
    if ci998:
        lines.append(ci998)
    if not pd.isna(row.get("count")) and not pd.isna(row.get("denominator")):
        count = formatting.format_number(row["count"], 0)
        lines.append(f"{count} of {formatting.format_number(row['denominator'], 0)}")
    lines.append(f"Unit: {meta.get('unit', '')}")
    return "<br>".join(lines)


def figure(result: AreasResult, meta: Mapping[str, Any], show_998: bool = False) -> go.Figure:
    """Ranked horizontal bars with 95% (and optionally 99.8%) intervals and benchmark lines.

    Each bar is coloured by its significance, and the significance symbol and word are written at
    the right of every row, so colour is never the only cue. Benchmarks are vertical lines told
    apart by dash pattern and labelled with their name and value.
    """
    table = result.table
    shown = table[table["value"].notna()].copy()
    # Trafford stands out in bold when it is one of the bars (Trafford and its peers).
    is_trafford = shown["area_code"] == config.TRAFFORD_CODE
    shown["label"] = shown["area_name"].where(~is_trafford, "<b>" + shown["area_name"] + "</b>")
    order = list(reversed(shown["label"].tolist()))
    fig = go.Figure()
    _add_bars(fig, shown, meta, result)
    if show_998 and shown["lower_ci_998"].notna().any():
        fig.add_trace(_ci998_trace(shown))
    low, high = _value_range(shown, result.references, show_998)
    span = (high - low) or 1.0
    fig.add_trace(
        go.Scatter(
            x=[high + 0.03 * span] * len(shown),
            y=shown["label"],
            mode="text",
            text=shown["badge"],
            textposition="middle right",
            showlegend=False,
            hoverinfo="skip",
            name="Significance",
        )
    )
    for name, value in result.references.items():
        fig.add_vline(
            x=value,
            line={"dash": REFERENCE_DASH.get(name, "longdashdot"), "color": "#222222", "width": 1.5},
            annotation_text=f"{name} {formatting.format_value(value, meta)}",
            annotation_position="top",
            annotation_font_size=11,
        )
    fig.update_layout(
        barmode="overlay",
        height=max(320, 22 * len(shown) + 140),
        margin={"l": 10, "r": 10, "t": 40, "b": 40},
        xaxis={"title": {"text": str(meta.get("unit", ""))}, "range": [low - 0.02 * span, high + 0.3 * span]},
        yaxis={"categoryorder": "array", "categoryarray": order, "automargin": True},
        legend={"orientation": "h", "y": -0.08, "title": {"text": f"vs {result.comparator}:"}},
        plot_bgcolor="white",
    )
    fig.update_xaxes(showgrid=True, gridcolor="#eeeeee", zeroline=True, zerolinecolor="#999999")
    return fig


def _add_bars(fig: go.Figure, shown: pd.DataFrame, meta: Mapping[str, Any], result: AreasResult) -> None:
    """One bar trace per significance label, each bar with its 95% interval."""
    for label, style in palettes.SIGNIFICANCE_STYLE.items():
        part = shown[shown["significance"] == label]
        if part.empty:
            continue
        has_ci = part["lower_ci_95"].notna() & part["upper_ci_95"].notna()
        fig.add_trace(
            go.Bar(
                x=part["value"],
                y=part["label"],
                orientation="h",
                name=palettes.significance_badge(label),
                marker={"color": style["colour"], "line": {"color": "#333333", "width": 1}},
                error_x=chart_parts.ci_error(part, has_ci, thickness=1.5, width=3),
                hovertext=[_hover(row, meta, result) for row in records(part)],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )


def _ci998_trace(shown: pd.DataFrame) -> go.Scatter:
    """Invisible markers carrying the 99.8% intervals as wider, paler whiskers."""
    return go.Scatter(
        x=shown["value"],
        y=shown["label"],
        mode="markers",
        marker={"size": 1, "color": "rgba(0,0,0,0)"},
        error_x={
            "type": "data",
            "symmetric": False,
            "array": (shown["upper_ci_998"] - shown["value"]).to_numpy(float),
            "arrayminus": (shown["value"] - shown["lower_ci_998"]).to_numpy(float),
            "color": "#777777",
            "thickness": 1,
            "width": 7,
        },
        name="99.8% CI",
        hoverinfo="skip",
    )


def _value_range(shown: pd.DataFrame, references: Mapping[str, float], show_998: bool) -> tuple[float, float]:
    """The lowest and highest value, limit or benchmark to show, always including zero."""
    low = np.nanmin(np.r_[shown["value"], shown["lower_ci_95"].dropna(), list(references.values())])
    high = np.nanmax(np.r_[shown["value"], shown["upper_ci_95"].dropna(), list(references.values())])
    if show_998:
        low = min(low, float(np.nanmin(np.r_[low, shown["lower_ci_998"].dropna()])))
        high = max(high, float(np.nanmax(np.r_[high, shown["upper_ci_998"].dropna()])))
    return min(low, 0.0), max(high, 0.0)


def summary(result: AreasResult, meta: Mapping[str, Any], noun: str = "areas") -> str:
    """A generated plain-English sentence on the ranking and the significance counts."""
    table = result.table[result.table["value"].notna()]
    if table.empty:
        return f"No {noun} have a figure for {meta['title']}."
    top, bottom = table.iloc[0], table.iloc[-1]
    counted = significance.summarise(table, result.comparator, f"{meta['title']} ({result.period})")
    spread = (
        f" Across {len(table)} {noun}, the highest is {top['area_name']} "
        f"({formatting.format_value(top['value'], meta)}) and the lowest {bottom['area_name']} "
        f"({formatting.format_value(bottom['value'], meta)})."
    )
    approx = int(table["approximate"].sum())
    tail = f" {approx} of the figures are approximations (marked ≈ and *)." if approx else ""
    return counted + spread + tail


def display_table(result: AreasResult, show_998: bool = False) -> pd.DataFrame:
    """The sortable table shown under the chart: numbers stay numeric so sorting works."""
    table = result.table
    headings = {
        "rank": "Rank",
        "area_name": "Area",
        "shown": "Value",
        "value": "Value (number)",
        "lower_ci_95": "Lower 95% CI",
        "upper_ci_95": "Upper 95% CI",
    }
    if show_998:
        headings |= {"lower_ci_998": "Lower 99.8% CI", "upper_ci_998": "Upper 99.8% CI"}
    headings |= {"count": "Count", "denominator": "Denominator", "badge": f"vs {result.comparator}"}
    headings |= {"significance_method": "How compared", "period": "Period", "value_note": "Note"}
    out = table[list(headings)].rename(columns=headings)
    for name in ("Count", "Denominator", "Lower 95% CI", "Upper 95% CI"):
        if out[name].isna().all():
            out = out.drop(columns=name)
    return out


def export_frame(result: AreasResult, meta: Mapping[str, Any]) -> pd.DataFrame:
    """The rows behind the chart for download, with significance, comparator and provenance."""
    keep = [
        "rank",
        *columns.AREA,
        "indicator_id",
        "period",
        *columns.BREAKDOWN,
        *columns.MEASURES,
        *columns.SIGNIFICANCE,
        "comparator",
        "confidence",
        *columns.FLAGS,
    ]
    out = result.table[keep].copy()
    for name, value in result.references.items():
        out[f"reference_{name.lower().replace(' ', '_').replace('-', '_')}"] = value
    return with_meta(out, meta)
