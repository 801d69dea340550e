"""The opened tile on the Pillars page: trend, all English authorities and neighbourhoods, one at a time.

The three views are lazy tabs bound to the URL (``?pil_view=``): only the chosen one is computed and
drawn. Each has its chart, a sentence written from the data, a table and a CSV download.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from trafford_dash.core import config, trends
from trafford_dash.core.charts import CHART_CONFIG
from trafford_dash.core.ui import blocks, components
from trafford_dash.pillars import charts, distribution, neighbourhoods, tile_text
from trafford_dash.pillars.local_indicators import escape_markdown
from trafford_dash.pillars.ui.data import meta_for, rows_for
from trafford_dash.store import cached, export

VIEW_KEY = "pil_view"

VIEWS = charts.VIEWS


def _with_meta(frame: pd.DataFrame, meta: Mapping[str, Any]) -> pd.DataFrame:
    out = export.with_meta(frame, meta)
    out.insert(0, "indicator_id", meta.get("indicator_id", ""))
    return out


def render_detail(tile: Mapping[str, Any]) -> None:
    """Trend, distribution of English authorities and neighbourhoods for the opened tile."""
    indicator_id = str(tile["indicator_id"])
    meta = meta_for(indicator_id)
    rows = rows_for(indicator_id)
    local = bool(tile.get("local"))
    sex, age = str(tile["sex"]), str(tile["age"])
    with st.container(border=True, key=f"pil_detail_{indicator_id}"):
        if local:  # the file's words, as plain text
            st.markdown("#### Locally supplied indicator")
            st.text(f"{tile['title']}\n{meta.get('definition', '')} {meta.get('attribution', '')}")
        else:
            st.markdown(f"#### {tile['title']}")
            components.indicator_details(meta)
        if sex != "Persons" or age != "All ages":
            st.caption(f"Shown for: {sex}, {age}.")
        views = charts.views_for(rows, sex, age)
        asked = st.query_params.get(VIEW_KEY)
        if asked in VIEWS and asked not in views:
            st.info(f"This indicator has no neighbourhood figures, so there is no “{asked}” view.")
        # Lazy tabs bound to the URL (?pil_view=): only the chosen view is computed and drawn.
        tabs = st.tabs(list(views), key="pil_view", bind="query-params", on_change="rerun")
        draw = {
            "Trend": lambda: _trend(indicator_id, rows, meta, sex, age, local),
            "All English authorities": lambda: _distribution(indicator_id, rows, meta, sex, age, local),
            "Neighbourhoods": lambda: _neighbourhoods(indicator_id, rows, meta, sex, age, local),
        }
        for view, tab in zip(views, tabs, strict=True):
            if tab.open:
                with tab:
                    draw[view]()


def _words(sentence: str, caption: str, provenance: str, local: bool) -> None:
    """A view's sentence and caption. About a locally supplied indicator they quote the file, so the
    sentence and the provenance are plain text."""
    if local:
        st.text(sentence)
        st.caption(caption)
        st.text(provenance)
    else:
        st.markdown(escape_markdown(sentence))
        st.caption(f"{caption} {provenance}")


def _trend(
    indicator_id: str, rows: pd.DataFrame, meta: Mapping[str, Any], sex: str, age: str, local: bool
) -> None:
    series = charts.trend_series(rows, sex, age)
    if not series:
        st.info(
            "There is no Trafford, Greater Manchester or England series for this indicator; the tile "
            "describes its spread across Trafford's wards or LSOAs instead."
        )
        return
    st.plotly_chart(charts.trend_figure(series, meta), key=f"pil_trend_{indicator_id}", config=CHART_CONFIG)
    left_out = charts.left_out_sentence(rows, sex, age)
    _words(
        charts.trend_sentence(series, meta),
        "Hollow markers are approximations; bars on Trafford's line are 95% confidence intervals where the "
        f"source gives them.{' ' + left_out if left_out else ''}",
        f"Source: {meta.get('source', '')}. Licence: {meta.get('licence', '')}.",
        local,
    )
    table = charts.trend_table(series)
    blocks.table_and_csv(
        blocks.TableView(table, "Table of the trend", lazy=False),
        blocks.CsvFile(_with_meta(table, meta), f"{indicator_id}_trend.csv", f"pil_trend_csv_{indicator_id}"),
    )


def _distribution(
    indicator_id: str, rows: pd.DataFrame, meta: Mapping[str, Any], sex: str, age: str, local: bool
) -> None:
    if local:
        st.info(
            "Locally supplied indicators have no figures for other authorities, so there is no "
            "distribution to show."
        )
        return
    series = trends.series_records(trends.records(rows), config.TRAFFORD_CODE, sex, age)
    trafford = series[-1] if series else None
    la_rows = cached.values(indicator_id, "local_authority")
    areas = distribution.authorities(la_rows, trafford)
    if trafford is None or len(areas) < 2:
        st.info(
            "The source has no figures for other English authorities in Trafford's latest period, so "
            "there is no distribution to show."
        )
        return
    england = trends.row_for_period(
        trends.records(rows), config.ENGLAND_CODE, str(trafford["period"]), sex, age
    )
    st.plotly_chart(
        distribution.distribution_figure(areas, meta, england),
        key=f"pil_dist_{indicator_id}",
        config=CHART_CONFIG,
    )
    st.markdown(distribution.distribution_sentence(areas, meta))
    coverage = ""
    if len(areas) <= 100:
        coverage = (
            f" The source holds only {len(areas)} authorities for this indicator (Trafford and its "
            "comparators), not all of England."
        )
    st.caption(
        f"Each dot is an authority with a value for {trafford['period']}; upper-tier authorities where the "
        f"source has both tiers.{coverage} Source: {meta.get('source', '')}. "
        f"Licence: {meta.get('licence', '')}."
    )
    table = distribution.distribution_table(areas)
    blocks.table_and_csv(
        blocks.TableView(table, "Table of authorities", lazy=False),
        blocks.CsvFile(
            _with_meta(table, meta), f"{indicator_id}_authorities.csv", f"pil_dist_csv_{indicator_id}"
        ),
    )


def _neighbourhoods(
    indicator_id: str, rows: pd.DataFrame, meta: Mapping[str, Any], sex: str, age: str, local: bool
) -> None:
    nbh = neighbourhoods.neighbourhood_rows(rows, sex, age)
    if nbh.empty:
        st.info(
            "This indicator has no neighbourhood figures: its source publishes it for whole authorities only."
        )
        return
    every = trends.records(rows)
    trafford = trends.row_for_period(
        every,
        config.TRAFFORD_CODE,
        str(nbh["period"].iloc[0]),
        str(nbh["sex"].iloc[0]),
        str(nbh["age"].iloc[0]),
    )
    st.plotly_chart(
        charts.neighbourhood_figure(nbh, meta, trafford),
        key=f"pil_nbh_{indicator_id}",
        config=CHART_CONFIG,
    )
    _words(
        charts.neighbourhood_sentence(nbh, meta, trafford),
        f"Built from the {tile_text.wards_phrase(str(nbh['vintage'].iloc[0]))}. Hatched bars are "
        "approximations (population-weighted means of ward values); error bars are 95% confidence "
        "intervals where counts allow. In the table, each neighbourhood is compared with Trafford by "
        "the same 95% interval method.",
        f"Source: {meta.get('source', '')}.",
        local,
    )
    table = charts.neighbourhood_table(nbh, trafford, meta)
    blocks.table_and_csv(
        blocks.TableView(table, "Table of neighbourhoods", lazy=False),
        blocks.CsvFile(
            _with_meta(table, meta), f"{indicator_id}_neighbourhoods.csv", f"pil_nbh_csv_{indicator_id}"
        ),
    )
