"""The Streamlit layer: cached data access and shared page components.

This subpackage is the only part of ``trafford_dash`` that imports Streamlit; everything it shows is
computed by the plain modules beside it.
"""
