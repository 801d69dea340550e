"""Map and profile in a real browser: a click on a ward opens its profile, and links reproduce views."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

import pytest
from shapely.geometry import shape

from tests.e2e.conftest import open_page, shown_exceptions, wait_idle
from trafford_dash.core import config

pytestmark = pytest.mark.e2e

# Map coordinates → pixels: the geo map's projection gives SVG coordinates, which the screen matrix of
# its area paths turns into the page's.
PROJECT = """([lon, lat]) => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    const [x, y] = gd._fullLayout.geo._subplot.projection([lon, lat]);
    const m = gd.querySelector('path.choroplethlocation').getScreenCTM();
    return [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
}"""
MAP_READY = """() => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    const sub = gd && gd._fullLayout && gd._fullLayout.geo && gd._fullLayout.geo._subplot;
    return Boolean(sub && gd.querySelector('path.choroplethlocation'));
}"""


def inside_point(layer: str, name: str) -> tuple[float, float]:
    """A point inside the named area of a map layer (its representative point)."""
    geo = json.loads((config.PROCESSED_DIR / "maps" / f"{layer}.geojson").read_text(encoding="utf-8"))
    feature = next(f for f in geo["features"] if f["properties"]["area_name"] == name)
    point = shape(feature["geometry"]).representative_point()
    return point.x, point.y


def click_area(page: Any, layer: str, name: str) -> None:
    page.wait_for_function(MAP_READY, timeout=60_000)
    x, y = page.evaluate(PROJECT, list(inside_point(layer, name)))
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)


def title(page: Any) -> str:
    return str(page.locator("h1").first.inner_text()).strip()


def test_clicking_a_ward_opens_its_profile_and_the_url_records_it(
    app_url: str, page: Any, browser: Any
) -> None:
    open_page(page, app_url, "map")
    assert shown_exceptions(page) == []
    click_area(page, "ward_2023", "Urmston")
    page.wait_for_url("**/profile?**", timeout=60_000)
    wait_idle(page)
    assert title(page) == "Urmston ward (West): profile"
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert query == {"prof_vin": ["May-2023 wards"], "prof_nbh": ["West"], "prof_ward": ["Urmston"]}
    assert page.locator("[data-testid='stPlotlyChart']").count() >= 1
    assert shown_exceptions(page) == []
    # The same URL in a new browser context (no shared session) shows the same profile.
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        fresh = context.new_page()
        fresh.goto(page.url, wait_until="domcontentloaded")
        wait_idle(fresh)
        assert title(fresh) == "Urmston ward (West): profile"
    finally:
        context.close()


def test_clicking_a_neighbourhood_on_the_plans_wards_opens_its_profile(app_url: str, page: Any) -> None:
    open_page(page, app_url, "map", "map_lvl=Neighbourhoods&map_vin=Pre-2023+wards")
    click_area(page, "neighbourhood_2022", "Central")
    page.wait_for_url("**/profile?**", timeout=60_000)
    wait_idle(page)
    assert title(page) == "Central neighbourhood: profile"
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert query.get("prof_nbh") == ["Central"] and "prof_ward" not in query


def test_a_profile_tab_and_option_survive_a_reload(app_url: str, page: Any) -> None:
    open_page(page, app_url, "profile", "prof_nbh=South")
    page.get_by_role("tab", name="Deprivation").click()
    wait_idle(page)
    page.locator("[data-testid='stPlotlyChart']").first.wait_for()
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert query.get("prof_tab") == ["Deprivation"] and query.get("prof_nbh") == ["South"]
    page.reload(wait_until="domcontentloaded")
    wait_idle(page)
    assert title(page) == "South neighbourhood: profile"
    assert page.get_by_role("tab", name="Deprivation").get_attribute("aria-selected") == "true"
    assert not page.console_errors, page.console_errors
