"""Payments queries: DuckDB (the store's query module) against pandas over the same parquet file.

The same page queries (totals by year, by month for a year, by pillar and plan category, the top
suppliers of a pillar, units by category for a plan category, ...) run through
:func:`trafford_dash.store.payments.totals` and through pandas on ``payments.parquet`` read once into
memory, with identical results checked. Each prints the median of ``--runs`` runs in milliseconds and
the ratio pandas / DuckDB; the first use of each (DuckDB loading its in-memory cube, pandas reading the
file) is timed apart. ``--loader`` also times the build's payments step (reading the three zips,
privacy, mapping, validation).

    python -m benchmarks.payments [--runs 15] [--loader]
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any

import pandas as pd

from benchmarks._common import ROOT, arguments, describe, machine, median, save

PAGE_TARGET_MS = 100.0
QUERIES: dict[str, tuple[list[str], dict[str, Any]]] = {
    "total by year": (["year"], {}),
    "by month, one year": (["month"], {"year": "2025/26"}),
    "by pillar and plan category, two years": (["pillar", "plan_category"], {"year": ["2024/25", "2025/26"]}),
    "suppliers of one pillar, two months": (
        ["supplier"],
        {"pillar": "Children's Care", "month": ["2025-04", "2025-05"]},
    ),
    "units by category, one plan category": (["unit", "category"], {"plan_category": "Adult Client Costs"}),
    "month by pillar, every year": (["month", "pillar"], {}),
    "categories of one unit": (["category"], {"unit": "LEARN DIS 18-64 LT"}),
}


def pandas_totals(table: pd.DataFrame, by: list[str], filters: dict[str, Any]) -> pd.DataFrame:
    """The same question answered by pandas on the payments frame."""
    from trafford_dash.store.payments import DIMENSIONS

    rows = table
    for name, wanted in filters.items():
        rows = rows[rows[DIMENSIONS[name]].isin([wanted] if isinstance(wanted, str) else wanted)]
    grouped = rows.groupby([DIMENSIONS[name] for name in by], sort=True).agg(
        amount_pence=("amount_pence", "sum"), payments=("amount_pence", "size")
    )
    return grouped.reset_index().set_axis([*by, "amount_pence", "payments"], axis=1)


def _timed(call: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    seconds, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        seconds.append(time.perf_counter() - started)
    return seconds, result


def _loader_seconds() -> float:
    from trafford_dash.core import config
    from trafford_dash.pipeline import sources
    from trafford_dash.pipeline.loaders import payments as loader

    paths = sources.fetch_all(loader.SOURCE_KEYS, mirror=config.resolve_mirror())
    started = time.perf_counter()
    loader.tables(paths)
    return time.perf_counter() - started


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--runs", type=int, default=15, help="runs of each query (default 15)")
    parser.add_argument("--loader", action="store_true", help="also time the build's payments step")
    args = parser.parse_args()
    runs = max(1, min(args.runs, 200))

    from trafford_dash.core import config
    from trafford_dash.store import payment_schema, payments

    info = machine()
    started = time.perf_counter()
    payments.totals()
    duck_first = time.perf_counter() - started
    started = time.perf_counter()
    table = pd.read_parquet(config.PROCESSED_DIR / payment_schema.PAYMENTS_FILE)
    pandas_first = time.perf_counter() - started

    print(f"Machine: {describe(info)}")
    print(
        f"First use: DuckDB loads its cube in {duck_first * 1000:.0f} ms; pandas reads the file in "
        f"{pandas_first * 1000:.0f} ms ({len(table):,} payments)"
    )
    print()
    print(f"{'query':<42} {'rows':>6} {'duckdb ms':>10} {'pandas ms':>10} {'ratio':>6}")
    summary: list[dict[str, Any]] = []
    for name, (by, filters) in QUERIES.items():
        duck, ours = _timed(functools.partial(payments.totals, by, **filters), runs)
        plain, theirs = _timed(functools.partial(pandas_totals, table, by, filters), runs)
        same = ours[[*by, "amount_pence", "payments"]].reset_index(drop=True)
        pd.testing.assert_frame_equal(same, theirs.reset_index(drop=True), check_dtype=False)
        duck_ms, pandas_ms = median(duck) * 1000, median(plain) * 1000
        print(f"{name:<42} {len(ours):>6,} {duck_ms:>10.1f} {pandas_ms:>10.1f} {pandas_ms / duck_ms:>6.1f}")
        summary.append({"query": name, "rows": len(ours), "duckdb_ms": duck_ms, "pandas_ms": pandas_ms})
    figures: dict[str, Any] = {
        "machine": info,
        "runs": runs,
        "duckdb_first_s": duck_first,
        "pandas_first_s": pandas_first,
        "queries": summary,
    }
    if args.loader:
        figures["loader_s"] = _loader_seconds()
        step = "The build's payments step (three zips, privacy, mapping, validation)"
        print(f"\n{step}: {figures['loader_s']:.1f} s")
    slowest = max(item["duckdb_ms"] for item in summary)
    verdict = "every query within" if slowest < PAGE_TARGET_MS else "over"
    print(f"\nSlowest DuckDB query {slowest:.1f} ms: {verdict} the {PAGE_TARGET_MS:.0f} ms page target.")
    print("Ratio = pandas / DuckDB (above 1: DuckDB is faster). Results are checked equal.")
    path_out = save("payments", figures)
    print(f"Figures written to {path_out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
