"""The first visit to a freshly started server: titled navigation from the first frame, and the router runs.

Streamlit shows its legacy navigation (one entry per file, named after the file) whenever a folder
called ``pages`` sits beside the main script. That list must never appear, not even for the moment
before ``st.navigation`` replaces it, and a deep link on a fresh server must go through ``app.py``.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import PAGES, serve, wait_idle
from trafford_dash import config

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

FRESH_SERVERS = 3
SAMPLE_MS = 50
# Every 50 ms, and on every change to the page, note the sidebar navigation's link labels.
SAMPLER = f"""
(() => {{
    window.__navSamples = [];
    const sample = () => {{
        const links = document.querySelectorAll("[data-testid='stSidebarNav'] a");
        if (links.length) {{
            // A link's text is its icon's name, then its label: keep the label.
            const label = (link) => link.innerText.trim().split("\\n").pop().trim();
            window.__navSamples.push(Array.from(links, label));
        }}
    }};
    setInterval(sample, {SAMPLE_MS});
    new MutationObserver(sample).observe(document, {{ childList: true, subtree: true }});
}})();
"""
TITLES = {p.title for p in PAGES}


def _labels_seen(browser: Any, url: str) -> tuple[list[list[str]], Any]:
    """Visit ``url`` in a new browser context, sampling the navigation until the app is idle."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(SAMPLER)
    page = context.new_page()
    page.goto(url, wait_until="commit")
    wait_idle(page)
    samples: list[list[str]] = page.evaluate("window.__navSamples")
    return samples, page


def _assert_titled_only(samples: list[list[str]]) -> None:
    assert samples, "the sidebar navigation was never seen"
    for labels in samples:
        legacy = [label for label in labels if label not in TITLES]
        assert not legacy, f"the navigation showed {labels}; only the titled pages may appear"


@pytest.mark.parametrize("run", range(FRESH_SERVERS))
def test_a_fresh_server_never_shows_the_legacy_navigation(browser: Any, built_store: None, run: int) -> None:
    del run
    with serve(config.ROOT / "app.py") as server:
        samples, page = _labels_seen(browser, server.url)
        try:
            _assert_titled_only(samples)
            assert set(samples[-1]) == TITLES
        finally:
            page.context.close()


def test_a_deep_link_on_a_fresh_server_runs_through_the_router(browser: Any, built_store: None) -> None:
    target = next(p for p in PAGES if p.url_path == "map")
    with serve(config.ROOT / "app.py") as server:
        samples, page = _labels_seen(browser, f"{server.url}/{target.url_path}")
        try:
            _assert_titled_only(samples)
            assert page.locator("h1").first.inner_text().startswith("Map")
            # The sidebar's provenance line is drawn by app.py, so the router ran.
            assert page.locator("[data-testid='stSidebar']", has_text="Data store built").count() == 1
            current = page.locator("[data-testid='stSidebarNav'] a[aria-current='page']")
            assert current.inner_text().strip().split("\n")[-1].strip() == target.title
        finally:
            page.context.close()
