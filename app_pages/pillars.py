"""Pillars: every indicator mapped to each of the plan's six reform pillars, benchmarked, with exceptions."""

import streamlit as st

from trafford_dash.core.ui import components
from trafford_dash.pillars.ui import data, local_upload
from trafford_dash.pillars.ui import page as view

st.title("Pillars: the plan's six reform areas in figures")
st.markdown(
    "Each tile gives Trafford's latest figure for an indicator linked to the pillar, with its period, the "
    "direction of its latest change, how it compares with England (tested for significance), and its value "
    "beside Greater Manchester and Trafford's three peer groups. Open a tile for its trend, where Trafford "
    "sits among all English authorities, and the four neighbourhoods."
)

found = data.exception_list()
with components.lazy_expander(
    view.exceptions_label(found), key="pil_exceptions", icon=":material/priority_high:"
) as exceptions_open:
    if exceptions_open:
        view.exceptions_section(found)

pillar = view.pillar_selector()
view.pillar_header(pillar)
tiles = data.tiles_for(pillar)
selected = view.indicator_selector(tiles)
view.legend()
view.tile_grid(tiles, selected, pillar)

st.subheader("Plan measures without open data")
n_open = int((~tiles["local"]).sum()) if not tiles.empty else 0
view.gaps_section(pillar, n_open)
with st.expander(
    "Add locally supplied indicators",
    icon=":material/upload_file:",
    expanded=pillar in ("Planned Care", "Urgent Care"),
):
    local_upload.upload_section()

view.data_as_at()
