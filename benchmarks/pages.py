"""Page speed against the framework floor: every page of app.py versus a bare one-line Streamlit app.

Starts the dashboard and a bare app (``st.write("Hello")``, written to a temporary file), then loads
each page registered in ``app.py`` (its ``st.Page`` url paths) and the bare page alternately in
headless Chromium, ``--rounds`` times, each load in a fresh browser context. Prints each page's
median load time and its ratio to the bare page's median (target: at most 1.5x).

A page counts as loaded when its script has finished and every plotly chart on it has drawn.

A second reference is measured in the same rotation: the bare app plus one small plotly chart. A
fresh visit to any page with a chart pays for loading plotly.js, so this shows how much of a page's
time is that fixed cost and how much is the page's own.

Then each page is loaded again as a returning visitor would: in one browser context per app whose
cache already holds the app's scripts (Streamlit serves them as immutable), ratio to the bare app
loaded the same way.

Cold start is measured too: from launching the server to the default page's script finishing in the
browser, dashboard against bare app, with the data store already built (target: at most 2x).

    python -m benchmarks.pages [--rounds 5] [--cold 2]
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._common import (
    BARE_APP,
    CHART_APP,
    ROOT,
    app_pages,
    arguments,
    chromium,
    describe,
    load_seconds,
    machine,
    median,
    save,
    serve,
)

PAGE_TARGET = 1.5
COLD_TARGET = 2.0


def cold_start(browser: Any, script: Path, path: str = "") -> float:
    """Seconds from starting the server to its first page being ready in the browser."""
    started = time.perf_counter()
    with serve(script) as server:
        load_seconds(browser, f"{server.url}/{path}")
        return time.perf_counter() - started


def returning_visits(
    browser: Any, rounds: int, bare_url: str, chart_url: str, app_url: str, pages: list[Any]
) -> dict[str, list[float]]:
    """Load times for a returning visitor: one browser context per app, its scripts already cached."""
    urls = {"(bare app)": bare_url, "(one chart)": chart_url}
    urls |= {page.label: f"{app_url}/{page.url_path}" for page in pages}
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(3)]
    bare_context, chart_context, app_context = contexts
    context_for = {label: app_context for label in urls} | {
        "(bare app)": bare_context,
        "(one chart)": chart_context,
    }

    try:
        for _ in range(2):  # the browser caches scripts on the first visit and their compiled code later
            for label, url in urls.items():
                load_seconds(browser, url, context=context_for[label])
        times: dict[str, list[float]] = {label: [] for label in urls}
        for _ in range(rounds):
            for label, url in urls.items():
                times[label].append(load_seconds(browser, url, context=context_for[label]))
        return times
    finally:
        for context in contexts:
            context.close()


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="loads of each page (default 5)")
    parser.add_argument("--cold", type=int, default=2, help="cold starts of each app (default 2)")
    args = parser.parse_args()
    rounds = max(1, min(args.rounds, 50))

    from trafford_dash.pipeline import build

    build.build()  # a no-op when the store is current: the benchmark measures pages, not the build
    info = machine()
    pages = app_pages()
    with tempfile.TemporaryDirectory(prefix="bare-app-") as folder, chromium() as browser:
        bare_script = Path(folder) / "bare.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")
        chart_script = Path(folder) / "chart.py"
        chart_script.write_text(CHART_APP, encoding="utf-8")

        cold: dict[str, list[float]] = {"bare": [], "app": []}
        for _ in range(max(1, min(args.cold, 10))):
            cold["bare"].append(cold_start(browser, bare_script))
            cold["app"].append(cold_start(browser, ROOT / "server.py"))

        timings: dict[str, list[float]] = {page.label: [] for page in pages}
        bare: list[float] = []
        chart: list[float] = []
        with (
            serve(bare_script) as bare_server,
            serve(chart_script) as chart_server,
            serve(ROOT / "server.py") as app_server,
        ):
            # One warm-up visit each: the first run of a page pays for its imports once per server.
            load_seconds(browser, bare_server.url)
            load_seconds(browser, chart_server.url)
            for page in pages:
                load_seconds(browser, f"{app_server.url}/{page.url_path}")
            for _ in range(rounds):
                for page in pages:
                    bare.append(load_seconds(browser, bare_server.url))
                    chart.append(load_seconds(browser, chart_server.url))
                    timings[page.label].append(load_seconds(browser, f"{app_server.url}/{page.url_path}"))
            returning = returning_visits(
                browser, rounds, bare_server.url, chart_server.url, app_server.url, pages
            )

    floor = median(bare)
    chart_floor = median(chart)
    print(f"Machine: {describe(info)}")
    print(
        f"Rounds: {rounds} loads per page, alternating with the bare app and the bare app with one chart; "
        "fresh browser context each load."
    )
    print()
    print(f"{'page':<12} {'median s':>9} {'ratio':>7} {'vs chart':>9}  target <= {PAGE_TARGET}x")
    print(f"{'(bare app)':<12} {floor:>9.3f} {1.0:>7.2f}")
    print(f"{'(one chart)':<12} {chart_floor:>9.3f} {chart_floor / floor:>7.2f} {1.0:>9.2f}")
    rows = []
    for page in pages:
        value = median(timings[page.label])
        ratio = value / floor
        flag = "" if ratio <= PAGE_TARGET else "  over target"
        print(f"{page.label:<12} {value:>9.3f} {ratio:>7.2f} {value / chart_floor:>9.2f}{flag}")
        rows.append(
            {
                "page": page.label,
                "median_s": value,
                "ratio": ratio,
                "ratio_to_chart_app": value / chart_floor,
                "loads": timings[page.label],
            }
        )
    back_floor = median(returning["(bare app)"])
    print()
    print("Returning visit (same browser, scripts cached):")
    print(f"{'page':<12} {'median s':>9} {'ratio':>7}")
    returning_rows = []
    for label, loads in returning.items():
        value = median(loads)
        print(f"{label:<12} {value:>9.3f} {value / back_floor:>7.2f}")
        returning_rows.append({"page": label, "median_s": value, "ratio": value / back_floor, "loads": loads})
    cold_bare, cold_app = median(cold["bare"]), median(cold["app"])
    cold_ratio = cold_app / cold_bare
    print()
    print(
        f"Cold start (server launch to first page ready): bare {cold_bare:.2f} s, "
        f"dashboard {cold_app:.2f} s, "
        f"ratio {cold_ratio:.2f} (target <= {COLD_TARGET}x)"
    )
    path = save(
        "pages",
        {
            "machine": info,
            "rounds": rounds,
            "bare_median_s": floor,
            "bare_loads": bare,
            "chart_app_median_s": chart_floor,
            "chart_app_loads": chart,
            "pages": rows,
            "returning_visit": returning_rows,
            "cold_start": {"bare_s": cold["bare"], "app_s": cold["app"], "ratio": cold_ratio},
        },
    )
    print(f"Figures written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
