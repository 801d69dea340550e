"""Browser fixtures: a real Streamlit server on a free loopback port, driven by Debian's Chromium.

Tests here skip cleanly where Chromium or Playwright is missing. The server's output goes to a temp
file that is printed if the server dies, and the server is always terminated.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from trafford_dash import config

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


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def streamlit_server(script: Path, timeout: float = 90.0) -> Iterator[str]:
    """Serve ``script`` with ``streamlit run`` on a free loopback port; yield its base URL."""
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
        command, cwd=config.ROOT, stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy()
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
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        os.unlink(log.name)


@pytest.fixture(scope="session")
def app_url(built_store: None) -> Iterator[str]:
    with streamlit_server(config.ROOT / "app.py") as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped.")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    try:
        yield page
    finally:
        context.close()


def wait_idle(page: Any, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished running the script for the current view."""
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_timeout(0)
