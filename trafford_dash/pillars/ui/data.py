"""Cached data behind the Pillars and Overview pages: tiles, exceptions, plan tables, local indicators.

Derived tables are cached on strings (the store stamp, a pillar name, an indicator id). Locally
supplied indicators live in ``st.session_state`` only and are merged in on each run.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from trafford_dash.core import figure_age
from trafford_dash.pillars import exceptions
from trafford_dash.pillars import tiles as pillars
from trafford_dash.pillars.local_indicators import LocalIndicators
from trafford_dash.store import cached, plan, reader

LOCAL_STATE = "pil_local"

TTL = cached.TTL_SECONDS


@st.cache_data(max_entries=32, ttl=TTL, show_spinner=False)
def plan_table(name: str, stamp: str = "") -> pd.DataFrame:
    """A plan reference table (``data/plan/<name>.csv``), validated once per file version."""
    del stamp
    return plan.load_table(name)


def plan_stamp(name: str) -> str:
    path = plan.PLAN_DIR / f"{name}.csv"
    return str(path.stat().st_mtime_ns) if path.exists() else ""


def load_plan(name: str) -> pd.DataFrame:
    return plan_table(name, plan_stamp(name))


@st.cache_data(max_entries=4, ttl=TTL, show_spinner=False)
def _all_tiles(stamp: str) -> pd.DataFrame:
    del stamp
    catalogue = cached.catalogue()
    ids = pillars.mapped_indicators(catalogue)
    rows = reader.load_values(indicator_id=ids, level=list(pillars.TILE_LEVELS))
    return pillars.build_tiles(catalogue[catalogue["indicator_id"].isin(ids)], rows)


def all_tiles() -> pd.DataFrame:
    """A tile for every open indicator mapped to a pillar (no ward/LSOA spreads)."""
    return _all_tiles(cached.store_stamp())


@st.cache_data(max_entries=16, ttl=TTL, show_spinner=False)
def _pillar_tiles(stamp: str, pillar: str) -> pd.DataFrame:
    del stamp
    chosen = pillars.pillar_catalogue(cached.catalogue(), pillar)
    ids = chosen["indicator_id"].tolist()
    if not ids:
        return pd.DataFrame()
    rows = reader.load_values(indicator_id=ids, level=list(pillars.TILE_LEVELS))
    without = sorted(set(ids) - set(rows.loc[rows["level"] == "borough", "indicator_id"]))
    spread = reader.load_values(indicator_id=without, level=list(pillars.SPREAD_LEVELS)) if without else None
    return pillars.build_tiles(chosen, rows, spread_rows=spread)


@st.cache_data(max_entries=64, ttl=TTL, show_spinner=False)
def _indicator_rows(stamp: str, indicator_id: str) -> pd.DataFrame:
    del stamp
    return reader.load_values(indicator_id=indicator_id, level=list(pillars.TILE_LEVELS))


def local_data() -> LocalIndicators | None:
    """The session's accepted local indicators, if any."""
    held = st.session_state.get(LOCAL_STATE)
    return held if isinstance(held, LocalIndicators) else None


def tiles_for(pillar: str) -> pd.DataFrame:
    """The pillar's tiles: locally supplied first, then open indicators by theme."""
    open_tiles = _pillar_tiles(cached.store_stamp(), pillar)
    local = local_data()
    if local is None:
        return open_tiles
    chosen = pillars.pillar_catalogue(local.catalogue, pillar)
    if chosen.empty:
        return open_tiles
    local_tiles = pillars.build_tiles(chosen, local.values, local_ids=local.indicator_ids)
    return pd.concat([local_tiles, open_tiles], ignore_index=True)


@st.cache_data(max_entries=4, ttl=TTL, show_spinner=False)
def _open_exceptions(stamp: str) -> pd.DataFrame:
    del stamp
    return exceptions.exceptions(all_tiles())


def open_exceptions() -> pd.DataFrame:
    """Exceptions across every pillar among the open indicators (cached on the store)."""
    return _open_exceptions(cached.store_stamp())


def exception_list() -> pd.DataFrame:
    """Exceptions across every pillar, locally supplied indicators included."""
    local = local_data()
    if local is None:
        return open_exceptions()
    extra = pillars.build_tiles(local.catalogue, local.values, local_ids=local.indicator_ids)
    return exceptions.exceptions(pd.concat([extra, all_tiles()], ignore_index=True))


@st.cache_data(max_entries=4, ttl=TTL, show_spinner=False)
def _newest(stamp: str) -> figure_age.Newest:
    del stamp
    return figure_age.newest_by_source(all_tiles())


def newest(*shown: pd.DataFrame) -> figure_age.Newest:
    """Each source's newest period across every pillar's open tiles and the tiles or rows ``shown``."""
    return figure_age.merged(
        _newest(cached.store_stamp()), *(figure_age.newest_by_source(frame) for frame in shown)
    )


def tile_for(indicator_id: str) -> dict[str, Any] | None:
    """The tile of an open or locally supplied indicator on any pillar, or None."""
    local = local_data()
    if local is not None and indicator_id in local.indicator_ids:
        chosen = local.catalogue[local.catalogue["indicator_id"] == indicator_id]
        tiles = pillars.build_tiles(chosen, local.values, local_ids=local.indicator_ids)
    else:
        tiles = all_tiles()
    match = tiles[tiles["indicator_id"] == indicator_id]
    return {str(k): v for k, v in match.iloc[0].to_dict().items()} if not match.empty else None


def meta_for(indicator_id: str) -> dict[str, Any]:
    """Catalogue metadata of an open or a locally supplied indicator."""
    local = local_data()
    if local is not None and indicator_id in local.indicator_ids:
        frame = local.catalogue
    else:
        frame = cached.catalogue()
    match = frame[frame["indicator_id"] == indicator_id]
    return {str(k): v for k, v in match.iloc[0].to_dict().items()} if not match.empty else {}


def rows_for(indicator_id: str) -> pd.DataFrame:
    """Tile-level rows of one indicator (open or local)."""
    local = local_data()
    if local is not None and indicator_id in local.indicator_ids:
        return local.values[local.values["indicator_id"] == indicator_id]
    return _indicator_rows(cached.store_stamp(), indicator_id)
