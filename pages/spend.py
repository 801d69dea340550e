"""Work in progress."""

import streamlit as st

st.title("spend")
st.info("This page is being built.")
