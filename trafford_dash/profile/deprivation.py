"""Deprivation in a profile: residents by national IoD 2019 decile, and the LSOA map of the area.

The store's ``imd_decile_population`` table gives, for the pre-May-2023 wards, their neighbourhoods and
Trafford, the mid-2024 residents of each national IMD 2019 decile (2011 LSOAs assigned whole to wards
by best fit). For the May-2023 wards the same shares are computed here: each 2021 LSOA's mid-2024
population takes the IoD 2019 decile of its 2011 LSOA (the same code, or for a 2021 LSOA created by a
split, the 2011 LSOA that contains its interior point) and is assigned whole to the May-2023 ward that
holds most of its postcodes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from trafford_dash.core import chart_parts, choropleth, config, palettes
from trafford_dash.core.areas import ProfileArea

DOMAINS: dict[str, str] = {
    "imd": "Index of Multiple Deprivation",
    "income": "Income",
    "employment": "Employment",
    "education": "Education, skills and training",
    "health": "Health deprivation and disability",
    "crime": "Crime",
    "barriers": "Barriers to housing and services",
    "living_environment": "Living environment",
    "idaci": "Income deprivation affecting children",
    "idaopi": "Income deprivation affecting older people",
}
DECILE_COLOURS = sample_colorscale(palettes.SEQUENTIAL, [i / 9 for i in range(10)])
SHARE_COLUMNS = [
    "area_code",
    "area_name",
    "level",
    "vintage",
    "decile",
    "population",
    "share",
    "period",
    "note",
]
NOTE_2023 = (
    "Mid-2024 populations of 2021 LSOAs, each given the IoD 2019 IMD decile of its 2011 LSOA (for a "
    "split LSOA, the 2011 LSOA containing it) and assigned whole to the May-2023 ward holding most of "
    "its postcodes."
)


def parent_lsoas(lsoa_2021: Mapping[str, Any], lsoa_2011: Mapping[str, Any]) -> dict[str, str]:
    """2021 LSOA code → 2011 LSOA code: the same code, else the 2011 LSOA containing its interior point."""
    from shapely.geometry import shape

    old = {feature["id"]: shape(feature["geometry"]) for feature in lsoa_2011["features"]}
    out = {}
    for feature in lsoa_2021["features"]:
        code = feature["id"]
        if code in old:
            out[code] = code
            continue
        point = shape(feature["geometry"]).representative_point()
        hits = [old_code for old_code, polygon in old.items() if polygon.contains(point)]
        if hits:
            out[code] = hits[0]
    return out


def _people_by_decile(
    population: pd.DataFrame, deciles: pd.DataFrame, lookup: pd.DataFrame, parents: Mapping[str, str]
) -> pd.DataFrame:
    """Each 2021 LSOA's residents with its parent's IMD 2019 decile and best-fit May-2023 ward."""
    people = population[["area_code", "value", "period"]].rename(
        columns={"area_code": "lsoa", "value": "people"}
    )
    people["parent"] = people["lsoa"].map(parents)
    decile_of = deciles.set_index("area_code")["value"]
    people["decile"] = people["parent"].map(decile_of)
    fit = lookup[(lookup["lsoa_vintage"] == "2021") & (lookup["ward_vintage"] == "2023")].set_index(
        "lsoa_code"
    )
    people["ward_code"] = people["lsoa"].map(fit["ward_code"])
    people["neighbourhood"] = people["lsoa"].map(fit["neighbourhood"])
    people = people.dropna(subset=["decile", "ward_code"])
    people["decile"] = people["decile"].astype(int)
    return people


def decile_shares_2023(
    population: pd.DataFrame,
    deciles: pd.DataFrame,
    lookup: pd.DataFrame,
    parents: Mapping[str, str],
    areas: pd.DataFrame,
) -> pd.DataFrame:
    """Residents by IMD 2019 decile for the May-2023 wards and their neighbourhoods.

    Parameters
    ----------
    population
        ``population`` rows at level lsoa, vintage 2021 (Persons, All ages, one period).
    deciles
        ``imd_decile`` rows at level lsoa, vintage 2011.
    lookup
        The store's ``lsoa_to_ward`` table.
    parents
        :func:`parent_lsoas` for the 2021 LSOAs.
    areas
        The areas table (ward names).

    Returns
    -------
    pandas.DataFrame
        :data:`SHARE_COLUMNS`, ten rows per ward and neighbourhood (vintage ``"2023"``).
    """
    people = _people_by_decile(population, deciles, lookup, parents)
    period = f"IoD 2019; population mid-{str(people['period'].iloc[0])[:4]}" if not people.empty else ""
    names = areas[(areas["level"] == "ward") & (areas["vintage"] == "2023")].set_index("area_code")[
        "area_name"
    ]
    frames = []
    for level, key in (("ward", "ward_code"), ("neighbourhood", "neighbourhood")):
        sums = people.pivot_table(index=key, columns="decile", values="people", aggfunc="sum", fill_value=0)
        sums = sums.reindex(columns=range(1, 11), fill_value=0)
        long = sums.stack().reset_index()
        long.columns = pd.Index(["key", "decile", "population"])
        if level == "ward":
            long["area_code"] = long["key"]
            long["area_name"] = long["key"].map(names)
        else:
            long["area_code"] = long["key"].map(config.neighbourhood_code)
            long["area_name"] = long["key"]
        long["share"] = long["population"] / long.groupby("key")["population"].transform("sum")
        frames.append(long.assign(level=level, vintage="2023", period=period, note=NOTE_2023))
    out = pd.concat(frames, ignore_index=True)
    out["population"] = out["population"].astype(float)
    return out[SHARE_COLUMNS]


def decile_frame(shares: pd.DataFrame, area: ProfileArea) -> pd.DataFrame:
    """``decile, area_population, area_share, trafford_share, period, note`` for the area's decile chart."""
    this = shares[
        (shares["area_code"] == area.code)
        & (shares["level"] == area.level)
        & (shares["vintage"] == area.vintage)
    ]
    trafford = shares[shares["level"] == "borough"].set_index("decile")["share"]
    if this.empty:
        return pd.DataFrame(
            columns=["decile", "area_population", "area_share", "trafford_share", "period", "note"]
        )
    out = pd.DataFrame(
        {
            "decile": this["decile"].astype(int).to_numpy(),
            "area_population": this["population"].to_numpy(),
            "area_share": this["share"].to_numpy() * 100,
            "trafford_share": this["decile"].map(trafford).to_numpy() * 100,
            "period": this["period"].to_numpy(),
            "note": this["note"].to_numpy(),
        }
    )
    return out.sort_values("decile").reset_index(drop=True)


def decile_summary(frame: pd.DataFrame, area_name: str) -> str:
    """Shares of residents in the most and least deprived 20% of England, against Trafford."""
    if frame.empty:
        return f"No deprivation breakdown is available for {area_name}."
    most = frame[frame["decile"] <= 2]
    least = frame[frame["decile"] >= 9]
    return (
        f"{most['area_share'].sum():.1f}% of {area_name}'s residents live in small areas (LSOAs) among "
        f"the 20% most deprived in England (IoD 2019 deciles 1–2), against "
        f"{most['trafford_share'].sum():.1f}% of Trafford's; {least['area_share'].sum():.1f}% live in the "
        "20% least deprived "
        f"(Trafford {least['trafford_share'].sum():.1f}%)."
    )


def decile_figure(frame: pd.DataFrame, area_name: str) -> go.Figure:
    """Bars of the area's share of residents by decile, with Trafford's shares beside them."""
    labels = [f"{d}" for d in frame["decile"]]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=labels,
            y=frame["area_share"].tolist(),
            name=area_name,
            marker={"color": DECILE_COLOURS, "line": {"color": "#222222", "width": 1}},
            customdata=frame["area_population"].tolist(),
            hovertemplate=(
                "Decile %{x}: %{y:.1f}% of " + area_name + "'s residents (%{customdata:,.0f} people)"
                "<br>IoD 2019; mid-2024 population<extra></extra>"
            ),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=labels,
            y=frame["trafford_share"].tolist(),
            mode="markers",
            marker={
                "symbol": "line-ew-open",
                "size": 26,
                "color": "#000000",
                "line": {"width": 3, "color": "#000000"},
            },
            name="Trafford",
            hovertemplate="Decile %{x}: %{y:.1f}% of Trafford's residents<extra></extra>",
        )
    )
    fig.update_layout(
        height=360,
        margin=chart_parts.margin(40),
        xaxis=chart_parts.axis(
            "National IMD 2019 decile (1 = most deprived 10% of England)", fixedrange=True
        ),
        yaxis=chart_parts.axis("% of residents", fixedrange=True),
        legend={"orientation": "h", "y": 1.12},
        plot_bgcolor="#ffffff",
    )
    return fig


def area_lsoas(lookup: pd.DataFrame, area: ProfileArea) -> list[str]:
    """The 2011 LSOAs assigned by best fit to the area on its ward vintage."""
    fit = lookup[(lookup["lsoa_vintage"] == "2011") & (lookup["ward_vintage"] == area.vintage)]
    if area.is_neighbourhood:
        fit = fit[fit["neighbourhood"] == area.name]
    else:
        fit = fit[fit["ward_code"] == area.code]
    return sorted(fit["lsoa_code"])


def lsoa_frame(values: pd.DataFrame, codes: list[str], names: Mapping[str, str], domain: str) -> pd.DataFrame:
    """``area_code, area_name, decile, score, rank`` of one IoD 2019 domain for the given LSOAs."""
    wanted = values[values["area_code"].isin(codes) & (values["period"] == "2019")]
    wide = wanted.pivot_table(index="area_code", columns="indicator_id", values="value", aggfunc="first")
    out = pd.DataFrame({"area_code": codes})
    for measure in ("decile", "score", "rank"):
        column = f"{domain}_{measure}"
        out[measure] = out["area_code"].map(wide[column]) if column in wide else float("nan")
    out["area_name"] = out["area_code"].map(names).fillna(out["area_code"])
    return out[["area_code", "area_name", "decile", "score", "rank"]]


def lsoa_summary(frame: pd.DataFrame, area_name: str, domain: str) -> str:
    """How many of the area's LSOAs are in England's most deprived 20% on a domain, and the most deprived."""
    shown = frame[frame["decile"].notna()]
    if shown.empty:
        return f"No IoD 2019 figures are available for the LSOAs of {area_name}."
    most = int((shown["decile"] <= 2).sum())
    worst = shown.sort_values("rank").iloc[0]
    return (
        f"{most} of the {len(shown)} LSOAs assigned to {area_name} are among the 20% most deprived in "
        f"England ({DOMAINS[domain]}, IoD 2019); the most deprived is {worst['area_name']} "
        f"(rank {float(worst['rank']):,.0f} of 32,844, decile {float(worst['decile']):.0f})."
    )


def lsoa_figure(
    lsoa_geo: Mapping[str, Any], frame: pd.DataFrame, outline: Mapping[str, Any], domain: str
) -> go.Figure:
    """The area's LSOAs coloured by national decile (1 = most deprived), with the area outlined."""
    codes = set(frame["area_code"])
    geo = {"type": "FeatureCollection", "features": [f for f in lsoa_geo["features"] if f["id"] in codes]}
    scale = []
    for i, colour in enumerate(DECILE_COLOURS):
        scale += [[i / 10, colour], [(i + 1) / 10, colour]]
    hover = [
        f"<b>{name}</b> ({code})<br>{DOMAINS[domain]}: decile {decile:.0f} (1 = most deprived 10%)"
        f"<br>Score {score:.1f}; rank {rank:,.0f} of 32,844<br>IoD 2019"
        if pd.notna(decile)
        else f"<b>{name}</b><br>no data"
        for code, name, decile, score, rank in zip(
            frame["area_code"],
            frame["area_name"],
            frame["decile"],
            frame["score"],
            frame["rank"],
            strict=True,
        )
    ]
    fig = go.Figure(
        go.Choroplethmap(
            geojson=geo,
            locations=list(frame["area_code"]),
            z=frame["decile"].tolist(),
            featureidkey="id",
            zmin=0.5,
            zmax=10.5,
            colorscale=scale,
            marker={"line": {"width": 0.8, "color": "#ffffff"}},
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            colorbar={
                "title": {"text": "Decile", "side": "right"},
                "tickvals": list(range(1, 11)),
                "ticktext": ["1 most deprived", *[str(i) for i in range(2, 10)], "10 least deprived"],
                "thickness": 14,
            },
            name=DOMAINS[domain],
        )
    )
    fig.add_trace(choropleth.outline_trace(dict(outline), width=3))
    # Fit the outline too: LSOAs are assigned by best fit, so the area's edge can reach beyond them.
    bounds = feature_bounds(
        {"type": "FeatureCollection", "features": [*geo["features"], *outline["features"]]}
    )
    fig.update_layout(
        map={"style": "white-bg", **choropleth.view_for(bounds, 560, 440)},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=440,
        showlegend=False,
    )
    return fig


def feature_bounds(geojson: Mapping[str, Any]) -> list[float]:
    """``[min_lon, min_lat, max_lon, max_lat]`` of every coordinate in a FeatureCollection."""
    lons: list[float] = []
    lats: list[float] = []

    def walk(coords: Any) -> None:
        if coords and isinstance(coords[0], int | float):
            lons.append(float(coords[0]))
            lats.append(float(coords[1]))
            return
        for part in coords:
            walk(part)

    for feature in geojson["features"]:
        walk(feature["geometry"]["coordinates"])
    if not lons:
        return [-2.48, 53.36, -2.25, 53.48]
    return [min(lons), min(lats), max(lons), max(lats)]
