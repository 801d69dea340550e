"""Neighbourhood profiles: North, Central, West, South and each of their wards, on either ward boundaries."""

import streamlit as st

from trafford_dash.profile.ui import page
from trafford_dash.profile.ui import sections as profile_sections

title = st.empty()
area = page.controls()
title.title(f"{area.description}: profile")
page.headline(area)
tabs = st.tabs(page.TABS, key="prof_tab", bind="query-params")
sections = {
    "Indicators": page.indicators_tab,
    "JSNA summary": page.jsna_tab,
    "Population": page.population_tab,
    "Deprivation": profile_sections.deprivation_tab,
    "Wards": profile_sections.wards_tab,
    "Services": profile_sections.services_tab,
}
for tab, draw in zip(tabs, sections.values(), strict=True):
    if tab.open is not False:
        with tab:
            draw(area)
