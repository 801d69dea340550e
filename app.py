"""Trafford Together population-health dashboard: the router."""

import streamlit as st

from trafford_dash.core.ui import components
from trafford_dash.store import cached

st.set_page_config(
    page_title="Trafford Together dashboard",
    page_icon=components.PAGE_ICON,
    layout="wide",
)
cached.ensure_store()

pages = {
    "Locality plan": [
        st.Page("app_pages/overview.py", title="Overview", icon=":material/home:", default=True),
        st.Page("app_pages/pillars.py", title="Pillars", icon=":material/view_column:", url_path="pillars"),
        st.Page("app_pages/spend.py", title="Spend", icon=":material/payments:", url_path="spend"),
    ],
    "Places": [
        st.Page("app_pages/map.py", title="Map", icon=":material/map:", url_path="map"),
        st.Page(
            "app_pages/profile.py",
            title="Neighbourhood profiles",
            icon=":material/location_city:",
            url_path="profile",
        ),
    ],
    "Compare": [
        st.Page(
            "app_pages/compare.py",
            title="Compare indicators",
            icon=":material/compare_arrows:",
            url_path="compare",
        ),
    ],
    "About": [
        st.Page(
            "app_pages/data_sources.py", title="Data and methods", icon=":material/info:", url_path="data"
        ),
    ],
}
# Top navigation leaves the whole width to the page: Streamlit keeps an open sidebar down to 768 px
# and offers no setting to close it earlier.
navigation = st.navigation(pages, position="top")
cached.run_page(navigation)
components.page_footer()
