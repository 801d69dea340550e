"""Trends: one indicator over its periods for chosen areas, with intervals and significance against England.

In each period, every area with an interval is compared with England's value for that period by
:func:`trafford_dash.core.significance.significance_against` (England treated as a point benchmark, as OHID
Fingertips does); the result is drawn as the marker's shape and written in the hover text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from trafford_dash.compare.common import (
    cell_text,
    choose_age,
    choose_sex,
    ordered_periods,
    records,
    with_meta,
)
from trafford_dash.compare.side import AreaKey, area_options
from trafford_dash.core import chart_parts, config, formatting, palettes, trend_style
from trafford_dash.core import significance as comparison
from trafford_dash.core import trends as trend_rows
from trafford_dash.store import columns

PEER_GROUP_CODES = ("cipfa", "nhs_near_neighbours", "childrens_services")

PEER_MEAN_LABELS = {code: trend_style.BENCHMARKS[code].label for code in PEER_GROUP_CODES}


def trend_area_options(areas: pd.DataFrame, peer_groups: pd.DataFrame) -> list[AreaKey]:
    """Everything on the side-by-side list, plus the peer-group means and every peer authority."""
    options = area_options(areas)
    for code, label in PEER_MEAN_LABELS.items():
        options.insert(3 + list(PEER_MEAN_LABELS).index(code), AreaKey(code, "peer_group", "", code, label))
    peers = peer_groups[peer_groups["area_code"] != config.TRAFFORD_CODE]
    peers = peers.drop_duplicates("area_code").sort_values("area_name")
    for row in peers.itertuples():
        options.append(
            AreaKey(
                str(row.area_code), "local_authority", "", str(row.area_code), f"{row.area_name} (authority)"
            )
        )
    return options


@dataclass
class TrendResult:
    """Rows of the chosen areas across periods with significance, or a refusal sentence."""

    rows: pd.DataFrame
    periods: list[str]
    sex: str
    age: str
    refusal: str | None = None
    left_out: str = ""


def trends(
    values: pd.DataFrame,
    chosen: Sequence[AreaKey],
    england: pd.DataFrame,
    meta: Mapping[str, object],
    confidence: str = "95",
) -> TrendResult:
    """Each chosen area's series, labelled against England period by period.

    Parameters
    ----------
    values
        The indicator's rows at every level the chosen areas need (any periods).
    chosen
        The areas to draw.
    england
        England's rows for the indicator (the benchmark), any periods.
    """
    title = meta["title"]
    if not chosen:
        return TrendResult(pd.DataFrame(), [], "Persons", "All ages", refusal="Choose at least one area.")
    rows = _area_rows(values, chosen)
    if rows.empty:
        return TrendResult(
            rows, [], "Persons", "All ages", refusal=f"None of the chosen areas has figures for “{title}”."
        )
    sex = choose_sex(rows)
    rows = rows[rows["sex"] == sex]
    age = choose_age(rows)
    rows = rows[rows["age"] == age]
    rows, left_out = _one_length_each(rows, chosen)
    periods = ordered_periods(rows)
    if rows.groupby("area_key")["period"].nunique().max() < 2:
        return TrendResult(
            rows,
            periods,
            sex,
            age,
            refusal=(
                f"“{title}” has a single period ({', '.join(periods)}) for the chosen areas, so there is no "
                "trend to draw. Most local-authority series, such as smoking, obesity and life expectancy, "
                "have several years: choose one of those, or other areas."
            ),
        )
    out = label_against_england(
        rows.reset_index(drop=True), england, sex, age, str(meta["polarity"]), confidence
    )
    out.loc[out["area_code"] == config.ENGLAND_CODE, ["significance", "badge"]] = [
        "Not compared",
        "benchmark",
    ]
    order = {p: i for i, p in enumerate(periods)}
    out = (
        out.assign(_order=out["period"].map(order))
        .sort_values(["area_label", "_order"])
        .drop(columns="_order")
    )
    return TrendResult(out.reset_index(drop=True), periods, sex, age, left_out=left_out)


def _area_rows(values: pd.DataFrame, chosen: Sequence[AreaKey]) -> pd.DataFrame:
    """Each chosen area's rows with a figure (or suppressed), tagged with its key and label."""
    frames = []
    for area in chosen:
        part = values[
            (values["area_code"] == area.code)
            & (values["level"] == area.level)
            & (values["vintage"] == area.vintage)
            & (values["value"].notna() | values["suppressed"])
        ]
        frames.append(part.assign(area_key=area.key, area_label=area.label))
    return pd.concat(frames, ignore_index=True)


def _one_length_each(rows: pd.DataFrame, chosen: Sequence[AreaKey]) -> tuple[pd.DataFrame, str]:
    """Each area's rows of one period length only (:func:`trafford_dash.core.trends.one_length`), and a
    sentence naming what was left out."""
    keep: list[int] = []
    split = []
    for area in chosen:
        part = rows[rows["area_key"] == area.key]
        ordered = sorted(
            (r | {"_index": i} for i, r in zip(part.index, records(part), strict=True)),
            key=trend_rows.sort_key,
        )
        kept, left = trend_rows.one_length(ordered)
        keep += [r["_index"] for r in kept]
        split.append((area.label, kept, left))
    return rows.loc[sorted(keep)], trend_rows.left_out_sentence(split)


def label_against_england(
    rows: pd.DataFrame, england: pd.DataFrame, sex: str, age: str, polarity: str, confidence: str
) -> pd.DataFrame:
    """Significance of every row against England's value for the same period, all periods at once.

    :func:`trafford_dash.core.significance.compare` with England as a point benchmark (its row chosen as
    :func:`trafford_dash.core.significance.comparator_row` does: exact figures before approximations),
    including OHID's published label where a row has no interval.
    """
    bench = england[
        (england["area_code"] == config.ENGLAND_CODE)
        & (england["sex"] == sex)
        & (england["age"] == age)
        & england["value"].notna()
    ]
    bench = bench.sort_values("approximate", kind="mergesort").drop_duplicates("period")
    comp = rows["period"].map(bench.set_index("period")["value"])
    labelled = comparison.compare(rows, comp, polarity, confidence, comparator_code=config.ENGLAND_CODE)
    out = rows.assign(
        significance=labelled["significance"], significance_method=labelled["significance_method"]
    )
    out["badge"] = out["significance"].map(palettes.significance_badge)
    return out


def _rgba(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def significance_marks(part: pd.DataFrame) -> list[str]:
    """The symbol written above each point: its significance against England (none for England itself
    or where nothing was compared)."""
    return [
        "" if b == "benchmark" or s == "Not compared" else palettes.SIGNIFICANCE_STYLE[s]["symbol"]
        for s, b in zip(part["significance"], part["badge"], strict=True)
    ]


def figure(result: TrendResult, chosen: Sequence[AreaKey], meta: Mapping[str, object]) -> go.Figure:
    """Lines in each area's shared trend style with shaded 95% intervals; a symbol above each point gives
    its significance against England (▲ better, ▼ worse, ● similar, △ higher, ▽ lower)."""
    fig = go.Figure()
    present = [a for a in chosen if a.key in set(result.rows["area_key"])]
    styles = trend_style.styles_for((a.code, a.label) for a in present)
    for area, style in zip(present, styles, strict=True):
        part = result.rows[result.rows["area_key"] == area.key]
        band = part[part["lower_ci_95"].notna() & part["upper_ci_95"].notna()]
        if len(band) >= 2:
            fig.add_trace(
                go.Scatter(
                    x=list(band["period"]) + list(band["period"])[::-1],
                    y=list(band["upper_ci_95"]) + list(band["lower_ci_95"])[::-1],
                    fill="toself",
                    fillcolor=_rgba(style.colour, 0.15),
                    line={"width": 0},
                    hoverinfo="skip",
                    showlegend=False,
                    name=f"{area.label} 95% CI",
                )
            )
        fig.add_trace(
            go.Scatter(
                x=part["period"],
                y=part["value"],
                mode="lines+markers+text",
                name=area.label,
                line={"color": style.colour, "dash": style.dash, "width": style.width},
                marker={
                    "symbol": trend_style.symbols(style, part["approximate"]),
                    "size": style.size,
                    "color": style.colour,
                    "line": {"color": style.colour, "width": 1.5},
                },
                text=significance_marks(part),
                textposition="top center",
                textfont={"color": "#333333", "size": 14},
                hovertext=[
                    formatting.hover_line(row, meta, extra=f"{row['badge']} vs England")
                    for row in records(part)
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    fig.update_layout(
        height=480,
        margin=chart_parts.margin(10),
        xaxis=chart_parts.axis(
            "Period", type="category", categoryorder="array", categoryarray=result.periods
        ),
        yaxis=chart_parts.axis(formatting.with_unit(str(meta["title"]), str(meta["unit"]))),
        plot_bgcolor="white",
    )
    fig.update_yaxes(showgrid=True, gridcolor="#eeeeee")
    return fig


def summary(result: TrendResult, meta: Mapping[str, object]) -> str:
    """A generated sentence per area: first and latest figure, change, and latest significance."""
    parts = []
    for label, part in result.rows.groupby("area_label", sort=False):
        part = part[part["value"].notna()]
        if len(part) < 2:
            continue
        first, last = part.iloc[0], part.iloc[-1]
        change = float(last["value"]) - float(first["value"])
        word = "rose" if change > 0 else "fell" if change < 0 else "did not change"
        sentence = (
            f"{label} {word} from {formatting.format_value(first['value'], meta)} ({first['period']}) to "
            f"{formatting.format_value(last['value'], meta)} ({last['period']})"
        )
        if last["badge"] != "benchmark" and last["significance"] != "Not compared":
            word = last["significance"].lower()
            sentence += f", {word} {'to' if word == 'similar' else 'than'} England in the latest period"
        parts.append(sentence)
    if not parts:
        return f"No area has two or more figures for {meta['title']}."
    return f"{meta['title']}: " + "; ".join(parts) + "."


def display_table(result: TrendResult, meta: Mapping[str, object]) -> pd.DataFrame:
    """Periods as rows, one column per area, with CIs and the significance badge in each cell."""
    rows = result.rows.copy()
    rows["cell"] = [
        f"{cell_text(row, meta)} {formatting.format_ci(row['lower_ci_95'], row['upper_ci_95'], meta)}".strip()
        + ("" if row["badge"] == "benchmark" else f"  {row['badge']}")
        for row in records(rows)
    ]
    table = rows.pivot_table(index="period", columns="area_label", values="cell", aggfunc="first", sort=False)
    table = table.reindex([p for p in result.periods if p in table.index]).fillna("no data")
    return table.reset_index().rename(columns={"period": "Period"}).rename_axis(columns=None)


def export_frame(result: TrendResult, meta: Mapping[str, object], confidence: str) -> pd.DataFrame:
    """The rows behind the chart, with significance against England and provenance."""
    keep = [
        "area_code",
        "area_label",
        "level",
        "vintage",
        "indicator_id",
        "period",
        "year",
        *columns.BREAKDOWN,
        *columns.MEASURES,
        *columns.SIGNIFICANCE,
        *columns.FLAGS,
    ]
    out = result.rows[keep].copy()
    out["comparator"] = config.ENGLAND_NAME
    out["confidence"] = f"{confidence}%"
    return with_meta(out, meta)
