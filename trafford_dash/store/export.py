"""Selecting rows for export and writing them safely as CSV, with provenance attached and figures
rounded to the precision they were published with."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any

import pandas as pd

from trafford_dash.store import precision, reader

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PROVENANCE = ("title", "unit", "source", "licence", "attribution")
"""The columns every indicator export carries, from the catalogue."""


def default_vintage(rows: pd.DataFrame) -> str | None:
    """The vintage to show when none is asked for: exact figures first, then the newest."""
    vintages = rows.groupby("vintage")["approximate"].mean().reset_index()
    if vintages.empty:
        return None
    vintages = vintages.sort_values(["approximate", "vintage"], ascending=[True, False])
    return str(vintages.iloc[0]["vintage"])


def select_rows(
    indicator_id: str,
    level: str,
    vintage: str | None = None,
    period: str | None = None,
    sex: str | None = None,
    age: str | None = "All ages",
) -> pd.DataFrame:
    """One indicator's rows at one level, narrowed to a single vintage, period, sex and age by default.

    ``period``, ``sex`` and ``age`` accept ``"all"`` to keep every value. Without ``period`` the latest
    period (by end year, then label) is kept; without ``sex``, Persons where the indicator has it.
    """
    rows = reader.load_values(indicator_id=indicator_id, level=level)
    if rows.empty:
        return rows
    chosen = vintage if vintage is not None else default_vintage(rows)
    if chosen is not None:
        rows = rows[rows["vintage"] == chosen]
    if age and age != "all":
        # Indicators published for one age band only (e.g. children aged 0-15) keep that band.
        only_band = rows["age"].nunique() == 1 and age == "All ages"
        rows = rows if only_band else rows[rows["age"] == age]
    if sex is None:
        if (rows["sex"] == "Persons").any():
            rows = rows[rows["sex"] == "Persons"]
    elif sex != "all":
        rows = rows[rows["sex"] == sex]
    if period is None and not rows.empty:
        ordered = rows.sort_values(["year", "period"])
        rows = rows[rows["period"] == ordered["period"].iloc[-1]]
    elif period is not None and period != "all":
        rows = rows[rows["period"] == period]
    return rows.sort_values(["area_name", "sex", "period"]).reset_index(drop=True)


def with_provenance(rows: pd.DataFrame, catalogue: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows of any indicators with title, unit, source, licence and attribution columns added and
    their figures rounded to each indicator's published precision (:mod:`trafford_dash.store.precision`).

    ``catalogue`` defaults to the store's, which carries the precision.
    """
    meta = (catalogue if catalogue is not None else reader.load_table("catalogue")).set_index("indicator_id")
    out = rows.copy()
    for column in PROVENANCE:
        out[column] = out["indicator_id"].map(meta[column])
    return published_figures(out, meta.reset_index())


def with_meta(rows: pd.DataFrame, meta: Mapping[str, Any]) -> pd.DataFrame:
    """One indicator's rows with its provenance columns added and figures at its published precision."""
    out = rows.copy()
    for column in PROVENANCE:
        out[column] = meta.get(column, "")
    return precision.round_figures(out, meta.get("decimals"))


def published_figures(frame: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Rows of several indicators (an ``indicator_id`` column) with figures at their published precision.

    Indicators the catalogue has no precision for (locally supplied ones) keep their figures.
    """
    if "decimals" not in catalogue:
        return frame.copy()
    return precision.round_figures(frame, catalogue.set_index("indicator_id")["decimals"])


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            text = out[column]
            risky = text.astype(str).str.startswith(FORMULA_PREFIXES) & text.notna()
            if not risky.any():
                continue
            # Negative numbers stored as text are data, not formulas.
            numeric = (
                pd.to_numeric(text[risky], errors="coerce").notna().reindex(text.index, fill_value=False)
            )
            out[column] = text.where(~(risky & ~numeric), "'" + text.astype(str))
    return out


def to_csv(frame: pd.DataFrame, target: IO[str] | None = None) -> str:
    """Write ``frame`` as CSV with formulas neutralised; returns the text when no target is given."""
    text = neutralise_formulas(frame).to_csv(index=False, lineterminator="\n")
    if target is not None:
        target.write(text)
    return text
