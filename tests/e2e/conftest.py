"""Browser fixtures: a real Streamlit server on a free loopback port, driven by Debian's Chromium.

Tests here skip cleanly where Chromium or Playwright is missing (the browser is checked before the
server starts). One server serves the whole session. Its output goes to a temp file that is shown
if the server dies, and the server is always terminated. The helpers (Chromium, the server, the
waits, the pages read from ``app.py``) live in :mod:`tests.browser`, shared with the benchmarks;
they are imported here too, so the tests can take them from either module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import (
    CHROMIUM,
    PAGES,
    AppPage,
    _with_ui_imports,
    launch_chromium,
    open_page,
    serve,
    shown_exceptions,
    streamlit_server,
    wait_idle,
)
from trafford_dash.core import config

__all__ = ["PAGES", "AppPage", "_with_ui_imports", "open_page", "serve", "shown_exceptions", "wait_idle"]

AXE_SCRIPT = config.ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped.")
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with launch_chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def app_url(browser: Any, built_store: None) -> Iterator[str]:
    """The app on a loopback port (asked for after the browser, so no server starts without one)."""
    del browser
    with streamlit_server(config.ROOT / "server.py") as base:
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
