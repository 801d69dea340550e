"""The money challenge: the plan's financial trajectories, as stated and (optionally) filled in.

The plan gives only end points or period totals (LP2019 §7.8, §9): the CCG's in-year deficit of
£7m falling to £1.5m in the final year of a five-year trajectory; £35m of efficiency savings over
2020/21–2023/24; a cash-releasing efficiency rate of up to 3.25% a year falling to 1.1% in the final
year; and the Council's £32m budget gap over three years. Intermediate years are never published.
When asked, :func:`with_interpolation` adds points marked ``interpolated``: a straight line between
stated end points, or a period total spread evenly over its years. These are assumptions.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots

from trafford_dash.core import palettes

NATIONAL_MINIMUM_PCT = 1.1
DEFICIT_SURCHARGE_PCT = 0.5
STATED_COLOUR, ASSUMED_COLOUR = sample_colorscale(palettes.SEQUENTIAL, [0.15, 0.6])
_FIVE_YEARS = tuple(f"Year {number}" for number in range(1, 6))


@dataclass(frozen=True)
class SeriesLayout:
    """How a series is laid out in time: its x-axis labels and how a point maps onto them."""

    title: str
    kind: str  # "path": values at points in time; "total": one total over a period
    axis: tuple[str, ...]
    positions: dict[str, int]
    assumption: str


LAYOUTS = {
    "ccg_deficit": SeriesLayout(
        "CCG planned in-year deficit (£m)",
        "path",
        _FIVE_YEARS,
        {"first year": 0, "final year": 4},
        "Years 2 to 4 are a straight line between the stated first- and final-year deficits; the plan "
        "does not publish them. Year 1 is implied to be 2019/20 and year 5 2023/24, but the plan does "
        "not label the years.",
    ),
    "ccg_efficiency_rate": SeriesLayout(
        "CCG cash-releasing efficiency target (% a year)",
        "path",
        _FIVE_YEARS,
        {"earlier years": 0, "final year": 4},
        "The plan gives a ceiling of 3.25% a year for the earlier years and 1.1% for the final year; the "
        "straight line between them is an assumption, not a published path.",
    ),
    "ccg_efficiency_savings": SeriesLayout(
        "CCG efficiency savings 2020/21–2023/24 (£m)",
        "total",
        ("2020/21", "2021/22", "2022/23", "2023/24"),
        {"2020/21 to 2023/24": -1},
        "The £35m is a total for four years; spreading it evenly (£8.75m a year) is an assumption.",
    ),
    "council_budget_gap": SeriesLayout(
        "Council budget gap over three years (£m)",
        "total",
        ("Year 1", "Year 2", "Year 3"),
        {"over three years": -1},
        "The £32m is a three-year total and the plan names neither the years nor a split by year; an "
        "even spread (about £10.7m a year) is an assumption.",
    ),
}


def with_interpolation(points: pd.DataFrame, interpolate: bool) -> pd.DataFrame:
    """The stated points laid out on each series' axis, plus interpolated points when asked.

    Returns
    -------
    DataFrame
        ``series, title, x, period, value, unit, point_type, note, source_key`` where ``x`` is the
        chart's axis label (e.g. ``"Year 1"`` or ``"4-year total"``), ``period`` the plan's own
        wording (e.g. ``"first year"``, ``"2020/21 to 2023/24"``), and ``point_type`` is ``stated`` or
        ``interpolated``.
    """
    records: list[dict[str, object]] = []
    for series, group in points.groupby("series", sort=False):
        layout = LAYOUTS.get(str(series))
        for row in group.to_dict("records"):
            position = layout.positions.get(str(row["year"])) if layout else None
            if layout is None or position is None or position < 0:
                x = (
                    f"{len(layout.axis)}-year total"
                    if layout and layout.kind == "total"
                    else str(row["year"])
                )
            else:
                x = layout.axis[position]
            records.append(
                {
                    "series": series,
                    "title": layout.title if layout else str(series),
                    "x": x,
                    "period": str(row["year"]),
                    "value": float(row["value"]),
                    "unit": row["unit"],
                    "point_type": "stated",
                    "note": row["note"],
                    "source_key": row["source_key"],
                }
            )
        if interpolate and layout is not None:
            records.extend(_filled(str(series), group, layout))
    return pd.DataFrame.from_records(records)


def _filled(series: str, group: pd.DataFrame, layout: SeriesLayout) -> list[dict[str, object]]:
    unit = str(group["unit"].iloc[0])
    base = {"series": series, "title": layout.title, "unit": unit, "point_type": "interpolated"}
    base |= {"note": "Assumption: " + layout.assumption, "source_key": "assumption"}
    if layout.kind == "total":
        total = float(group["value"].iloc[0])
        return [base | {"x": x, "period": x, "value": total / len(layout.axis)} for x in layout.axis]
    known = {
        layout.positions[str(r["year"])]: float(r["value"])
        for r in group.to_dict("records")
        if str(r["year"]) in layout.positions
    }
    if len(known) < 2:
        return []
    (first, start), (last, end) = min(known.items()), max(known.items())
    out = []
    for position in range(first + 1, last):
        value = start + (end - start) * (position - first) / (last - first)
        out.append(base | {"x": layout.axis[position], "period": layout.axis[position], "value": value})
    return out


def _label(value: float, unit: str) -> str:
    if unit == "£m":
        return f"£{value:,.2f}".rstrip("0").rstrip(".") + "m"
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def figure(laid_out: pd.DataFrame) -> go.Figure:
    """The four series as small multiples in one chart (two by two).

    Stated points are solid diamonds or bars; interpolated points are hollow, dashed or hatched and
    labelled with ≈. Each trace's ``meta`` names its series.
    """
    names = list(LAYOUTS)
    fig = make_subplots(
        rows=2,
        cols=2,
        subplot_titles=[LAYOUTS[name].title for name in names],
        vertical_spacing=0.2,
        horizontal_spacing=0.08,
    )
    for index, name in enumerate(names):
        _add_series(fig, laid_out, name, row=index // 2 + 1, col=index % 2 + 1)
    seen: set[str] = set()
    for trace in fig.data:
        trace.showlegend = trace.name not in seen
        seen.add(str(trace.name))
    fig.update_annotations(font_size=14)
    fig.update_layout(
        title={
            "text": "The money challenge: CCG deficit and efficiency, Council budget gap",
            "font": {"size": 15},
        },
        legend={"orientation": "h", "y": -0.12},
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
        height=680,
        barmode="group",
        uirevision="money_challenge",
    )
    return fig


def _add_series(fig: go.Figure, laid_out: pd.DataFrame, series: str, row: int, col: int) -> None:
    rows = laid_out[laid_out["series"] == series]
    layout = LAYOUTS[series]
    at = {"row": row, "col": col}
    stated = rows[rows["point_type"] == "stated"]
    assumed = rows[rows["point_type"] == "interpolated"]
    order = list(layout.axis)
    if layout.kind == "total":
        order = [*stated["x"].tolist(), *order]
        _add_totals(fig, series, stated, assumed, at)
    else:
        _add_path(fig, series, stated, assumed, order, at)
    if series == "ccg_efficiency_rate":
        _add_minimum_lines(fig, at)
    unit = str(rows["unit"].iloc[0]) if not rows.empty else ""
    top = float(rows["value"].max()) if not rows.empty else 1.0
    fig.update_xaxes(categoryorder="array", categoryarray=order, title=None, tickangle=0, **at)
    fig.update_yaxes(title=unit, range=[0, top * 1.3], rangemode="tozero", **at)


def _xy(points: pd.DataFrame) -> dict[str, pd.Series]:
    return {"x": points["x"], "y": points["value"]}


def _labels(points: pd.DataFrame, prefix: str = "") -> list[str]:
    return [prefix + _label(v, u) for v, u in zip(points["value"], points["unit"], strict=True)]


def _add_totals(
    fig: go.Figure, series: str, stated: pd.DataFrame, assumed: pd.DataFrame, at: dict[str, int]
) -> None:
    """A period total as a solid bar, and its even spread (when asked) as hatched bars."""
    fig.add_bar(
        x=stated["x"],
        y=stated["value"],
        name="Stated total",
        meta=series,
        marker_color=STATED_COLOUR,
        text=_labels(stated),
        textposition="outside",
        hovertemplate="%{x}: %{text} (stated in the plan)<extra></extra>",
        **at,
    )
    if assumed.empty:
        return
    hatched = {"shape": "/", "fgcolor": ASSUMED_COLOUR}
    fig.add_bar(
        x=assumed["x"],
        y=assumed["value"],
        name="Even spread (assumption)",
        meta=series,
        marker={"color": "white", "line": {"color": ASSUMED_COLOUR, "width": 2}, "pattern": hatched},
        text=_labels(assumed, "≈"),
        textposition="outside",
        hovertemplate="%{x}: %{text} a year (assumed even spread)<extra></extra>",
        **at,
    )


def _add_path(
    fig: go.Figure,
    series: str,
    stated: pd.DataFrame,
    assumed: pd.DataFrame,
    order: list[str],
    at: dict[str, int],
) -> None:
    """Stated points as diamonds, joined (when asked) by a dashed interpolated line."""
    if not assumed.empty:
        line = pd.concat([stated, assumed]).assign(
            _o=lambda f: f["x"].map({x: i for i, x in enumerate(order)})
        )
        line = line.sort_values("_o")
        fig.add_scatter(
            **_xy(line),
            mode="lines+markers+text",
            name="Interpolated (assumption)",
            meta=series,
            line={"dash": "dash", "color": ASSUMED_COLOUR},
            marker={"symbol": "circle-open", "size": 10, "color": ASSUMED_COLOUR},
            text=[
                "" if t == "stated" else f"≈{_label(v, u)}"
                for t, v, u in zip(line["point_type"], line["value"], line["unit"], strict=True)
            ],
            textposition="top right",
            hovertemplate="%{x}: %{y:.2f} (interpolated)<extra></extra>",
            **at,
        )
    fig.add_scatter(
        **_xy(stated),
        mode="markers+text",
        name="Stated in the plan",
        marker={"symbol": "diamond", "size": 13, "color": STATED_COLOUR},
        text=_labels(stated),
        textposition="top center",
        hovertemplate="%{x}: %{text} (stated in the plan)<extra></extra>",
        meta=series,
        **at,
    )


def _add_minimum_lines(fig: go.Figure, at: dict[str, int]) -> None:
    """The national minimum efficiency rate, and the minimum for bodies in deficit."""
    for level, label in (
        (NATIONAL_MINIMUM_PCT, "national minimum 1.1%"),
        (NATIONAL_MINIMUM_PCT + DEFICIT_SURCHARGE_PCT, "minimum + 0.5% for bodies in deficit"),
    ):
        fig.add_hline(
            y=level,
            line_dash="dot",
            line_color="#555555",
            annotation_text=label,
            annotation_position="bottom left",
            **at,
        )


def sentence(points: pd.DataFrame, series: str) -> str:
    """A plain-English statement of a series built from its stated points."""
    rows = points[(points["series"] == series)]
    values = {str(y): float(v) for y, v in zip(rows["year"], rows["value"], strict=True)}
    if series == "ccg_deficit" and {"first year", "final year"} <= set(values):
        start, end = values["first year"], values["final year"]
        return (
            f"The CCG planned an in-year deficit of £{start:g}m in the first year of its five-year "
            f"trajectory, falling to £{end:g}m in the final year: £{start - end:g}m "
            f"({(start - end) / start:.0%}) less."
        )
    if series == "ccg_efficiency_rate" and {"earlier years", "final year"} <= set(values):
        return (
            f"The CCG's efficiency target is up to {values['earlier years']:g}% a year, falling to "
            f"{values['final year']:g}% in the final year, the national minimum; bodies in deficit face "
            f"{DEFICIT_SURCHARGE_PCT:g}% more."
        )
    if series == "ccg_efficiency_savings" and values:
        ((period, total),) = values.items()
        span = period.replace(" to ", "–")
        return f"The CCG must find £{total:g}m of efficiency savings over {span} in total."
    if series == "council_budget_gap" and values:
        ((period, total),) = values.items()
        return f"Trafford Council faces a £{total:g}m budget gap {period}; the plan gives no split by year."
    return ", ".join(f"{k}: {v:g}" for k, v in values.items())


def export_points(laid_out: pd.DataFrame) -> pd.DataFrame:
    """The charts' data for CSV, with period, source and licence on every row."""
    out = laid_out.rename(columns={"x": "chart_label"}).copy()
    out["source"] = out["source_key"].map(
        lambda key: (
            "Assumption (not published)"
            if key == "assumption"
            else f"Trafford Together Locality Plan ({key})"
        )
    )
    out["licence"] = "Figures restated, with citations, from the partners' public plan documents"
    columns = [
        "series",
        "title",
        "period",
        "chart_label",
        "value",
        "unit",
        "point_type",
        "note",
        "source",
        "licence",
    ]
    return out[columns]
