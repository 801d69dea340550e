"""The Compare page's "Trends" view: one indicator over time for chosen areas, with intervals."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from trafford_dash.compare import trends as compare_trends
from trafford_dash.compare.side import AreaKey
from trafford_dash.compare.ui import widgets
from trafford_dash.core import config
from trafford_dash.core.ui import components
from trafford_dash.store import cached, export

DEFAULT_INDICATOR = "smoking_adults"
DEFAULT_AREAS = (config.TRAFFORD_CODE, config.GM_CODE, config.ENGLAND_CODE)


@cached.on_store(max_entries=4)
def options() -> dict[str, AreaKey]:
    """Selectable areas by key: benchmarks, peer means, neighbourhoods, wards and peer authorities."""
    areas = compare_trends.trend_area_options(cached.table("areas"), cached.table("peer_groups"))
    return {area.key: area for area in areas}


@cached.on_store(max_entries=64)
def _result(
    indicator_id: str, keys: tuple[str, ...], confidence: str
) -> tuple[compare_trends.TrendResult, go.Figure | None, str]:
    known = options()
    chosen = [known[k] for k in keys if k in known]
    levels = sorted({(area.level, area.vintage) for area in chosen})
    frames = [cached.values(indicator_id, level, vintage) for level, vintage in levels]
    values = pd.concat(frames, ignore_index=True) if frames else cached.values(indicator_id, "country")
    info = widgets.meta(indicator_id)
    found = compare_trends.trends(values, chosen, cached.values(indicator_id, "country"), info, confidence)
    if found.refusal:
        return found, None, ""
    figure = compare_trends.figure(found, chosen, info)
    return found, figure, export.to_csv(compare_trends.export_frame(found, info, confidence))


def result(
    indicator_id: str, keys: tuple[str, ...], confidence: str = "95"
) -> tuple[compare_trends.TrendResult, go.Figure | None, str]:
    """The series, figure and CSV export (cached on the store stamp and the choices)."""
    return _result(indicator_id, keys, confidence)


def render() -> None:
    """Draw the view's controls, chart, table and download."""
    known = options()
    labels = {key: area.label for key, area in known.items()}
    first, second = st.columns([3, 4])
    with first:
        indicator_id = widgets.indicator_select("Indicator", "cmp_trend", DEFAULT_INDICATOR)
        info = widgets.meta(indicator_id)
        components.indicator_details(info)
    with second:
        keys = widgets.area_select("Areas", "cmp_tareas", labels, DEFAULT_AREAS, 8)
    confidence = widgets.confidence_select()
    found, figure, csv_text = result(indicator_id, tuple(str(k) for k in keys), confidence)
    if found.refusal or figure is None:
        st.info(found.refusal or "Nothing to show for this choice.")
        return
    st.subheader(f"{info['title']}, {found.periods[0]} to {found.periods[-1]}")
    caption = " ".join(
        part
        for part in (
            f"Periods {found.periods[0]} to {found.periods[-1]}. Source: {info['source']}. "
            f"Licence: {info['licence']}.",
            "Shaded bands: 95% intervals where published or computed. Each area keeps the same colour, "
            "line and marker as on the Pillars page; hollow markers are approximations. The symbol above "
            f"a point is its significance against England in the same period at {confidence}% (England's "
            "value outside the area's interval, or OHID's published label where no interval is stored), "
            "as Fingertips does: ▲ better, ▼ worse, ● similar, △ higher, ▽ lower; no symbol: not compared "
            "(no interval or label) or England itself.",
            found.left_out,
            widgets.approximation_caption(found.rows),
        )
        if part
    )
    widgets.chart_block(
        figure,
        compare_trends.summary(found, info),
        compare_trends.display_table(found, info),
        csv_text,
        f"trafford_trend_{indicator_id}.csv",
        "cmp_trend_view",
        caption,
    )
