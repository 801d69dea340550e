"""The Compare page's "Inequality" view: an indicator by deprivation group, and its slope index."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from trafford_dash.compare import common, inequality, inequality_chart
from trafford_dash.compare.common import LEVEL_CHOICES
from trafford_dash.compare.ui import widgets
from trafford_dash.core import formatting
from trafford_dash.core.ui import components
from trafford_dash.store import cached, export

LEVELS = ("ward_2022", "ward_2023", "lsoa")
DEFAULT_INDICATOR = "life_expectancy_female"


@cached.on_store(max_entries=64)
def _result(
    indicator_id: str, level_key: str, grouping: str
) -> tuple[inequality.InequalityResult, go.Figure | None, str]:
    info = widgets.meta(indicator_id)
    choice = LEVEL_CHOICES[level_key]
    reason = inequality.applies(info) or common.level_refusal(info, level_key, LEVELS)
    if reason:
        empty = cached.values(indicator_id, "country").iloc[0:0]
        return inequality.InequalityResult(empty, empty, None, refusal=reason), None, ""
    found = inequality.analyse(
        cached.values(indicator_id, choice.level, choice.vintage),
        cached.values("imd_score", choice.level, choice.vintage),
        cached.values("population", choice.level, choice.vintage),
        info,
        grouping,
        cached.values("imd_decile", "lsoa") if choice.level == "lsoa" else None,
        choice.noun,
    )
    if found.refusal:
        return found, None, ""
    figure = inequality_chart.figure(found, info)
    return found, figure, export.to_csv(inequality.export_frame(found, info))


def result(
    indicator_id: str, level_key: str, grouping: str = "Local quintiles"
) -> tuple[inequality.InequalityResult, go.Figure | None, str]:
    """The grouped values, SII, figure and CSV export (cached on the store stamp and the choices)."""
    return _result(indicator_id, level_key, grouping)


def render() -> None:
    """Draw the view's controls, chart, method note, table and download."""
    indicator_id, info, level_key, third = widgets.indicator_and_level(
        "cmp_ineq", DEFAULT_INDICATOR, "Areas", "cmp_ilevel", LEVELS
    )
    with third:
        components.link_notice("cmp_groups", "grouping", inequality.GROUPINGS)
        grouping = str(
            st.selectbox(
                "Deprivation groups",
                inequality.GROUPINGS,
                key="cmp_groups",
                bind="query-params",
                help="Local groups hold equal shares of Trafford's residents; national IoD groups "
                "(LSOAs only) use England-wide deciles.",
            )
        )
    found, figure, csv_text = result(indicator_id, level_key, grouping)
    if found.refusal or figure is None:
        st.info(found.refusal or "Nothing to show for this choice.")
        return
    for note in found.notes:
        st.info(note)
    st.subheader(f"{info['title']} by deprivation: {LEVEL_CHOICES[level_key].label}, {found.period}")
    caption = " ".join(
        part
        for part in (
            formatting.provenance(info, found.period),
            f"Deprivation: Index of Multiple Deprivation score (IoD {found.deprivation_period}) of each "
            "area; "
            "population: ONS mid-year estimates. Source: MHCLG and ONS via Trafford Data Lab (OGL v3.0).",
            "Slope index of inequality: weighted least squares of each area's value on its position on the "
            "deprivation gradient (the midpoint of its cumulative population share, most deprived first), "
            "weighted by population; the SII is the fitted gap between the least and most deprived ends. "
            "Its 95% interval reflects how areas scatter about the line, not sampling error.",
            "Thick lines: each group's value across its share of residents; squares carry 95% intervals "
            "where the group can be computed exactly from counts. Circles: each area.",
            widgets.approximation_caption(found.areas),
        )
        if part
    )
    widgets.chart_block(
        figure,
        inequality.summary(found, info, LEVEL_CHOICES[level_key].noun),
        inequality.display_table(found, info),
        csv_text,
        f"trafford_inequality_{indicator_id}_{level_key}.csv",
        "cmp_ineq_view",
        caption,
    )
