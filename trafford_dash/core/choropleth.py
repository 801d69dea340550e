"""Plotly map figures: choropleths with neighbourhood outlines and labels, no tile basemap needed.

Functions here are pure: they take GeoJSON dicts and frames and return figures, so they can be tested
without Streamlit and cached by the pages on hashable keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from trafford_dash.core import palettes, polygons

DEFAULT_HEIGHT = 520
LABEL_HALO = "-1px -1px 2px #fff, 1px -1px 2px #fff, -1px 1px 2px #fff, 1px 1px 2px #fff"


def label_points(geojson: dict[str, Any]) -> pd.DataFrame:
    """A label position per feature: the centroid of its largest ring (lon, lat, area_code, area_name)."""
    rows = []
    for feature in geojson["features"]:
        lon, lat = polygons.label_point(feature["geometry"])
        props = feature.get("properties", {})
        rows.append(
            {
                "area_code": feature.get("id", props.get("area_code")),
                "area_name": props.get("area_name", ""),
                "lon": lon,
                "lat": lat,
            }
        )
    return pd.DataFrame(rows)


def view_for(bounds: Sequence[float], width_px: int = 520, height_px: int = DEFAULT_HEIGHT) -> dict[str, Any]:
    """Centre and zoom that fit ``[min_lon, min_lat, max_lon, max_lat]`` into a map of the given size."""
    min_lon, min_lat, max_lon, max_lat = bounds
    centre = {"lon": (min_lon + max_lon) / 2, "lat": (min_lat + max_lat) / 2}
    lon_span = max(max_lon - min_lon, 1e-6)
    lat_rad = np.radians(centre["lat"])
    lat_span = max((max_lat - min_lat) / np.cos(lat_rad), 1e-6)
    zoom_lon = np.log2(360 * width_px / (512 * lon_span))
    zoom_lat = np.log2(360 * height_px / (512 * lat_span))
    return {"center": centre, "zoom": float(min(zoom_lon, zoom_lat) - 0.25)}


def outline_trace(geojson: dict[str, Any], width: float = 2.5, colour: str = "#1b1b1b") -> go.Choroplethmap:
    """Transparent polygons with heavy edges, drawn over a choropleth (e.g. neighbourhood borders)."""
    codes = [feature["id"] for feature in geojson["features"]]
    return go.Choroplethmap(
        geojson=geojson,
        locations=codes,
        z=[0] * len(codes),
        featureidkey="id",
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        showscale=False,
        marker={"line": {"width": width, "color": colour}},
        hoverinfo="skip",
        name="Neighbourhood boundaries",
    )


def label_trace(
    points: pd.DataFrame,
    size: int = 14,
    trace: type[go.Scattermap] | type[go.Scattergeo] = go.Scattermap,
) -> go.Scattermap | go.Scattergeo:
    """Area names as map text (neighbourhood labels), on a tiled map or (``go.Scattergeo``) a plain one.

    On a plain map the names get a white halo, so they stay legible on the darkest fill.
    """
    font: dict[str, Any] = {"size": size, "color": "#111111"}
    if trace is go.Scattergeo:
        font |= {"weight": "bold", "shadow": LABEL_HALO}
    return trace(
        lon=points["lon"],
        lat=points["lat"],
        mode="text",
        text=points["area_name"],
        textfont=font,
        hoverinfo="skip",
        showlegend=False,
        name="Labels",
    )


def _trace(geojson: dict[str, Any], rows: pd.DataFrame, text: list[str], **style: Any) -> go.Choroplethmap:
    """One choropleth layer of ``rows`` by area code with white outlines and the given hover text."""
    return go.Choroplethmap(
        geojson=geojson,
        locations=rows["area_code"],
        featureidkey="id",
        text=text,
        hovertemplate="%{text}<extra></extra>",
        marker={"line": {"width": 0.6, "color": "white"}},
        **style,
    )


def choropleth(
    geojson: dict[str, Any],
    frame: pd.DataFrame,
    colour_title: str,
    hover_lines: Sequence[str] | None = None,
    colorscale: str | list[Any] = palettes.SEQUENTIAL,
    zmid: float | None = None,
    bounds: Sequence[float] | None = None,
    uirevision: str = "map",
    height: int = DEFAULT_HEIGHT,
) -> go.Figure:
    """A choropleth of ``frame['value']`` by ``frame['area_code']`` on the features of ``geojson``.

    ``hover_lines`` is one preformatted hover string per row (area, value with CI, period…). Areas
    without a value are drawn grey and say "no data" on hover.
    """
    has_value = frame["value"].notna()
    hover = list(hover_lines) if hover_lines is not None else frame["area_name"].tolist()
    fig = go.Figure()
    missing = frame[~has_value]
    if not missing.empty:
        fig.add_trace(
            _trace(
                geojson,
                missing,
                [h for h, keep in zip(hover, ~has_value, strict=True) if keep],
                z=[0] * len(missing),
                colorscale=[[0, palettes.NO_DATA], [1, palettes.NO_DATA]],
                showscale=False,
                name="No data",
            )
        )
    shown = frame[has_value]
    fig.add_trace(
        _trace(
            geojson,
            shown,
            [h for h, keep in zip(hover, has_value, strict=True) if keep],
            z=shown["value"],
            colorscale=colorscale,
            zmid=zmid,
            colorbar={"title": {"text": colour_title, "side": "right"}, "thickness": 14},
            name=colour_title,
        )
    )
    view = view_for(bounds) if bounds is not None else {"center": {"lon": -2.35, "lat": 53.42}, "zoom": 10}
    fig.update_layout(
        map={"style": "white-bg", **view},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=height,
        uirevision=uirevision,
        showlegend=False,
        clickmode="event+select",
    )
    return fig
