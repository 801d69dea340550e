"""The dashboard makes no request off the machine: every page, its maps and their labels load locally."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import PAGES, open_page

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

# Default views, plus the views that draw the profile's maps.
VIEWS = [(p.url_path, "") for p in PAGES] + [
    ("profile", "prof_tab=Deprivation"),
    ("profile", "prof_tab=Services"),
    ("map", "map_lvl=Neighbourhoods&map_pts=GP+practices"),
    (
        "map",
        "map_pts=Council+land+and+buildings&map_pts=Schools+and+colleges"
        "&map_pts=Air+quality+management+area+%28outline%29",
    ),
]
LOCAL_SCHEMES = ("data:", "blob:", "about:")
# Lazy resources (fonts, map glyphs) are asked for once drawing starts; give them time to be asked for.
SETTLE_MS = 1500


def _requests_off_the_server(page: Any, app_url: str, url_path: str, query: str) -> list[str]:
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    open_page(page, app_url, url_path, query)
    page.wait_for_timeout(SETTLE_MS)
    return [url for url in requested if not url.startswith((app_url, *LOCAL_SCHEMES))]


@pytest.mark.parametrize(("url_path", "query"), VIEWS, ids=[f"{p or 'root'}?{q}" for p, q in VIEWS])
def test_a_page_asks_only_the_local_server(app_url: str, page: Any, url_path: str, query: str) -> None:
    elsewhere = _requests_off_the_server(page, app_url, url_path, query)
    assert elsewhere == [], f"requests off the machine: {sorted(set(elsewhere))}"


def test_the_map_draws_its_neighbourhood_labels(app_url: str, page: Any) -> None:
    elsewhere = _requests_off_the_server(page, app_url, "map", "")
    assert elsewhere == []
    chart = page.locator("[data-testid='stPlotlyChart']").first
    for name in ("North", "Central", "West", "South"):
        assert chart.locator("text", has_text=name).count() >= 1, f"no {name} label on the map"
