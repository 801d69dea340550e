"""The places under the map: each shown layer's source and date, the table of places and its CSV."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from trafford_dash.core import places
from trafford_dash.core.ui import blocks
from trafford_dash.map import places as map_places
from trafford_dash.store import cached, reader


@cached.on_store(max_entries=32)
def shown(points: tuple[str, ...], land: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The chosen places (one cached read of the store's places table) and the chosen outlines."""
    chosen = map_places.shown_places(cached.table("services"), points, land)
    return chosen, outlines(points)


def outlines(points: tuple[str, ...]) -> pd.DataFrame | None:
    """The air quality management areas when that layer is chosen (``None`` in a store without them)."""
    if places.AQMA not in points:
        return None
    try:
        return cached.table("place_areas")
    except reader.StoreError:
        return None


def _table(chosen: pd.DataFrame, vintage: str) -> pd.DataFrame:
    areas = cached.table("areas")
    wards = areas[(areas["level"] == "ward") & (areas["vintage"].astype(str) == vintage)]
    names = {str(code): str(name) for code, name in zip(wards["area_code"], wards["area_name"], strict=True)}
    table = map_places.places_table(chosen, names, vintage)
    licences = cached.source_list().set_index("key")["licence"].to_dict()
    return table.assign(licence=table["source_key"].map(licences))


def show(points: tuple[str, ...], land: tuple[str, ...], vintage: str) -> None:
    """Under the map: one line per shown layer (count, data date, source, licence), then the table."""
    if not points:
        return
    chosen, areas = shown(points, land)
    st.markdown("**Places on the map**")
    for line in map_places.source_lines(chosen, areas, cached.source_list()):
        st.caption(line)
    if chosen.empty:
        st.caption("No place of the chosen layers matches the choice.")
        return
    wards = "pre-May-2023" if vintage == "2022" else "May-2023"
    table = _table(chosen, vintage)
    blocks.table_and_csv(
        blocks.TableView(table, f"Table of the places shown (wards: {wards})", key="map_places_table"),
        blocks.CsvFile(table, "trafford_places.csv", key="map_places_csv", label="Download the places (CSV)"),
    )
