"""The pages' one way into the store: cached reads keyed on their arguments and the store's version.

:func:`on_store` caches a function of strings and numbers on its arguments plus the store's build stamp
(and, when asked, the stamp of the authored tables in ``data/plan``), so a rebuilt store or an edited
plan file is picked up without restarting the server. Every cache follows one policy: bounded, and
dropped after :data:`TTL_SECONDS`.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Sequence
from typing import Any, ParamSpec, Protocol, TypeVar

import pandas as pd
import streamlit as st

from trafford_dash.core import config
from trafford_dash.store import map_files, plan, reader

TTL_SECONDS = 3600
P = ParamSpec("P")
R = TypeVar("R")
Filter = str | Sequence[str] | None
log = logging.getLogger(__name__)


def store_stamp() -> str:
    """Cheap identity of the current store (its manifest's modification time)."""
    manifest = config.PROCESSED_DIR / reader.MANIFEST_FILE
    return str(manifest.stat().st_mtime_ns) if manifest.exists() else "none"


def plan_stamp() -> str:
    """Cheap identity of the authored reference tables: every ``data/plan`` file's modification time."""
    files = sorted(plan.PLAN_DIR.glob("*.csv"))
    return ";".join(f"{file.name}:{file.stat().st_mtime_ns}" for file in files)


def on_store(max_entries: int, plan_files: bool = False) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Cache a function on its arguments and the store's version (and the plan files' when asked).

    Arguments are hashed by value as ``st.cache_data`` does (names starting with ``_`` are not); the
    cache's identity is the decorated function's module, name and source.
    """

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        def keyed(*args: Any, version: str, **kwargs: Any) -> R:
            del version
            return func(*args, **kwargs)

        functools.update_wrapper(keyed, func)
        cache = st.cache_data(max_entries=max_entries, ttl=TTL_SECONDS, show_spinner=False)(keyed)

        @functools.wraps(func)
        def read(*args: P.args, **kwargs: P.kwargs) -> R:
            version = store_stamp() + ("|" + plan_stamp() if plan_files else "")
            return cache(*args, version=version, **kwargs)

        return read

    return decorate


def shared(max_entries: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Keep one result per argument key for every session (never copied; callers must not change it)."""
    return st.cache_resource(max_entries=max_entries, ttl=TTL_SECONDS, show_spinner=False)


@on_store(max_entries=128)
def memo(kind: str, key: str, _compute: Callable[[], R]) -> R:
    """``_compute()``, worked out once per kind and key (a string naming everything it depends on)."""
    return _compute()


def rows(
    indicator_id: Filter = None,
    level: Filter = None,
    vintage: Filter = None,
    area_code: Filter = None,
    sex: str | None = None,
) -> pd.DataFrame:
    """Rows of the values store matching every given filter, read afresh.

    Call it inside a function cached with :func:`on_store`, which keeps what is worked out from them.
    """
    return reader.load_values(
        indicator_id=indicator_id, level=level, vintage=vintage, area_code=area_code, sex=sex
    )


@on_store(max_entries=256)
def values(indicator_id: str, level: str | None = None, vintage: str | None = None) -> pd.DataFrame:
    """One indicator's rows, optionally at one level and vintage (a cached copy)."""
    return reader.load_values(indicator_id=indicator_id, level=level, vintage=vintage)


@on_store(max_entries=32)
def table(name: str) -> pd.DataFrame:
    """A small whole table from the store: areas, services, peer_groups, catalogue, …"""
    return reader.load_table(name)


@on_store(max_entries=2)
def census_categories() -> pd.DataFrame:
    """Every Census 2021 table's categories for the profile's areas, Trafford and GM (one small table)."""
    return reader.load_census_categories()


@on_store(max_entries=32, plan_files=True)
def plan_table(name: str) -> pd.DataFrame:
    """A plan reference table (``data/plan/<name>.csv``), validated once per file version."""
    return plan.load_table(name)


@on_store(max_entries=32)
def geojson(layer: str) -> dict[str, Any]:
    """The compact map GeoJSON of a boundary layer (e.g. ``ward_2023``)."""
    file = f"{map_files.MAPS_DIR}/{map_files.checked_layer(layer)}.geojson"
    return map_files.load_map_geojson(reader.require(None, file), layer)


@on_store(max_entries=4)
def bounds() -> dict[str, Any]:
    """Per-layer bounding boxes written by the build."""
    path = reader.require(None, map_files.BOUNDS_FILE) / map_files.BOUNDS_FILE
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


@on_store(max_entries=2)
def source_list() -> pd.DataFrame:
    """Every pinned open-data file registered in ``data/sources.csv`` (the build's inputs), as text."""
    return pd.read_csv(config.SOURCES_CSV, dtype=str, keep_default_na=False)


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
    from trafford_dash.pipeline import build  # the build's code is loaded only when the store is checked

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


@on_store(max_entries=256)
def payment_totals(by: tuple[str, ...] = (), **filters: Any) -> pd.DataFrame:
    """:func:`store.payments.totals`, cached (DuckDB is imported only when a page asks for payments).

    Filters as in :func:`store.payments.totals`: ``year="2025/26"``, ``pillar=("Prevention",)`` …
    """
    from trafford_dash.store import payments

    return payments.totals(by, **filters)


@on_store(max_entries=64)
def payment_values(dimension: str, **filters: Any) -> list[str]:
    """:func:`store.payments.values`, cached: the distinct values of one dimension after the filters."""
    from trafford_dash.store import payments

    return payments.values(dimension, **filters)


@on_store(max_entries=4)
def payment_years() -> pd.DataFrame:
    """:func:`store.payments.years`, cached: each financial year's coverage and whether it is a part year."""
    from trafford_dash.store import payments

    return payments.years()


@on_store(max_entries=8)
def payment_per_resident(year: str) -> pd.DataFrame:
    """:func:`store.payments.spend_per_resident_by_pillar`, cached: net spend per resident by pillar."""
    from trafford_dash.store import payments

    return payments.spend_per_resident_by_pillar(year)


@on_store(max_entries=16)
def payment_mapping_reasons(**filters: Any) -> pd.DataFrame:
    """:func:`store.payments.mapping_reasons`, cached: net spend by the mapping rule, with its reason."""
    from trafford_dash.store import payments

    return payments.mapping_reasons(**filters)
