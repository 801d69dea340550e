"""Under AppTest: text from the address bar or an uploaded file reaches Markdown only as a short code span.

Every page is run with a hostile value in every URL parameter it binds (read from the code, so a new
parameter is covered automatically); the Pillars page is run with a hostile local indicator file. No
element that Streamlit renders as Markdown may hold that text outside a code span, and every
unrecognised parameter must be named in a notice. The browser suite checks the same in the DOM.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_runs import run_app
from tests.hostile import TRAP, hostile_link, hostile_local_file
from tests.link_params import page_params, view_variants
from trafford_dash.core import config
from trafford_dash.core.plain_text import EXCERPT_CHARS
from trafford_dash.pillars import local_indicators
from trafford_dash.pillars.ui.data import LOCAL_STATE
from trafford_dash.store import reader

CODE_SPAN = re.compile(r"(`+)(.*?)\1")
NAMED = re.compile(r"\(`([a-z_]+)`\)")
LINKED = [p for p in sorted((config.ROOT / "app_pages").glob("*.py")) if page_params(p)]
MARKDOWN_ELEMENTS = ("markdown", "caption", "info", "success", "warning", "error", "title", "header")


def run(script: Path, params: dict[str, str], state: dict[str, object] | None = None) -> AppTest:
    return run_app(f"app_pages/{script.name}", params, state)


def markdown_texts(app: AppTest) -> list[str]:
    """The bodies of every element Streamlit renders as Markdown (metric labels, values and deltas too)."""
    texts = [str(e.value) for kind in MARKDOWN_ELEMENTS for e in getattr(app, kind)]
    for metric in app.metric:
        texts += [str(metric.label), str(metric.value), str(metric.delta or "")]
    return texts


def assert_outside_text_only_in_code_spans(app: AppTest) -> None:
    for text in markdown_texts(app):
        rest = CODE_SPAN.sub("", text)
        assert TRAP not in rest and "BOLDTAG" not in rest and "Moved" not in rest, text[:300]
        for span in CODE_SPAN.finditer(text):
            assert len(span[2]) <= EXCERPT_CHARS + 2, f"an echoed value is too long: {span[2][:80]}…"


@pytest.mark.parametrize("script", LINKED, ids=[p.stem for p in LINKED])
def test_every_hostile_link_value_is_named_and_quoted_short(built_store: None, script: Path) -> None:
    keys = page_params(script)
    named: set[str] = set()
    for fixed in [{}, *view_variants(script)]:
        app = run(script, hostile_link(keys, fixed))
        assert_outside_text_only_in_code_spans(app)
        named |= {key for info in app.info for key in NAMED.findall(str(info.value))}
    assert set(keys) <= named, f"no notice for {sorted(set(keys) - named)}"


def test_a_hostile_local_indicator_file_reaches_markdown_nowhere(built_store: None) -> None:
    areas = local_indicators.known_areas(reader.load_table("areas"))
    held = local_indicators.parse_upload(hostile_local_file(), "hostile <b>x</b>.csv", areas)
    pillars = config.ROOT / "app_pages" / "pillars.py"
    state = {LOCAL_STATE: held, "pil_exceptions": True}
    app = run(pillars, {"pillar": "Planned Care"}, state)
    assert_outside_text_only_in_code_spans(app)
    assert any("Source **Moved**" in t.value for t in app.text), "the file's source is shown as plain text"
    for view in ("Trend", "All English authorities", "Neighbourhoods"):
        opened = run(pillars, {"pillar": "Planned Care", "ind": "local_hostile", "pil_view": view}, state)
        assert_outside_text_only_in_code_spans(opened)
        assert opened.get("plotly_chart") or view == "All English authorities"
        for chart in opened.get("plotly_chart"):
            assert "<b>BOLDTAG" not in chart.proto.spec and "<a href" not in chart.proto.spec
