"""Streamlit parts of the Compare page."""
