"""Plotly figures for the Council's actual spend: months, shares, change, then and now, per resident.

Labels from the payments (service units, suppliers) are escaped before they reach plotly. "Not mapped"
and incomplete months are hatched as well as greyed, so neither is shown by colour alone; rises and falls
carry a + or − in their labels as well as their colour.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from trafford_dash.core import palettes
from trafford_dash.core.plain_text import plotly_text
from trafford_dash.spend.actual import money, month_label
from trafford_dash.spend.grant_charts import bars_height, wrapped
from trafford_dash.store.payment_mapping import NOT_MAPPED

BAR, PLAN = sample_colorscale(palettes.SEQUENTIAL, [0.3, 0.75])
RISE, FALL = sample_colorscale(palettes.DIVERGING, [0.85, 0.15])


def _layout(fig: go.Figure, axis_title: str, labels: list[str], **extra: object) -> go.Figure:
    fig.update_layout(
        xaxis={"title": axis_title, "tickformat": ",.0f"},
        yaxis={"title": None, "automargin": True, "type": "category"},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=bars_height(labels),
        **extra,
    )
    return fig


def _year_starts(table: pd.DataFrame) -> list[tuple[str, str]]:
    """Each financial year's first month (as a date) and the year, for a dotted line and a label."""
    firsts = table.drop_duplicates("financial_year")
    return [(f"{m}-01", str(y)) for m, y in zip(firsts["month"], firsts["financial_year"], strict=True)]


def months(table: pd.DataFrame, latest_full: str | None) -> go.Figure:
    """Net spend per month; incomplete months hatched, the latest full month labelled on the chart.

    The axis is a date axis with a label every third month, so labels never crowd at any width.
    """
    starts = [f"{m}-01" for m in table["month"]]
    complete = table["complete"].tolist()
    fig = go.Figure(
        go.Bar(
            x=starts,
            xperiod="M1",
            xperiodalignment="middle",
            y=table["amount"].astype(float) / 1e6,
            customdata=table[["financial_year", "payments"]].to_numpy(),
            hovertemplate="%{x|%B %Y} (%{customdata[0]}): £%{y:,.2f}m in %{customdata[1]:,} payments"
            "<extra></extra>",
            marker={
                "color": [BAR if c else palettes.NO_DATA for c in complete],
                "pattern": {"shape": ["" if c else "/" for c in complete]},
                "line": {"color": "#333333", "width": [0 if c else 1 for c in complete]},
            },
        )
    )
    for start, year in _year_starts(table):
        fig.add_vline(x=start, line={"color": "#555555", "width": 1, "dash": "dot"})
        fig.add_annotation(
            x=start, y=1.0, yref="paper", text=year, showarrow=False, xanchor="left", yanchor="bottom"
        )
    if latest_full is not None and latest_full in set(table["month"]):
        position = table["month"].tolist().index(latest_full)
        right_half = position >= len(table) / 2  # the label runs inwards, so it stays inside the chart
        amount = float(table["amount"].iloc[position])
        fig.add_annotation(
            x=f"{latest_full}-15",
            y=amount / 1e6,
            text=f"Latest full month: {month_label(latest_full)}, {money(amount)}",
            showarrow=True,
            arrowhead=2,
            ax=-20 if right_half else 20,
            ay=-30,
            xanchor="right" if right_half else "left",
            bgcolor="rgba(255,255,255,0.85)",
        )
    low = min(0.0, float(table["amount"].min()) / 1e6) if not table.empty else 0.0
    top = float(table["amount"].max()) / 1e6 if not table.empty else 1.0
    fig.update_layout(
        xaxis={
            "title": "Month of payment (hatched grey: month not yet complete)",
            "type": "date",
            "dtick": "M3",
            "tick0": starts[0] if starts else None,
            "tickformat": "%b %Y",
            "ticklabelmode": "period",
        },
        yaxis={"title": "Net spend (£m)", "tickformat": ",.0f", "range": [low, top * 1.3]},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        height=400,
    )
    return fig


def _hbars(labels: pd.Series, values: pd.Series, texts: list[str], axis_title: str, hover: str) -> go.Figure:
    """Horizontal bars in the order given, drawn top down; "Not mapped" greyed and hatched."""
    unmapped = (labels == NOT_MAPPED).tolist()[::-1]
    clean = values.astype(float)
    names = [wrapped(v) for v in labels][::-1]
    fig = go.Figure(
        go.Bar(
            y=names,
            x=clean.to_numpy()[::-1],
            orientation="h",
            text=texts[::-1],
            textposition="outside",
            hovertemplate=f"%{{y}}: {hover}<extra></extra>",
            marker={
                "color": [palettes.NO_DATA if u else BAR for u in unmapped],
                "pattern": {"shape": ["/" if u else "" for u in unmapped]},
            },
        )
    )
    _layout(fig, axis_title, names)
    low = min(0.0, float(clean.min())) if len(clean) else 0.0
    fig.update_xaxes(range=[low, (float(clean.max()) if len(clean) else 1.0) * 1.4])
    return fig


def share_bars(table: pd.DataFrame, column: str, axis_title: str = "Net spend (£)") -> go.Figure:
    """Net spend by group as horizontal bars, in the table's order (largest first, "Not mapped" last)."""
    texts = [
        f"{money(float(a))} · {s:.1f}%" for a, s in zip(table["amount"], table["share_pct"], strict=True)
    ]
    return _hbars(table[column], table["amount"], texts, axis_title, "£%{x:,.0f}")


def change_bars(table: pd.DataFrame, column: str, compared: str) -> go.Figure:
    """Change in net spend against the same months a year earlier: + orange, − purple, with signs."""
    rows = table.iloc[::-1]
    change = rows["change"].astype(float)
    names = [wrapped(v) for v in rows[column]]
    fig = go.Figure(
        go.Bar(
            y=names,
            x=change,
            orientation="h",
            text=[("+" if c >= 0 else "") + money(c) for c in change],
            textposition="outside",
            hovertemplate="%{y}: %{text}<extra></extra>",
            marker_color=[RISE if c >= 0 else FALL for c in change],
        )
    )
    reach = float(change.abs().max()) if not rows.empty else 1.0
    _layout(fig, f"Change in net spend against {compared} (£)", names)
    fig.update_xaxes(range=[-reach * 1.5, reach * 1.5], zeroline=True)
    return fig


def then_and_now(table: pd.DataFrame, year: str) -> go.Figure:
    """The plan's 2019/20 Council shares (hollow, hatched) beside today's matched shares (solid)."""
    rows = table.iloc[::-1]
    labels = [wrapped(v) for v in rows["plan_category"]]
    fig = go.Figure()
    for name, values, colour, shape in (
        ("Plan, 2019/20", rows["plan_share_pct"], PLAN, "x"),
        (f"Payments, {year} (matched by mapping)", rows["share_pct"], BAR, ""),
    ):
        fig.add_bar(
            y=labels,
            x=values.astype(float),
            orientation="h",
            name=name,
            text=[f"{v:.1f}%" if pd.notna(v) else "none" for v in values],
            textposition="outside",
            marker={"color": colour, "pattern": {"shape": shape}},
            hovertemplate=f"{plotly_text(name)}: %{{y}} %{{x:.1f}}%<extra></extra>",
        )
    _layout(fig, "% of the Council's spend in the plan's categories", labels * 2, barmode="group")
    fig.update_layout(legend={"orientation": "h", "y": -0.2})
    fig.update_xaxes(tickformat=".0f")
    return fig


def per_resident(table: pd.DataFrame) -> go.Figure:
    """Net spend per resident by pillar."""
    texts = [f"£{v:,.0f}" for v in table["per_resident"]]
    return _hbars(
        table["pillar"], table["per_resident"], texts, "Net spend per resident (£)", "£%{x:,.2f} per resident"
    )
