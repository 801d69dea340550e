"""Overview: Trafford's four neighbourhoods on a map with their population and headline indicators."""

import pandas as pd
import streamlit as st

from trafford_dash import formatting, headlines, maps, palettes
from trafford_dash.ui import cached, components

st.title("Trafford Together: neighbourhoods at a glance")
st.markdown(
    "Trafford's health and care services are organised around four neighbourhoods — **North, Central, "
    "West and South** — each built from whole electoral wards. This page shows who lives in each and how "
    "they compare on a few headline measures."
)

catalogue = cached.catalogue()
frames = {indicator: cached.values(indicator) for indicator, _ in headlines.HEADLINE_INDICATORS}
table = headlines.headline_table(frames, catalogue)

population = table[(table["indicator_id"] == "population")]
layer = "neighbourhood_2023"
geo = cached.geojson(layer)
nbh_population = population[population["area"] != "Trafford"]
codes = {f["properties"]["area_name"]: f["id"] for f in geo["features"]}
map_frame = pd.DataFrame(
    {
        "area_code": nbh_population["area"].map(codes),
        "area_name": nbh_population["area"],
        "value": nbh_population["value"],
    }
)
meta = catalogue.set_index("indicator_id").loc["population"].to_dict()
hover = [
    formatting.hover_line(
        {"area_name": row.area_name, "value": row.value, "period": population["period"].iloc[0]}, meta
    )
    for row in map_frame.itertuples()
]
left, right = st.columns([3, 2], gap="large")
with left:
    period = population["period"].iloc[0] if not population.empty else "unknown"
    st.subheader(f"Resident population, mid-year estimate {period[:4]}")
    figure = maps.choropleth(
        geo,
        map_frame,
        colour_title="Residents",
        hover_lines=hover,
        colorscale=palettes.SEQUENTIAL,
        bounds=cached.bounds()[layer],
    )
    figure.add_trace(maps.label_trace(maps.label_points(geo)))
    st.plotly_chart(figure, key="overview_map", config={"displaylogo": False})
    st.caption(
        f"Neighbourhoods on the May-2023 wards. Period: mid-{period[:4]}. "
        "Source: ONS mid-year population estimates via Trafford Data Lab. " + components.BOUNDARIES
    )
with right:
    st.subheader("Residents by neighbourhood")
    for row in population.itertuples():
        st.metric(f"{row.area}", row.shown, help=f"Mid-year estimate, {row.period}. {row.source}.")

st.subheader("Headline indicators")
st.dataframe(headlines.wide(table), hide_index=True, width="stretch")
st.caption(
    "\\* Approximation: the source gives ward values only, so a neighbourhood figure is the mean of "
    "its wards weighted by population. Census figures are computed exactly from summed counts, "
    "with 95% confidence intervals in the download. Neighbourhoods are built from the pre-May-2023 "
    "wards (the plan's) except population, which uses the May-2023 wards."
)
components.csv_download(table, "trafford_neighbourhood_headlines.csv", key="overview_download")
