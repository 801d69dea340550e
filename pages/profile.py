"""Work in progress."""

import streamlit as st

st.title("profile")
st.info("This page is being built.")
