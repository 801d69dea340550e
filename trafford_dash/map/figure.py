"""The map page's figure: a clickable choropleth with neighbourhood outlines, names and service points.

By default the map is drawn as SVG on a plain white background (plotly's ``geo`` traces): no tiles and
no fonts, so the page makes no request off the machine and works offline. The street basemap, an
explicit choice that says it needs the internet, draws the same layers on MapLibre tiles (whose text
also needs glyphs from the internet). Every area polygon carries its code in ``customdata`` so a click
can be turned into a profile link; the neighbourhood outlines and names never catch clicks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from trafford_dash.core import choropleth, palettes, polygons
from trafford_dash.core import services as area_services

BASEMAP_STYLE = "carto-positron"
MAP_HEIGHT = 600
# The map opens at a zoom that fits Trafford into this width: its column on an 800-px screen, less the
# colour bar. MapLibre maps have no fit-to-bounds, so wider screens show the same zoom with more margin.
MAP_FIT_WIDTH = 520
AREA_TRACE_PREFIX = "areas:"
OUTLINE = {"width": 2.8, "color": "#1b1b1b"}


@dataclass(frozen=True)
class MapKind:
    """The trace types of one kind of map."""

    areas: type[go.Choropleth] | type[go.Choroplethmap]
    points: type[go.Scattergeo] | type[go.Scattermap]


PLAIN = MapKind(go.Choropleth, go.Scattergeo)
STREETS = MapKind(go.Choroplethmap, go.Scattermap)


@dataclass(frozen=True)
class Colouring:
    """How the areas are coloured: mode, value scheme and colour bar title (see :func:`area_map`)."""

    mode: str
    scheme: Mapping[str, Any]
    title: str


def _area_trace(
    kind: MapKind,
    geojson: Mapping[str, Any],
    frame: pd.DataFrame,
    hover: Sequence[str],
    name: str,
    **style: Any,
) -> go.Choropleth | go.Choroplethmap:
    return kind.areas(
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


def outline_trace(kind: MapKind, outline: Mapping[str, Any]) -> go.Scattergeo | go.Scattermap:
    """The edges of every polygon in ``outline`` as one line trace that takes no hover or click."""
    lons: list[float | None] = []
    lats: list[float | None] = []
    for feature in outline["features"]:
        for ring in polygons.rings(feature["geometry"]):
            lons += [float(point[0]) for point in ring] + [None]
            lats += [float(point[1]) for point in ring] + [None]
    return kind.points(
        lon=lons,
        lat=lats,
        mode="lines",
        line=OUTLINE,
        hoverinfo="skip",
        showlegend=False,
        name="Neighbourhood boundaries",
    )


def _area_traces(
    kind: MapKind,
    geojson: Mapping[str, Any],
    frame: pd.DataFrame,
    hover: Sequence[str],
    colouring: Colouring,
) -> list[go.Choropleth | go.Choroplethmap]:
    """The areas without data (grey), then those with data, by value or one trace per significance label."""
    traces = []
    has_value = frame["value"].notna()
    hover_list = list(hover)
    missing = frame[~has_value]
    if not missing.empty:
        missing_hover = [h for h, keep in zip(hover_list, ~has_value, strict=True) if keep]
        traces.append(_missing_trace(kind, geojson, missing, missing_hover, colouring.mode))
    shown = frame[has_value]
    shown_hover = [h for h, keep in zip(hover_list, has_value, strict=True) if keep]
    if colouring.mode == "value":
        traces.append(_value_trace(kind, geojson, shown, shown_hover, colouring.scheme, colouring.title))
        return traces
    return traces + _significance_traces(kind, geojson, shown, shown_hover)


def _missing_trace(
    kind: MapKind, geojson: Mapping[str, Any], missing: pd.DataFrame, hover: Sequence[str], mode: str
) -> go.Choropleth | go.Choroplethmap:
    """The areas without a figure, in the no-data grey (in the legend on significance maps)."""
    trace = _area_trace(
        kind,
        geojson,
        missing,
        hover,
        "no data",
        z=[0] * len(missing),
        colorscale=[[0, palettes.NO_DATA], [1, palettes.NO_DATA]],
        showscale=False,
        showlegend=mode != "value",
        legendgroup="no data",
    )
    trace.update(name="No data")
    return trace


def _value_trace(
    kind: MapKind,
    geojson: Mapping[str, Any],
    shown: pd.DataFrame,
    hover: Sequence[str],
    scheme: Mapping[str, Any],
    colour_title: str,
) -> go.Choropleth | go.Choroplethmap:
    """The areas with a figure on the continuous colour scale, with its colour bar."""
    return _area_trace(
        kind,
        geojson,
        shown,
        hover,
        "values",
        z=shown["value"].tolist(),
        colorscale=scheme["colorscale"],
        zmid=scheme.get("zmid"),
        colorbar={"title": {"text": colour_title, "side": "right"}, "thickness": 14, "len": 0.8},
        showlegend=False,
    )


def _significance_traces(
    kind: MapKind, geojson: Mapping[str, Any], shown: pd.DataFrame, hover: Sequence[str]
) -> list[go.Choropleth | go.Choroplethmap]:
    """One trace per significance label, in its Okabe–Ito colour, named by symbol and word."""
    traces = []
    labels = (
        shown["significance"] if "significance" in shown else pd.Series("Not compared", index=shown.index)
    )
    for label, style in palettes.SIGNIFICANCE_STYLE.items():
        keep = (labels == label).to_numpy()
        if not keep.any():
            continue
        colour = style["colour"] if label != "Not compared" else "#f2f2f2"
        traces.append(
            _area_trace(
                kind,
                geojson,
                shown[keep],
                [h for h, k in zip(hover, keep, strict=True) if k],
                label,
                z=[1] * int(keep.sum()),
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                showlegend=True,
            )
        )
        traces[-1].update(name=f"{style['symbol']} {style['text']}")
    return traces


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
    outlines: Sequence[Any] = (),
) -> go.Figure:
    """The choropleth of ``frame`` on ``geojson``, coloured by value or by significance.

    Parameters
    ----------
    geojson, frame, hover
        The layer's features, one row per feature (:func:`trafford_dash.map.layers.map_frame`) and a
        hover string per row.
    mode
        ``"value"`` (a continuous scale from ``scheme``) or a significance mode (the frame's
        ``significance`` column, one Okabe–Ito colour per label, with the symbol and word in the legend).
    scheme
        :func:`trafford_dash.map.layers.colour_scheme`.
    colour_title
        The colour bar's title (unit and period).
    outline
        The neighbourhood layer drawn on top, with its names.
    bounds
        ``[min_lon, min_lat, max_lon, max_lat]`` to fit (the plain map fits its areas itself).
    services, service_kinds, outlines
        Service locations, which types to draw, and line traces above the areas (the AQMA).
    basemap
        Street tiles under the map (needs internet); plain white and fully local otherwise.
    """
    kind = STREETS if basemap else PLAIN
    areas = _area_traces(kind, geojson, frame, hover, Colouring(mode, scheme, colour_title))
    edges = outline_trace(kind, outline)
    names = choropleth.label_trace(choropleth.label_points(dict(outline)), size=15, trace=kind.points)
    points = (
        area_services.service_traces(services, service_kinds, kind.points) if services is not None else []
    )
    if basemap:
        fig = _streets_figure([*areas], edges, [*outlines, names, *points], bounds)
    else:
        fig = _plain_figure([*areas], edges, [*outlines, names, *points])
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=MAP_HEIGHT,
        uirevision=uirevision,
        clickmode="event+select",
        legend={"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.85)", "title": {"text": ""}},
        showlegend=True,
    )
    return fig


def _streets_figure(areas: list[Any], edges: Any, above: list[Any], bounds: Sequence[float]) -> go.Figure:
    """The same layers on MapLibre street tiles, opened at a zoom that fits ``bounds``."""
    fig = go.Figure([*areas, edges, *above])
    fig.update_layout(map={"style": BASEMAP_STYLE, **choropleth.view_for(bounds, MAP_FIT_WIDTH, MAP_HEIGHT)})
    return fig


def _plain_figure(areas: list[Any], edges: Any, above: list[Any]) -> go.Figure:
    """The SVG map on white: no tiles, no fonts and nothing fetched off the machine."""
    # plotly.js fetches a world map from cdn.plot.ly when the first trace of a geo map has a
    # location mode, as every choropleth does; a line trace first keeps the map off the network.
    # (On a geo map, lines and text are drawn above the areas whatever the order.)
    fig = go.Figure([edges, *areas, *above])
    fig.update_layout(
        geo={
            "visible": False,
            "fitbounds": "locations",
            "projection": {"type": "mercator"},
            "bgcolor": "rgba(0,0,0,0)",
        },
        dragmode="pan",
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
