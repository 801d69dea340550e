"""The Compare page in a real browser: a view changed by hand is in the URL, and a copied URL reopened
in a new browser context (no shared session) shows the same view."""

from __future__ import annotations

import urllib.parse
from typing import Any

import pytest

from tests.e2e.conftest import open_page, shown_exceptions, wait_idle

pytestmark = pytest.mark.e2e


def pick(page: Any, key: str, option: str) -> None:
    """Choose ``option`` in the bound select box with widget key ``key`` (typed: long lists are virtual)."""
    page.locator(f".st-key-{key} [data-testid='stSelectbox']").click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)


def selected(page: Any, key: str) -> str:
    return str(page.locator(f".st-key-{key} [data-testid='stSelectbox'] input").first.input_value())


def headings(page: Any) -> list[str]:
    return [text.strip() for text in page.locator("[data-testid='stHeading']").all_inner_texts()]


def summary(page: Any, words: str) -> str:
    """The generated sentence containing ``words``."""
    return str(page.locator("[data-testid='stMarkdown']", has_text=words).first.inner_text())


def reopen(browser: Any, url: str) -> Any:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    fresh = context.new_page()
    fresh.goto(url, wait_until="domcontentloaded")
    wait_idle(fresh)
    return fresh


def test_inequality_view_reopens_from_its_url(app_url: str, page: Any, browser: Any) -> None:
    open_page(page, app_url, "compare")
    page.locator(".st-key-cmp_view button", has_text="Inequality").click()
    wait_idle(page)
    pick(page, "cmp_ineq", "Bad or very bad general health")
    pick(page, "cmp_ilevel", "LSOAs")
    pick(page, "cmp_groups", "National IoD deciles")
    # the rerun for the last choice has drawn when the sentence speaks of deciles of LSOAs
    page.locator("[data-testid='stMarkdown']", has_text="in decile 1 (most deprived)").wait_for()
    page.locator("[data-testid='stHeading']", has_text="by deprivation: LSOAs").wait_for()
    wait_idle(page)
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert query["cmp_view"] == ["Inequality"]
    assert query["cmp_ilevel"] == ["LSOAs"] and query["cmp_groups"] == ["National IoD deciles"]
    expected_headings = headings(page)
    expected_summary = summary(page, "slope index of inequality is")
    assert any("by deprivation: LSOAs" in h for h in expected_headings)
    fresh = reopen(browser, page.url)
    try:
        assert selected(fresh, "cmp_ineq") == "Bad or very bad general health"
        assert selected(fresh, "cmp_ilevel") == "LSOAs"
        assert selected(fresh, "cmp_groups") == "National IoD deciles"
        assert headings(fresh) == expected_headings
        assert summary(fresh, "slope index of inequality is") == expected_summary
        assert fresh.locator("[data-testid='stPlotlyChart']").count() == 1
        assert shown_exceptions(fresh) == []
    finally:
        fresh.context.close()
    assert not page.console_errors, page.console_errors  # type: ignore[attr-defined]


def test_areas_view_with_peers_reopens_from_its_url(app_url: str, page: Any, browser: Any) -> None:
    open_page(page, app_url, "compare")
    pick(page, "cmp_ind", "Adults who smoke, %")
    assert selected(page, "cmp_level") == "Trafford and peers"  # moved to a level where it exists
    pick(page, "cmp_vs", "England")
    page.locator(".st-key-cmp_ci label", has_text="99.8%").click()
    wait_idle(page)
    url = page.url
    assert "cmp_ci=99.8" in url and "cmp_vs=England" in url
    expected = headings(page)
    fresh = reopen(browser, url)
    try:
        assert selected(fresh, "cmp_ind") == "Adults who smoke, %"
        assert selected(fresh, "cmp_level") == "Trafford and peers"
        assert headings(fresh) == expected
        assert fresh.locator(".st-key-cmp_ci input[type='radio']").nth(1).is_checked()
    finally:
        fresh.context.close()


def test_side_by_side_reopens_and_downloads(app_url: str, page: Any, browser: Any) -> None:
    query = urllib.parse.urlencode(
        {"cmp_view": "Side by side", "cmp_areas": ["Trafford", "England"], "cmp_ref": "England"}, doseq=True
    )
    open_page(page, app_url, "compare", query)
    table = page.locator("[data-testid='stTable']")
    table.first.wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the data (CSV)").click()
    text = download.value.path().read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("indicator_id,title,theme,area_code")
    assert "licence" in text.splitlines()[0] and "OGL" in text
    fresh = reopen(browser, page.url)
    try:
        assert (
            headings(fresh) == headings(page) == ["Compare indicators", "Side by side, compared with England"]
        )
    finally:
        fresh.context.close()
