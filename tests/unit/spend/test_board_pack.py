"""The board pack: one self-contained, print-ready HTML file with the date, sources and escaped text."""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd

from trafford_dash.spend import board_pack, finance, links, trajectory
from trafford_dash.spend import breakdown as spend
from trafford_dash.store import plan


def pack_inputs(category: str = "Acute") -> board_pack.SpendPackInputs:
    budget = links.attach_pillars(spend.plan_budget(), finance.load_spend_pillars())
    budget.loc[budget["category"] == "Acute", "category"] = category
    table = spend.breakdown(budget, "2019/20", ["CCG", "Council"])
    by_pillar = links.spend_by_pillar(table)
    points = finance.load_finance_trajectories()
    outcomes = pd.DataFrame(
        {
            "indicator": ["Adults who smoke, %"],
            "trafford": ["7.4%"],
            "england": ["10.4%"],
            "period": ["2024"],
            "badge": ["● Similar"],
            "source": ["OHID Fingertips via Trafford Data Lab"],
        }
    )
    return board_pack.SpendPackInputs(
        year="2019/20",
        bodies=["CCG", "Council"],
        breakdown=spend.export_table(table),
        breakdown_sentence=spend.breakdown_sentence(table),
        by_pillar=by_pillar,
        pillar_sentence=links.pillar_sentence(by_pillar),
        finance_totals=finance.load_finance_totals(),
        trajectories=trajectory.export_points(trajectory.with_interpolation(points, False)),
        trajectory_sentences=[trajectory.sentence(points, s) for s in trajectory.LAYOUTS],
        documents=plan.load_table("documents"),
        area="CCG: Primary Care",
        outcomes=[("Prevention", outcomes, "Of 1 indicators linked to Prevention …")],
        notes=spend.breakdown_notes(table),
    )


def test_pack_has_date_sources_tables_and_charts() -> None:
    html = board_pack.spend_board_pack(pack_inputs(), datetime(2025, 3, 4, 9, 30))
    assert html.startswith("<!DOCTYPE html>")
    assert "Prepared 04 March 2025, 09:30" in html
    assert "LP2019: Trafford Together Locality Plan 2019–2024 (November 2019)" in html
    assert "LP2021:" in html
    assert "OHID Fingertips via Trafford Data Lab" in html
    assert "Open Government Licence v3.0" in html
    assert html.count("<svg") == 2
    assert "What CCG: Primary Care buys: Prevention outcomes" in html
    assert "£459" in html or ">459<" in html
    assert "101%" in html
    assert "@page" in html and "@media print" in html


def test_pack_is_self_contained() -> None:
    html = board_pack.spend_board_pack(pack_inputs(), datetime(2025, 3, 4))
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["']?https?://""", html)


def test_uploaded_text_is_escaped() -> None:
    html = board_pack.spend_board_pack(pack_inputs("<script>alert(1)</script>"), datetime(2025, 3, 4))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_svg_bars_handle_negative_values() -> None:
    svg = board_pack.svg_bars(["up", "down"], [2.0, -1.0], ["+2", "−1"], "Change")
    assert svg.startswith("<svg") and "<title>Change</title>" in svg
    assert svg.count("<rect") == 2
    assert 'fill="#e66101"' in svg and 'fill="#5e3c99"' in svg


def test_html_table_escapes_and_formats() -> None:
    table = board_pack.html_table(pd.DataFrame({"a": ["<b>x</b>", None], "b": [1.5, float("nan")]}))
    assert "&lt;b&gt;x&lt;/b&gt;" in table
    assert '<td class="num">1.5</td>' in table
    assert table.count("—") == 2
