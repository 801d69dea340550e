"""Streamlit parts of the profile page."""
