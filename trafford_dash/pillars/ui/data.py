"""Cached data behind the Pillars and Overview pages: tiles, exceptions, local indicators.

Derived tables are cached on the store's version and strings (a pillar name, an indicator id). Locally
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
from trafford_dash.store import cached

LOCAL_STATE = "pil_local"


@cached.on_store(max_entries=4)
def all_tiles() -> pd.DataFrame:
    """A tile for every open indicator mapped to a pillar (no ward/LSOA spreads)."""
    catalogue = cached.catalogue()
    ids = pillars.mapped_indicators(catalogue)
    rows = cached.rows(indicator_id=ids, level=list(pillars.TILE_LEVELS))
    return pillars.build_tiles(catalogue[catalogue["indicator_id"].isin(ids)], rows)


@cached.on_store(max_entries=16)
def _pillar_tiles(pillar: str) -> pd.DataFrame:
    chosen = pillars.pillar_catalogue(cached.catalogue(), pillar)
    ids = chosen["indicator_id"].tolist()
    if not ids:
        return pd.DataFrame()
    rows = cached.rows(indicator_id=ids, level=list(pillars.TILE_LEVELS))
    without = sorted(set(ids) - set(rows.loc[rows["level"] == "borough", "indicator_id"]))
    spread = cached.rows(indicator_id=without, level=list(pillars.SPREAD_LEVELS)) if without else None
    return pillars.build_tiles(chosen, rows, spread_rows=spread)


@cached.on_store(max_entries=64)
def _indicator_rows(indicator_id: str) -> pd.DataFrame:
    return cached.rows(indicator_id=indicator_id, level=list(pillars.TILE_LEVELS))


def local_data() -> LocalIndicators | None:
    """The session's accepted local indicators, if any."""
    held = st.session_state.get(LOCAL_STATE)
    return held if isinstance(held, LocalIndicators) else None


def tiles_for(pillar: str) -> pd.DataFrame:
    """The pillar's tiles: locally supplied first, then open indicators by theme."""
    open_tiles = _pillar_tiles(pillar)
    local = local_data()
    if local is None:
        return open_tiles
    chosen = pillars.pillar_catalogue(local.catalogue, pillar)
    if chosen.empty:
        return open_tiles
    local_tiles = pillars.build_tiles(chosen, local.values, local_ids=local.indicator_ids)
    return pd.concat([local_tiles, open_tiles], ignore_index=True)


@cached.on_store(max_entries=4)
def open_exceptions() -> pd.DataFrame:
    """Exceptions across every pillar among the open indicators (cached on the store)."""
    return exceptions.exceptions(all_tiles())


def exception_list() -> pd.DataFrame:
    """Exceptions across every pillar, locally supplied indicators included."""
    local = local_data()
    if local is None:
        return open_exceptions()
    extra = pillars.build_tiles(local.catalogue, local.values, local_ids=local.indicator_ids)
    return exceptions.exceptions(pd.concat([extra, all_tiles()], ignore_index=True))


@cached.on_store(max_entries=4)
def _newest() -> figure_age.Newest:
    return figure_age.newest_by_source(all_tiles())


def newest(*shown: pd.DataFrame) -> figure_age.Newest:
    """Each source's newest period across every pillar's open tiles and the tiles or rows ``shown``."""
    return figure_age.merged(_newest(), *(figure_age.newest_by_source(frame) for frame in shown))


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
    return _indicator_rows(indicator_id)
