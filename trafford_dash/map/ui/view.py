"""The map itself: the cached figure, heading, summary and caption, the table alternative, the downloads."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from trafford_dash.core import charts as plotly_cache
from trafford_dash.core import config, formatting, iod_edition, places
from trafford_dash.core.provenance import BOUNDARIES
from trafford_dash.core.ui import components
from trafford_dash.map import figure as map_figures
from trafford_dash.map import layers as map_layers
from trafford_dash.map import places as figure_places
from trafford_dash.map import significance as map_significance
from trafford_dash.map.ui import places as map_places
from trafford_dash.map.ui.controls import CONFIDENCE_OPTIONS, MapView
from trafford_dash.map.ui.drilldown import CHART_KEY, on_select
from trafford_dash.store import cached, export


def _build(view: MapView) -> tuple[dict[str, Any], pd.DataFrame, str, str]:
    return _build_cached(
        view.indicator,
        view.level,
        view.vintage,
        view.period,
        view.sex,
        view.age,
        view.colour,
        view.confidence,
        view.points,
        view.basemap,
        view.land,
    )


@cached.on_store(max_entries=64)
def _build_cached(
    indicator: str,
    level: str,
    vintage: str,
    period: str,
    sex: str,
    age: str,
    colour: str,
    confidence: str,
    points: tuple[str, ...],
    basemap: bool,
    land: tuple[str, ...] = (),
) -> tuple[dict[str, Any], pd.DataFrame, str, str]:
    view = MapView(indicator, level, vintage, period, sex, age, colour, confidence, points, basemap, land)
    catalogue = cached.catalogue()
    meta = {str(k): v for k, v in catalogue.set_index("indicator_id").loc[view.indicator].to_dict().items()}
    rows = map_layers.select(
        cached.values(view.indicator, view.level, view.vintage), view.period, view.sex, view.age
    )
    layer = map_layers.layer_name(view.level, view.vintage)
    geo = cached.geojson(layer)
    features = map_layers.feature_table(geo, view.level)
    frame = map_layers.map_frame(features, rows, view.indicator, view.period, view.sex, view.age)
    borough = cached.values(view.indicator, "borough")
    trafford = map_layers.comparator_value(borough, config.TRAFFORD_CODE, frame)
    significance_name = None
    if view.colour != "value":
        level = map_significance.COMPARATORS[view.colour].level
        frame, significance_name = map_significance.with_significance(
            frame, cached.values(view.indicator, level), view.colour, str(meta["polarity"]), view.confidence
        )
    hover = map_layers.hover_lines(frame, meta, view.level)
    outline = cached.geojson(f"neighbourhood_{map_layers.outline_vintage(view.level, view.vintage)}")
    unit = str(meta.get("unit") or "")
    colour_title = f"{unit}<br>{view.period}" if unit else view.period
    services, place_areas = map_places.shown(view.points, view.land) if view.points else (None, None)
    points_trace = figure_places.point_trace_kind(view.basemap)
    figure = map_figures.area_map(
        geo,
        frame,
        hover,
        mode=view.colour,
        scheme=map_layers.colour_scheme(meta),
        colour_title=colour_title,
        outline=outline,
        bounds=cached.bounds()[layer],
        services=services,
        service_kinds=places.point_kinds(view.points),
        basemap=view.basemap,
        uirevision=f"{view.level}-{view.vintage}",
        outlines=figure_places.outline_traces(place_areas, points_trace) if place_areas is not None else (),
    )
    summary = map_layers.summary(frame, meta, view.level, trafford, significance_name)
    trafford_text = ""
    if trafford is not None:
        approx = "≈ " if trafford.get("approximate") else ""
        trafford_text = f"{approx}{formatting.format_value(trafford['value'], meta)}"
    return plotly_cache.freeze(figure), frame, summary, trafford_text


def show(view: MapView) -> None:
    """The map, its summary, the table alternative and the downloads."""
    frozen, frame, summary, trafford_text = _build(view)
    figure = plotly_cache.thaw(frozen)
    catalogue = cached.catalogue()
    meta = {str(k): v for k, v in catalogue.set_index("indicator_id").loc[view.indicator].to_dict().items()}
    _heading(view, meta)
    if frame["value"].notna().sum() == 0:
        st.info(
            "No area has a value for this choice (the source may not publish it at this level or period); "
            "try another period, level or indicator."
        )
    st.plotly_chart(
        figure,
        key=CHART_KEY,
        on_select=lambda: on_select(view.level, view.vintage),
        selection_mode="points",
        config={**plotly_cache.CHART_CONFIG, "scrollZoom": True},
        width="stretch",
    )
    st.write(summary)
    st.caption(_caption(view, meta, frame, trafford_text))
    with components.lazy_expander(
        "Table of the mapped values", key="map_table", icon=":material/table:"
    ) as is_open:
        if is_open:
            st.dataframe(map_layers.table_for_screen(frame, meta), hide_index=True, width="stretch")
    _downloads(view, frame, figure)
    map_places.show(view.points, view.land, view.vintage)


def _heading(view: MapView, meta: dict[str, Any]) -> None:
    """The map's title line, and for deprivation indicators which IoD edition each level uses."""
    edition = iod_edition.edition(meta, view.period)
    named = f" · {iod_edition.long_name(edition)}" if edition else ""
    st.markdown(f"**{meta['title']}** · {map_layers.LEVEL_WORDS[view.level]} · {view.period}{named}")
    if edition:
        levels = {level: cached.values(view.indicator, level) for level in map_layers.levels_for(meta)}
        st.caption(map_layers.edition_note(meta, view.level, view.vintage, view.period, levels))


def _caption(view: MapView, meta: dict[str, Any], frame: pd.DataFrame, trafford_text: str) -> str:
    """What the colours mean, Trafford's own figure, the click hint and the boundary notice."""
    return (
        map_layers.caption(
            meta,
            view.level,
            view.vintage,
            view.period,
            view.colour,
            CONFIDENCE_OPTIONS[view.confidence],
            frame,
        )
        + (f" Trafford: {trafford_text}." if trafford_text else "")
        + " Click a ward or neighbourhood to open its profile. "
        + BOUNDARIES
    )


def _downloads(view: MapView, frame: pd.DataFrame, figure: Any) -> None:
    """The mapped values as CSV and the map as a self-contained HTML file."""
    with st.container(horizontal=True):
        components.download(
            "Download the data (CSV)",
            lambda: export.to_csv(
                export.with_provenance(frame.assign(level=view.level, ward_vintage=view.vintage))
            ),
            f"trafford_{view.indicator}_{view.level}_{view.vintage}.csv",
            "text/csv",
            key="map_csv",
        )
        components.download(
            "Download the map (HTML, works offline)",
            lambda: figure.to_html(include_plotlyjs=True, full_html=True),
            f"trafford_{view.indicator}_{view.level}_map.html",
            "text/html",
            key="map_html",
            icon=":material/map:",
        )
