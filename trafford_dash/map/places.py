"""The map's place layers: which places are shown, the AQMA outline, the table and the source lines.

Council land and buildings can be narrowed by use class and tenure; the choices travel as
``"use:<class>"`` and ``"tenure:<tenure>"`` strings so the whole view stays a cache key of strings.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from trafford_dash.core import places, polygons
from trafford_dash.core.plain_text import excerpt, plotly_text

USE_PREFIX = "use:"
TENURE_PREFIX = "tenure:"


def land_filter(uses: Iterable[str], tenures: Iterable[str]) -> tuple[str, ...]:
    """The chosen use classes and tenures as one tuple of strings (empty choice = all)."""
    return (*(USE_PREFIX + u for u in uses), *(TENURE_PREFIX + t for t in tenures))


def shown_places(services: pd.DataFrame, kinds: Iterable[str], land: Iterable[str] = ()) -> pd.DataFrame:
    """The places of the chosen kinds, Council sites narrowed by :func:`land_filter`'s choices."""
    chosen = services[services["service_type"].isin(places.point_kinds(kinds))]
    land = tuple(land)
    uses = {c.removeprefix(USE_PREFIX) for c in land if c.startswith(USE_PREFIX)}
    tenures = {c.removeprefix(TENURE_PREFIX) for c in land if c.startswith(TENURE_PREFIX)}
    is_land = chosen["service_type"] == "council_land"
    keep = ~is_land
    if is_land.any():
        fits = pd.Series(True, index=chosen.index)
        if uses:
            fits &= chosen["category"].isin(uses)
        if tenures:
            fits &= chosen["tenure"].isin(tenures)
        keep |= is_land & fits
    return chosen[keep]


def point_trace_kind(basemap: bool) -> type[go.Scattergeo] | type[go.Scattermap]:
    """The trace type for lines and points: tiled map or the plain SVG map."""
    return go.Scattermap if basemap else go.Scattergeo


def outline_traces(
    place_areas: pd.DataFrame, trace: type[go.Scattergeo] | type[go.Scattermap] = go.Scattergeo
) -> list[go.Scattergeo | go.Scattermap]:
    """Each air quality management area as a dashed outline, hoverable on its edge."""
    out = []
    for row in place_areas.to_dict("records"):
        lons: list[float | None] = []
        lats: list[float | None] = []
        for feature in json.loads(str(row["geometry"]))["features"]:
            for ring in polygons.rings(feature["geometry"]):
                lons += [float(p[0]) for p in ring] + [None]
                lats += [float(p[1]) for p in ring] + [None]
        about = plotly_text(excerpt(row["description"], 90))
        hover = f"<b>{plotly_text(row['name'])}</b><br>{about}<br>Data: {row['source_date']}"
        out.append(
            trace(
                lon=lons,
                lat=lats,
                mode="lines",
                line=dict(places.AQMA_STYLE)
                if trace is go.Scattergeo
                else {"color": places.AQMA_STYLE["color"]},
                name=places.AQMA_LABEL,
                text=[hover] * len(lons),
                hovertemplate="%{text}<extra></extra>",
                customdata=["service:aqma"] * len(lons),
                showlegend=True,
            )
        )
    return out


def places_table(shown: pd.DataFrame, ward_names: Mapping[str, str], vintage: str) -> pd.DataFrame:
    """The places on the map as text: layer, name, type, address, postcode, ward, data date, source."""
    ward_column = "ward_code_2022" if vintage == "2022" and "ward_code_2022" in shown else "ward_code"
    order = {kind: i for i, kind in enumerate(places.KINDS)}
    frame = shown.assign(_order=shown["service_type"].map(order)).sort_values(["_order", "name"])
    return pd.DataFrame(
        {
            "layer": frame["service_type"].map(lambda k: places.KINDS[k].label),
            "name": frame["name"],
            "type": frame.get("category"),
            "tenure": frame.get("tenure"),
            "address": frame["address"],
            "postcode": frame["postcode"],
            "ward": frame[ward_column].map(ward_names),
            "data_date": frame.get("source_date"),
            "detail": frame["detail"],
            "lon": frame["lon"].round(5),
            "lat": frame["lat"].round(5),
            "source_key": frame["source_key"],
        }
    ).reset_index(drop=True)


def source_lines(shown: pd.DataFrame, place_areas: pd.DataFrame | None, sources: pd.DataFrame) -> list[str]:
    """One line per shown layer: its name, count, data date, source file and licence."""
    licences = {str(k): v for k, v in zip(sources.get("key", []), sources.get("licence", []), strict=True)}
    lines = []
    for kind in places.point_kinds(shown["service_type"].unique()):
        part = shown[shown["service_type"] == kind]
        keys = sorted(set(part["source_key"]))
        dates = sorted(set(part["source_date"].dropna())) if "source_date" in part else []
        lines.append(_line(places.KINDS[kind].label, len(part), dates, keys, licences))
    if place_areas is not None and not place_areas.empty:
        keys = sorted(set(place_areas["source_key"]))
        lines.append(
            _line(
                places.AQMA_LABEL, len(place_areas), sorted(set(place_areas["source_date"])), keys, licences
            )
        )
    return lines


def _line(label: str, count: int, dates: list[str], keys: list[str], licences: Mapping[str, Any]) -> str:
    dated = "; ".join(dates) if dates else "not stated"
    licence = ", ".join(sorted({str(licences.get(k, "OGL-UK-3.0")) for k in keys}))
    files = ", ".join(f"`{key}`" for key in keys)
    return f"{label} ({count:,}): data {dated}. Source: {files} ({licence})."
