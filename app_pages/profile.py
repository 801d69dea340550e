"""Neighbourhood profiles: North, Central, West, South and each of their wards, on either ward boundaries."""

import streamlit as st

from trafford_dash.ui import profile_sections, profile_view

title = st.empty()
area = profile_view.controls()
title.title(f"{area.description}: profile")
profile_view.headline(area)
tabs = st.tabs(profile_view.TABS, key="prof_tab", bind="query-params")
sections = {
    "Indicators": profile_view.indicators_tab,
    "Population": profile_view.population_tab,
    "Deprivation": profile_sections.deprivation_tab,
    "Wards": profile_sections.wards_tab,
    "Services": profile_sections.services_tab,
}
for tab, draw in zip(tabs, sections.values(), strict=True):
    if tab.open is not False:
        with tab:
            draw(area)
