"""Browser fixtures: a real Streamlit server on a free loopback port, driven by Debian's Chromium.

Tests here skip cleanly where Chromium or Playwright is missing (the browser is checked before the
server starts). One server serves the whole session. Its output goes to a temp file that is shown
if the server dies, and the server is always terminated. The pages under test are read from
``app.py``'s ``st.Page`` calls, so a page added there is covered without editing the tests.
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

import pytest

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
AXE_SCRIPT = config.ROOT / "node_modules" / "axe-core" / "axe.min.js"


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped.")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def app_url(browser: Any, built_store: None) -> Iterator[str]:
    """The app on a loopback port (asked for after the browser, so no server starts without one)."""
    del browser
    with streamlit_server(config.ROOT / "app.py") as base:
        yield base


# Streamlit's client probes ``<page>/_stcore/health`` and ``host-config`` before the root ones when a
# page is opened by its own URL; the 404s are part of its discovery, not faults of the app.
STREAMLIT_PROBES = re.compile(r"/[\w-]+/_stcore/(health|host-config)$")


def _is_benign(message: Any) -> bool:
    """Console errors that are not the app's: Streamlit's probes and resources that need the internet."""
    url = str((message.location or {}).get("url", ""))
    if STREAMLIT_PROBES.search(url):
        return True
    offline = "net::ERR_NAME_NOT_RESOLVED" in message.text or "net::ERR_INTERNET_DISCONNECTED" in message.text
    return offline and not url.startswith(("http://127.0.0.1", "http://localhost"))


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser tab recording console errors, uncaught page errors and dialogs.

    ``page.console_errors`` holds the app's errors; ``page.offline_misses`` the resources on other
    hosts that could not be reached (there is no internet here; the app must work without it).
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.console_errors = []
    page.offline_misses = []
    page.dialogs = []

    def console(message: Any) -> None:
        if message.type != "error":
            return
        if _is_benign(message):
            page.offline_misses.append((message.location or {}).get("url", message.text))
        else:
            page.console_errors.append(f"{message.text} ({(message.location or {}).get('url', '')})")

    def dismiss(dialog: Any) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("console", console)
    page.on("pageerror", lambda error: page.console_errors.append(f"page error: {error}"))
    page.on("dialog", dismiss)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's browser bundle from ``node_modules`` (installed by ``npm ci``)."""
    if not AXE_SCRIPT.is_file():
        pytest.skip("axe-core is not installed; run `npm ci` for the accessibility checks.")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def wait_idle(page: Any, timeout: float = 60_000) -> None:
    """Wait until Streamlit has connected, run the script for the current view and drawn its content.

    The first run of a new session can be superseded by a rerun (navigation, widgets bound to the
    URL), leaving the app idle for a moment with nothing drawn; so wait for the main area to hold
    an element, then for the app to stay idle and every element's code to have arrived.
    """
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_selector(
        f"{IDLE} [data-testid='stMain'] [data-testid='stElementContainer']", timeout=timeout
    )
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
