"""The first visit to a freshly started server: titled navigation from the first frame, and the router runs.

Streamlit shows its legacy navigation (one entry per file, named after the file) whenever a folder
called ``pages`` sits beside the main script. That list must never appear, not even for the moment
before ``st.navigation`` replaces it, and a deep link on a fresh server must go through ``app.py``.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import PAGES, serve, wait_idle
from trafford_dash.core import config

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

FRESH_SERVERS = 3
SAMPLE_MS = 50
# Every 50 ms, and on every change to the page, note the navigation's labels: the legacy list would be
# drawn in the sidebar, the titled navigation is across the top (its sections as menus).
SAMPLER = f"""
(() => {{
    window.__navSamples = [];
    const sample = () => {{
        const links = document.querySelectorAll(
            "[data-testid='stSidebarNav'] a, [data-testid='stTopNav'] a, [data-testid='stTopNav'] button"
        );
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
SECTIONS = {"Locality plan", "Places", "Compare", "About"}
MORE = re.compile(r"\d+ more")


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
    assert samples, "the navigation was never seen"
    for labels in samples:
        # the top navigation folds what does not fit into an "N more" menu
        legacy = [
            label
            for label in labels
            if label and label not in TITLES | SECTIONS and not MORE.fullmatch(label)
        ]
        assert not legacy, f"the navigation showed {labels}; only the titled pages may appear"


@pytest.mark.parametrize("run", range(FRESH_SERVERS))
def test_a_fresh_server_never_shows_the_legacy_navigation(browser: Any, built_store: None, run: int) -> None:
    del run
    with serve(config.ROOT / "server.py") as server:
        samples, page = _labels_seen(browser, server.url)
        try:
            _assert_titled_only(samples)
            assert set(samples[-1]) & (TITLES | SECTIONS)
        finally:
            page.context.close()


def test_a_deep_link_on_a_fresh_server_runs_through_the_router(browser: Any, built_store: None) -> None:
    target = next(p for p in PAGES if p.url_path == "map")
    with serve(config.ROOT / "server.py") as server:
        samples, page = _labels_seen(browser, f"{server.url}/{target.url_path}")
        try:
            _assert_titled_only(samples)
            assert page.locator("h1").first.inner_text().startswith("Map")
            # The footer's provenance line is drawn by app.py after the page, so the router ran.
            assert page.get_by_text("Data store built").count() == 1
        finally:
            page.context.close()
