"""Data and methods: every source, the indicator catalogue, and how figures are made."""

import streamlit as st

from trafford_dash.core import provenance
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

st.header("Open data API")
st.markdown(
    "Every figure here can also be read by a program from this server, as JSON or CSV: the catalogue at "
    "`/api/v1/indicators`, areas at `/api/v1/areas`, figures with intervals at `/api/v1/values` (for example "
    "`/api/v1/values?indicator=bad_health&level=neighbourhood&period=latest`) and the store's provenance "
    "at `/api/v1/meta`. The [OpenAPI description](/api/v1/openapi.json) lists every parameter; the "
    "project's README shows calls from curl, Python and R."
)

st.header("Methods")
st.markdown(components.methods_text())

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
    + provenance.BOUNDARIES
    + " Local-authority series: Source: OHID Fingertips."
)
