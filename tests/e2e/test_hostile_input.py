"""Text from a link or an uploaded file is shown as short plain text, never as Markdown or HTML.

Every page is opened with a hostile value in every URL parameter it binds (read from the code by
:mod:`tests.link_params`, so a new parameter is covered without editing this file), and a local
indicator file with Markdown, HTML, bare URLs and LaTeX in every text column is uploaded and its tile
opened. The page must make no bold text, link, image or formula from that text, fetch nothing from the
address it names, echo it only as a short excerpt, and name every unrecognised parameter in a notice.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

import pytest

from tests.e2e.conftest import PAGES, AppPage, open_page, shown_exceptions, wait_idle
from tests.hostile import HOSTILE, LOCAL_TEXT, TRAP, hostile_link, hostile_local_file
from tests.link_params import page_params, view_variants

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]

EXCERPT = HOSTILE[:40]  # what a notice shows of the value, literally
TOO_MUCH = HOSTILE[:80]  # more than any excerpt may show
NOTICE = "[data-testid='stAlertContentInfo']"

BUILT_FROM_INPUT = f"""() => {{
  const found = [];
  for (const el of document.querySelectorAll("*")) {{
    for (const attr of el.attributes) {{
      // Plotly keeps each label's raw text in data-unformatted; it is never read as markup.
      if (attr.value.includes("{TRAP}") && attr.name !== "data-unformatted") {{
        found.push(`<${{el.tagName}} ${{attr.name}}=${{attr.value}}>`);
      }}
    }}
  }}
  for (const el of document.querySelectorAll("strong, b, em, i, h1, h2, h3, h4, h5, h6, tspan")) {{
    const text = el.textContent;
    const bold = el.tagName !== "TSPAN" || /bold/.test(el.getAttribute("style") || "");
    if (bold && /Data moved|BOLDTAG|^click here$|^go$/.test(text)) {{
      found.push(`<${{el.tagName}}>${{text.slice(0, 40)}}`);
    }}
  }}
  for (const el of document.querySelectorAll(".katex, math")) found.push(`formula ${{el.textContent}}`);
  return found;
}}"""


def _watch_requests(page: Any) -> list[str]:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if TRAP in request.url else None)
    return fetched


def assert_nothing_built_from_input(page: Any, fetched: list[str]) -> None:
    page.wait_for_timeout(500)  # images and charts draw after the script run ends
    assert page.evaluate(BUILT_FROM_INPUT) == []
    assert fetched == [], f"the page fetched an address from outside text: {fetched}"
    text = page.locator("body").inner_text()
    assert TOO_MUCH not in text and "z" * 100 not in text, "outside text is echoed at length"
    assert shown_exceptions(page) == []
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert not page.console_errors, page.console_errors


def _named_in_notices(page: Any) -> set[str]:
    """The parameter names the page's notices quote (as code)."""
    codes = page.locator(f"{NOTICE} code")
    return {codes.nth(i).inner_text().strip() for i in range(codes.count())}


LINKED = [p for p in PAGES if page_params(p.script)]


@pytest.mark.parametrize("app_page", LINKED, ids=[p.label for p in LINKED])
def test_hostile_link_values_are_named_and_shown_as_short_plain_text(
    app_url: str, page: Any, app_page: AppPage
) -> None:
    keys = page_params(app_page.script)
    fetched = _watch_requests(page)
    named: set[str] = set()
    for fixed in [{}, *view_variants(app_page.script)]:
        query = urllib.parse.urlencode(hostile_link(keys, fixed))
        open_page(page, app_url, app_page.url_path, query)
        assert_nothing_built_from_input(page, fetched)
        notices = page.locator(NOTICE)
        assert notices.count() >= 1
        assert EXCERPT in " ".join(notices.nth(i).inner_text() for i in range(notices.count()))
        named |= _named_in_notices(page)
    assert set(keys) <= named, f"no notice for {sorted(set(keys) - named)}"


def _click_tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    wait_idle(page)


def test_a_hostile_local_indicator_file_is_shown_as_plain_text(app_url: str, page: Any) -> None:
    fetched = _watch_requests(page)
    open_page(page, app_url, "pillars", "pillar=Planned+Care")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        {"name": "hostile.csv", "mimeType": "text/csv", "buffer": hostile_local_file()}
    )
    page.get_by_text("locally supplied indicator", exact=False).first.wait_for(timeout=60_000)
    wait_idle(page)
    assert page.locator("[data-testid='stAlertContentError']").count() == 0
    assert page.get_by_text(f"2024 {LOCAL_TEXT}"[:60], exact=False).count() >= 1, "the period is not shown"
    assert_nothing_built_from_input(page, fetched)

    page.get_by_role("button", name="Trend and benchmarks").first.click()
    wait_idle(page)
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    assert page.get_by_text(f"Source {LOCAL_TEXT}"[:60], exact=False).count() >= 1, "no source caption"
    assert_nothing_built_from_input(page, fetched)
    for view in ("All English authorities", "Neighbourhoods"):
        _click_tab(page, view)
        assert_nothing_built_from_input(page, fetched)

    page.get_by_text("Exceptions across all pillars", exact=False).first.click()
    wait_idle(page)
    assert_nothing_built_from_input(page, fetched)
