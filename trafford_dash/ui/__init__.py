"""The Streamlit layer: cached data access and shared page components.

This subpackage is the only part of ``trafford_dash`` that imports Streamlit; everything it shows is
computed by the plain modules beside it.
"""

from streamlit.runtime.pages_manager import PagesManager


def _leave_legacy_page_routing() -> None:
    # The app routes with st.navigation in app.py, but because a pages/ folder exists Streamlit starts
    # each server in its legacy mode: a first visitor arriving on a deep link (e.g. /map) would get the
    # page run directly, without the router (no store check, wrong navigation). Switch legacy mode off
    # and rerun so that visit goes through app.py like every other.
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        import streamlit as st

        st.rerun()


_leave_legacy_page_routing()
