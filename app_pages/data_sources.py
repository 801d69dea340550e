"""Data and methods: every source, the indicator catalogue, and how figures are made."""

import streamlit as st

from trafford_dash.core.ui import components
from trafford_dash.store import cached, reader

st.title("Data and methods")
try:
    st.caption(reader.data_as_at() + ".")
except reader.StoreError as error:
    st.warning(str(error))

st.header("Indicator catalogue")
catalogue = cached.catalogue()
# Reference tables: sortable and searchable, so they keep st.dataframe and may scroll sideways
# (the "wide_" key prefix tells the layout checks so).
st.container(key="wide_catalogue").dataframe(
    catalogue[
        ["indicator_id", "title", "theme", "pillars", "unit", "period", "levels", "ward_vintages", "source"]
    ],
    hide_index=True,
    width="stretch",
)
components.csv_download(catalogue, "trafford_indicator_catalogue.csv", key="catalogue_download")

st.header("Methods")
st.markdown(
    """
- **Proportions** (Census 2021 and other counts) use Wilson score intervals at 95% and 99.8%.
- **Rates** use Byar's method, with exact Poisson limits below 10 events.
- **Significance** follows OHID Fingertips: an area differs from a benchmark when the benchmark lies
  outside its interval, or from another area when the two intervals do not overlap.
- **Neighbourhood and Trafford figures** are exact sums where the source gives counts. Where it gives only
  a value per ward (life expectancy, standardised ratios, deprivation scores), the figure is the mean of the
  wards weighted by population and is marked as an approximation everywhere it appears.
- **May-2023 wards** have Census figures only by best fit: each 2021 LSOA is assigned whole to the ward
  holding most of its postcodes; these figures are marked as approximations.
"""
)

st.header("Sources")
rows = [
    {
        "file": s["path"],
        "repository": f"{s['owner']}/{s['repo']}",
        "commit": s["commit"][:10],
        "sha256": s["sha256"][:16] + "…",
        "licence": s["licence"],
    }
    for s in cached.source_list().to_dict("records")
]
st.container(key="wide_sources").dataframe(rows, hide_index=True, width="stretch")
st.caption(
    "All data: Open Government Licence v3.0, copies published by Trafford Data Lab. "
    + components.BOUNDARIES
    + " Local-authority series: Source: OHID Fingertips."
)
