"""Every page at 800, 1400 and 1920 px wide in real Chromium: a screenshot each, and the layout measured.

Screenshots (the whole page, not just the first screen) go to ``test-results/layout/``. On each page
``layout_probe.js`` measures what a reader would see as broken, and the test fails on any of it:

* the page or its main column scrolling sideways, or an element sticking out of the column;
* text cut short with an ellipsis (labels, buttons, tabs, metrics, navigation) or a select box's
  choice scrolled out of its field; select boxes narrower than 160 px;
* a word broken across two lines because its column is too narrow for it;
* a table scrolling sideways, hiding columns (reference tables keyed ``wide_…`` may scroll);
* a chart wider than its column; chart labels outside the chart, colliding or shortened with "…";
  treemap labels drawn smaller than 10 px;
* a map that does not show every area whole;
* at 800 px, an open sidebar.

Besides each page's first view, a few views that draw other charts and tables (an opened pillar tile,
the profile's deprivation and services tabs, the Compare views) are checked at 800 and 1400 px.
One tab is reused throughout, against the session's server.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import PAGES, open_page
from trafford_dash.core import config

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(120)]

WIDTHS = (800, 1400, 1920)
NARROW = 800
HEIGHT = 1000
SHOTS = config.ROOT / "test-results" / "layout"
PROBE = Path(__file__).with_name("layout_probe.js").read_text(encoding="utf-8")
CHARTS_DRAWN = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
    .every((chart) => chart.querySelector(".main-svg"))"""


@dataclass(frozen=True)
class View:
    """One URL to check: a page, optionally with a query string that opens a particular view."""

    name: str
    url_path: str
    query: str = ""


FIRST_VIEWS = [View(p.label, p.url_path) for p in PAGES]
OTHER_VIEWS = [
    View("pillars-tile-open", "pillars", "pillar=Prevention&ind=life_expectancy_female"),
    View("profile-jsna-summary", "profile", "prof_tab=JSNA+summary"),
    View("profile-deprivation", "profile", "prof_tab=Deprivation"),
    View("profile-services", "profile", "prof_tab=Services"),
    View(
        "compare-inequality-deciles",
        "compare",
        "cmp_view=Inequality&cmp_ineq=Bad+or+very+bad+general+health&cmp_ilevel=LSOAs"
        "&cmp_groups=National+IoD+deciles",
    ),
    View("compare-side-by-side", "compare", "cmp_view=Side+by+side"),
    View("compare-two-indicators", "compare", "cmp_view=Two+indicators"),
]
CASES = [(view, width) for view in FIRST_VIEWS for width in WIDTHS] + [
    (view, width) for view in OTHER_VIEWS for width in (NARROW, 1400)
]


@pytest.fixture(scope="module")
def tab(browser: Any, app_url: str) -> Iterator[Any]:
    """One tab for the module; the first visit lets the server register every page."""
    context = browser.new_context(viewport={"width": 1400, "height": HEIGHT})
    page = context.new_page()
    open_page(page, app_url, "")
    yield page
    context.close()


def _screenshot(tab: Any, name: str, width: int) -> Path:
    """The whole page: the main area scrolls inside the window, so the window is made as tall as it."""
    height = tab.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollHeight")
    tab.set_viewport_size({"width": width, "height": min(max(int(height), HEIGHT), 8000)})
    tab.wait_for_timeout(300)
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}-{width}.png"
    tab.screenshot(path=str(path))
    return path


@pytest.mark.parametrize(("view", "width"), CASES, ids=[f"{v.name}-{w}" for v, w in CASES])
def test_the_page_reads_well_at_this_width(tab: Any, app_url: str, view: View, width: int) -> None:
    tab.set_viewport_size({"width": width, "height": HEIGHT})
    open_page(tab, app_url, view.url_path, view.query)
    tab.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    tab.wait_for_timeout(300)  # plotly settles its text and MapLibre its view on the next frames
    found = tab.evaluate(PROBE)
    shot = _screenshot(tab, view.name, width)
    problems = [f"{p['kind']}: {p['text']}" for p in found["problems"]]
    assert not problems, f"{view.name} at {width} px (see {shot.relative_to(config.ROOT)}):\n" + "\n".join(
        problems
    )
    if width <= NARROW:
        assert not found["sidebarOpen"], f"the sidebar is open at {width} px"


def test_screenshots_land_in_an_ignored_directory() -> None:
    ignored = [line.strip().rstrip("/") for line in (config.ROOT / ".gitignore").read_text().splitlines()]
    assert SHOTS.relative_to(config.ROOT).parts[0] in ignored
