"""Streamlit parts of the map page: URL-bound controls, the cached figure, downloads and click drill-down.

Every control is bound to a query parameter (prefix ``map_``), so the URL reproduces the view. A click
on a ward or neighbourhood opens its profile on the profile page; a click on an LSOA or MSOA opens
the profile of the (pre-May-2023) ward it lies in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from trafford_dash.core import areas as profile_areas
from trafford_dash.core import charts as plotly_cache
from trafford_dash.core import config, formatting, iod_edition
from trafford_dash.core import services as area_services
from trafford_dash.core.provenance import BOUNDARIES
from trafford_dash.core.ui import components
from trafford_dash.map import figure as map_figures
from trafford_dash.map import layers as map_layers
from trafford_dash.store import cached, export

CHART_KEY = "map_chart"
PENDING_KEY = "_map_clicked_area"
PROFILE_PAGE = "app_pages/profile.py"
CONFIDENCE_OPTIONS = {"95": "95%", "99.8": "99.8%"}


@dataclass(frozen=True)
class MapView:
    """Everything that defines the map (all strings, so it can key a cache)."""

    indicator: str
    level: str
    vintage: str
    period: str
    sex: str
    age: str
    colour: str
    confidence: str
    points: tuple[str, ...]
    basemap: bool


def _vintage_label(vintage: str) -> str:
    return profile_areas.VINTAGE_OPTIONS.get(vintage, f"{vintage} boundaries")


def controls(theme_column: DeltaGenerator, indicator_column: DeltaGenerator) -> MapView | None:
    """Draw the map's controls and return the chosen view, or ``None`` with a notice.

    The theme and indicator go in the two containers given; the rest in the current one.
    """
    catalogue = cached.catalogue()
    indicator = _indicator(catalogue, theme_column, indicator_column)
    if indicator is None:
        return None
    meta = {str(k): v for k, v in catalogue.set_index("indicator_id").loc[indicator].to_dict().items()}
    areas = _areas(indicator, meta)
    if areas is None:
        return None
    level, vintage, rows = areas
    sex, age, period, rows = _breakdown(rows)
    colour, confidence = _colouring(indicator, meta, rows[rows["period"] == period])
    points, basemap = _extras()
    return MapView(indicator, level, vintage, period, sex, age, colour, confidence, tuple(points), basemap)


def _indicator(
    catalogue: pd.DataFrame, theme_column: DeltaGenerator, indicator_column: DeltaGenerator
) -> str | None:
    """The theme and indicator choices; ``None`` (with a notice) when the theme has nothing to map."""
    mappable = map_layers.mappable(catalogue)
    themes = [components.ALL_THEMES, *sorted({map_layers.theme_label(t) for t in mappable["theme"]})]
    components.link_notice("map_theme", "theme", themes)
    theme = theme_column.selectbox("Theme", themes, key="map_theme", bind="query-params")
    titles = mappable.set_index("indicator_id")["title"].to_dict()
    in_theme = (
        mappable
        if theme == components.ALL_THEMES
        else mappable[mappable["theme"].map(map_layers.theme_label) == theme]
    )
    options = sorted(in_theme["indicator_id"], key=lambda i: titles[i].lower())
    if not options:
        st.info("No indicator in this theme can be mapped; choose another theme.")
        return None
    components.link_notice("map_ind", "indicator", [titles[i] for i in options])
    default = options.index(map_layers.DEFAULT_INDICATOR) if map_layers.DEFAULT_INDICATOR in options else 0
    return str(
        indicator_column.selectbox(
            "Indicator",
            options,
            index=default,
            format_func=titles.__getitem__,
            key="map_ind",
            bind="query-params",
        )
    )


def _areas(indicator: str, meta: dict[str, Any]) -> tuple[str, str, pd.DataFrame] | None:
    """The level and boundary vintage, with the indicator's rows there; ``None`` with a notice if none."""
    levels = map_layers.levels_for(meta)
    if not levels:
        st.info("This indicator has no ward, neighbourhood or LSOA figures to map; choose another.")
        return None
    components.link_notice("map_lvl", "areas", [map_layers.LEVEL_LABELS[lv] for lv in levels])
    level = st.radio(
        "Areas",
        levels,
        format_func=map_layers.LEVEL_LABELS.__getitem__,
        key="map_lvl",
        bind="query-params",
        horizontal=True,
    )
    rows = cached.values(indicator, level)
    vintages = sorted(rows["vintage"].dropna().unique(), reverse=True)
    if not vintages:
        st.info("There are no values for this indicator at this level; choose another level.")
        return None
    vintage = str(vintages[0])
    components.link_notice("map_vin", "boundaries", [_vintage_label(v) for v in vintages])
    if len(vintages) > 1:
        vintage = str(
            st.radio(
                "Boundaries",
                vintages,
                format_func=_vintage_label,
                key="map_vin",
                bind="query-params",
                help="Wards changed in May 2023. Each vintage shows the data published on those wards.",
            )
        )
    return level, vintage, rows[rows["vintage"] == vintage]


def _breakdown(rows: pd.DataFrame) -> tuple[str, str, str, pd.DataFrame]:
    """Sex, age group and period (each offered only when there is a choice), and the rows left."""
    sexes = sorted(rows["sex"].unique(), key=lambda s: ["Persons", "Female", "Male"].index(s))
    sex = map_layers.default_sex(sexes) or "Persons"
    components.link_notice("map_sex", "sex", sexes)
    if len(sexes) > 1:
        sex = st.radio("Sex", sexes, key="map_sex", bind="query-params", horizontal=True)
    rows = rows[rows["sex"] == sex]
    ages = sorted(rows["age"].unique(), key=map_layers.age_sort_key)
    age = map_layers.default_age(ages) or "All ages"
    components.link_notice("map_age", "age group", ages)
    if len(ages) > 1:
        age = st.selectbox("Age", ages, index=ages.index(age), key="map_age", bind="query-params")
    rows = rows[rows["age"] == age]
    periods = map_layers.ordered_periods(rows)
    period = periods[-1] if periods else ""
    components.link_notice("map_per", "period", periods)
    if len(periods) > 1:
        period = st.selectbox("Period", periods, index=len(periods) - 1, key="map_per", bind="query-params")
    return sex, age, period, rows


def _colouring(indicator: str, meta: dict[str, Any], rows: pd.DataFrame) -> tuple[str, str]:
    """Colour by value or significance (only the comparisons the figures allow), and the confidence level."""
    components.link_notice("map_col", "colouring", map_layers.COLOUR_MODES.values())
    modes, not_offered = map_layers.colour_modes(
        rows,
        cached.values(indicator, "borough"),
        cached.values(indicator, "country"),
        str(meta["polarity"]),
    )
    if st.session_state.get("map_col") not in (None, *modes):
        st.session_state["map_col"] = "value"
    colour = st.radio(
        "Colour by",
        modes,
        format_func=map_layers.COLOUR_MODES.__getitem__,
        key="map_col",
        bind="query-params",
        help="Significance compares each area's confidence interval with Trafford's or England's value.",
    )
    if not_offered:
        st.caption(not_offered)
    confidence = "95"
    components.link_notice("map_ci", "confidence level", CONFIDENCE_OPTIONS.values())
    if colour != "value":
        confidence = st.radio(
            "Confidence level",
            list(CONFIDENCE_OPTIONS),
            format_func=CONFIDENCE_OPTIONS.__getitem__,
            key="map_ci",
            bind="query-params",
            horizontal=True,
        )
    return colour, confidence


def _extras() -> tuple[list[str], bool]:
    """The service points to draw and whether to load the street basemap."""
    components.link_notice("map_pts", "services", area_services.SERVICE_TYPES.values())
    points = st.multiselect(
        "Services",
        list(area_services.SERVICE_TYPES),
        format_func=area_services.SERVICE_TYPES.__getitem__,
        key="map_pts",
        bind="query-params",
        placeholder="Add services…",
    )
    components.link_notice("map_base", "basemap setting", components.ON_OFF, accepts=components.is_on_off)
    basemap = st.toggle(
        "Street basemap",
        key="map_base",
        bind="query-params",
        help="Loads map tiles and label fonts from the internet; the plain map needs nothing from outside.",
    )
    return points, basemap


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
) -> tuple[dict[str, Any], pd.DataFrame, str, str]:
    view = MapView(indicator, level, vintage, period, sex, age, colour, confidence, points, basemap)
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
        if view.colour == "sig_trafford":
            comparators, code = borough, config.TRAFFORD_CODE
        else:
            comparators, code = cached.values(view.indicator, "country"), config.ENGLAND_CODE
        frame, significance_name = map_layers.with_significance(
            frame, comparators, code, str(meta["polarity"]), view.confidence
        )
    hover = map_layers.hover_lines(frame, meta, view.level)
    outline = cached.geojson(f"neighbourhood_{map_layers.outline_vintage(view.level, view.vintage)}")
    unit = str(meta.get("unit") or "")
    colour_title = f"{unit}<br>{view.period}" if unit else view.period
    services = cached.table("services") if view.points else None
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
        service_kinds=view.points,
        basemap=view.basemap,
        uirevision=f"{view.level}-{view.vintage}",
    )
    summary = map_layers.summary(frame, meta, view.level, trafford, significance_name)
    trafford_text = ""
    if trafford is not None:
        approx = "≈ " if trafford.get("approximate") else ""
        trafford_text = f"{approx}{formatting.format_value(trafford['value'], meta)}"
    return plotly_cache.freeze(figure), frame, summary, trafford_text


def follow_click() -> None:
    """If the last rerun was a map click, open the clicked area's profile (call before drawing)."""
    target = st.session_state.pop(PENDING_KEY, None)
    if target:
        st.switch_page(PROFILE_PAGE, query_params=target)


@cached.unless_store_fails
def _on_select(level: str, vintage: str) -> None:
    state = st.session_state.get(CHART_KEY)
    points: list[dict[str, Any]] = []
    if state is not None:
        points = list(state["selection"]["points"])
    code = map_figures.clicked_area(points)
    if not code:
        return
    areas = cached.table("areas")
    if level in ("lsoa", "msoa"):
        match = areas[(areas["area_code"] == code) & (areas["level"] == level)]
        ward = match["ward_code"].dropna()
        if ward.empty:
            # MSOAs carry a neighbourhood but no ward: open the neighbourhood's profile.
            nbh = match["neighbourhood"].dropna()
            if nbh.empty:
                return
            code, vintage = config.neighbourhood_code(str(nbh.iloc[0])), "2022"
        else:
            code, vintage = str(ward.iloc[0]), "2022"
    try:
        st.session_state[PENDING_KEY] = profile_areas.profile_link(areas, code, vintage)
    except KeyError:
        return


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
        on_select=lambda: _on_select(view.level, view.vintage),
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
