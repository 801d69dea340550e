"""Cached, key-based access to the built store for the pages.

Every cached function takes only strings and numbers; the store's build stamp is part of each key, so
a rebuilt store is picked up without restarting the server. Caches are bounded.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, ParamSpec, Protocol

import pandas as pd
import streamlit as st

from trafford_dash.core import config
from trafford_dash.pipeline import build
from trafford_dash.store import map_files, reader

TTL_SECONDS = 3600
P = ParamSpec("P")
log = logging.getLogger(__name__)


def store_stamp() -> str:
    """Cheap identity of the current store (its manifest's modification time)."""
    manifest = config.PROCESSED_DIR / reader.MANIFEST_FILE
    return str(manifest.stat().st_mtime_ns) if manifest.exists() else "none"


@st.cache_data(max_entries=256, ttl=TTL_SECONDS, show_spinner=False)
def _values(stamp: str, indicator_id: str, level: str | None, vintage: str | None) -> pd.DataFrame:
    del stamp
    return reader.load_values(indicator_id=indicator_id, level=level, vintage=vintage)


def values(indicator_id: str, level: str | None = None, vintage: str | None = None) -> pd.DataFrame:
    """One indicator's rows, optionally at one level and vintage (a cached copy)."""
    return _values(store_stamp(), indicator_id, level, vintage)


@st.cache_data(max_entries=32, ttl=TTL_SECONDS, show_spinner=False)
def _table(stamp: str, name: str) -> pd.DataFrame:
    del stamp
    return reader.load_table(name)


def table(name: str) -> pd.DataFrame:
    """A small whole table from the store: areas, services, peer_groups, catalogue, …"""
    return _table(store_stamp(), name)


@st.cache_data(max_entries=32, ttl=TTL_SECONDS, show_spinner=False)
def _geojson(stamp: str, layer: str) -> dict[str, Any]:
    del stamp
    file = f"{map_files.MAPS_DIR}/{map_files.checked_layer(layer)}.geojson"
    return map_files.load_map_geojson(reader.require(None, file), layer)


def geojson(layer: str) -> dict[str, Any]:
    """The compact map GeoJSON of a boundary layer (e.g. ``ward_2023``)."""
    return _geojson(store_stamp(), layer)


@st.cache_data(max_entries=4, ttl=TTL_SECONDS, show_spinner=False)
def _bounds(stamp: str) -> dict[str, Any]:
    del stamp
    import json

    path = reader.require(None, map_files.BOUNDS_FILE) / map_files.BOUNDS_FILE
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def bounds() -> dict[str, Any]:
    """Per-layer bounding boxes written by the build."""
    return _bounds(store_stamp())


def catalogue() -> pd.DataFrame:
    """The indicator catalogue as built into the store."""
    return table("catalogue")


_STORE_CHECKED: dict[str, bool] = {}
_PAGE_FAILED = "_store_read_failed"
PAGE_FAILED = (
    "This page could not be drawn because part of the data store could not be read; reload the page, "
    "and if this persists run `python -m trafford_dash build --force`."
)
HEADINGS = {
    "missing": "Building the data store for the first time",
    "corrupt": "Repairing the data store",
    "incomplete": "Repairing the data store",
}


def ensure_store() -> None:
    """Build or repair the store when needed, showing progress; stop the page with a sentence if it fails.

    Each run checks every store file against its recorded checksum; files are only hashed again after
    they change (see :mod:`trafford_dash.store.checks`), so the check costs a few ``stat`` calls.
    """
    if _STORE_CHECKED.get("current") and reader.status().ready:
        return
    if build.is_current():
        _STORE_CHECKED["current"] = True
        return
    state = reader.status()
    heading = HEADINGS.get(state.reason, "Updating the data store")
    with st.status(f"{heading}: fetching and checking the open data…", expanded=True) as box:
        bar = st.progress(0.0)
        line = st.empty()
        if state.files:
            line.caption(state.message)

        def progress(fraction: float, message: str) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0))
            line.caption(message)

        try:
            result = build.build(progress=progress)
        except build.BuildError as error:
            box.update(label="The data store could not be built", state="error")
            if state.ready:
                st.warning(f"{error} Showing the previous data.")
                return
            st.error(str(error))
            st.stop()
        box.update(
            label=result.message if state.files else "Data store ready", state="complete", expanded=False
        )
    if result.restored:
        st.warning(result.message)
    _STORE_CHECKED["current"] = True
    st.session_state.pop(_PAGE_FAILED, None)
    st.cache_data.clear()


class Page(Protocol):
    """What ``st.navigation`` returns: the page chosen for this run."""

    def run(self) -> None: ...


def run_page(page: Page) -> None:
    """Run the chosen page; if it cannot read the store, show one sentence in its place, not an exception.

    The failed run is replaced by a rerun that shows only the sentence, so nothing half-drawn stays.
    """
    if st.session_state.pop(_PAGE_FAILED, False):
        st.error(PAGE_FAILED, icon=":material/error:")
        return
    try:
        page.run()
    except reader.StoreError as error:
        log.warning("A page could not read the data store: %s", error)
        _STORE_CHECKED.clear()
        st.session_state[_PAGE_FAILED] = True
        st.rerun()


def unless_store_fails(callback: Callable[P, None]) -> Callable[P, None]:
    """A widget callback that does nothing when the store cannot be read.

    Callbacks run before the script, outside :func:`run_page`; the run that follows says what is wrong.
    """

    @functools.wraps(callback)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            callback(*args, **kwargs)
        except reader.StoreError as error:
            log.warning("A control could not read the data store: %s", error)

    return guarded
