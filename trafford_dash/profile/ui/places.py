"""The profile's "Places that serve this area" section: the table beside Trafford and its CSV."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from trafford_dash.core import config
from trafford_dash.core.areas import ProfileArea
from trafford_dash.core.ui import components
from trafford_dash.profile import places as profile_places
from trafford_dash.store import cached


@cached.on_store(max_entries=64)
def table(level: str, vintage: str, code: str, label: str) -> pd.DataFrame:
    """The places table for one area (one filtered read of the places indicators)."""
    catalogue = cached.catalogue()
    wanted = profile_places.place_indicators(catalogue)
    if not wanted:
        return pd.DataFrame()
    rows = cached.rows(indicator_id=wanted, area_code=[code, config.TRAFFORD_CODE])
    rows = rows[((rows["level"] == level) & (rows["vintage"] == vintage)) | (rows["level"] == "borough")]
    return profile_places.places_table(catalogue, rows, code, label)


def show(area: ProfileArea) -> None:
    """The section: heading, the table (area beside Trafford, with period and source), note and CSV."""
    st.markdown("**Places that serve this area**")
    frame = table(area.level, area.vintage, area.code, area.name)
    if frame.empty:
        st.info("The data store has no counts of places; rebuild it to add them.")
        return
    components.text_table(frame)
    st.caption(profile_places.NOTE + " Licence: Open Government Licence v3.0.")
    components.csv_download(frame, f"trafford_places_{area.code}.csv", key="prof_csv_places")
