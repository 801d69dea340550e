"""The open-data API's speed: a ``values`` call against the same read in-process, and page loads with and
without API traffic alongside.

1. For every indicator at one level (``--level``, default ward): the in-process read the endpoint makes
   (:func:`trafford_dash.api.queries.values`), the first HTTP call to the running server (nothing cached
   for that query yet), and a repeat of the same call (answered from the server's memo). Medians and the
   ratio of the HTTP call to the in-process read. Target: first call median under 50 ms.
2. Page loads (profile and compare, fresh browser context each) with no other traffic, then while a
   thread sends API calls for distinct queries (none answered from the memo) at ``--api-rate`` calls a
   second (default 10; 0 sends them without pause). Target: at most 10% slower.

    python -m benchmarks.api [--level ward] [--rounds 5] [--api-rate 10]
"""

from __future__ import annotations

import threading
import time
import urllib.request
from typing import Any
from urllib.parse import urlencode

from benchmarks._common import ROOT, arguments, chromium, describe, load_seconds, machine, median, save, serve
from trafford_dash.api import queries

VALUES_TARGET_MS = 50.0
MIXED_TARGET = 1.10
PAGES = ("profile", "compare")


def _get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def _values_url(base: str, indicator: str, level: str, **extra: str) -> str:
    return f"{base}/api/v1/values?" + urlencode({"indicator": indicator, "level": level, **extra})


def values_timings(base: str, level: str) -> dict[str, list[float]]:
    """Milliseconds per indicator: in-process read, first HTTP call, repeated HTTP call."""
    table = queries.indicators()
    ids = [
        i for i, levels in zip(table["indicator_id"], table["levels"], strict=True) if level in str(levels)
    ]
    times: dict[str, list[float]] = {"in-process read": [], "first call": [], "repeat call": []}
    for indicator in ids:
        started = time.perf_counter()
        queries.values(indicator=[indicator], level=[level])
        times["in-process read"].append((time.perf_counter() - started) * 1000)
        times["first call"].append(_get(_values_url(base, indicator, level)))
        times["repeat call"].append(_get(_values_url(base, indicator, level)))
    return times


class Traffic:
    """A thread calling the API for distinct queries at ``rate`` calls a second (0: without pause)."""

    def __init__(self, base: str, indicators: list[str], rate: float) -> None:
        self.calls = 0
        self._gap = 1.0 / rate if rate > 0 else 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(base, indicators), daemon=True)

    def _run(self, base: str, indicators: list[str]) -> None:
        offset = 0
        while not self._stop.is_set():
            for indicator in indicators:
                if self._stop.wait(self._gap) if self._gap else self._stop.is_set():
                    return
                _get(_values_url(base, indicator, "ward", offset=str(offset), limit="50"))
                self.calls += 1
            offset += 1  # a new query each pass: nothing is answered from the memo

    def __enter__(self) -> Traffic:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=60)


def mixed_timings(
    browser: Any, base: str, rounds: int, api_rate: float
) -> tuple[dict[str, list[float]], float]:
    """Page load seconds without and with API traffic, and the API calls per second during the latter."""
    for page in PAGES:
        load_seconds(browser, f"{base}/{page}")  # warm-up
    quiet = [load_seconds(browser, f"{base}/{page}") for _ in range(rounds) for page in PAGES]
    indicators = list(queries.indicators()["indicator_id"])
    started = time.perf_counter()
    with Traffic(base, indicators, api_rate) as traffic:
        busy = [load_seconds(browser, f"{base}/{page}") for _ in range(rounds) for page in PAGES]
        rate = traffic.calls / (time.perf_counter() - started)
    return {"quiet": quiet, "with API traffic": busy}, rate


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--level", default="ward", help="level of the values calls (default ward)")
    parser.add_argument("--rounds", type=int, default=5, help="loads of each page per condition (default 5)")
    parser.add_argument(
        "--api-rate", type=float, default=10, help="API calls a second alongside the pages (0: unpaced)"
    )
    args = parser.parse_args()
    info = machine()
    with serve(ROOT / "server.py") as server, chromium() as browser:
        _get(f"{server.url}/api/v1/meta")  # the first call pays for importing the API's modules
        values = values_timings(server.url, args.level)
        pages, rate = mixed_timings(browser, server.url, max(1, args.rounds), args.api_rate)
    print(f"Machine: {describe(info)}")
    print(f"\n`values` for each of {len(values['first call'])} indicators at level {args.level}:")
    print(f"{'':<18} {'median ms':>10}")
    for label, times in values.items():
        print(f"{label:<18} {median(times):>10.1f}")
    first, read = median(values["first call"]), median(values["in-process read"])
    verdict = "within" if first <= VALUES_TARGET_MS else "over"
    print(
        f"first call / in-process read: {first / read:.2f}x; {verdict} the {VALUES_TARGET_MS:.0f} ms target"
    )
    quiet, busy = median(pages["quiet"]), median(pages["with API traffic"])
    print(f"\nPage loads ({', '.join(PAGES)}; {args.rounds} rounds each), median seconds:")
    print(
        f"quiet {quiet:.3f}; with API traffic ({rate:.1f} calls/s) {busy:.3f}; ratio {busy / quiet:.2f} "
        f"(target <= {MIXED_TARGET:.2f})"
    )
    save("api", {"machine": info, "values_ms": values, "pages_s": pages, "api_calls_per_s": rate})


if __name__ == "__main__":
    main()
