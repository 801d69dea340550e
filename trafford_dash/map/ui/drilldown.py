"""Click drill-down: a click on a ward or neighbourhood opens its profile on the profile page; a click
on an LSOA or MSOA opens the profile of the (pre-May-2023) ward it lies in."""

from __future__ import annotations

from typing import Any

import streamlit as st

from trafford_dash.core import areas as profile_areas
from trafford_dash.core import config
from trafford_dash.map import figure as map_figures
from trafford_dash.store import cached

CHART_KEY = "map_chart"
PENDING_KEY = "_map_clicked_area"
PROFILE_PAGE = "app_pages/profile.py"


def follow_click() -> None:
    """If the last rerun was a map click, open the clicked area's profile (call before drawing)."""
    target = st.session_state.pop(PENDING_KEY, None)
    if target:
        st.switch_page(PROFILE_PAGE, query_params=target)


@cached.unless_store_fails
def on_select(level: str, vintage: str) -> None:
    state = st.session_state.get(CHART_KEY)
    points: list[dict[str, Any]] = []
    if state is not None:
        points = list(state["selection"]["points"])
    code = map_figures.clicked_area(points)
    if not code:
        return
    areas = cached.table("areas")
    if level in ("lsoa", "msoa"):
        match = areas[(areas["area_code"] == code) & (areas["level"] == level)]
        ward = match["ward_code"].dropna()
        if ward.empty:
            # MSOAs carry a neighbourhood but no ward: open the neighbourhood's profile.
            nbh = match["neighbourhood"].dropna()
            if nbh.empty:
                return
            code, vintage = config.neighbourhood_code(str(nbh.iloc[0])), "2022"
        else:
            code, vintage = str(ward.iloc[0]), "2022"
    try:
        st.session_state[PENDING_KEY] = profile_areas.profile_link(areas, code, vintage)
    except KeyError:
        return
