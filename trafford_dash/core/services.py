"""Health and care services by area, and the map layers of every place that serves people.

Services carry coordinates; each is placed in the ward or neighbourhood polygon that contains it on the
chosen ward vintage (point in polygon on the map boundaries), so the same rule serves both vintages.
The profile's services section covers the four health and care kinds (:data:`SERVICE_TYPES`); the map
draws any kind in :data:`trafford_dash.core.places.KINDS`, each with its own marker shape and colour.
GP practices are drawn with marker area proportional to their registered list size.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from trafford_dash.core import choropleth, places
from trafford_dash.core.plain_text import plotly_text
from trafford_dash.core.summaries import records

SERVICE_TYPES: dict[str, str] = {
    "gp_practice": "GP practices",
    "pharmacy": "Pharmacies",
    "hospital": "Hospitals",
    "care_home": "Care homes",
}
SERVICE_SINGULAR: dict[str, str] = {
    "gp_practice": "GP practice",
    "pharmacy": "Pharmacy",
    "hospital": "Hospital",
    "care_home": "Care home",
}
SERVICE_COLOURS = {
    # Okabe–Ito colours not used for significance, so points never read as better or worse.
    "gp_practice": "#000000",
    "pharmacy": "#CC79A7",
    "hospital": "#009E73",
    "care_home": "#F0E442",
}
HALO = "#ffffff"
SERVICE_SIZES = {"pharmacy": 7, "hospital": 15, "care_home": 8}
GP_SIZE_RANGE = (6.0, 24.0)
SOURCE = "GP practices, pharmacies, hospitals and care homes published by Trafford Data Lab (OGL v3.0)"


def assign_areas(services: pd.DataFrame, geojson: Mapping[str, Any]) -> pd.Series:
    """The code of the polygon containing each service (``None`` where none does)."""
    from shapely import STRtree, points
    from shapely.geometry import shape

    features = list(geojson["features"])
    shapes = [shape(f["geometry"]) for f in features]
    tree = STRtree(shapes)
    pts = points(services["lon"].to_numpy(float), services["lat"].to_numpy(float))
    hits = tree.query(pts, predicate="within")
    codes: list[str | None] = [None] * len(services)
    for point_index, shape_index in zip(hits[0], hits[1], strict=True):
        if codes[point_index] is None:
            codes[point_index] = str(features[shape_index]["id"])
    return pd.Series(codes, index=services.index, dtype=object)


def services_in(services: pd.DataFrame, located: pd.Series, codes: Iterable[str]) -> pd.DataFrame:
    """The health and care services whose containing area is one of ``codes``, by type then name."""
    wanted = set(codes)
    keep = located.isin(wanted) & services["service_type"].isin(list(SERVICE_TYPES))
    chosen = services[keep].copy()
    chosen["area_code"] = located[keep]
    order = {kind: i for i, kind in enumerate(SERVICE_TYPES)}
    chosen["_order"] = chosen["service_type"].map(order)
    return chosen.sort_values(["_order", "name"]).drop(columns="_order").reset_index(drop=True)


def services_table(services: pd.DataFrame, area_names: Mapping[str, str]) -> pd.DataFrame:
    """The services for download and display: type, name, address, postcode, area, list size, detail."""
    return pd.DataFrame(
        {
            "type": services["service_type"].map(SERVICE_SINGULAR),
            "name": services["name"],
            "address": services["address"],
            "postcode": services["postcode"],
            "area": services["area_code"].map(area_names) if "area_code" in services else None,
            "list_size": services["list_size"],
            "detail": services["detail"],
            "lon": services["lon"].round(5),
            "lat": services["lat"].round(5),
            "source": SOURCE,
            "licence": "Open Government Licence v3.0",
        }
    )


def counts_sentence(services: pd.DataFrame, area_name: str, residents: float | None = None) -> str:
    """``"North has 6 GP practices (52,000 registered patients), 12 pharmacies, …"``."""
    parts = []
    for kind, label in SERVICE_TYPES.items():
        part = services[services["service_type"] == kind]
        word = label if len(part) != 1 else SERVICE_SINGULAR[kind]
        text = f"{len(part)} {word if word.startswith('GP') else word.lower()}"
        if kind == "gp_practice" and part["list_size"].notna().any():
            text += f" ({part['list_size'].sum():,.0f} registered patients)"
        parts.append(text)
    sentence = f"{area_name} has " + ", ".join(parts[:-1]) + " and " + parts[-1] + "."
    pharmacies = int((services["service_type"] == "pharmacy").sum())
    if residents and residents > 0 and pharmacies:
        sentence += f" That is {pharmacies / residents * 10000:.1f} pharmacies per 10,000 residents."
    return sentence


def gp_marker_sizes(list_sizes: pd.Series) -> list[float]:
    """Marker diameters whose areas are proportional to list size, within :data:`GP_SIZE_RANGE`."""
    low, high = GP_SIZE_RANGE
    biggest = float(list_sizes.max()) if list_sizes.notna().any() else 0.0
    sizes = []
    for size in list_sizes:
        if pd.isna(size) or biggest <= 0:
            sizes.append(low)
        else:
            sizes.append(max(low, high * math.sqrt(float(size) / biggest)))
    return sizes


def _hover_text(part: pd.DataFrame, kind: str) -> list[str]:
    """Name, type, address or detail, and the data's date, per place (source text with tags escaped)."""
    hover = []
    for row in records(part):
        category = row.get("category")
        kind_text = places.KINDS[kind].singular + (
            f": {category}" if isinstance(category, str) and category else ""
        )
        lines = [f"<b>{plotly_text(row['name'])}</b>", plotly_text(kind_text)]
        if isinstance(row["address"], str) and row["address"]:
            lines.append(plotly_text(row["address"]))
        if kind == "gp_practice" and pd.notna(row["list_size"]):
            lines.append(f"List size: {float(row['list_size']):,.0f} registered patients")
        if isinstance(row["detail"], str) and row["detail"]:
            lines.append(plotly_text(row["detail"][:120]))
        if isinstance(row.get("source_date"), str):
            lines.append(f"Data: {plotly_text(row['source_date'])}")
        hover.append("<br>".join(lines))
    return hover


def service_traces(
    services: pd.DataFrame,
    kinds: Iterable[str],
    trace: type[go.Scattermap] | type[go.Scattergeo] = go.Scattermap,
) -> list[go.Scattermap | go.Scattergeo]:
    """Map marker layers per chosen kind of place (GP practices sized by list size).

    Each kind is drawn twice: a white halo that is not hoverable, then the coloured markers, so the
    points stand out on any fill colour. ``trace`` is the kind of map they go on (tiled or plain);
    on the plain map every kind also has its own marker shape (tiled maps draw circles only).
    """
    traces = []
    for kind in kinds:
        part = services[services["service_type"] == kind]
        if part.empty or kind not in places.KINDS:
            continue
        place = places.KINDS[kind]
        size: list[float] | float = (
            gp_marker_sizes(part["list_size"]) if kind == "gp_practice" else place.size
        )
        halo = [s + 3 for s in size] if isinstance(size, list) else size + 3
        shape = {"symbol": place.symbol} if trace is go.Scattergeo else {}
        traces.append(
            trace(
                lon=part["lon"].tolist(),
                lat=part["lat"].tolist(),
                mode="markers",
                marker={"size": halo, "color": HALO, **shape},
                hoverinfo="skip",
                showlegend=False,
                name=f"{place.label} outline",
            )
        )
        traces.append(
            trace(
                lon=part["lon"].tolist(),
                lat=part["lat"].tolist(),
                mode="markers",
                marker={"size": size, "color": place.colour, "opacity": 0.9, **shape},
                name=place.label + (" (size = list size)" if kind == "gp_practice" else ""),
                text=_hover_text(part, kind),
                hovertemplate="%{text}<extra></extra>",
                customdata=[f"service:{kind}"] * len(part),
                showlegend=True,
            )
        )
    return traces


def pcns_for(pcns: pd.DataFrame, neighbourhood: str) -> pd.DataFrame:
    """The plan's Primary Care Networks serving a neighbourhood (``pcn``, ``note``, ``source_key``)."""
    return pcns[pcns["neighbourhood"] == neighbourhood][
        ["pcn", "neighbourhood", "note", "source_key"]
    ].reset_index(drop=True)


def services_map(services: pd.DataFrame, outline: Mapping[str, Any], bounds: list[float]) -> go.Figure:
    """The area (shaded, outlined) with every service inside it, on a plain white map."""
    figure = go.Figure()
    for trace in service_traces(services, list(SERVICE_TYPES)):
        figure.add_trace(trace)
    figure.update_layout(
        map={
            "style": "white-bg",
            **choropleth.view_for(bounds, 700, 460),
            "layers": [
                {"source": dict(outline), "type": "fill", "color": "rgba(0,114,178,0.08)"},
                {"source": dict(outline), "type": "line", "color": "#1b1b1b", "line": {"width": 2.5}},
            ],
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=460,
        legend={"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.85)"},
    )
    return figure
