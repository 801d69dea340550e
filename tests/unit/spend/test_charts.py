"""Spend charts: the right blocks and bars, area labels to click, and uploaded text never rendered as HTML."""

from __future__ import annotations

import pandas as pd
import pytest

from trafford_dash.spend import breakdown as spend
from trafford_dash.spend import budget as budget_upload
from trafford_dash.spend import charts, finance, links


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    budget = links.attach_pillars(spend.plan_budget(), finance.load_spend_pillars())
    return spend.breakdown(budget, "2019/20", ["CCG", "Council"], {"CCG": 300.0})


def test_treemap_blocks_are_the_bodys_areas(table: pd.DataFrame) -> None:
    fig = charts.treemap(table, "CCG")
    trace = fig.data[0]
    assert trace.type == "treemap"
    assert trace.ids[0] == "CCG"
    assert list(trace.ids[1:]) == [
        spend.area_label("CCG", c) for c in table[table["body"] == "CCG"]["category"]
    ]
    assert trace.values[0] == 101
    assert list(trace.values[1:]) == table[table["body"] == "CCG"]["share_pct"].tolist()
    assert "£163.4m" in trace.text[1]  # 55/101 × £300m


def test_treemap_labels_are_legible_or_hidden(table: pd.DataFrame) -> None:
    """Plotly shrinks a small block's label to fit; below a legible size it hides it instead."""
    layout = charts.treemap(table, "CCG").layout
    assert layout.uniformtext.mode == "hide" and layout.uniformtext.minsize >= 11


def test_unlabelled_segments_are_hatched_not_only_coloured(table: pd.DataFrame) -> None:
    trace = charts.treemap(table, "Council").data[0]
    hatched = [label for label, shape in zip(trace.labels, trace.marker.pattern.shape, strict=True) if shape]
    assert hatched == ["Other (label not published) B", "Other (label not published) A"]
    assert all(isinstance(colour, str) for colour in trace.marker.colors)  # explicit, not a colorscale
    assert trace.marker.colorscale is None


def test_bars_carry_their_area_label(table: pd.DataFrame) -> None:
    trace = charts.bars(table, "Council").data[0]
    assert trace.orientation == "h"
    assert trace.customdata[-1][0] == "Council: Adult Client Costs"
    assert trace.x[-1] == 37


def test_uploaded_text_is_escaped_in_labels_and_hover() -> None:
    data = b"year,body,category,share_pct\n2024/25,CCG,<a href='http://x'>click</a>,100\n"
    accepted = budget_upload.validate_budget(data, "b.csv").budget
    assert accepted is not None
    upload = links.attach_pillars(spend.uploaded_budget(accepted), finance.load_spend_pillars())
    table = spend.breakdown(upload, "2024/25", ["CCG"])
    fig = charts.treemap(table, "CCG")
    assert fig.data[0].labels[1] == "&lt;a href='http://x'&gt;click&lt;/a&gt;"
    assert "<a href" not in fig.data[0].hovertext[1]
    assert "<a href" not in charts.bars(table, "CCG").data[0].y[0]


def test_pillar_bars_follow_the_plans_pillar_order(table: pd.DataFrame) -> None:
    fig = charts.pillar_bars(links.spend_by_pillar(table))
    assert [t.name for t in fig.data] == ["NHS Trafford CCG", "Trafford Council"]
    order = list(fig.layout.yaxis.categoryarray)[::-1]
    assert order[0] == "Prevention" and order[-1] == links.UNASSIGNED
    assert order.index("Children's Care") == 1


def test_change_bars_mark_direction_with_sign_and_colour() -> None:
    change = pd.DataFrame(
        {"body": ["CCG", "CCG"], "category": ["A", "B"], "change_pp": [2.0, -1.5], "year": ["2024/25"] * 2}
    )
    trace = charts.change_bars(change).data[0]
    assert list(trace.text) == ["−1.5 pp", "+2.0 pp"]
    assert trace.marker.color[0] != trace.marker.color[1]
