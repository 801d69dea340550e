"""Every page loads in real Chromium with no exception shown and no console error."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import wait_idle

pytestmark = pytest.mark.e2e

PAGE_PATHS = ["overview", "data"]


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_page_loads_cleanly(app_url: str, page: Any, path: str) -> None:
    page.goto(f"{app_url}/{path}")
    wait_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("h1").count() >= 1
    assert not page.console_errors, page.console_errors
