"""Cached, key-based access to the built store for the pages.

Every cached function takes only strings and numbers; the store's build stamp is part of each key, so
a rebuilt store is picked up without restarting the server. Caches are bounded.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from trafford_dash import build, config, map_files, store

TTL_SECONDS = 3600


def store_stamp() -> str:
    """Cheap identity of the current store (its manifest's modification time)."""
    manifest = config.PROCESSED_DIR / store.MANIFEST_FILE
    return str(manifest.stat().st_mtime_ns) if manifest.exists() else "none"


@st.cache_data(max_entries=256, ttl=TTL_SECONDS, show_spinner=False)
def _values(stamp: str, indicator_id: str, level: str | None, vintage: str | None) -> pd.DataFrame:
    del stamp
    return store.load_values(indicator_id=indicator_id, level=level, vintage=vintage)


def values(indicator_id: str, level: str | None = None, vintage: str | None = None) -> pd.DataFrame:
    """One indicator's rows, optionally at one level and vintage (a cached copy)."""
    return _values(store_stamp(), indicator_id, level, vintage)


@st.cache_data(max_entries=32, ttl=TTL_SECONDS, show_spinner=False)
def _table(stamp: str, name: str) -> pd.DataFrame:
    del stamp
    return store.load_table(name)


def table(name: str) -> pd.DataFrame:
    """A small whole table from the store: areas, services, peer_groups, catalogue, …"""
    return _table(store_stamp(), name)


@st.cache_data(max_entries=32, ttl=TTL_SECONDS, show_spinner=False)
def _geojson(stamp: str, layer: str) -> dict[str, Any]:
    del stamp
    return map_files.load_map_geojson(config.PROCESSED_DIR, layer)


def geojson(layer: str) -> dict[str, Any]:
    """The compact map GeoJSON of a boundary layer (e.g. ``ward_2023``)."""
    return _geojson(store_stamp(), layer)


@st.cache_data(max_entries=4, ttl=TTL_SECONDS, show_spinner=False)
def _bounds(stamp: str) -> dict[str, Any]:
    del stamp
    import json

    path = config.PROCESSED_DIR / "bounds.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def bounds() -> dict[str, Any]:
    """Per-layer bounding boxes written by the build."""
    return _bounds(store_stamp())


def catalogue() -> pd.DataFrame:
    """The indicator catalogue as built into the store."""
    return table("catalogue")


_STORE_CHECKED: dict[str, bool] = {}


def ensure_store() -> None:
    """Build the store on first run, with progress on screen; stop the page with a sentence if it fails.

    The (cheap but not free) freshness check runs once per server process.
    """
    if _STORE_CHECKED.get("current") and store.status().ready:
        return
    if build.is_current():
        _STORE_CHECKED["current"] = True
        return
    state = store.status()
    heading = (
        "Building the data store for the first time"
        if state.reason == "missing"
        else "Updating the data store"
    )
    with st.status(f"{heading}: fetching and checking the open data…", expanded=True) as box:
        bar = st.progress(0.0)
        line = st.empty()

        def progress(fraction: float, message: str) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0))
            line.caption(message)

        try:
            build.build(progress=progress)
        except build.BuildError as error:
            box.update(label="The data store could not be built", state="error")
            if state.ready:
                st.warning(f"{error} Showing the previous data.")
                return
            st.error(str(error))
            st.stop()
        box.update(label="Data store ready", state="complete", expanded=False)
    _STORE_CHECKED["current"] = True
    st.cache_data.clear()
