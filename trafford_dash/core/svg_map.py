"""A small static choropleth drawn as SVG: for overview maps that need no pan, zoom or click.

An SVG map is drawn by the browser itself, with no charting library to load, so a page showing one
opens as fast as a page of text. Each area is labelled on the map with its name and figure, and the
map carries a title (for the image's alternative text) and a colour key.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from plotly.colors import sample_colorscale

from trafford_dash.core import palettes, polygons

WIDTH = 560
KEY_HEIGHT = 46
MARGIN = 8


def _projection(features: Sequence[Mapping[str, Any]], width: float) -> tuple[Any, float]:
    """A lon/lat to pixel function (equirectangular, true to scale at the map's middle latitude)."""
    points = [point for feature in features for ring in polygons.rings(feature["geometry"]) for point in ring]
    min_lon, max_lon = min(p[0] for p in points), max(p[0] for p in points)
    min_lat, max_lat = min(p[1] for p in points), max(p[1] for p in points)
    shrink = math.cos(math.radians((min_lat + max_lat) / 2))
    scale = (width - 2 * MARGIN) / max((max_lon - min_lon) * shrink, 1e-9)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return MARGIN + (lon - min_lon) * shrink * scale, MARGIN + (max_lat - lat) * scale

    return project, (max_lat - min_lat) * scale + 2 * MARGIN


def _path(geometry: Mapping[str, Any], project: Any) -> str:
    parts = []
    for ring in polygons.rings(geometry):
        xy = [project(lon, lat) for lon, lat in ring]
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in xy) + "Z")
    return "".join(parts)


def _key(
    key_title: str,
    colorscale: str,
    limits: tuple[float, float],
    value_text: Any,
    place: tuple[float, float],
) -> str:
    """The colour key: its title, a gradient bar and the lowest and highest values at its ends."""
    low, high = limits
    key_top, bar_width = place
    stops = "".join(
        f'<stop offset="{i / 10:.1f}" stop-color="{sample_colorscale(colorscale, [i / 10])[0]}"/>'
        for i in range(11)
    )
    return (
        f'<defs><linearGradient id="svgmap-key">{stops}</linearGradient></defs>'
        f'<text x="{MARGIN}" y="{key_top + 10}" font-size="13" fill="#000000">{escape(key_title)}</text>'
        f'<rect x="{MARGIN}" y="{key_top + 16}" width="{bar_width:.0f}" height="12" fill="url(#svgmap-key)" '
        'stroke="#1b1b1b" stroke-width="0.5"/>'
        f'<text x="{MARGIN}" y="{key_top + 42}" font-size="12" fill="#000000">'
        f"{escape(value_text(low))}</text>"
        f'<text x="{MARGIN + bar_width:.0f}" y="{key_top + 42}" font-size="12" text-anchor="end" '
        f'fill="#000000">{escape(value_text(high))}</text>'
    )


def choropleth_svg(
    geojson: Mapping[str, Any],
    values: Mapping[str, float],
    labels: Mapping[str, str],
    title: str,
    key_title: str,
    value_text: Any = "{:,.0f}".format,
    colorscale: str = palettes.SEQUENTIAL,
    width: int = WIDTH,
) -> str:
    """An SVG choropleth of ``values`` by feature id, each area labelled with its name and figure.

    Areas without a value are drawn light grey and labelled "no data". All text is escaped.
    """
    features = list(geojson["features"])
    project, height = _projection(features, width)
    shown = [float(v) for v in values.values() if v is not None and not math.isnan(float(v))]
    low, high = (min(shown), max(shown)) if shown else (0.0, 1.0)
    span = (high - low) or 1.0

    def colour(value: float | None) -> str:
        if value is None or math.isnan(value):
            return "#d9d9d9"
        return str(sample_colorscale(colorscale, [(value - low) / span])[0])

    areas, names = [], []
    for feature in features:
        code = str(feature["id"])
        value = values.get(code)
        missing = value is None or math.isnan(value)
        figure = "no data" if missing else value_text(value)
        areas.append(
            f'<path d="{_path(feature["geometry"], project)}" fill="{colour(value)}" stroke="#1b1b1b" '
            'stroke-width="1.5"/>'
        )
        x, y = project(*polygons.label_point(feature["geometry"]))
        names.append(
            f'<text x="{x:.1f}" y="{y - 9:.1f}" text-anchor="middle" font-size="15" font-weight="600" '
            'fill="#ffffff" stroke="#000000" stroke-width="3" paint-order="stroke">'
            f'{escape(labels.get(code, code))}<tspan x="{x:.1f}" dy="18" font-weight="400">'
            f"{escape(figure)}</tspan></text>"
        )
    key_top = height + 6
    key = _key(key_title, colorscale, (low, high), value_text, (key_top, width / 2))
    total_height = key_top + KEY_HEIGHT
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total_height:.0f}" '
        f'width="{width}" height="{total_height:.0f}" font-family="Source Sans Pro, Arial, sans-serif" '
        'role="img" aria-labelledby="svgmap-title">'
        f'<title id="svgmap-title">{escape(title)}</title>' + "".join(areas) + "".join(names) + key + "</svg>"
    )
