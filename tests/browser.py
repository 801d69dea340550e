"""Browser helpers shared by the browser tests and the benchmarks: Chromium, a Streamlit server, waits.

Debian's Chromium is driven through Playwright with the flags below; :func:`serve` runs ``streamlit
run`` on a free loopback port; :func:`wait_idle` waits until a page has run and drawn its elements.
The pages are read from ``app.py``'s ``st.Page`` calls, so a page added there is covered everywhere.
"""

from __future__ import annotations

import ast
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.link_params import page_params, ui_imports
from trafford_dash.core import config

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# Streamlit fetches each element type's code on first use and shows a placeholder until it arrives, so
# an idle app can still be missing its charts and widgets for a moment.
ELEMENTS_LOADED = """() => !document.querySelector("[data-testid='stMain'] [data-testid='stSkeleton']")"""
# The main area holds an element once the app is idle: the page has run and drawn something.
READY = f"{IDLE} [data-testid='stMain'] [data-testid='stElementContainer']"
# A page counts as loaded once every element's code has arrived (ELEMENTS_LOADED) and every plotly chart
# has drawn: plotly.js (about 4.7 MB) is compiled when the first chart mounts. Without this wait a page
# "finishes" before or after that work by chance.
CHARTS_DRAWN = f"""() => ({ELEMENTS_LOADED})()
  && [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
    .every((chart) => chart.querySelector('.main-svg'))"""


@dataclass(frozen=True)
class AppPage:
    """One page registered in ``app.py``."""

    url_path: str
    script: Path
    title: str
    default: bool

    @property
    def label(self) -> str:
        """A short name for test ids and reports: the URL path, or the file name for the root page."""
        return self.url_path or self.script.stem

    @property
    def source(self) -> str:
        return self.script.read_text(encoding="utf-8") if self.script.is_file() else ""

    def bound_keys(self) -> list[str]:
        """Widget keys the page binds to the query string (its own URL parameters).

        Read from the page and the ``trafford_dash.ui`` modules it uses by :mod:`tests.link_params`:
        every call with ``bind="query-params"``, its ``key`` followed through constants and helpers.
        """
        return page_params(self.script)


def _with_ui_imports(script: Path, depth: int = 2) -> list[Path]:
    """``script`` and the Streamlit (UI) modules of the package it imports, ``depth`` levels down."""
    return ui_imports(script, depth)


def _inferred_url_path(script: str) -> str:
    """Streamlit's own default: the file name without a numeric prefix."""
    stem = Path(script).stem
    return re.sub(r"^[\d_\s-]+", "", stem) or stem


def app_pages(router: Path | None = None) -> list[AppPage]:
    """Every ``st.Page`` in the router, with its URL path as Streamlit serves it."""
    router = router or config.ROOT / "app.py"
    tree = ast.parse(router.read_text(encoding="utf-8"))
    pages = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "Page"
        ):
            continue
        if (
            not node.args
            or not isinstance(node.args[0], ast.Constant)
            or not isinstance(node.args[0].value, str)
        ):
            continue
        script = node.args[0].value
        options = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
        url_path = options.get("url_path")
        default = bool(options.get("default", False))
        if default:
            url_path = ""  # Streamlit serves the default page at the root only; its url_path is not a route
        pages.append(
            AppPage(
                url_path=str(url_path).strip("/") if url_path is not None else _inferred_url_path(script),
                script=router.parent / script,
                title=str(options.get("title") or Path(script).stem),
                default=default,
            )
        )
    return pages


PAGES = app_pages()


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Server:
    """A running Streamlit server: its base URL and process id."""

    url: str
    pid: int


@contextlib.contextmanager
def serve(
    script: Path, timeout: float = 90.0, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """Serve ``script`` with ``streamlit run`` on a free loopback port until the block ends."""
    port = free_port()
    log = tempfile.NamedTemporaryFile("w+", prefix="streamlit-", suffix=".log", delete=False)  # noqa: SIM115
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    process = subprocess.Popen(
        command,
        cwd=cwd or config.ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"Streamlit exited early:\n{log.read()}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"Streamlit did not become healthy in {timeout:.0f} s:\n{log.read()}")
            time.sleep(0.05)
        yield Server(base, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()
        os.unlink(log.name)


@contextlib.contextmanager
def streamlit_server(script: Path, timeout: float = 90.0, cwd: Path | None = None) -> Iterator[str]:
    """Serve ``script`` with ``streamlit run`` on a free loopback port; yield its base URL."""
    with serve(script, timeout=timeout, cwd=cwd) as server:
        yield server.url


@contextlib.contextmanager
def launch_chromium() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright (the caller checks that both are installed)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_idle(page: Any, timeout: float = 60_000) -> None:
    """Wait until Streamlit has connected, run the script for the current view and drawn its content.

    The first run of a new session can be superseded by a rerun (navigation, widgets bound to the
    URL), leaving the app idle for a moment with nothing drawn; so wait for the main area to hold
    an element, then for the app to stay idle and every element's code to have arrived.
    """
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_timeout(250)
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_function(ELEMENTS_LOADED, timeout=timeout)


def open_page(page: Any, app_url: str, url_path: str, query: str = "") -> None:
    """Go to one page of the app and wait for it to finish running."""
    page.goto(f"{app_url}/{url_path}{('?' + query) if query else ''}", wait_until="domcontentloaded")
    wait_idle(page)


def shown_exceptions(page: Any) -> list[str]:
    """The text of every exception box Streamlit shows, and of a "Page not found" notice."""
    boxes = page.locator("[data-testid='stException']")
    found = [boxes.nth(i).inner_text()[:500] for i in range(boxes.count())]
    dialogs = page.locator("[role='dialog']", has_text="Page not found")
    found.extend(dialogs.nth(i).inner_text()[:200] for i in range(dialogs.count()))
    return found
