"""Build the data store: fetch and verify every source, load, aggregate, validate, then swap in atomically.

The new store is written to a temporary sibling directory and only replaces ``data/processed`` once
everything has been validated, so a failed or interrupted build leaves the previous store serving the
app. A build whose inputs (pinned sources, reference data, code) are unchanged is a quick no-op.

The pipeline's modules (geography, loaders, statistics, schemas) are imported only when a build
runs: the app checks :func:`is_current` on start-up and should not pay for importing them.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pandas as pd

import trafford_dash
from trafford_dash.core import config
from trafford_dash.pipeline import sources, store_copies
from trafford_dash.pipeline.fingerprint import fingerprint
from trafford_dash.store import checks, reader

if TYPE_CHECKING:
    from trafford_dash.pipeline.geography import areas as geography

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]
# Rows per parquet row group in values.parquet. The file is sorted by indicator, level and vintage, so a
# page's filtered read decodes only the few groups whose statistics match; 5,000 rows measured fastest
# for one indicator at one level (docs/quality.md) at a modest cost in file size.
VALUES_ROW_GROUP = 5_000


def value_loaders() -> tuple[ModuleType, ...]:
    """The loaders of the values store, in build order (imported on first use)."""
    from trafford_dash.pipeline.loaders import census, deprivation, local_authority, population, ward_data
    from trafford_dash.pipeline.loaders import road_casualties as roads

    return (population, census, ward_data, deprivation, local_authority, roads)


class BuildError(RuntimeError):
    """The build failed; the previous store (if any) is untouched. The message says what to do."""


@dataclass(frozen=True)
class BuildResult:
    directory: Path
    rebuilt: bool
    seconds: float
    rows: int
    message: str
    restored: bool = False  # the store was damaged, could not be rebuilt, and its last good copy is back


def source_keys() -> list[str]:
    """Every registry key the build reads, in a stable order."""
    from trafford_dash.pipeline.geography import areas as geography
    from trafford_dash.pipeline.loaders import deprivation, grants, local_authority, payments, services

    keys: list[str] = [*geography.GEOGRAPHY_SOURCE_KEYS, *services.SERVICES_SOURCE_KEYS]
    keys.extend(grants.GRANTS_SOURCE_KEYS)
    for loader in value_loaders():
        keys.extend(loader.SOURCE_KEYS)
    keys.extend(deprivation.DECILE_SOURCE_KEYS)
    keys.extend(local_authority.SOURCE_KEYS)
    keys.extend(payments.SOURCE_KEYS)
    return list(dict.fromkeys(keys))


@contextlib.contextmanager
def _lock(directory: Path) -> Iterator[None]:
    directory.parent.mkdir(parents=True, exist_ok=True)
    with open(reader.lock_path(directory), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def is_current(directory: Path | None = None) -> bool:
    """True when the store exists, passes its checksums and was built from today's inputs."""
    directory = reader.processed_dir(directory)
    if not reader.status(directory).ready:
        return False
    return bool(reader.read_manifest(directory).get("fingerprint") == fingerprint())


def build(
    mirror: Path | None = None,
    directory: Path | None = None,
    raw_dir: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the store into ``directory`` (default ``data/processed``).

    A store that fails its checksums is rebuilt; if that is impossible (no mirror, no network), the last
    good copy is put back and the result says so.

    Raises
    ------
    BuildError
        With one sentence on what failed; the previous store stays in place, but a damaged one is
        never served.
    """
    report = progress or (lambda fraction, message: log.info("%3.0f%% %s", fraction * 100, message))
    directory = reader.processed_dir(directory)
    started = time.perf_counter()
    with _lock(directory):
        for stale in store_copies.remove_stale_staging(directory):
            log.info("Removed %s, left by a build that was stopped", stale.name)
        state = reader.status(directory)
        if not force and state.ready and is_current(directory):
            report(1.0, "The data store is up to date.")
            return BuildResult(directory, False, time.perf_counter() - started, 0, "The store is up to date.")
        try:
            rows = _build_and_swap(directory, mirror, raw_dir, report, damaged=bool(state.files))
        except BuildError as error:
            fallback = _restore_if_damaged(directory, state, error)
            if fallback is None:
                raise
            report(1.0, fallback)
            return BuildResult(directory, False, time.perf_counter() - started, 0, fallback, restored=True)
        store_copies.keep_good_copy(directory)
    seconds = time.perf_counter() - started
    report(1.0, f"Built the data store: {rows:,} values in {seconds:.1f} s.")
    done = f"{rows:,} values in {seconds:.1f} s."
    if state.files:
        return BuildResult(directory, True, seconds, rows, f"{_damaged(state)}, so it was rebuilt: {done}")
    return BuildResult(directory, True, seconds, rows, f"Built {done}")


def _damaged(state: reader.StoreStatus) -> str:
    verb = "was" if len(state.files) == 1 else "were"
    what = "missing" if state.reason == "incomplete" else "damaged"
    return f"The data store's {reader.listing(state.files)} {verb} {what}"


def _restore_if_damaged(directory: Path, state: reader.StoreStatus, error: BuildError) -> str | None:
    """After a failed rebuild of a damaged store, the sentence saying its last good copy is back (or None)."""
    if not state.files:
        return None
    built = store_copies.restore_good_copy(directory)
    if built is None:
        return None
    log.warning("Rebuilding the damaged data store failed: %s", error)
    return f"{_damaged(state)} and could not be rebuilt, so its last good copy (built {built}) was restored."


def _build_and_swap(
    directory: Path, mirror: Path | None, raw_dir: Path | None, report: Progress, damaged: bool
) -> int:
    """Build into a staging folder, record its checksums and swap it in; returns the number of values."""
    kept = "the damaged data store is not used" if damaged else "the previous data store was kept"
    staging = store_copies.staging_dir(directory)
    staging.mkdir(parents=True)
    try:
        rows = _build_into(staging, mirror, raw_dir, report)
        checks.seal(staging)
        store_copies.swap_in(staging, directory)
    except sources.SourceError as error:
        raise BuildError(f"{error} {kept.capitalize()}.") from error
    except BuildError:
        raise
    except Exception as error:
        log.exception("Build failed")
        raise BuildError(
            f"Building the data store failed ({error.__class__.__name__}: {error}); {kept}."
        ) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return rows


def _fetch(keys: list[str], mirror: Path | None, raw_dir: Path | None, report: Progress) -> dict[str, Path]:
    """Fetch and verify every source file, from the mirror when there is one, reporting each."""
    mirror = mirror if mirror is not None else config.resolve_mirror()
    where = f"mirror {mirror}" if mirror else "the web"
    report(0.0, f"Fetching and verifying {len(keys)} open-data files from {where}…")

    def fetched(done: int, total: int, key: str) -> None:
        report(0.4 * done / total, f"Verified {done}/{total}: {key}")

    return sources.fetch_all(keys, mirror=mirror, raw_dir=raw_dir, progress=fetched)


def _load_values(paths: dict[str, Path], report: Progress) -> pd.DataFrame:
    """Every loader's values rows, one loader after another."""
    frames = []
    loaders = value_loaders()
    for step, loader in enumerate(loaders):
        name = loader.__name__.rsplit(".", 1)[-1]
        report(0.52 + 0.3 * step / len(loaders), f"Loading {name.replace('_', ' ')} indicators…")
        frames.append(loader.load(paths))
    return pd.concat(frames, ignore_index=True)


def _build_into(staging: Path, mirror: Path | None, raw_dir: Path | None, report: Progress) -> int:
    from trafford_dash.pipeline import derive, place_counts, store_tables
    from trafford_dash.pipeline.geography import areas as geography
    from trafford_dash.pipeline.loaders import road_casualty_rates, services
    from trafford_dash.store import catalogue

    keys = source_keys()
    paths = _fetch(keys, mirror, raw_dir, report)

    report(0.42, "Building boundaries, lookups and map files…")
    geo = geography.build_geography(paths, staging)
    report(
        0.5, "Placing GP practices, pharmacies, schools, libraries and the other places that serve people…"
    )
    service_table = services.load_services(paths)

    values = _load_values(paths, report)

    report(0.82, "Aggregating wards to neighbourhoods and Trafford, adding confidence intervals…")
    indicators = catalogue.load_catalogue()
    values = road_casualty_rates.with_rates(derive.derived(values, geo, indicators), paths, indicators)

    report(0.86, "Applying the small-number policy (counts of 1 to 4 and what would reveal them)…")
    values, suppressed = _suppress(values, geo, indicators, paths)
    values = pd.concat([values, place_counts.build_rows(service_table, values, geo)], ignore_index=True)

    report(0.9, "Validating every table against its schema…")
    values, indicators, problems = _validated(values, indicators)
    tables = store_tables.side_tables(paths, geo, values, indicators, service_table, report)

    report(0.95, "Writing the store…")
    _write_store(staging, values, tables)
    manifest = {
        "schema_version": config.STORE_SCHEMA_VERSION,
        "version": trafford_dash.__version__,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "fingerprint": fingerprint(),
        "source_count": len(keys),
        "sources": {key: sources.get(key).sha256 for key in keys},
        "rows": store_tables.row_counts(values, tables),
        "suppressed": suppressed,
        "catalogue_coverage_problems": problems,
    }
    (staging / reader.MANIFEST_FILE).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return len(values)


def _validated(
    values: pd.DataFrame, indicators: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The values and the catalogue (with each indicator's published precision) checked against their
    schemas, and where the catalogue's coverage columns disagree with the values (logged)."""
    from trafford_dash.store import catalogue, precision, schema

    values = schema.IndicatorValues.validate(values)
    problems = catalogue.coverage_mismatches(indicators, values)
    for problem in problems:
        log.warning("Catalogue coverage: %s", problem)
    indicators = schema.StoreCatalogue.validate(precision.with_decimals(indicators, values))
    return values, indicators, problems


def _write_store(staging: Path, values: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> None:
    """Write the values (sorted, in row groups a filtered read can skip) and every other table."""
    order = ["indicator_id", "level", "vintage", "area_code", "period", "sex", "age"]
    values.sort_values(order).to_parquet(
        staging / reader.VALUES_FILE, index=False, row_group_size=VALUES_ROW_GROUP
    )
    for name, table in tables.items():
        table.to_parquet(staging / name, index=False)


def _suppress(
    values: pd.DataFrame, geo: geography.Geography, indicators: pd.DataFrame, paths: dict[str, Path]
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Suppress small counts and whatever would reveal them by subtraction (see :mod:`suppression`)."""
    from trafford_dash.pipeline import suppression
    from trafford_dash.pipeline.geography import areas as geography
    from trafford_dash.pipeline.geography.files import read_csv, source_path

    nesting = [
        suppression.lsoa_msoa_nesting(read_csv(source_path(paths, key)), vintage)
        for vintage, key in geography.STATISTICAL_KEYS.items()
    ]
    relations = suppression.relations(
        geo.ward_to_neighbourhood, geo.lsoa_to_ward, pd.concat(nesting, ignore_index=True)
    )
    return suppression.apply(values, indicators, relations)
