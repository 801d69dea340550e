"""Compare indicators: areas, two indicators, deprivation, side by side and trends, each with a URL."""

import streamlit as st

from trafford_dash.compare.ui import areas as compare_view_areas
from trafford_dash.compare.ui import inequality as compare_view_inequality
from trafford_dash.compare.ui import scatter as compare_view_scatter
from trafford_dash.compare.ui import side as compare_view_side
from trafford_dash.compare.ui import trends as compare_view_trends
from trafford_dash.compare.ui import widgets
from trafford_dash.core.ui import components

VIEWS = {
    "Areas": compare_view_areas.render,
    "Two indicators": compare_view_scatter.render,
    "Inequality": compare_view_inequality.render,
    "Side by side": compare_view_side.render,
    "Trends": compare_view_trends.render,
}
HELP = {
    "Areas": "One indicator ranked across neighbourhoods, wards, LSOAs or Trafford's peer authorities, "
    "with confidence intervals and significance against a benchmark.",
    "Two indicators": "One indicator against another across areas, with a fitted line and correlation.",
    "Inequality": "An indicator by deprivation group, and the slope index of inequality: the gap between "
    "the most and least deprived as one number.",
    "Side by side": "Two to four areas in one table, every indicator they share, compared with a reference.",
    "Trends": "An indicator over time for chosen areas, with intervals and significance against England.",
}

st.title("Compare indicators")
st.markdown(
    "Compare Trafford's neighbourhoods, wards and small areas with each other, with Trafford, Greater "
    "Manchester, England and similar authorities, with deprivation, and over time. Every view's choices "
    "are kept in the page address, so a copied link opens the same view."
)
widgets.stray_parameter_notice()
components.link_notice("cmp_view", "view", VIEWS)
view = st.segmented_control(
    "View",
    list(VIEWS),
    default="Areas",
    required=True,
    key="cmp_view",
    bind="query-params",
)
st.markdown(HELP[view])
VIEWS[view]()
