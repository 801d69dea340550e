"""Every page registered in app.py, in real Chromium: clean loads, hostile URLs, URL round trips, clicks."""

from __future__ import annotations

import urllib.parse
from typing import Any

import pytest

from tests.e2e.conftest import PAGES, AppPage, open_page, shown_exceptions, wait_idle

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

IDS = [p.label for p in PAGES]
HOSTILE = "<script>alert(1)</script>"


def test_the_router_registers_pages() -> None:
    assert PAGES, "app.py registers no st.Page"
    assert len({p.url_path for p in PAGES}) == len(PAGES), "two pages share a URL path"
    for app_page in PAGES:
        assert app_page.script.is_file(), f"{app_page.script} is registered but missing"


@pytest.mark.parametrize("app_page", PAGES, ids=IDS)
def test_page_loads_cleanly(app_url: str, page: Any, app_page: AppPage) -> None:
    open_page(page, app_url, app_page.url_path)
    assert shown_exceptions(page) == []
    assert page.locator("h1").count() >= 1, "no page title"
    assert not page.console_errors, page.console_errors


def test_the_default_page_is_served_at_the_root(app_url: str, page: Any) -> None:
    assert sum(p.default for p in PAGES) <= 1
    open_page(page, app_url, "")
    assert shown_exceptions(page) == []
    assert page.locator("h1").count() >= 1
    assert not page.console_errors, page.console_errors


def test_an_unknown_page_falls_back_with_a_notice(app_url: str, page: Any) -> None:
    open_page(page, app_url, "no-such-page")
    assert page.locator("[role='dialog']", has_text="Page not found").count() == 1
    assert page.locator("[data-testid='stException']").count() == 0


@pytest.mark.parametrize("app_page", PAGES, ids=IDS)
def test_unknown_and_hostile_query_values_are_ignored(app_url: str, page: Any, app_page: AppPage) -> None:
    """Unknown parameters, and nonsense or script in the page's own parameters, never break a page.

    A page's own unknown values are ignored with a notice (a one-line info or warning box).
    """
    params = {"zz_unknown": "1", "embed_options": HOSTILE}
    for key in app_page.bound_keys():
        params[key] = HOSTILE
    open_page(page, app_url, app_page.url_path, urllib.parse.urlencode(params))
    assert shown_exceptions(page) == []
    if app_page.bound_keys():
        notices = page.locator("[data-testid='stAlertContentInfo'], [data-testid='stAlertContentWarning']")
        assert notices.count() >= 1, "the page's own unknown URL values are ignored without a notice"
    assert page.locator("h1").count() >= 1
    assert page.dialogs == [], "a script from the URL ran"  # type: ignore[attr-defined]
    assert page.locator("script:has-text('alert(1)')").count() == 0
    assert not page.console_errors, page.console_errors


def _selected(box: Any) -> str:
    """The shown choice of a select box (its combobox input's value)."""
    field = box.locator("input").first
    field.wait_for(timeout=15_000)
    return str(field.input_value())


def _open_options(page: Any, box: Any) -> Any:
    """Open a select box's list of options (by mouse, then by keyboard); return the options."""
    options = page.locator("[role='option']")
    for opener in ("button", "input"):
        target = box.locator(opener).first
        if target.count():
            target.click()
            try:
                options.first.wait_for(timeout=5_000)
                return options
            except Exception:  # try the next way of opening it
                page.keyboard.press("ArrowDown")
                if options.count():
                    return options
    return options


def _first_bound_selectbox(page: Any, keys: list[str]) -> tuple[str, Any] | None:
    for key in keys:
        box = page.locator(f".st-key-{key} [data-testid='stSelectbox']")
        if box.count() == 1 and box.is_visible():
            return key, box
    return None


@pytest.mark.parametrize("app_page", [p for p in PAGES if p.bound_keys()], ids=lambda p: p.label)
def test_a_changed_view_survives_a_reload_from_its_url(app_url: str, page: Any, app_page: AppPage) -> None:
    """Change the first bound select box; the URL records it; opening that URL shows the same view."""
    open_page(page, app_url, app_page.url_path)
    found = _first_bound_selectbox(page, app_page.bound_keys())
    if found is None:
        pytest.skip(f"{app_page.url_path} shows no bound select box on first load")
    key, box = found
    before = _selected(box)
    options = _open_options(page, box)
    if options.count() == 0:
        pytest.skip(f"{key}: its options did not open")
    choices = [options.nth(i).inner_text() for i in range(min(options.count(), 12))]
    target = next((text.strip() for text in choices if text.strip() and text.strip() != before), None)
    if target is None:
        pytest.skip(f"{key} has a single option")
    options.filter(has_text=target).first.click()
    wait_idle(page)
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert key in query, f"{key} is not written to the URL ({page.url})"
    url = page.url
    fresh = page.context.new_page()
    try:
        fresh.goto(url, wait_until="domcontentloaded")
        wait_idle(fresh)
        reopened = fresh.locator(f".st-key-{key} [data-testid='stSelectbox']")
        assert _selected(reopened) == target, f"{key} did not come back from {url}"
        assert shown_exceptions(fresh) == []
    finally:
        fresh.close()


def test_a_map_click_drills_down(app_url: str, page: Any) -> None:
    """Clicking an area on the map opens that area's profile (or selects it), with no error."""
    target = next((p for p in PAGES if p.url_path == "map"), None)
    if target is None:
        pytest.skip("No map page is registered in app.py")
    open_page(page, app_url, target.url_path)
    chart = page.locator("[data-testid='stPlotlyChart']").first
    chart.wait_for(timeout=30_000)  # the map page draws its map by default
    chart.scroll_into_view_if_needed()
    chart.locator("path.choroplethlocation").first.wait_for(timeout=30_000)  # the areas are drawn
    before = page.url
    box = chart.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    page.wait_for_timeout(500)
    wait_idle(page)
    assert shown_exceptions(page) == []
    assert not page.console_errors, page.console_errors
    assert page.url != before, "clicking an area changed nothing"
