"""Plotly figures for the spend page: treemap and bar views of a breakdown, spend by pillar, change.

Text that may come from an uploaded budget is HTML-escaped before it reaches plotly, which would
otherwise render tags such as ``<a>`` or ``<b>`` in labels and hover boxes. Colours come from the
scales in :mod:`trafford_dash.core.palettes`; unlabelled segments are hatched, so that is not shown by
colour alone.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from trafford_dash.core import palettes
from trafford_dash.core.config import PILLARS
from trafford_dash.spend.breakdown import area_label, body_name
from trafford_dash.spend.links import UNASSIGNED

BODY_COLOURS = dict(zip(["CCG", "Council"], sample_colorscale(palettes.SEQUENTIAL, [0.2, 0.7]), strict=True))
RISE_COLOUR, FALL_COLOUR = sample_colorscale(palettes.DIVERGING, [0.85, 0.15])
HATCH = "/"
MIN_LABEL_PX = 12


def safe(text: object) -> str:
    """Text escaped for plotly labels (tags shown as text, never rendered)."""
    return html.escape(str(text), quote=False)


def share_colours(shares: pd.Series) -> list[str]:
    """Colours on the sequential scale for shares (0 → darkest, the largest share → lightest)."""
    top = max(float(shares.max()) if len(shares) else 1.0, 1.0)
    return list(sample_colorscale(palettes.SEQUENTIAL, [min(float(v) / top, 1.0) for v in shares]))


def _pct(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") + "%"


def _share_text(row: pd.Series) -> str:
    text = _pct(float(row["share_pct"]))
    if pd.notna(row["amount_gbp_m"]):
        text += f" · £{float(row['amount_gbp_m']):,.1f}m"
    return text


def _hover(row: pd.Series) -> str:
    lines = [
        f"<b>{safe(row['category'])}</b> ({safe(body_name(row['body'], row['year']))}, {safe(row['year'])})",
        f"Share of {safe(row['body'])} spend: {_pct(float(row['share_pct']))}",
    ]
    if pd.notna(row["amount_gbp_m"]):
        lines.append(f"Amount: £{float(row['amount_gbp_m']):,.1f}m ({safe(row['amount_basis'])})")
    else:
        lines.append("Amount: not known (the plan gives no total for this body)")
    lines.append(f"Pillar(s): {safe(str(row['pillars']).replace(';', ', ') or 'not assigned')}")
    if row["label_status"] == "unlabelled":
        lines.append("Label not published in the plan")
    lines.append(f"Source: {safe(row['source'])}")
    return "<br>".join(lines)


def _name(body: str, rows: pd.DataFrame) -> str:
    return body_name(body, rows["year"].iloc[0] if not rows.empty else None)


def _treemap_blocks(rows: pd.DataFrame, body: str, selected: str | None) -> dict[str, list[Any]]:
    """The treemap's blocks: the body at the root, one leaf per spend area, with texts and hovers."""
    total = float(rows["share_pct"].sum())
    ids = [body, *[area_label(body, c) for c in rows["category"]]]
    text = [
        f"{_pct(total)} of its spend",
        *[
            ("▶ selected · " if i == selected else "") + _share_text(r)
            for i, (_, r) in zip(ids[1:], rows.iterrows(), strict=True)
        ],
    ]
    hover = [
        f"{safe(_name(body, rows))}: shares add up to {_pct(total)}",
        *[_hover(r) for _, r in rows.iterrows()],
    ]
    return {
        "ids": ids,
        "labels": [safe(_name(body, rows)), *[safe(c) for c in rows["category"]]],
        "parents": ["", *[body] * len(rows)],
        "values": [total, *rows["share_pct"].astype(float)],
        "text": text,
        "hovertext": hover,
    }


def treemap(table: pd.DataFrame, body: str, selected: str | None = None) -> go.Figure:
    """One body's spend areas as a treemap sized by share; a block's ``id`` is its area label.

    The ``selected`` area is marked "▶ selected" in its text. Plotly zooms into a block when it is
    clicked; the figure's ``uirevision`` follows the selection, so after the page reruns the treemap
    returns to the whole body with the chosen block marked (the path bar also leads back up).
    """
    rows = table[table["body"] == body]
    shapes = ["", *[HATCH if s == "unlabelled" else "" for s in rows["label_status"]]]
    fig = go.Figure(
        go.Treemap(
            **_treemap_blocks(rows, body, selected),
            branchvalues="total",
            texttemplate="%{label}<br>%{text}",
            hovertemplate="%{hovertext}<extra></extra>",
            marker={
                # Explicit colours: plotly draws patterned treemap blocks black when a colorscale is used.
                "colors": ["#f2f2f2", *share_colours(rows["share_pct"])],
                "pattern": {"shape": shapes, "solidity": 0.25, "fillmode": "overlay", "fgcolor": "white"},
                # A single outline: per-block outline widths break plotly's path bar while zooming.
                "line": {"color": "white", "width": 1},
            },
            root={"color": "#f2f2f2"},
            level=body,
            pathbar={"visible": True, "side": "top"},
            maxdepth=2,
            sort=True,
        )
    )
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 30, "b": 0},
        height=420,
        # Plotly shrinks a label to fit its block; below this size it is hidden instead (it stays in
        # the hover, the bar chart and the table).
        uniformtext={"minsize": MIN_LABEL_PX, "mode": "hide"},
        uirevision=f"treemap-{body}-{selected}",
        title={"text": f"{safe(_name(body, rows))}, % of its spend", "font": {"size": 14}},
    )
    return fig


def bars(table: pd.DataFrame, body: str, selected: str | None = None) -> go.Figure:
    """One body's spend areas as horizontal bars (largest at the top); bars carry their area label."""
    rows = table[table["body"] == body].sort_values("share_pct")
    labels = [area_label(body, c) for c in rows["category"]]
    fig = go.Figure(
        go.Bar(
            y=[safe(c) for c in rows["category"]],
            x=rows["share_pct"].astype(float),
            orientation="h",
            text=[_share_text(r) for _, r in rows.iterrows()],
            textposition="outside",
            customdata=[[label] for label in labels],
            hovertext=[_hover(r) for _, r in rows.iterrows()],
            hovertemplate="%{hovertext}<extra></extra>",
            marker={
                "color": BODY_COLOURS.get(body, "#333333"),
                "pattern": {
                    "shape": [HATCH if s == "unlabelled" else "" for s in rows["label_status"]],
                    "fillmode": "overlay",
                    "fgcolor": "white",
                },
                "line": {
                    "color": ["black" if label == selected else "white" for label in labels],
                    "width": [3 if label == selected else 0 for label in labels],
                },
            },
        )
    )
    top = float(rows["share_pct"].max()) if not rows.empty else 1.0
    fig.update_layout(
        title={"text": f"{safe(_name(body, rows))}, % of its spend", "font": {"size": 14}},
        xaxis={"title": "% of the body's spend", "range": [0, top * 1.35]},
        yaxis={"title": None, "automargin": True},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        height=max(260, 34 * len(rows) + 90),
        uirevision=f"bars-{body}-{selected}",
        clickmode="event+select",
    )
    return fig


def pillar_bars(by_pillar: pd.DataFrame) -> go.Figure:
    """Each body's spend by pillar, side by side (shares of each body's own spend)."""
    fig = go.Figure()
    known = [*PILLARS, UNASSIGNED]
    pillars = [p for p in known if p in set(by_pillar["pillar"])]
    pillars += [p for p in dict.fromkeys(by_pillar["pillar"]) if p not in known]
    for body, group in by_pillar.groupby("body", sort=False):
        text = [
            _pct(float(s)) + (f" · £{float(a):,.1f}m" if pd.notna(a) else "") + (" †" if split else "")
            for s, a, split in zip(
                group["share_pct"], group["amount_gbp_m"], group["includes_split"], strict=True
            )
        ]
        fig.add_bar(
            y=group["pillar"],
            x=group["share_pct"],
            orientation="h",
            name=safe(body_name(body, group["year"].iloc[0])),
            text=text,
            textposition="outside",
            marker_color=BODY_COLOURS.get(str(body), "#333333"),
            customdata=[[safe(c)] for c in group["categories"]],
            hovertemplate=(
                f"{safe(body)}: %{{y}}<br>%{{x:.1f}}% of its spend in {safe(group['year'].iloc[0])}<br>"
                "Areas: %{customdata[0]}<extra></extra>"
            ),
        )
    top = float(by_pillar["share_pct"].max()) if not by_pillar.empty else 1.0
    fig.update_layout(
        barmode="group",
        xaxis={"title": "% of each body's spend", "range": [0, top * 1.4]},
        yaxis={"title": None, "categoryorder": "array", "categoryarray": pillars[::-1], "automargin": True},
        legend={"orientation": "h", "y": -0.15},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=max(280, 60 * len(pillars) + 80),
        uirevision="pillars",
    )
    return fig


def change_bars(change: pd.DataFrame) -> go.Figure:
    """Change in each category's share since the plan's 2019/20 split, in percentage points."""
    rows = change.dropna(subset=["change_pp"]).sort_values("change_pp")
    year = safe(change["year"].iloc[0]) if not change.empty else ""
    labels = [f"{safe(b)}: {safe(c)}" for b, c in zip(rows["body"], rows["category"], strict=True)]
    colours = [RISE_COLOUR if v > 0 else FALL_COLOUR for v in rows["change_pp"]]
    text = [
        (f"+{v:.1f} pp" if v > 0 else f"−{abs(v):.1f} pp" if v < 0 else "no change")
        for v in rows["change_pp"]
    ]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=rows["change_pp"],
            orientation="h",
            marker_color=colours,
            text=text,
            textposition="outside",
            hovertemplate=(
                f"%{{y}}<br>%{{text}} in {year} against 2019/20 (share of the body's spend)<extra></extra>"
            ),
        )
    )
    fig.add_vline(x=0, line_color="#333333", line_width=1)
    span = max(float(rows["change_pp"].abs().max()) if not rows.empty else 1.0, 1.0)
    fig.update_layout(
        xaxis={"title": "Change in share (percentage points)", "range": [-span * 1.5, span * 1.5]},
        yaxis={"title": None, "automargin": True},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=max(260, 28 * len(rows) + 80),
        uirevision="change",
    )
    return fig
