"""Read the built store in ``data/processed``: filtered at the source, so cost follows what is shown.

The store is written only by :mod:`trafford_dash.build`. Readers here are plain functions with
hashable arguments; the Streamlit pages wrap them in caches (see :mod:`trafford_dash.cached`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from trafford_dash import config

VALUES_FILE = "values.parquet"
AREAS_FILE = "areas.parquet"
SERVICES_FILE = "services.parquet"
PEER_GROUPS_FILE = "peer_groups.parquet"
DECILES_FILE = "imd_decile_population.parquet"
CATALOGUE_FILE = "catalogue.parquet"
MANIFEST_FILE = "manifest.json"
REQUIRED_FILES = (VALUES_FILE, AREAS_FILE, SERVICES_FILE, PEER_GROUPS_FILE, CATALOGUE_FILE, MANIFEST_FILE)


class StoreError(RuntimeError):
    """The store is missing, incomplete or from another version; the message says what to do."""


@dataclass(frozen=True)
class StoreStatus:
    """Whether the store can be read, and a sentence for the user when it cannot."""

    ready: bool
    reason: str
    message: str


def processed_dir(path: Path | None = None) -> Path:
    """The store directory, recovering a swap that a crash interrupted (``processed.old`` left alone)."""
    directory = path or config.PROCESSED_DIR
    backup = directory.with_name(directory.name + ".old")
    if not directory.exists() and backup.is_dir():
        backup.rename(directory)
    return directory


def read_manifest(directory: Path | None = None) -> dict[str, Any]:
    path = processed_dir(directory) / MANIFEST_FILE
    if not path.is_file():
        raise StoreError("The data store has not been built yet; run `python -m trafford_dash build`.")
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return manifest


def status(directory: Path | None = None) -> StoreStatus:
    """Check the store without reading its tables."""
    directory = processed_dir(directory)
    if not directory.is_dir() or not (directory / MANIFEST_FILE).is_file():
        return StoreStatus(False, "missing", "The data store has not been built yet.")
    try:
        manifest = read_manifest(directory)
    except (OSError, ValueError):
        return StoreStatus(False, "corrupt", "The data store's manifest is unreadable; it will be rebuilt.")
    if manifest.get("schema_version") != config.STORE_SCHEMA_VERSION:
        return StoreStatus(
            False,
            "incompatible",
            "The data store was built by another version of this dashboard; it will be rebuilt.",
        )
    missing = [name for name in REQUIRED_FILES if not (directory / name).is_file()]
    if missing:
        return StoreStatus(
            False, "incomplete", f"The data store lacks {', '.join(missing)}; it will be rebuilt."
        )
    return StoreStatus(True, "ready", "")


def require(directory: Path | None = None) -> Path:
    """Return the store directory or raise :class:`StoreError` with what to do."""
    state = status(directory)
    if not state.ready:
        raise StoreError(f"{state.message} Run `python -m trafford_dash build` to build it.")
    return processed_dir(directory)


def _filters(**equals: Any) -> list[tuple[str, str, Any]] | None:
    filters: list[tuple[str, str, Any]] = []
    for column, wanted in equals.items():
        if wanted is None:
            continue
        if isinstance(wanted, list | tuple | set | frozenset):
            filters.append((column, "in", list(wanted)))
        else:
            filters.append((column, "==", wanted))
    return filters or None


def load_values(
    indicator_id: str | Sequence[str] | None = None,
    level: str | Sequence[str] | None = None,
    vintage: str | Sequence[str] | None = None,
    area_code: str | Sequence[str] | None = None,
    period: str | None = None,
    sex: str | None = None,
    age: str | None = None,
    directory: Path | None = None,
) -> pd.DataFrame:
    """Rows of the values store matching every given filter (pushed down into the parquet read)."""
    path = require(directory) / VALUES_FILE
    filters = _filters(
        indicator_id=_as_list(indicator_id),
        level=_as_list(level),
        vintage=_as_list(vintage),
        area_code=_as_list(area_code),
        period=period,
        sex=sex,
        age=age,
    )
    return pd.read_parquet(path, filters=filters)


def _as_list(value: str | Sequence[str] | None) -> str | list[str] | None:
    if value is None or isinstance(value, str):
        return value
    return list(value)


def load_table(name: str, directory: Path | None = None) -> pd.DataFrame:
    """A whole small table from the store: ``areas``, ``services``, ``peer_groups``, ``catalogue`` …"""
    path = require(directory) / f"{name}.parquet"
    if not path.is_file():
        raise StoreError(f"The data store has no {name} table; run `python -m trafford_dash build`.")
    return pd.read_parquet(path)


def data_as_at(directory: Path | None = None) -> str:
    """A one-line statement of when the store was built and from which pinned sources."""
    manifest = read_manifest(directory)
    return (
        f"Data store built {manifest['built_at'][:10]} from {manifest['source_count']} pinned open-data files"
    )
