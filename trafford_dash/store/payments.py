"""Questions about the Council's payments, answered by DuckDB over ``payments.parquet``.

One in-memory DuckDB database per process holds the payments summed by every dimension (see
:func:`_load`), loaded from the store on first use and again whenever a build replaces the file.
Each query runs on its own cursor, so threads (Streamlit sessions) can ask at once. Every query is
parameterised: group-by and filter columns come only from :data:`DIMENSIONS`, and user-supplied
values are bound, never written into the SQL.

Amounts are summed in whole pence (exact) and returned both as ``amount_pence`` and as ``amount`` in
pounds; refunds and corrections are negative, so every total is net. Cached wrappers for pages are in
:mod:`trafford_dash.store.cached`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from trafford_dash.core import config
from trafford_dash.store import checks, reader
from trafford_dash.store.payment_mapping import NOT_MAPPED, load_rules
from trafford_dash.store.payment_schema import PAYMENT_YEARS_FILE, PAYMENTS_FILE, PaymentsQueryError

DIMENSIONS: dict[str, str] = {
    "year": "financial_year",
    "month": "month",
    "unit": "service_unit",
    "category": "category",
    "plan_category": "plan_category",
    "pillar": "pillar",
    "supplier": "supplier",
}
"""The names a caller groups or filters by, and the store column each stands for."""
MEASURES = ("amount_pence", "amount", "irrecoverable_vat", "payments")
Filters = Mapping[str, str | Sequence[str] | None]
NO_RULE = "No reviewed rule matches this service unit or procurement category."
__all__ = [
    "DIMENSIONS",
    "MappedShare",
    "PaymentsQueryError",
    "check_year",
    "cursor",
    "latest_full_month",
    "mapping_reasons",
    "part_year_note",
    "pounds",
    "share_mapped",
    "spend_per_resident_by_pillar",
    "totals",
    "values",
    "years",
]


@dataclass
class _Database:
    identity: tuple[int, int, int, int] | None
    connection: duckdb.DuckDBPyConnection


_databases: dict[Path, _Database] = {}
_lock = threading.Lock()


def _load(path: Path) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory database holding the payments summed by every dimension at once.

    Year, plan category, pillar and mapping rule follow from month, unit and category, so this cube
    (about 58,000 rows for 490,000 payments) answers every grouping and filter exactly as the payments
    would.
    """
    # One thread: the queries are a few milliseconds on a small cube, and each thread costs memory in
    # every server process and competes with the page scripts for the same cores.
    connection = duckdb.connect(":memory:", config={"threads": 1})
    connection.execute("SET enable_progress_bar = false")
    dimensions = ", ".join([*DIMENSIONS.values(), "mapping_rule"])  # the rule follows from unit and category
    connection.execute(
        f"CREATE TABLE payments AS SELECT {dimensions}, "
        "CAST(SUM(amount_pence) AS BIGINT) AS amount_pence, CAST(SUM(vat_pence) AS BIGINT) AS vat_pence, "
        "CAST(COUNT(*) AS BIGINT) AS payments "
        f"FROM read_parquet(?) GROUP BY ALL ORDER BY financial_year, month",
        [str(path)],
    )
    return connection


def cursor(directory: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A cursor on this process's payments database, (re)loaded when the store's file has changed."""
    path = reader.require(directory, PAYMENTS_FILE) / PAYMENTS_FILE
    identity = checks.identity(path)
    with _lock:
        database = _databases.get(path)
        if database is None or database.identity != identity:
            # The replaced database is not closed: another thread may still be reading from its cursor.
            database = _Database(identity, _load(path))
            _databases[path] = database
        return database.connection.cursor()


def _column(dimension: str) -> str:
    try:
        return DIMENSIONS[dimension]
    except KeyError:
        known = ", ".join(DIMENSIONS)
        raise PaymentsQueryError(
            f"Payments cannot be grouped or filtered by '{dimension}'; use {known}."
        ) from None


def _where(filters: Filters) -> tuple[str, list[list[str]]]:
    """A WHERE clause (or "") with one bound list parameter per filter that has values."""
    clauses, parameters = [], []
    for dimension, wanted in filters.items():
        if wanted is None:
            continue
        values = [wanted] if isinstance(wanted, str) else [str(value) for value in wanted]
        clauses.append(f"list_contains(?, {_column(dimension)})")
        parameters.append(values)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", parameters


def totals(
    by: Iterable[str] = (), directory: Path | None = None, **filters: str | Sequence[str] | None
) -> pd.DataFrame:
    """Net spend grouped by ``by`` (any of :data:`DIMENSIONS`), after the given filters.

    Filters are keyword arguments named like the dimensions (``year="2025/26"``,
    ``pillar=["Children's Care"]``); ``None`` means no filter. Returns one row per group with the
    ``by`` columns (named as given) then ``amount_pence`` (int), ``amount`` (pounds),
    ``irrecoverable_vat`` (pounds) and ``payments`` (count), sorted by the ``by`` columns; with no
    ``by``, one row of grand totals.
    """
    groups = [by] if isinstance(by, str) else list(dict.fromkeys(by))
    selected = [f"{_column(name)} AS {name}" for name in groups]
    where, parameters = _where(filters)
    sql = (
        f"SELECT {', '.join([*selected, ''])}"
        "CAST(COALESCE(SUM(amount_pence), 0) AS BIGINT) AS amount_pence, "
        "COALESCE(SUM(amount_pence), 0) / 100.0 AS amount, "
        "COALESCE(SUM(vat_pence), 0) / 100.0 AS irrecoverable_vat, "
        "CAST(COALESCE(SUM(payments), 0) AS BIGINT) AS payments "
        f"FROM payments {where}"
    )
    if groups:
        order = ", ".join(str(position) for position in range(1, len(groups) + 1))
        sql += f" GROUP BY {order} ORDER BY {order}"
    frame = cursor(directory).execute(sql, parameters).df()
    return frame.astype({"amount_pence": "int64", "payments": "int64"})


def values(dimension: str, directory: Path | None = None, **filters: str | Sequence[str] | None) -> list[str]:
    """The distinct values of one dimension (after the filters), sorted: for pickers and validation."""
    column = _column(dimension)
    where, parameters = _where(filters)
    sql = f"SELECT DISTINCT {column} FROM payments {where} ORDER BY 1"
    return [str(row[0]) for row in cursor(directory).execute(sql, parameters).fetchall()]


def years(directory: Path | None = None) -> pd.DataFrame:
    """One row per financial year: ``financial_year``, ``first_month``, ``last_full_month``, ``months``,
    ``part_year``, ``payments``, ``amount_pence`` and ``amount`` (pounds), oldest first."""
    table = reader.load_table(PAYMENT_YEARS_FILE.removesuffix(".parquet"), directory)
    return table.assign(amount=table["amount_pence"] / 100).sort_values("financial_year", ignore_index=True)


def check_year(year: str, directory: Path | None = None) -> str:
    """``year`` when the store has payments for it; otherwise a one-sentence error listing those it has."""
    known = list(years(directory)["financial_year"])
    if year not in known:
        raise PaymentsQueryError(f"There are no payments for '{year}'; the years are {', '.join(known)}.")
    return year


def pounds(pence: int) -> str:
    """Whole pence as pounds with two decimals, exactly (``-1234`` as ``"-12.34"``)."""
    whole, part = divmod(abs(int(pence)), 100)
    return f"{'-' if pence < 0 else ''}{whole}.{part:02d}"


def latest_full_month(directory: Path | None = None) -> str:
    """The latest month (YYYY-MM) for which the payments are complete."""
    return str(years(directory)["last_full_month"].max())


def part_year_note(year: str, directory: Path | None = None) -> str:
    """A sentence saying a year is a part year and up to which month, or "" for a full year."""
    table = years(directory).set_index("financial_year")
    if year not in table.index or not bool(table.at[year, "part_year"]):
        return ""
    first = pd.Period(str(table.at[year, "first_month"]), "M").strftime("%B %Y")
    last = pd.Period(str(table.at[year, "last_full_month"]), "M").strftime("%B %Y")
    return f"{year} is a part year: payments from {first} to {last} only."


@dataclass(frozen=True)
class MappedShare:
    """Net spend with a mapped plan category (or pillar), the total, and the share (0 to 1)."""

    mapped_amount: float
    total_amount: float
    share: float


def share_mapped(
    to: str = "plan_category", directory: Path | None = None, **filters: str | Sequence[str] | None
) -> MappedShare:
    """The share of net spend mapped to a plan category (``to="plan_category"``) or a pillar."""
    if to not in ("plan_category", "pillar"):
        raise PaymentsQueryError("The share mapped is measured to 'plan_category' or 'pillar'.")
    grouped = totals([to], directory, **filters)
    total = int(grouped["amount_pence"].sum())
    mapped = int(grouped.loc[grouped[to] != NOT_MAPPED, "amount_pence"].sum())
    return MappedShare(mapped / 100, total / 100, mapped / total if total else 0.0)


def spend_per_resident_by_pillar(year: str, directory: Path | None = None) -> pd.DataFrame:
    """Net spend per Trafford resident by pillar in one financial year ("Not mapped" included).

    Columns: ``pillar``, ``amount`` (pounds), ``population`` (Trafford, all ages, the latest
    mid-year estimate in the store), ``population_period`` and ``per_resident`` (pounds). For a part
    year the amounts cover only its months (say so with :func:`part_year_note`).
    """
    grouped = totals(["pillar"], directory, year=year)
    people = reader.load_values(
        "population",
        "borough",
        area_code=config.TRAFFORD_CODE,
        sex="Persons",
        age="All ages",
        directory=directory,
    )
    latest = people.sort_values("period").iloc[-1]
    return grouped[["pillar", "amount"]].assign(
        population=float(latest["value"]),
        population_period=str(latest["period"]),
        per_resident=grouped["amount"] / float(latest["value"]),
    )


def mapping_reasons(directory: Path | None = None, **filters: str | Sequence[str] | None) -> pd.DataFrame:
    """Net spend by the mapping rule that decided it, with the rule's reason, largest first.

    Columns: ``mapping_rule`` (0 when no rule matched), ``plan_category``, ``pillar``, ``reason`` (the
    rule's rationale, or a sentence saying no reviewed rule matched), ``amount_pence``, ``amount``
    and ``payments``. Shows why spend is, or is not, mapped.
    """
    where, parameters = _where(filters)
    sql = (
        "SELECT mapping_rule, plan_category, pillar, CAST(SUM(amount_pence) AS BIGINT) AS amount_pence, "
        "SUM(amount_pence) / 100.0 AS amount, CAST(SUM(payments) AS BIGINT) AS payments "
        f"FROM payments {where} GROUP BY ALL ORDER BY amount_pence DESC, mapping_rule"
    )
    grouped = cursor(directory).execute(sql, parameters).df()
    rationale = load_rules().set_index("rule_id")["rationale"]
    reasons = grouped["mapping_rule"].map(rationale).fillna(NO_RULE)
    return grouped.assign(reason=reasons.astype(str))[
        ["mapping_rule", "plan_category", "pillar", "reason", "amount_pence", "amount", "payments"]
    ]
