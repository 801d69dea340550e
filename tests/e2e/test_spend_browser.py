"""The spend page in real Chromium: clicking a spend area, the URL state, uploads and the board pack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import wait_idle

pytestmark = pytest.mark.e2e


def open_spend(page: Any, base: str, query: str = "") -> None:
    page.goto(f"{base}/spend{query}")
    wait_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0


def test_clicking_a_treemap_block_shows_that_pillars_indicators(app_url: str, page: Any) -> None:
    open_spend(page, app_url)
    chart = page.locator(".st-key-spend_tree_ccg")
    chart.scroll_into_view_if_needed()
    block = chart.locator("g.slice", has_text="Mental Health").first
    block.wait_for()
    box = block.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**spend_area=CCG%3A+Mental+Health**", timeout=30_000)
    wait_idle(page)
    assert page.get_by_role("tab", name="Mental Health").count() == 1
    assert page.get_by_text("mainly funds").first.is_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    errors = [e for e in page.console_errors if "Failed to load resource" not in e]
    assert not errors, errors


def test_a_shared_link_restores_body_and_area(app_url: str, page: Any) -> None:
    open_spend(page, app_url, "?spend_body=Council&spend_area=Council%3A+Adult+Client+Costs")
    assert page.locator(".st-key-spend_tree_ccg").count() == 0
    assert page.locator(".st-key-spend_tree_council").count() == 1
    assert page.get_by_role("tab", name="Living Well at Home").count() == 1


def test_a_bad_upload_is_refused_with_a_message(app_url: str, page: Any, tmp_path: Path) -> None:
    open_spend(page, app_url)
    bad = tmp_path / "budget.csv"
    bad.write_text("year,body,category,share_pct\n2024/25,CCG,Acute,50\n", encoding="utf-8")
    page.locator(".st-key-spend_upload input[type='file']").set_input_files(str(bad))
    page.get_by_text("add up to 50%").wait_for(timeout=30_000)
    wait_idle(page)
    assert page.get_by_text("have not changed").first.is_visible()


def test_a_valid_upload_switches_the_page_to_its_year(app_url: str, page: Any, tmp_path: Path) -> None:
    open_spend(page, app_url, "?spend_year=2019%2F20")
    good = tmp_path / "budget.csv"
    good.write_text(
        "year,body,category,share_pct\n2025/26,ICB,Acute,60\n2025/26,ICB,Other,40\n", encoding="utf-8"
    )
    page.locator(".st-key-spend_upload input[type='file']").set_input_files(str(good))
    page.get_by_text("now shows 2025/26").wait_for(timeout=30_000)
    wait_idle(page)
    assert page.get_by_role("heading", name="Where the money goes, 2025/26").count() == 1
    assert (
        page.locator(".st-key-spend_tree_ccg").get_by_text("NHS Greater Manchester (Trafford)").count() >= 1
    )


def test_board_pack_downloads_as_print_ready_html(app_url: str, page: Any) -> None:
    open_spend(page, app_url)
    button = page.locator(".st-key-spend_board_pack button")
    button.scroll_into_view_if_needed()
    with page.expect_download() as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename.startswith("trafford_spend_board_pack_")
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "Prepared" in text and "LP2019" in text and "<svg" in text
