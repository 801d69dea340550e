"""The Compare page's "Two indicators" view: a scatter of one indicator against another."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from trafford_dash.compare import common, scatter
from trafford_dash.compare.common import LEVEL_CHOICES
from trafford_dash.compare.ui import widgets
from trafford_dash.core.ui import components
from trafford_dash.store import cached, export

LEVELS = ("neighbourhood_2022", "neighbourhood_2023", "ward_2022", "ward_2023", "lsoa", "england")
DEFAULT_X = "imd_score"
DEFAULT_Y = "life_expectancy_male"
OTHER_NEIGHBOURHOOD = {"neighbourhood_2022": "neighbourhood_2023", "neighbourhood_2023": "neighbourhood_2022"}


def rows_for(indicator_id: str, level_key: str) -> tuple[pd.DataFrame, str | None]:
    """An indicator's rows for the scatter, or a refusal sentence.

    Neighbourhoods keep their codes across ward vintages, so an indicator that exists only on the
    other vintage is used from there (the scatter then warns); wards change codes, so they cannot.
    LSOA rows of either vintage are used (2011 and 2021 LSOAs are matched by code).
    """
    info = widgets.meta(indicator_id)
    choice = LEVEL_CHOICES[level_key]
    empty = pd.DataFrame()
    if level_key == "england":
        if not common.level_available(info, level_key):
            return empty, common.level_refusal(info, level_key, LEVELS)
        rows = pd.concat(
            [cached.values(indicator_id, "local_authority"), cached.values(indicator_id, "borough")],
            ignore_index=True,
        )
        return rows, None
    if common.level_available(info, level_key):
        return cached.values(indicator_id, choice.level, choice.vintage), None
    other = OTHER_NEIGHBOURHOOD.get(level_key)
    if other and common.level_available(info, other):
        other_choice = LEVEL_CHOICES[other]
        return cached.values(indicator_id, other_choice.level, other_choice.vintage), None
    return empty, common.level_refusal(info, level_key, LEVELS)


@cached.on_store(max_entries=64)
def _result(x_id: str, y_id: str, level_key: str) -> tuple[scatter.ScatterResult, go.Figure | None, str]:
    x_rows, x_refusal = rows_for(x_id, level_key)
    y_rows, y_refusal = rows_for(y_id, level_key)
    if x_refusal or y_refusal:
        return scatter.ScatterResult(pd.DataFrame(), None, refusal=x_refusal or y_refusal), None, ""
    choice = LEVEL_CHOICES[level_key]
    groups = scatter.groups_for(
        cached.table("areas"), cached.table("lsoa_to_ward"), choice.level, choice.vintage or "2022"
    )
    x_meta, y_meta = widgets.meta(x_id), widgets.meta(y_id)
    found = scatter.pair(x_rows, y_rows, x_meta, y_meta, groups, choice.noun)
    if found.refusal:
        return found, None, ""
    figure = scatter.figure(found, x_meta, y_meta)
    return found, figure, export.to_csv(scatter.export_frame(found, x_meta, y_meta))


def result(x_id: str, y_id: str, level_key: str) -> tuple[scatter.ScatterResult, go.Figure | None, str]:
    """The paired areas, fit, figure and CSV export (cached on the store stamp and the choices)."""
    return _result(x_id, y_id, level_key)


def render() -> None:
    """Draw the view's controls, warnings, chart, table and download."""
    # A grid, so that on a narrow screen the two indicators keep room for their names.
    cells = st.grid(3, min_column_width=320)
    with cells.cell():
        x_id = widgets.indicator_select("Across (x axis)", "cmp_x", DEFAULT_X)
        components.indicator_details(widgets.meta(x_id))
    with cells.cell():
        y_id = widgets.indicator_select("Up (y axis)", "cmp_y", DEFAULT_Y)
        components.indicator_details(widgets.meta(y_id))
    with cells.cell():
        level_key = widgets.level_select("Areas", "cmp_at", LEVELS, widgets.DEFAULT_LEVEL)
    found, figure, csv_text = result(x_id, y_id, level_key)
    for warning in found.warnings:
        st.warning(warning, icon=":material/warning:")
    if found.refusal or figure is None:
        st.info(found.refusal or "Nothing to show for this choice.")
        return
    x_meta, y_meta = widgets.meta(x_id), widgets.meta(y_id)
    st.subheader(f"{y_meta['title']} against {x_meta['title']}")
    caption = (
        f"x: {x_meta['title']}, period {found.x_period}; source {x_meta['source']}. "
        f"y: {y_meta['title']}, period {found.y_period}; source {y_meta['source']}. "
        f"Licence: {x_meta['licence']}. "
        "Line: ordinary least squares (each area counts once). Pearson's r measures a straight-line "
        "association and Spearman's ρ a ranked one; both describe places, not people, and do not show "
        "cause. Colour and marker shape show the neighbourhood (or Trafford and Greater Manchester)."
    )
    widgets.chart_block(
        figure,
        scatter.summary(found, x_meta, y_meta, LEVEL_CHOICES[level_key].noun),
        scatter.display_table(found, x_meta, y_meta),
        csv_text,
        f"trafford_scatter_{x_id}_{y_id}_{level_key}.csv",
        "cmp_scatter_view",
        caption,
    )
