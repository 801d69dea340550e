"""Read the built store in ``data/processed``: filtered at the source, so cost follows what is shown.

The store is written only by :mod:`trafford_dash.pipeline.build`. Readers here are plain functions with
hashable arguments; the Streamlit pages wrap them in caches (see :mod:`trafford_dash.cached`).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from trafford_dash.core import config
from trafford_dash.store import checks

VALUES_FILE = "values.parquet"
AREAS_FILE = "areas.parquet"
SERVICES_FILE = "services.parquet"
PEER_GROUPS_FILE = "peer_groups.parquet"
DECILES_FILE = "imd_decile_population.parquet"
CATALOGUE_FILE = "catalogue.parquet"
PROFILES_FILE = "profiles.parquet"  # every neighbourhood's and ward's profile table, written by the build
CENSUS_CATEGORIES_FILE = "census_categories.parquet"
GRANTS_FILE = "grants.parquet"
MANIFEST_FILE = checks.MANIFEST_FILE
REQUIRED_FILES = (VALUES_FILE, AREAS_FILE, SERVICES_FILE, PEER_GROUPS_FILE, CATALOGUE_FILE, MANIFEST_FILE)
REBUILD = "Run `python -m trafford_dash build --force` to rebuild it."


class StoreError(RuntimeError):
    """The store is missing, incomplete or from another version; the message says what to do."""


@dataclass(frozen=True)
class StoreStatus:
    """Whether the store can be read, and a sentence for the user when it cannot."""

    ready: bool
    reason: str
    message: str
    files: tuple[str, ...] = ()  # the missing or damaged files, when that is the reason


def lock_path(directory: Path) -> Path:
    """The lock file a build holds while it writes and swaps ``directory`` (beside it, never inside)."""
    return directory.parent / ".build.lock"


def build_running(directory: Path) -> bool:
    """True while another build holds the lock for ``directory``."""
    try:
        with open(lock_path(directory), "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
    except OSError:
        return False
    return False


def processed_dir(path: Path | None = None) -> Path:
    """The store directory, recovering a swap that a crash interrupted.

    A build renames the old store to ``processed.old`` just before moving the new one in. If the
    process died between the two renames, the old store is put back, but only when no build is
    running (otherwise the rename is the build's own, a moment from completion).
    """
    directory = path or config.PROCESSED_DIR
    backup = directory.with_name(directory.name + ".old")
    if not directory.exists() and backup.is_dir() and not build_running(directory):
        with contextlib.suppress(OSError):
            backup.rename(directory)
    return directory


def _signature(path: Path) -> tuple[int, ...] | None:
    """A file's identity for caching (``None`` when missing): see :func:`store_checks.identity`."""
    return checks.identity(path) if path.is_file() else None


@functools.lru_cache(maxsize=16)
def _manifest_text(path: str, signature: tuple[int, ...]) -> str:
    del signature  # part of the cache key only
    return Path(path).read_text(encoding="utf-8")


def read_manifest(directory: Path | None = None) -> dict[str, Any]:
    """The store's manifest (build time, sources, fingerprint, counts); read from disk once per version."""
    path = processed_dir(directory) / MANIFEST_FILE
    signature = _signature(path)
    if signature is None:
        raise StoreError("The data store has not been built yet; run `python -m trafford_dash build`.")
    try:
        manifest: dict[str, Any] = json.loads(_manifest_text(str(path), signature))
    except (OSError, ValueError) as error:
        raise StoreError(f"The data store's manifest is unreadable. {REBUILD}") from error
    if not isinstance(manifest, dict):
        raise StoreError(f"The data store's manifest is unreadable. {REBUILD}")
    return manifest


@dataclass(frozen=True)
class _ManifestFacts:
    """What :func:`status` needs from a manifest, parsed and checked once per manifest version."""

    schema_version: Any
    sealed: bool
    intact: bool
    checksums: dict[str, str]


@functools.lru_cache(maxsize=16)
def _manifest_facts(directory: Path, signature: tuple[int, ...]) -> _ManifestFacts | None:
    del signature  # part of the cache key only
    try:
        manifest = read_manifest(directory)
    except StoreError:
        return None
    sealed = checks.is_sealed(manifest)
    return _ManifestFacts(
        manifest.get("schema_version"),
        sealed,
        sealed and checks.manifest_intact(manifest),
        dict(manifest.get(checks.CHECKSUMS) or {}),
    )


def listing(names: Sequence[str]) -> str:
    """File names in a sentence: ``a``, ``a and b``, ``a, b and c``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def status(directory: Path | None = None, only: Sequence[str] | None = None) -> StoreStatus:
    """Check the store without reading its tables: every file (or those named in ``only``) against the
    checksum the build recorded.

    A file is hashed once per version (see :mod:`trafford_dash.store.checks`), so this is cheap to repeat.
    """
    directory = processed_dir(directory)
    signature = _signature(directory / MANIFEST_FILE)
    if signature is None:
        return StoreStatus(False, "missing", "The data store has not been built yet.")
    manifest = _manifest_facts(directory, signature)
    if manifest is None:
        return StoreStatus(
            False, "corrupt", "The data store's manifest is unreadable; it will be rebuilt.", (MANIFEST_FILE,)
        )
    if manifest.schema_version != config.STORE_SCHEMA_VERSION:
        return StoreStatus(
            False,
            "incompatible",
            "The data store was built by another version of this dashboard; it will be rebuilt.",
        )
    if not manifest.sealed:
        return StoreStatus(
            False,
            "unverified",
            "The data store was built without checksums to verify it; it will be rebuilt.",
        )
    if not manifest.intact:
        return StoreStatus(
            False, "corrupt", "The data store's manifest is damaged; it will be rebuilt.", (MANIFEST_FILE,)
        )
    missing, damaged = checks.problems(directory, manifest.checksums, only)
    missing += [
        name for name in REQUIRED_FILES if name not in missing and _signature(directory / name) is None
    ]
    if missing:
        return StoreStatus(
            False,
            "incomplete",
            f"The data store lacks {listing(missing)}; it will be rebuilt.",
            tuple(missing),
        )
    if damaged:
        return StoreStatus(
            False,
            "corrupt",
            f"The data store's {listing(damaged)} {'is' if len(damaged) == 1 else 'are'} damaged "
            "(checksum mismatch); it will be rebuilt.",
            tuple(damaged),
        )
    return StoreStatus(True, "ready", "")


def require(directory: Path | None = None, *files: str) -> Path:
    """Return the store directory, checking the ``files`` about to be read (relative paths, e.g.
    ``maps/ward_2023.geojson``), or raise :class:`StoreError` with what to do.
    """
    state = status(directory, files)
    if not state.ready:
        detail = state.message.removesuffix(".").removesuffix("; it will be rebuilt")
        again = "build" if state.reason == "missing" else "rebuild"
        raise StoreError(f"{detail}; run `python -m trafford_dash build` to {again} it.")
    return processed_dir(directory)


# Columns the values file is sorted by: their row-group statistics let a read skip whole groups.
PRUNING_COLUMNS = ("indicator_id", "level", "vintage", "area_code")


@dataclass(frozen=True)
class _Index:
    """A values file's footer and, per row group, the min and max of each pruning column."""

    metadata: pq.FileMetaData
    bounds: dict[str, tuple[list[Any], list[Any]]]


@functools.lru_cache(maxsize=8)
def _index(path: str, mtime_ns: int, size: int) -> _Index:
    """Parse a parquet footer once per file version (the store is replaced, never edited in place)."""
    del mtime_ns, size  # part of the cache key only
    metadata = pq.ParquetFile(path).metadata
    names = metadata.schema.to_arrow_schema().names
    bounds: dict[str, tuple[list[Any], list[Any]]] = {}
    for column in PRUNING_COLUMNS:
        if column not in names:
            continue
        position = names.index(column)
        lows: list[Any] = []
        highs: list[Any] = []
        for group in range(metadata.num_row_groups):
            stats = metadata.row_group(group).column(position).statistics
            known = stats is not None and stats.has_min_max
            lows.append(stats.min if known else None)
            highs.append(stats.max if known else None)
        bounds[column] = (lows, highs)
    return _Index(metadata, bounds)


def _row_groups(index: _Index, equals: dict[str, list[Any]]) -> list[int]:
    """Row groups whose statistics admit every wanted value set."""
    chosen = []
    for group in range(index.metadata.num_row_groups):
        keep = True
        for column, wanted in equals.items():
            if column not in index.bounds:
                continue
            low, high = index.bounds[column][0][group], index.bounds[column][1][group]
            if low is not None and not any(low <= value <= high for value in wanted):
                keep = False
                break
        if keep:
            chosen.append(group)
    return chosen


def read_filtered(path: Path, equals: dict[str, list[Any]]) -> pd.DataFrame:
    """Rows of a sorted parquet file whose columns take one of the wanted values.

    The footer is parsed once per file version and cached; only the row groups whose statistics
    admit the wanted values are decoded, and the exact filter is applied in Arrow before the
    conversion to pandas, so the cost follows the rows asked for, not the size of the file.
    """
    try:
        if not equals:
            return pq.read_table(path).to_pandas()
        stat = path.stat()
        index = _index(str(path), stat.st_mtime_ns, stat.st_size)
        groups = _row_groups(index, equals)
        if not groups:
            return index.metadata.schema.to_arrow_schema().empty_table().to_pandas()
        table = pq.ParquetFile(path, metadata=index.metadata).read_row_groups(groups)
        mask = None
        for column, wanted in equals.items():
            hit = (
                pc.equal(table[column], wanted[0])
                if len(wanted) == 1
                else pc.is_in(table[column], value_set=pa.array(wanted, type=table.schema.field(column).type))
            )
            mask = hit if mask is None else pc.and_(mask, hit)
        return table.filter(mask).to_pandas()
    except (OSError, pa.ArrowException) as error:
        raise StoreError(f"The data store's {path.name} could not be read. {REBUILD}") from error


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
    """Rows of the values store matching every given filter, read at the source (:func:`read_filtered`)."""
    path = require(directory, VALUES_FILE) / VALUES_FILE
    wanted = {
        "indicator_id": indicator_id,
        "level": level,
        "vintage": vintage,
        "area_code": area_code,
        "period": period,
        "sex": sex,
        "age": age,
    }
    equals = {column: _as_list(value) for column, value in wanted.items() if value is not None}
    return read_filtered(path, equals)


def _read(path: Path) -> pd.DataFrame:
    """Read a whole store table, turning a damaged file into a :class:`StoreError` with what to do."""
    try:
        return pd.read_parquet(path)
    except (OSError, pa.ArrowException) as error:
        raise StoreError(f"The data store's {path.name} could not be read. {REBUILD}") from error


def _as_list(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else [str(item) for item in value]


def load_table(name: str, directory: Path | None = None) -> pd.DataFrame:
    """A whole small table from the store: ``areas``, ``services``, ``peer_groups``, ``catalogue`` …"""
    file = f"{name}.parquet"
    if not (processed_dir(directory) / file).is_file() and status(directory, ()).ready:
        raise StoreError(f"The data store has no {name} table; run `python -m trafford_dash build`.")
    path = require(directory, file) / file
    return _read(path)


def load_census_categories(directory: Path | None = None) -> pd.DataFrame:
    """Census 2021 tables by category for wards, neighbourhoods, the GM boroughs and Greater Manchester."""
    return load_table(CENSUS_CATEGORIES_FILE.removesuffix(".parquet"), directory)


def data_as_at(directory: Path | None = None) -> str:
    """A one-line statement of when the store was built and from which pinned sources."""
    manifest = read_manifest(directory)
    return (
        f"Data store built {manifest['built_at'][:10]} from {manifest['source_count']} pinned open-data files"
    )
