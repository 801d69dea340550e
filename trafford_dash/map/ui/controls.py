"""The map page's controls, each bound to a query parameter (prefix ``map_``): the URL reproduces the view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from trafford_dash.core import areas as profile_areas
from trafford_dash.core import places
from trafford_dash.core.ui import choices, components
from trafford_dash.map import layers as map_layers
from trafford_dash.map import places as map_places
from trafford_dash.map import significance as map_significance
from trafford_dash.store import cached

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
    land: tuple[str, ...] = ()


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
    colour, confidence = _colouring((indicator, level, vintage, period, sex, age), meta)
    points, land, basemap = _extras()
    return MapView(
        indicator, level, vintage, period, sex, age, colour, confidence, tuple(points), basemap, land
    )


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
    level = choices.labelled(
        st.radio, "Areas", map_layers.LEVEL_LABELS, "map_lvl", options=levels, horizontal=True
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


@cached.on_store(max_entries=256)
def colour_modes(
    indicator: str, level: str, vintage: str, period: str, sex: str, age: str, polarity: str
) -> tuple[list[str], str]:
    """The colourings worth offering for one mapped choice (see
    :func:`trafford_dash.map.significance.colour_modes`), worked out once per choice."""
    rows = map_layers.select(cached.values(indicator, level, vintage), period, sex, age)
    comparators = map_significance.COMPARATORS.items()
    return map_significance.colour_modes(
        rows, {mode: cached.values(indicator, c.level) for mode, c in comparators}, polarity
    )


def _colouring(chosen: tuple[str, str, str, str, str, str], meta: dict[str, Any]) -> tuple[str, str]:
    """Colour by value or significance (only the comparisons the figures allow), and the confidence level.

    ``chosen`` is the indicator, level, boundaries, period, sex and age mapped."""
    components.link_notice("map_col", "colouring", map_layers.COLOUR_MODES.values())
    modes, not_offered = colour_modes(*chosen, str(meta["polarity"]))
    if st.session_state.get("map_col") not in (None, *modes):
        st.session_state["map_col"] = "value"
    colour = choices.labelled(
        st.radio,
        "Colour by",
        map_layers.COLOUR_MODES,
        "map_col",
        options=modes,
        help=(
            "Significance compares each area's confidence interval with Trafford's or Greater "
            "Manchester's interval, or with England's value."
        ),
    )
    if not_offered:
        st.caption(not_offered)
    confidence = "95"
    components.link_notice("map_ci", "confidence level", CONFIDENCE_OPTIONS.values())
    if colour != "value":
        confidence = choices.labelled(
            st.radio, "Confidence level", CONFIDENCE_OPTIONS, "map_ci", horizontal=True
        )
    return colour, confidence


def _extras() -> tuple[list[str], tuple[str, ...], bool]:
    """The places to draw (Council sites narrowed by use and tenure) and whether to load the basemap."""
    options = places.layer_options()
    components.link_notice("map_pts", "places", options.values())
    points = choices.labelled(
        st.multiselect,
        "Places",
        options,
        "map_pts",
        placeholder="Add places…",
        help="Layers by group. " + places.groups_sentence(),
    )
    land: tuple[str, ...] = ()
    components.link_notice("map_use", "use", places.LAND_USES)
    components.link_notice("map_ten", "tenure", places.LAND_TENURES)
    if "council_land" in points:
        uses = st.multiselect(
            "Council sites: use", places.LAND_USES, key="map_use", bind="query-params", placeholder="All uses"
        )
        tenures = st.multiselect(
            "Council sites: tenure",
            places.LAND_TENURES,
            key="map_ten",
            bind="query-params",
            placeholder="All tenures",
        )
        land = map_places.land_filter(uses, tenures)
    components.link_notice("map_base", "basemap setting", components.ON_OFF, accepts=components.is_on_off)
    basemap = st.toggle(
        "Street basemap",
        key="map_base",
        bind="query-params",
        help="Loads map tiles and label fonts from the internet; the plain map needs nothing from outside.",
    )
    return points, land, basemap
