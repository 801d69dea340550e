"""Streamlit components shared by every page: provenance, downloads, notices, the sidebar."""
