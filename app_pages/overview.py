"""Overview: the locality plan on one screen, with the four neighbourhoods and where Trafford stands out."""

import streamlit as st

from trafford_dash.core.ui import components
from trafford_dash.overview import ui as view

st.title("Trafford Together: the locality plan at a glance")
st.markdown(
    "Trafford's health and social care partners work to one locality plan (2019–2024, refreshed in 2021). "
    "It has three aims, six reform pillars and four neighbourhoods, each built from whole electoral wards. "
    "This page sets out that structure with the plan's own figures, shows who lives in each neighbourhood, "
    "and lists the indicators on which Trafford differs most from England."
)

st.subheader("Three aspirations")
view.aspirations()

st.subheader("Key facts")
view.key_facts()

st.subheader("Four neighbourhoods")
table = view.neighbourhood_map()

found = view.exception_list()
st.subheader("Six pillars")
view.pillar_cards()

st.subheader("Where Trafford stands out")
view.exception_links(found)

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Seven system priorities")
    view.priorities()
with right:
    st.subheader("Primary care networks")
    view.services()

st.subheader("Headline indicators by neighbourhood")
view.headline_table(table)

with components.lazy_expander("The plan documents cited on this page", key="overview_documents") as is_open:
    if is_open:
        view.documents()
