"""How long the upload checks take on the largest files they accept (server time, no browser).

Times :func:`trafford_dash.pillars.local_indicators.parse_upload` on a file of ``MAX_ROWS`` different
indicators filling the size limit, and on one a tenth of that, and prints the seconds and their ratio
(near 10 when the checks grow with the file and no faster). The largest budget accepted is timed too.

    python -m benchmarks.uploads [--rounds 3]
"""

from __future__ import annotations

import time
from collections.abc import Callable

from benchmarks._common import arguments, describe, machine, median, save
from tests.unit import upload_files
from trafford_dash.pillars import local_indicators as li
from trafford_dash.spend import budget as budget_upload


def seconds(run: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return median(times)


def largest_budget() -> bytes:
    rows = [f"2024/25,Council,Area {i},{i % 50 + 1},," for i in range(budget_upload.MAX_ROWS)]
    return ("\n".join(["year,body,category,amount_gbp_m,share_pct,pillars,note", *rows]) + "\n").encode()


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each check (default 3)")
    rounds = max(1, min(parser.parse_args().rounds, 20))
    info = machine()
    largest = upload_files.largest_local_indicator_file()
    tenth = upload_files.local_indicator_file(li.MAX_ROWS // 10)
    big = seconds(lambda: li.parse_upload(largest, "largest.csv", upload_files.AREAS), rounds)
    small = seconds(lambda: li.parse_upload(tenth, "tenth.csv", upload_files.AREAS), rounds)
    budget = seconds(lambda: budget_upload.validate_budget(largest_budget(), "budget.csv"), rounds)
    print(describe(info))
    print(
        f"Local indicators, {li.MAX_ROWS:,} indicators ({len(largest) / 1024 / 1024:.1f} MB): {big:.2f} s; "
        f"{li.MAX_ROWS // 10:,}: {small:.2f} s; ratio {big / small:.1f}"
    )
    print(f"Budget, {budget_upload.MAX_ROWS} spend areas: {budget:.2f} s")
    save(
        "uploads",
        {"machine": info, "local_largest_s": big, "local_tenth_s": small, "budget_largest_s": budget},
    )


if __name__ == "__main__":
    main()
