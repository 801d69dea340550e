"""Streamlit parts of the Pillars page."""
