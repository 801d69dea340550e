"""Plotly figures for the voluntary and community sector grants: by year, by programme, by recipient.

Organisation names come from the published file and are escaped before they reach plotly, which would
otherwise render tags in labels and hover boxes.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from trafford_dash.core import palettes
from trafford_dash.core.plain_text import excerpt, plotly_text

BAR_COLOUR = sample_colorscale(palettes.SEQUENTIAL, [0.35])[0]
LABEL_CHARS = 32  # per line of a bar label; longer names wrap rather than being cut short


def _money(amount: float) -> str:
    return f"£{amount / 1000:,.1f}k" if amount < 1_000_000 else f"£{amount / 1_000_000:,.2f}m"


def year_bars(table: pd.DataFrame, latest_year: str) -> go.Figure:
    """Grant money per financial year; the latest year's bar is hatched and labelled as the file's last."""
    labels = [f"{y} (latest in file)" if y == latest_year else y for y in table["financial_year"]]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=table["amount_gbp"].astype(float),
            text=[_money(a) for a in table["amount_gbp"]],
            textposition="outside",
            customdata=table[["grants", "organisations"]].to_numpy(),
            hovertemplate="%{x}: £%{y:,.0f}<br>%{customdata[0]} grants to %{customdata[1]} "
            "organisations<extra></extra>",
            marker={
                "color": BAR_COLOUR,
                "pattern": {"shape": ["/" if y == latest_year else "" for y in table["financial_year"]]},
            },
        )
    )
    top = float(table["amount_gbp"].max()) if not table.empty else 1.0
    fig.update_layout(
        xaxis={"title": "Financial year of the award (April to March)", "type": "category"},
        yaxis={"title": "Grants awarded (£)", "range": [0, top * 1.2], "tickformat": ",.0f"},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=360,
    )
    return fig


def wrapped(text: object, width: int = LABEL_CHARS) -> str:
    """Outside text as a plotly label: on one line, escaped, and wrapped onto lines of ``width``."""
    line = excerpt(text, 200)
    return "<br>".join(plotly_text(part) for part in textwrap.wrap(line, width)) or plotly_text(line)


def bars_height(labels: list[str]) -> int:
    """Pixels for horizontal bars with these (wrapped) labels: room for every line of every label."""
    lines = sum(label.count("<br>") + 1 for label in labels)
    return max(220, 16 * lines + 14 * len(labels) + 90)


def unique_labels(labels: list[str]) -> list[str]:
    """Labels made distinct (a second "Footlights" becomes "Footlights (2)"), as plotly merges equal ones."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def horizontal_bars(labels: pd.Series, amounts: pd.Series, counts: pd.Series, axis_title: str) -> go.Figure:
    """Amounts as horizontal bars, largest at the top, each labelled with its amount and grant count."""
    names = unique_labels([wrapped(label) for label in labels])
    fig = go.Figure(
        go.Bar(
            y=names[::-1],
            x=amounts.astype(float).to_numpy()[::-1],
            orientation="h",
            text=[
                f"{_money(a)} · {n} grant{'s' if n != 1 else ''}"
                for a, n in zip(amounts, counts, strict=True)
            ][::-1],
            textposition="outside",
            hovertemplate="%{y}: £%{x:,.0f}<extra></extra>",
            marker_color=BAR_COLOUR,
        )
    )
    top = float(amounts.max()) if len(amounts) else 1.0
    fig.update_layout(
        xaxis={"title": axis_title, "range": [0, top * 1.45], "tickformat": ",.0f"},
        yaxis={"title": None, "automargin": True, "type": "category"},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=bars_height(names),
    )
    return fig
