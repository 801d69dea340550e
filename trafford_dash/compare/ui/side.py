"""The Compare page's "Side by side" view: two to four areas, every indicator they share, in one table."""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from trafford_dash.compare import side
from trafford_dash.compare.side import AreaKey
from trafford_dash.compare.ui import widgets
from trafford_dash.core import config
from trafford_dash.core.ui import components
from trafford_dash.store import cached, export

DEFAULT_AREAS = ("nbh_north_2022", "nbh_south_2022", config.TRAFFORD_CODE)
DEFAULT_REFERENCE = config.TRAFFORD_CODE


@cached.on_store(max_entries=4)
def options() -> dict[str, AreaKey]:
    """Selectable areas by key."""
    return {area.key: area for area in side.area_options(cached.table("areas"), widgets.gm_boroughs())}


def themes() -> list[str]:
    return [components.ALL_THEMES, *sorted(cached.catalogue()["theme"].unique())]


@cached.on_store(max_entries=64)
def _result(
    keys: tuple[str, ...], reference_key: str, confidence: str, theme: str
) -> tuple[side.SideResult, str]:
    known = options()
    chosen = side.keys_to_areas(keys, known)
    reference = known[reference_key]
    values = widgets.area_rows(area.code for area in [reference, *chosen])
    found = side.side_by_side(
        values,
        chosen,
        reference,
        cached.catalogue(),
        confidence,
        None if theme == components.ALL_THEMES else theme,
    )
    if found.refusal:
        return found, ""
    exported = export.published_figures(side.export_frame(found, confidence), cached.catalogue())
    return found, export.to_csv(exported)


def result(
    keys: tuple[str, ...], reference_key: str, confidence: str = "95", theme: str = components.ALL_THEMES
) -> tuple[side.SideResult, str]:
    """The side-by-side comparison and its CSV export (cached on the store stamp and the choices)."""
    return _result(keys, reference_key, confidence, theme)


def _styled(wide: pd.DataFrame) -> Styler:
    """Shade cells by significance as well as writing it, with the colour-blind-safe palette."""
    shades = {"▲": "#cfe3f2", "▼": "#f6d5c2", "△": "#dff0fa", "▽": "#fbe8c8"}

    def shade(cell: object) -> str:
        text = str(cell)
        for symbol, colour in shades.items():
            if symbol in text:
                return f"background-color: {colour}"
        return ""

    wide = wide.assign(Theme=wide["Theme"].str.replace("_", " ").str.capitalize())
    area_columns: list[Hashable] = [c for c in wide.columns if c not in ("Theme", "Indicator", "Period")]
    return wide.style.map(shade, subset=area_columns)


def render() -> None:
    """Draw the view's controls, summary, table and download."""
    known = options()
    labels = {key: area.label for key, area in known.items()}
    first, second = st.columns([4, 2])
    with first:
        keys = widgets.area_select("Areas (two to four)", "cmp_areas", labels, DEFAULT_AREAS, side.MAX_AREAS)
    with second:
        components.link_notice("cmp_ref", "reference area", labels.values())
        reference_key = str(
            st.selectbox(
                "Reference area",
                list(known),
                index=list(known).index(DEFAULT_REFERENCE),
                format_func=labels.__getitem__,
                key="cmp_ref",
                bind="query-params",
                help="Every other area is compared with this one.",
            )
        )
    third, fourth = st.columns([4, 2])
    with third:
        components.link_notice("cmp_theme", "theme", themes())
        theme = str(st.selectbox("Theme", themes(), key="cmp_theme", bind="query-params"))
    with fourth:
        confidence = widgets.confidence_select()
    chosen = tuple(str(k) for k in keys)
    if reference_key not in chosen:
        extra = " (so only the first three other areas are shown)" if len(chosen) >= side.MAX_AREAS else ""
        st.caption(f"The reference area, {labels[reference_key]}, is added as the first column{extra}.")
    if len({reference_key, *chosen}) < 2:
        st.info("Choose at least two areas: the reference area and one or more to compare with it.")
        return
    found, csv_text = result(chosen, reference_key, confidence, theme)
    if found.refusal:
        st.info(found.refusal)
        return
    reference = known[reference_key]
    st.subheader(f"Side by side, compared with {reference.label}")
    st.markdown(side.summary(found, reference, confidence, None if theme == components.ALL_THEMES else theme))
    components.text_table(_styled(found.wide))
    st.caption(
        widgets.significance_caption(reference.label, confidence, "intervals must not overlap")
        + " Each row uses the period of the reference area's latest figure; a different period is shown in "
        "[brackets] and not compared. ≈ … * marks approximations (population-weighted means of wards). "
        "Sources and licences for every row are in the download; all are OGL v3.0 open data published by "
        "Trafford Data Lab, with OHID Fingertips series."
    )
    widgets.csv_download(csv_text, "trafford_side_by_side.csv", key="cmp_side_csv")
