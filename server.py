"""The dashboard's server: the Streamlit app (app.py) plus the read-only open-data API under /api/v1/.

Run with ``streamlit run server.py`` (what ``make run`` does); Streamlit serves both from one process.
"""

import streamlit as st

from trafford_dash.api import routes

app = st.App("app.py", routes=routes.routes())
