"""Trafford Together population-health dashboard: the router."""

import streamlit as st

from trafford_dash.ui import cached, components

st.set_page_config(
    page_title="Trafford Together dashboard",
    page_icon=":material/monitor_heart:",
    layout="wide",
)
cached.ensure_store()

pages = {
    "Locality plan": [
        st.Page(
            "pages/overview.py", title="Overview", icon=":material/home:", default=True, url_path="overview"
        ),
    ],
    "About": [
        st.Page("pages/data_sources.py", title="Data and methods", icon=":material/info:", url_path="data"),
    ],
}
navigation = st.navigation(pages)
components.sidebar_footer()
navigation.run()
