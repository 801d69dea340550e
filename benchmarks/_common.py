"""Shared pieces of the benchmark scripts: servers, headless Chromium, timings, memory, the machine.

Benchmarks print ratios measured in one run (never timed assertions) and also write their figures to
``benchmarks/results/<name>.json`` (git-ignored). Everything runs on the loopback address only. The
scripts run as modules from the project root (``python -m benchmarks.pages``); Chromium, the server and
the waits are the browser tests' own, from :mod:`tests.browser`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from tests.browser import (
    CHARTS_DRAWN,
    CHROMIUM,
    READY,
    AppPage,
    Server,
    app_pages,
    launch_chromium,
    serve,
)

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
BARE_APP = 'import streamlit as st\n\nst.write("Hello")\n'
# The floor for a page with a chart: the same app plus one small plotly bar chart (plotly.js must load).
CHART_APP = (
    'import plotly.graph_objects as go\nimport streamlit as st\n\nst.write("Hello")\n'
    "st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, 2])))\n"
)

__all__ = [
    "BARE_APP",
    "CHART_APP",
    "ROOT",
    "AppPage",
    "Server",
    "app_pages",
    "arguments",
    "chromium",
    "load_seconds",
    "machine",
    "median",
    "percentile",
    "rss_mb",
    "save",
    "serve",
]


def arguments(doc: str | None) -> argparse.ArgumentParser:
    """A command line parser that shows the script's docstring as its help."""
    return argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` quantile (0–1) by linear interpolation."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux ``/proc``)."""
    total = 0
    pids = [pid]
    with contextlib.suppress(OSError):
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids.extend(int(child) for child in children)
    for one in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright."""
    if not Path(CHROMIUM).exists():
        raise SystemExit("Chromium is not installed (apt-get install chromium); cannot benchmark pages.")
    with launch_chromium() as browser:
        yield browser


def load_seconds(browser: Any, url: str, timeout_ms: float = 120_000, context: Any = None) -> float:
    """Seconds from navigation to the page's script finishing and every chart on it drawn.

    By default each load uses a fresh browser context (no cached assets, a new Streamlit session), as
    a first visit would. Pass a ``context`` to load in an existing one, as a returning visitor whose
    browser has cached the app's scripts.
    """
    own = context is None
    context = browser.new_context(viewport={"width": 1400, "height": 1000}) if own else context
    page = context.new_page()
    try:
        started = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_selector(READY, timeout=timeout_ms)
        page.wait_for_function(CHARTS_DRAWN, timeout=timeout_ms)
        return time.perf_counter() - started
    finally:
        page.close()
        if own:
            context.close()


def machine() -> dict[str, Any]:
    """A description of the machine the figures were measured on."""
    cpu = platform.processor() or "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().splitlines()[0].split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    chromium_version = "not installed"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        chromium_version = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.strip()
    import streamlit

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "chromium": chromium_version,
        "load_average_at_start": round(load, 2),
    }


def describe(info: dict[str, Any]) -> str:
    return (
        f"{info['cpu']}, {info['cores']} cores, {info['memory']}; {info['os']}; Python {info['python']}, "
        f"Streamlit {info['streamlit']}, {info['chromium']}; "
        f"load average at start {info['load_average_at_start']}"
    )


def save(name: str, payload: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
    return path
