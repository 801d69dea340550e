"""Streamlit parts of the map page: URL-bound controls, the cached figure, downloads and click drill-down.

Every control is bound to a query parameter (prefix ``map_``), so the URL reproduces the view. A click
on a ward or neighbourhood opens its profile on the profile page; a click on an LSOA or MSOA opens
the profile of the (pre-May-2023) ward it lies in.
"""

from trafford_dash.map.ui.controls import MapView, controls
from trafford_dash.map.ui.drilldown import follow_click
from trafford_dash.map.ui.view import show

__all__ = ["MapView", "controls", "follow_click", "show"]
