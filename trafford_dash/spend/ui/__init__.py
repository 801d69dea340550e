"""Streamlit parts of the Spend page."""
