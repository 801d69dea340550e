"""The Overview and Pillars pages in real Chromium: URL state, opening tiles, links between them, uploads."""

from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import open_page, shown_exceptions, wait_idle

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

META = "local_waits,Waits over 52 weeks,Planned Care,people,lower_is_better,E08000009"
GOOD = (
    "indicator_id,title,pillar,unit,polarity,area_code,period,value,source\n"
    f"{META},2024-03,120,Local extract\n"
    f"{META},2025-03,90,Local extract\n"
)


def query(page: Any) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)


def tiles(page: Any) -> Any:
    return page.locator("[data-testid='stMetric']")


def tile_count(page: Any, expected: int) -> int:
    """The number of tiles once the expected number has rendered (metrics draw after the run ends)."""
    tiles(page).nth(expected - 1).wait_for(timeout=60_000)
    page.wait_for_timeout(300)
    return int(tiles(page).count())


def test_pillar_and_indicator_round_trip_through_the_url(app_url: str, page: Any) -> None:
    open_page(page, app_url, "pillars", "pillar=Urgent+Care")
    assert shown_exceptions(page) == []
    assert tile_count(page, 6) == 6
    opener = page.get_by_role("button", name="Trend and benchmarks").first
    opener.wait_for(timeout=60_000)
    opener.click()
    wait_idle(page)
    assert query(page)["pillar"] == ["Urgent Care"] and len(query(page)["ind"]) == 1
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    chosen = query(page)["ind"][0]
    page.goto(page.url, wait_until="domcontentloaded")  # a shared link reopens the same view
    wait_idle(page)
    assert query(page)["ind"] == [chosen]
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    page.get_by_role("button", name="Hide details").click()
    wait_idle(page)
    assert "ind" not in query(page)
    assert not page.console_errors, page.console_errors


def test_choosing_a_pillar_updates_the_url(app_url: str, page: Any) -> None:
    open_page(page, app_url, "pillars")
    page.get_by_role("radio", name="Mental Health", exact=True).click()
    wait_idle(page)
    assert query(page)["pillar"] == ["Mental Health"]
    assert tile_count(page, 6) == 6
    assert page.get_by_text("Plan measures without open data").count() >= 1


def test_overview_links_open_the_pillar(app_url: str, page: Any) -> None:
    open_page(page, app_url, "")
    page.get_by_role("link", name="Open Planned Care").click()
    wait_idle(page)
    assert page.url.split("?")[0].endswith("/pillars")
    assert query(page)["pillar"] == ["Planned Care"]
    assert tile_count(page, 3) == 3
    assert shown_exceptions(page) == []


def test_upload_adds_a_local_tile_and_a_bad_file_changes_nothing(
    app_url: str, page: Any, tmp_path: Path
) -> None:
    good, bad = tmp_path / "local.csv", tmp_path / "bad.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(GOOD.replace(",90,", ",ninety,"), encoding="utf-8")
    open_page(page, app_url, "pillars", "pillar=Planned+Care")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(good))
    page.get_by_text("locally supplied indicator from local.csv").wait_for(timeout=60_000)
    wait_idle(page)
    assert tile_count(page, 4) == 4
    assert page.get_by_text("Locally supplied", exact=False).count() >= 1
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(bad))
    page.get_by_text("which is not a number").wait_for(timeout=60_000)
    wait_idle(page)
    assert page.get_by_text("The data accepted earlier is unchanged.").count() == 1
    assert tile_count(page, 4) == 4
    page.get_by_role("button", name="Reset: remove the local indicators").click()
    wait_idle(page)
    assert tile_count(page, 3) == 3
    assert shown_exceptions(page) == []


def test_an_exception_opens_its_details_where_it_was_pressed(app_url: str, page: Any) -> None:
    open_page(page, app_url, "pillars")
    page.get_by_text("Exceptions across all pillars").first.click()
    wait_idle(page)
    opener = page.get_by_role("button", name="Open").first
    opener.wait_for(timeout=60_000)
    opener.click()
    wait_idle(page)
    closer = page.get_by_role("button", name="Close")
    closer.wait_for(timeout=60_000)
    detail = page.locator("[class*='st-key-pil_detail_']").first
    detail.wait_for(timeout=60_000)
    pressed, shown = closer.bounding_box(), detail.bounding_box()
    viewport = page.viewport_size
    assert pressed and shown and viewport
    # the details start right under the pressed row, inside the window: nothing to scroll to
    assert 0 < shown["y"] - pressed["y"] < 200 and shown["y"] < viewport["height"]
    assert len(query(page)["ind"]) == 1
    assert shown_exceptions(page) == []
