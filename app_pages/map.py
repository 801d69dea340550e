"""Map: any indicator by ward, neighbourhood, LSOA or MSOA, with services; click an area for its profile."""

import streamlit as st

from trafford_dash.map import ui as map_view

map_view.follow_click()
st.title("Map of Trafford's wards and neighbourhoods")
st.markdown(
    "Pick an indicator to colour Trafford's wards, neighbourhoods or small areas (LSOAs). The four "
    "neighbourhoods — **North, Central, West, South** — are outlined and named on top. Colour by value "
    "or by significance against Trafford or England, add GP practices and other services, and **click an "
    "area to open its profile**."
)
# The indicator's long names get a row of their own; the other controls sit beside the map.
theme_column, indicator_column = st.columns([1, 2], gap="medium")
left, right = st.columns([1, 3], gap="medium")
with left:
    view = map_view.controls(theme_column, indicator_column)
with right:
    if view is None:
        st.info("Choose an indicator on the left to draw the map.")
    else:
        map_view.show(view)
