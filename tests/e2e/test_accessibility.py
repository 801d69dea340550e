"""Automated accessibility checks on every page registered in app.py: axe-core, keyboard, colour alone.

axe-core (from the npm registry, installed by ``npm ci``) is injected into each page by Playwright and
run against WCAG 2.1 A and AA. Serious and critical violations fail the test; moderate and minor
ones are written to ``test-results/accessibility.json`` and shown as warnings.

One framework finding is checked separately: Streamlit's sectioned sidebar navigation (which replaces
the top navigation on screens up to 768 px) puts section headings directly inside its ``<ul>`` (rules
``list`` and ``listitem``). Those two rules are run on the rest of the page with that navigation
excluded, so the same fault anywhere in our content still fails.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest

from tests.e2e.conftest import PAGES, AppPage, open_page
from trafford_dash.core import config, palettes

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}
FRAMEWORK_NAV = "[data-testid='stSidebarNavItems']"
NAV_RULES = ["list", "listitem"]
REPORT = config.ROOT / "test-results" / "accessibility.json"

RUN_AXE = """
async ([tags, navRules, nav]) => {
  const rules = Object.fromEntries(navRules.map((id) => [id, {enabled: false}]));
  const only = ['violations'];
  const all = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules, resultTypes: only});
  const rest = await axe.run(
    {exclude: [[nav]]}, {runOnly: {type: 'rule', values: navRules}, resultTypes: only});
  return [...all.violations, ...rest.violations].map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => ({target: n.target.join(' '), html: n.html.slice(0, 200)})),
    count: v.nodes.length,
  }));
}
"""


def _record(url_path: str, violations: list[dict[str, Any]]) -> None:
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(REPORT.read_text(encoding="utf-8")) if REPORT.is_file() else {}
    existing[url_path] = violations
    REPORT.write_text(json.dumps(existing, indent=2), encoding="utf-8")


@pytest.mark.parametrize("app_page", PAGES, ids=[p.label for p in PAGES])
def test_axe_finds_no_serious_violations(app_url: str, page: Any, axe_source: str, app_page: AppPage) -> None:
    open_page(page, app_url, app_page.url_path)
    page.wait_for_timeout(500)  # charts finish drawing after the script run ends
    page.add_script_tag(content=axe_source)
    violations: list[dict[str, Any]] = page.evaluate(RUN_AXE, [TAGS, NAV_RULES, FRAMEWORK_NAV])
    _record(app_page.label, violations)
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    advisory = [f"{v['id']} ({v['impact']}, {v['count']})" for v in violations if v not in failing]
    if advisory:
        warnings.warn(f"{app_page.url_path}: axe advisories {', '.join(advisory)}", stacklevel=1)
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['html'] if v['nodes'] else ''}"
        for v in failing
    ]
    assert not failing, "\n".join(summary)


@pytest.mark.parametrize("app_page", PAGES, ids=[p.label for p in PAGES])
def test_the_keyboard_reaches_the_page_controls(app_url: str, page: Any, app_page: AppPage) -> None:
    """Tabbing from the top reaches the skip link, the navigation and the page's own controls."""
    open_page(page, app_url, app_page.url_path)
    controls = page.locator(
        "[data-testid='stMain'] :is(input, button, select, textarea, [role='combobox'], [role='tab'])"
        ":visible:not([disabled]):not([tabindex='-1'])"
    )
    wanted_main = controls.count() > 0
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    reached: set[str] = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        where = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return 'none';
                if (el.closest("[data-testid='stSkipToContent']")) return 'skip';
                if (el.closest("[data-testid='stTopNav'], [data-testid='stSidebarNav']")) return 'nav';
                const main = el.closest("[data-testid='stMain']");
                return main && el !== main ? 'control' : 'other';
            }"""
        )
        reached.add(where)
        if {"nav", "control"} <= reached or ("nav" in reached and not wanted_main and len(reached) > 3):
            break
    assert "nav" in reached, "the page navigation cannot be reached with the keyboard"
    if wanted_main:
        assert "control" in reached, "none of the page's controls can be reached with the keyboard"


def test_significance_is_never_shown_by_colour_alone() -> None:
    """The shared significance style pairs every colour with its own symbol, marker and word."""
    styles = palettes.SIGNIFICANCE_STYLE
    assert set(styles) >= {"Better", "Similar", "Worse"}
    for label, style in styles.items():
        assert style["symbol"].strip() and style["marker"] and style["text"] == label, label
    assert len({s["symbol"] for s in styles.values()}) == len(styles), "two labels share a symbol"
    assert len({s["marker"] for s in styles.values()}) == len(styles), "two labels share a marker"


def test_the_report_lands_in_an_ignored_directory() -> None:
    ignored = [line.strip().rstrip("/") for line in (config.ROOT / ".gitignore").read_text().splitlines()]
    assert REPORT.parent.name in ignored
