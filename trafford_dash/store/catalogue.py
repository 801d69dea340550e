"""The indicator catalogue: every indicator's metadata in one reviewed table, ``data/indicators.csv``.

Pages and exports read titles, definitions, units, polarity, methods and provenance from here, never
from page code. The ``levels`` and ``ward_vintages`` columns state where each indicator exists; the
build checks them against what it actually produced.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from trafford_dash.core import config

CATALOGUE_CSV = config.DATA_DIR / "indicators.csv"
LEVEL_ORDER = [level for level in config.LEVELS]


class CatalogueError(ValueError):
    """The catalogue file is missing or invalid; the message names the problem."""


@lru_cache(maxsize=2)
def _read(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise CatalogueError(f"The indicator catalogue {path} is missing.")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["multiplier"] = pd.to_numeric(frame["multiplier"])
    from trafford_dash.store.schema import Catalogue  # pandera is slow to import; pages never call this

    try:
        return Catalogue.validate(frame)
    except Exception as error:
        first_line = str(error).strip().splitlines()[0]
        raise CatalogueError(f"The indicator catalogue {path.name} is invalid: {first_line}") from error


def load_catalogue(path: Path | None = None) -> pd.DataFrame:
    """The validated catalogue, one row per indicator (a copy; safe to modify)."""
    return _read(path or CATALOGUE_CSV).copy()


def indicator(indicator_id: str, catalogue: pd.DataFrame | None = None) -> dict[str, object]:
    """One indicator's metadata as a dict; raises ``KeyError`` with the id when unknown."""
    frame = catalogue if catalogue is not None else load_catalogue()
    match = frame[frame["indicator_id"] == indicator_id]
    if match.empty:
        raise KeyError(f"Unknown indicator '{indicator_id}'.")
    return {str(key): value for key, value in match.iloc[0].to_dict().items()}


def split_list(cell: object) -> list[str]:
    """Split a semicolon-separated catalogue cell into its stripped parts."""
    if not isinstance(cell, str) or not cell.strip():
        return []
    return [part.strip() for part in cell.split(";") if part.strip()]


def coverage(values: pd.DataFrame) -> pd.DataFrame:
    """Where each indicator exists in the built values: ``indicator_id, levels, ward_vintages``."""
    present = values.loc[values["value"].notna(), ["indicator_id", "level", "vintage"]].drop_duplicates()

    def ordered_levels(levels: pd.Series) -> str:
        found = set(levels)
        return ";".join(level for level in LEVEL_ORDER if level in found)

    levels = present.groupby("indicator_id")["level"].agg(ordered_levels)
    wards = present[present["level"] == "ward"]
    vintages = wards.groupby("indicator_id")["vintage"].agg(lambda v: ";".join(sorted(set(v))))
    return pd.DataFrame(
        {
            "indicator_id": levels.index,
            "levels": levels.to_numpy(),
            "ward_vintages": vintages.reindex(levels.index).fillna("").to_numpy(),
        }
    )


def coverage_mismatches(catalogue: pd.DataFrame, values: pd.DataFrame) -> list[str]:
    """Sentences describing where the catalogue's stated coverage differs from the built values."""
    built = {
        row["indicator_id"]: (row["levels"], row["ward_vintages"])
        for row in coverage(values).to_dict("records")
    }
    problems = []
    for row in catalogue.to_dict("records"):
        indicator_id = row["indicator_id"]
        if indicator_id not in built:
            problems.append(f"{indicator_id} is catalogued but the build produced no values for it.")
            continue
        stated = (row["levels"] or "", row["ward_vintages"] or "")
        if stated != built[indicator_id]:
            problems.append(
                f"{indicator_id}: catalogue says {stated}, the build produced {built[indicator_id]}."
            )
    missing = sorted(set(built) - set(catalogue["indicator_id"]))
    problems.extend(f"{ind} has values but no catalogue row." for ind in missing)
    return problems


def sync_coverage(values: pd.DataFrame, path: Path | None = None) -> int:
    """Rewrite the catalogue's ``levels`` and ``ward_vintages`` from built values; returns rows changed.

    For maintainers after adding an indicator or a level: the build only warns about mismatches.
    """
    target = path or CATALOGUE_CSV
    frame = pd.read_csv(target, dtype=str, keep_default_na=False)
    built = coverage(values).set_index("indicator_id")
    before = frame[["levels", "ward_vintages"]].copy()
    known = frame["indicator_id"].isin(built.index)
    frame.loc[known, "levels"] = frame.loc[known, "indicator_id"].map(built["levels"])
    frame.loc[known, "ward_vintages"] = frame.loc[known, "indicator_id"].map(built["ward_vintages"])
    frame.to_csv(target, index=False)
    _read.cache_clear()
    return int((before != frame[["levels", "ward_vintages"]]).any(axis=1).sum())
