"""Store build and read speed: a full build, a no-op rebuild, and reads against the bare parquet floor.

1. A full build into a temporary directory, from the verified raw files (``data/raw``; fetched from
   the mirror first if missing), so ``data/processed`` is never touched.
2. A no-op rebuild of that directory (the inputs are unchanged, so only the fingerprint is checked).
3. Reading the store: :func:`trafford_dash.store.reader.load_values` against a bare
   ``pyarrow.parquet.read_table`` of the same file with the same filters, for typical page queries
   and for the whole table, as ratios (median of ``--repeats`` alternating reads).

    python -m benchmarks.build [--repeats 15]
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from benchmarks._common import ROOT, arguments, describe, machine, median, save

QUERIES: dict[str, dict[str, Any]] = {
    "one indicator, wards": {"indicator_id": "bad_health", "level": "ward", "vintage": "2022"},
    "one indicator, every level": {"indicator_id": "life_expectancy_male"},
    "authorities for a comparison": {"indicator_id": "obese_year6", "level": "local_authority"},
    "population by age, LSOAs": {"indicator_id": "population", "level": "lsoa"},
    "whole table": {},
}


def _filters(query: dict[str, Any]) -> list[tuple[str, str, Any]] | None:
    return [(column, "==", value) for column, value in query.items()] or None


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--repeats", type=int, default=15, help="reads of each query (default 15)")
    args = parser.parse_args()
    repeats = max(3, min(args.repeats, 200))

    from trafford_dash.pipeline import build
    from trafford_dash.store import reader

    info = machine()
    with tempfile.TemporaryDirectory(prefix="store-bench-") as folder:
        target = Path(folder) / "processed"
        started = time.perf_counter()
        result = build.build(directory=target, progress=lambda fraction, message: None)
        full = time.perf_counter() - started
        started = time.perf_counter()
        again = build.build(directory=target, progress=lambda fraction, message: None)
        no_op = time.perf_counter() - started
        assert result.rebuilt and not again.rebuilt

        path = target / reader.VALUES_FILE
        reads: dict[str, dict[str, list[float]]] = {}
        for name, query in QUERIES.items():
            ours: list[float] = []
            bare: list[float] = []
            for _ in range(repeats):
                started = time.perf_counter()
                rows = reader.load_values(directory=target, **query)
                ours.append(time.perf_counter() - started)
                started = time.perf_counter()
                table = pq.read_table(path, filters=_filters(query))
                bare.append(time.perf_counter() - started)
                assert len(rows) == table.num_rows
            reads[name] = {"store": ours, "bare": bare, "rows": [len(rows)]}
        size_kb = path.stat().st_size / 1024
        groups = pq.ParquetFile(path).metadata.num_row_groups

    print(f"Machine: {describe(info)}")
    print(f"Full build into a temporary directory: {full:.1f} s ({result.rows:,} values)")
    print(f"No-op rebuild (inputs unchanged):      {no_op:.2f} s  (ratio to full build {no_op / full:.3f})")
    print(f"values.parquet: {size_kb:,.0f} KB in {groups} row groups")
    print()
    print(f"{'read':<30} {'rows':>8} {'store ms':>9} {'bare ms':>8} {'ratio':>6}")
    summary = []
    for name, timing in reads.items():
        ours_ms, bare_ms = median(timing["store"]) * 1000, median(timing["bare"]) * 1000
        print(f"{name:<30} {timing['rows'][0]:>8,} {ours_ms:>9.1f} {bare_ms:>8.1f} {ours_ms / bare_ms:>6.2f}")
        summary.append({"read": name, "rows": timing["rows"][0], "store_ms": ours_ms, "bare_ms": bare_ms})
    print()
    print(
        "store.load_values returns a pandas frame after checking the store's manifest; the bare read "
        "returns an Arrow table, so the ratio includes the conversion to pandas."
    )
    path_out = save(
        "build",
        {
            "machine": info,
            "full_build_s": full,
            "no_op_s": no_op,
            "rows": result.rows,
            "values_kb": size_kb,
            "row_groups": groups,
            "reads": summary,
        },
    )
    print(f"Figures written to {path_out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
