"""Streamlit helpers shared by the Compare page's views: URL-bound selectors, notices and chart blocks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from trafford_dash.compare import common
from trafford_dash.core.charts import CHART_CONFIG
from trafford_dash.core.plain_text import code_span
from trafford_dash.core.ui import blocks, components
from trafford_dash.store import cached

KNOWN_KEYS = {
    "cmp_view",
    "cmp_ind",
    "cmp_level",
    "cmp_peer",
    "cmp_vs",
    "cmp_period",
    "cmp_ci",
    "cmp_x",
    "cmp_y",
    "cmp_at",
    "cmp_ineq",
    "cmp_ilevel",
    "cmp_groups",
    "cmp_areas",
    "cmp_ref",
    "cmp_theme",
    "cmp_trend",
    "cmp_tareas",
}
CSV_LABEL = "Download the data (CSV)"
DEFAULT_LEVEL = "ward_2022"
"""The level the compare views open on."""
PLOTLY_CONFIG = {**CHART_CONFIG, "toImageButtonOptions": {"format": "png", "scale": 2}}
CONFIDENCES = ("95", "99.8")


@cached.on_store(max_entries=4)
def metas() -> dict[str, dict[str, Any]]:
    """Every indicator's catalogue row by id, ordered by theme then title."""
    frame = cached.catalogue().sort_values(["theme", "title"])
    return {str(row["indicator_id"]): row for row in common.records(frame)}


def meta(indicator_id: str) -> dict[str, Any]:
    """One indicator's catalogue row."""
    return metas()[indicator_id]


@cached.on_store(max_entries=64)
def _area_rows(codes: tuple[str, ...]) -> pd.DataFrame:
    return cached.rows(area_code=list(codes))


def area_rows(codes: Iterable[str]) -> pd.DataFrame:
    """Every indicator's rows for a few areas (read with a filter on the area codes)."""
    return _area_rows(tuple(sorted(set(codes))))


def gm_boroughs() -> dict[str, str]:
    """The Greater Manchester boroughs by name (→ area code), from the store's peer groups."""
    groups = cached.table("peer_groups")
    gm = groups[groups["group_id"] == "gm"].sort_values("area_name")
    return dict(zip(gm["area_name"].astype(str), gm["area_code"].astype(str), strict=True))


def stray_parameter_notice() -> None:
    """A one-line notice for page parameters (``cmp_…``) that this page does not know."""
    stray = sorted(key for key in st.query_params if key.startswith("cmp_") and key not in KNOWN_KEYS)
    if stray:
        st.info(f"The link's parameter {code_span(stray[0], 30)} is not used by this page and was ignored.")


def indicator_select(
    label: str,
    key: str,
    default: str,
    on_change: Callable[[], None] | None = None,
    help_text: str | None = None,
) -> str:
    """A URL-bound indicator selector (titles on screen and in the link), with a notice for unknown ones."""
    titles = {indicator_id: str(row["title"]) for indicator_id, row in metas().items()}
    options = list(titles)
    components.link_notice(key, "indicator", titles.values())
    chosen = st.selectbox(
        label,
        options,
        index=options.index(default) if default in options else 0,
        format_func=titles.__getitem__,
        key=key,
        bind="query-params",
        on_change=on_change,
        help=help_text,
    )
    return str(chosen)


def level_select(
    label: str, key: str, keys: Sequence[str], default: str, on_change: Callable[[], None] | None = None
) -> str:
    """A URL-bound selector of geographic levels (from :data:`compare_common.LEVEL_CHOICES`)."""
    labels = {k: common.LEVEL_CHOICES[k].label for k in keys}
    components.link_notice(key, "level", labels.values())
    chosen = st.selectbox(
        label,
        list(keys),
        index=list(keys).index(default),
        format_func=labels.__getitem__,
        key=key,
        bind="query-params",
        on_change=on_change,
    )
    return str(chosen)


def indicator_and_level(
    indicator_key: str,
    default: str,
    level_label: str,
    level_key: str,
    levels: Sequence[str],
    on_change: Callable[[], None] | None = None,
) -> tuple[str, dict[str, Any], str, DeltaGenerator]:
    """A view's first row of controls: the indicator (with its details) and the level of areas in the
    first two of three columns; the third column is returned for the view's own control.

    Choosing an indicator moves the level to one where it exists; ``on_change`` runs after either choice.
    """
    first, second, third = st.columns([3, 2, 2])
    with first:
        indicator_id = indicator_select(
            "Indicator",
            indicator_key,
            default,
            on_change=fit_level(indicator_key, level_key, levels, then=on_change),
        )
        info = meta(indicator_id)
        components.indicator_details(info)
    with second:
        level = level_select(level_label, level_key, levels, DEFAULT_LEVEL, on_change=on_change)
    return indicator_id, info, level, third


def fit_level(
    indicator_key: str, level_key: str, keys: Sequence[str], then: Callable[[], None] | None = None
) -> Callable[[], None]:
    """An ``on_change`` callback moving the level to one where the newly chosen indicator exists.

    ``then`` runs afterwards (for example to reset a period whose options depend on both).
    """

    @cached.unless_store_fails
    def callback() -> None:
        fit()
        if then is not None:
            then()

    def fit() -> None:
        indicator_id = st.session_state.get(indicator_key)
        current = st.session_state.get(level_key, keys[0])
        if indicator_id not in metas():
            return
        info = meta(str(indicator_id))
        if not common.level_available(info, str(current)):
            found = common.available_levels(info, keys)
            if found:
                st.session_state[level_key] = found[0]

    return callback


def area_select(
    label: str, key: str, labels: Mapping[str, str], default: Sequence[str], most: int
) -> list[str]:
    """A multiselect of areas (keys shown by their labels), bound to the query parameter ``key``."""
    components.link_notice(key, "area", labels.values())
    return list(
        st.multiselect(
            label,
            list(labels),
            default=list(default),
            format_func=labels.__getitem__,
            max_selections=most,
            key=key,
            bind="query-params",
        )
    )


def confidence_select() -> str:
    """The confidence level for intervals and significance (bound to ``cmp_ci``)."""
    components.link_notice("cmp_ci", "confidence level", (f"{c}%" for c in CONFIDENCES))
    chosen = st.radio(
        "Confidence level",
        CONFIDENCES,
        format_func=lambda c: f"{c}%",
        key="cmp_ci",
        bind="query-params",
        horizontal=True,
        help="95% intervals, as Fingertips uses by default; 99.8% is stricter (fewer chance differences).",
    )
    return str(chosen)


def chart_block(
    figure: go.Figure,
    summary: str,
    table: pd.DataFrame,
    csv_text: str,
    filename: str,
    key: str,
    caption: str,
) -> None:
    """Summary sentence, chart (PNG from its toolbar), caption, table alternative and CSV download.

    ``csv_text`` is the export already written by :func:`trafford_dash.store.export.to_csv` (formulas
    neutralised), so the view can cache it with its figure.
    """
    blocks.chart_block(
        figure,
        f"{key}_chart",
        caption,
        sentence=summary,
        table=blocks.TableView(table, "Table of the data behind the chart", lazy=False),
        csv=blocks.CsvFile(csv_text, filename, f"{key}_csv", CSV_LABEL),
        config=PLOTLY_CONFIG,
    )


def csv_download(csv_text: str, filename: str, key: str) -> None:
    """A download button for CSV text written by :func:`trafford_dash.store.export.to_csv`."""
    components.download(CSV_LABEL, csv_text, filename, "text/csv", key)


def significance_caption(comparator: str, confidence: str, method: str) -> str:
    """The legend text stating how significance was judged."""
    return (
        f"Significance against {comparator} at {confidence}% confidence ({method}), as OHID Fingertips does: "
        "▲ better, ▼ worse, ● similar; △ higher, ▽ lower where no judgement applies; ○ not compared when "
        "a figure has no confidence interval. Intervals: Wilson for proportions, Byar for rates, or as "
        "published."
    )


def approximation_caption(rows: pd.DataFrame) -> str:
    """The note explaining ≈ and * marks, using the rows' own method note, or ''."""
    flagged = rows[rows["approximate"].astype(bool)] if "approximate" in rows else rows.iloc[0:0]
    if flagged.empty:
        return ""
    note = str(flagged["value_note"].iloc[0]) if "value_note" in flagged else ""
    return f"≈ … * marks an approximation. {note}"
