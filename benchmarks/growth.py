"""How page cost grows with the data: the normal store against one scaled up ``--factor`` times.

The scaled store is the real one with every indicator copied ``factor - 1`` times under new ids
(``<id>_g2``, ``<id>_g3``, …, with catalogue rows to match), so there are ``factor`` times the
indicators, rows and periods to choose from. It is written, with a copy of the app, into a temporary
directory (``data/processed`` is only read). Both apps are served side by side and every page of
``app.py`` is loaded in each alternately; the script prints each page's median time, the ratio
scaled/normal, and each server's memory. Pages filter at the source, so their time should stay
nearly flat while the store grows (a ratio near 1).

    python -m benchmarks.growth [--factor 10] [--rounds 3]
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from benchmarks import _common as common

SKIP = {".git", ".venv", "node_modules", "raw", "results", "test-results", "__pycache__"}
SKIP_PREFIXES = (".mypy_cache", ".ruff_cache", ".pytest_cache", "processed")


def _ignore(folder: str, names: list[str]) -> set[str]:
    del folder
    return {name for name in names if name in SKIP or name.startswith(SKIP_PREFIXES)}


def scaled_copy(target: Path, factor: int) -> dict[str, float]:
    """Copy the app to ``target`` with a store ``factor`` times the real one; return its sizes."""
    from trafford_dash.core import config
    from trafford_dash.store import checks, reader

    shutil.copytree(common.ROOT, target, ignore=_ignore)
    processed = target / "data" / "processed"
    shutil.copytree(config.PROCESSED_DIR, processed)

    values = pd.read_parquet(processed / reader.VALUES_FILE)
    catalogue = pd.read_parquet(processed / reader.CATALOGUE_FILE)
    authored = pd.read_csv(target / "data" / "indicators.csv", dtype=str, keep_default_na=False)
    value_copies, catalogue_copies, authored_copies = [values], [catalogue], [authored]
    for copy in range(2, factor + 1):
        suffix = f"_g{copy}"
        value_copies.append(values.assign(indicator_id=values["indicator_id"] + suffix))
        for frame, out in ((catalogue, catalogue_copies), (authored, authored_copies)):
            out.append(
                frame.assign(
                    indicator_id=frame["indicator_id"] + suffix, title=frame["title"] + f" (copy {copy})"
                )
            )
    order = ["indicator_id", "level", "vintage", "area_code", "period", "sex", "age"]
    from trafford_dash.pipeline.build import VALUES_ROW_GROUP

    big = pd.concat(value_copies, ignore_index=True).sort_values(order)
    big.to_parquet(processed / reader.VALUES_FILE, index=False, row_group_size=VALUES_ROW_GROUP)
    pd.concat(catalogue_copies, ignore_index=True).to_parquet(processed / reader.CATALOGUE_FILE, index=False)
    pd.concat(authored_copies, ignore_index=True).to_csv(target / "data" / "indicators.csv", index=False)

    # The copy's own fingerprint, so its app treats the scaled store as current and never rebuilds it.
    fingerprint = subprocess.run(
        [sys.executable, "-c", "from trafford_dash.pipeline import build; print(build.fingerprint())"],
        cwd=target,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    manifest_path = processed / reader.MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest.update(fingerprint=fingerprint, rows={**manifest["rows"], "values": len(big)})
    manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    checks.seal(processed)  # the scaled files' checksums, or the app would see a damaged store
    return {
        "rows": len(big),
        "indicators": int(big["indicator_id"].nunique()),
        "kb": (processed / reader.VALUES_FILE).stat().st_size / 1024,
    }


def store_read_ms(directory: Path, repeats: int = 9) -> float:
    from trafford_dash.store import reader

    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        reader.load_values(indicator_id="bad_health", level="ward", directory=directory)
        times.append(time.perf_counter() - started)
    return common.median(times) * 1000


def main() -> None:
    parser = common.arguments(__doc__)
    parser.add_argument("--factor", type=int, default=10, help="how many times the store (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="loads of each page in each app (default 3)")
    args = parser.parse_args()
    factor = max(2, min(args.factor, 50))
    rounds = max(1, min(args.rounds, 20))

    from trafford_dash.core import config
    from trafford_dash.pipeline import build
    from trafford_dash.store import reader

    build.build()  # a no-op when current
    info = common.machine()
    pages = common.app_pages()
    normal_rows = pq.ParquetFile(config.PROCESSED_DIR / reader.VALUES_FILE).metadata.num_rows
    normal_kb = (config.PROCESSED_DIR / reader.VALUES_FILE).stat().st_size / 1024
    with tempfile.TemporaryDirectory(prefix="growth-") as folder, common.chromium() as browser:
        root = Path(folder) / "app"
        sizes = scaled_copy(root, factor)
        reads = {
            "normal": store_read_ms(config.PROCESSED_DIR),
            "scaled": store_read_ms(root / "data" / "processed"),
        }
        timings: dict[str, dict[str, list[float]]] = {"normal": {}, "scaled": {}}
        memory: dict[str, dict[str, float]] = {}
        with (
            common.serve(common.ROOT / "app.py") as normal,
            common.serve(root / "app.py", cwd=root) as scaled,
        ):
            servers = {"normal": normal, "scaled": scaled}
            for name, server in servers.items():
                memory[name] = {"idle_mb": common.rss_mb(server.pid)}
                for page in pages:  # warm-up: imports and first cache fills
                    common.load_seconds(browser, f"{server.url}/{page.url_path}")
                    timings[name][page.label] = []
            for _ in range(rounds):
                for page in pages:
                    for name, server in servers.items():
                        timings[name][page.label].append(
                            common.load_seconds(browser, f"{server.url}/{page.url_path}")
                        )
            for name, server in servers.items():
                memory[name]["after_mb"] = common.rss_mb(server.pid)

    print(f"Machine: {common.describe(info)}")
    print(
        f"Normal store: {normal_rows:,} values ({normal_kb:,.0f} KB). "
        f"Scaled x{factor}: {sizes['rows']:,} values, {sizes['indicators']} indicators "
        f"({sizes['kb']:,.0f} KB)."
    )
    print(
        f"Filtered store read (one indicator, wards): normal {reads['normal']:.1f} ms, "
        f"scaled {reads['scaled']:.1f} ms, ratio {reads['scaled'] / reads['normal']:.2f}"
    )
    print()
    print(f"{'page':<12} {'normal s':>9} {'scaled s':>9} {'ratio':>6}")
    rows = []
    for page in pages:
        base, grown = (
            common.median(timings["normal"][page.label]),
            common.median(timings["scaled"][page.label]),
        )
        print(f"{page.label:<12} {base:>9.3f} {grown:>9.3f} {grown / base:>6.2f}")
        rows.append({"page": page.label, "normal_s": base, "scaled_s": grown})
    print()
    for name in ("normal", "scaled"):
        print(
            f"Server memory, {name}: {memory[name]['idle_mb']:.0f} MB idle, "
            f"{memory[name]['after_mb']:.0f} MB after loading every page"
        )
    path = common.save(
        "growth",
        {
            "machine": info,
            "factor": factor,
            "rounds": rounds,
            "normal": {"rows": normal_rows, "kb": normal_kb},
            "scaled": sizes,
            "store_read_ms": reads,
            "pages": rows,
            "memory_mb": memory,
        },
    )
    print(f"Figures written to {path.relative_to(common.ROOT)}")


if __name__ == "__main__":
    main()
