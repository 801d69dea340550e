"""The map page's figure: a clickable choropleth with neighbourhood outlines, names and service points.

Works offline: the default style is plain white (no tiles); a street basemap can be switched on where
the browser has internet. Every area polygon carries its code in ``customdata`` so a click can be
turned into a profile link. Neighbourhood outlines are a map line layer, so they never catch clicks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from trafford_dash import area_services, maps, palettes

BASEMAP_STYLE = "carto-positron"
MAP_HEIGHT = 600
# The map opens at a zoom that fits Trafford into this width: its column on an 800-px screen, less the
# colour bar. MapLibre maps have no fit-to-bounds, so wider screens show the same zoom with more margin.
MAP_FIT_WIDTH = 520
AREA_TRACE_PREFIX = "areas:"


def _area_trace(
    geojson: Mapping[str, Any], frame: pd.DataFrame, hover: Sequence[str], name: str, **style: Any
) -> go.Choroplethmap:
    return go.Choroplethmap(
        geojson=dict(geojson),
        locations=list(frame["area_code"]),
        featureidkey="id",
        customdata=list(frame["area_code"]),
        text=list(hover),
        hovertemplate="%{text}<extra></extra>",
        marker={"line": {"width": 0.7, "color": "#ffffff"}, "opacity": 0.9},
        name=AREA_TRACE_PREFIX + name,
        **style,
    )


def area_map(
    geojson: Mapping[str, Any],
    frame: pd.DataFrame,
    hover: Sequence[str],
    *,
    mode: str,
    scheme: Mapping[str, Any],
    colour_title: str,
    outline: Mapping[str, Any],
    bounds: Sequence[float],
    services: pd.DataFrame | None = None,
    service_kinds: Iterable[str] = (),
    basemap: bool = False,
    uirevision: str = "map",
) -> go.Figure:
    """The choropleth of ``frame`` on ``geojson``, coloured by value or by significance.

    Parameters
    ----------
    geojson, frame, hover
        The layer's features, one row per feature (:func:`trafford_dash.map_layers.map_frame`) and a
        hover string per row.
    mode
        ``"value"`` (a continuous scale from ``scheme``) or a significance mode (the frame's
        ``significance`` column, one Okabe–Ito colour per label, with the symbol and word in the legend).
    scheme
        :func:`trafford_dash.map_layers.colour_scheme`.
    colour_title
        The colour bar's title (unit and period).
    outline
        The neighbourhood layer drawn on top, with its names.
    bounds
        ``[min_lon, min_lat, max_lon, max_lat]`` to fit.
    services, service_kinds
        Service locations and which types to draw.
    basemap
        Street tiles under the map (needs internet); plain white otherwise.
    """
    fig = go.Figure()
    has_value = frame["value"].notna()
    hover_list = list(hover)
    missing = frame[~has_value]
    if not missing.empty:
        fig.add_trace(
            _area_trace(
                geojson,
                missing,
                [h for h, keep in zip(hover_list, ~has_value, strict=True) if keep],
                "no data",
                z=[0] * len(missing),
                colorscale=[[0, palettes.NO_DATA], [1, palettes.NO_DATA]],
                showscale=False,
                showlegend=mode != "value",
                legendgroup="no data",
            )
        )
        fig.data[-1].update(name="No data")
    shown = frame[has_value]
    shown_hover = [h for h, keep in zip(hover_list, has_value, strict=True) if keep]
    if mode == "value":
        fig.add_trace(
            _area_trace(
                geojson,
                shown,
                shown_hover,
                "values",
                z=shown["value"].tolist(),
                colorscale=scheme["colorscale"],
                zmid=scheme.get("zmid"),
                colorbar={"title": {"text": colour_title, "side": "right"}, "thickness": 14, "len": 0.8},
                showlegend=False,
            )
        )
    else:
        labels = (
            shown["significance"] if "significance" in shown else pd.Series("Not compared", index=shown.index)
        )
        for label, style in palettes.SIGNIFICANCE_STYLE.items():
            keep = (labels == label).to_numpy()
            if not keep.any():
                continue
            colour = style["colour"] if label != "Not compared" else "#f2f2f2"
            fig.add_trace(
                _area_trace(
                    geojson,
                    shown[keep],
                    [h for h, k in zip(shown_hover, keep, strict=True) if k],
                    label,
                    z=[1] * int(keep.sum()),
                    colorscale=[[0, colour], [1, colour]],
                    showscale=False,
                    showlegend=True,
                )
            )
            fig.data[-1].update(name=f"{style['symbol']} {style['text']}")
    points = maps.label_points(dict(outline))
    fig.add_trace(maps.label_trace(points, size=15))
    if services is not None:
        for trace in area_services.service_traces(services, service_kinds):
            fig.add_trace(trace)
    view = maps.view_for(bounds, MAP_FIT_WIDTH, MAP_HEIGHT)
    fig.update_layout(
        map={
            "style": BASEMAP_STYLE if basemap else "white-bg",
            **view,
            "layers": [
                {
                    "source": dict(outline),
                    "type": "line",
                    "color": "#1b1b1b",
                    "line": {"width": 2.8},
                    "below": "",
                }
            ],
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=MAP_HEIGHT,
        uirevision=uirevision,
        clickmode="event+select",
        legend={"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.85)", "title": {"text": ""}},
        showlegend=True,
    )
    return fig


def clicked_area(points: Iterable[Mapping[str, Any]]) -> str | None:
    """The area code of the first clicked polygon in a plotly selection (service markers are ignored)."""
    for point in points:
        code = point.get("customdata")
        if isinstance(code, list | tuple):
            code = code[0] if code else None
        if isinstance(code, str) and code and not code.startswith("service:"):
            return code
        location = point.get("location")
        if isinstance(location, str) and location:
            return location
    return None
