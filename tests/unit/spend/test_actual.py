"""Actual spend from the payments: months and the latest full month, shares with "Not mapped" last,
like-for-like change, the plan's split beside today's, suppliers, sentences and downloads."""

from __future__ import annotations

import pandas as pd
import pytest

from trafford_dash.spend import actual, actual_charts, actual_pack


def years() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "financial_year": ["2024/25", "2025/26"],
            "first_month": ["2024-04", "2025-04"],
            "last_full_month": ["2025-03", "2025-05"],
            "part_year": [False, True],
        }
    )


def by_month() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month": ["2024-04", "2025-03", "2025-04", "2025-05", "2025-06"],
            "amount": [100.0, 200.0, 50.0, 70.0, 5.0],
            "payments": [1, 2, 3, 4, 5],
        }
    )


def test_monthly_sets_the_year_and_marks_months_after_the_last_full_one() -> None:
    table = actual.monthly(by_month(), years())
    assert table["financial_year"].tolist() == ["2024/25", "2024/25", "2025/26", "2025/26", "2025/26"]
    assert table["complete"].tolist() == [True, True, True, True, False]
    assert actual.latest_full_month(table) == "2025-05"


def test_year_sentence_names_the_latest_full_month_and_the_part_year() -> None:
    table = actual.monthly(by_month(), years())
    text = actual.year_sentence(table, "2025/26", "2025/26 is a part year.")
    assert "£125 net of refunds, across 12 payments" in text
    assert "The latest full month, May 2025, came to £70." in text
    assert text.endswith("2025/26 is a part year.")


def grouped() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "pillar": ["Not mapped", "Prevention", "Children's Care"],
            "amount": [500.0, 100.0, 400.0],
            "payments": [5, 1, 4],
        }
    )


def test_shares_put_the_largest_first_and_not_mapped_last() -> None:
    table = actual.shares(grouped(), "pillar")
    assert table["pillar"].tolist() == ["Children's Care", "Prevention", "Not mapped"]
    assert table["share_pct"].tolist() == [40.0, 10.0, 50.0]
    assert "50.0% of the spend is matched" in actual.mapped_sentence(table, "pillar", "a pillar")
    assert '£500 is "Not mapped"' in actual.mapped_sentence(table, "pillar", "a pillar")
    assert actual.largest_sentence(table, "pillar", "pillar").startswith(
        "The largest pillar is Children's Care"
    )


def test_previous_months_compare_like_for_like() -> None:
    assert actual.previous_months(["2026-04", "2026-05"]) == ["2025-04", "2025-05"]
    assert actual.previous_year("2026/27") == "2025/26"
    assert actual.previous_year("2000/01") == "1999/00"


def test_year_on_year_keeps_groups_on_either_side_and_says_the_change() -> None:
    now = pd.DataFrame({"pillar": ["Prevention", "Mental Health"], "amount": [150.0, 10.0]})
    before = pd.DataFrame({"pillar": ["Prevention", "Not mapped"], "amount": [100.0, 60.0]})
    table = actual.year_on_year(now, before, "pillar").set_index("pillar")
    assert table.loc["Prevention", "change"] == 50.0 and table.loc["Prevention", "change_pct"] == 50.0
    assert table.loc["Mental Health", "amount_before"] == 0.0 and pd.isna(
        table.loc["Mental Health", "change_pct"]
    )
    assert table.loc["Not mapped", "amount"] == 0.0
    text = actual.change_sentence(table.reset_index(), "pillar", "2025/26", "2024/25")
    assert text.startswith("Net spend in 2025/26 was £160, 0.0% more than £160 in 2024/25.")
    assert "The biggest rise was Prevention (+£50)." in text


def test_then_and_now_compares_shares_of_matched_spend_only() -> None:
    plan = pd.DataFrame(
        {
            "body": ["Council", "Council", "Council", "CCG"],
            "category": [
                "Adult Client Costs",
                "Children's Placement Costs",
                "Other (label not published) A",
                "Acute",
            ],
            "share_pct": [60.0, 30.0, 10.0, 100.0],
        }
    )
    now = pd.DataFrame(
        {
            "plan_category": ["Adult Client Costs", "Children's Placement Costs", "Not mapped"],
            "amount": [75.0, 25.0, 900.0],
        }
    )
    table = actual.then_and_now(plan, now).set_index("plan_category")
    assert table.loc["Adult Client Costs", "share_pct"] == 75.0
    assert table.loc["Adult Client Costs", "change_pp"] == 15.0
    assert table.loc["Children's Placement Costs", "change_pp"] == -5.0
    assert table.loc["Other (label not published) A", "note"] == "no payments matched to this category"
    assert "Acute" not in table.index and "Not mapped" not in table.index
    text = actual.then_and_now_sentence(table.reset_index(), "2025/26")
    assert "biggest rise is Adult Client Costs, 75.0% of the matched spend in 2025/26 against 60.0%" in text
    assert "approximate" in text


def test_suppliers_keep_other_and_redacted_as_their_own_lines_and_sum_to_the_total() -> None:
    grouped = pd.DataFrame(
        {
            "supplier": ["A Ltd", "B Ltd", "C Ltd", "Other suppliers", "Redacted"],
            "amount": [50.0, 30.0, 10.0, 7.0, 3.0],
            "payments": [1, 1, 1, 1, 1],
        }
    )
    table = actual.suppliers(grouped, top=2)
    assert table["supplier"].tolist() == [
        "A Ltd",
        "B Ltd",
        "Other suppliers",
        "Redacted",
        "All other named suppliers (1)",
    ]
    assert table["amount"].sum() == pytest.approx(100.0)
    assert table.set_index("supplier").loc["Other suppliers", "note"].startswith("Suppliers not recognisably")
    assert table.set_index("supplier").loc["A Ltd", "note"] == ""


def test_downloads_carry_period_source_licence_and_the_mapping_caveat() -> None:
    out = actual.with_provenance(
        actual.shares(grouped(), "pillar"), "2025/26 (payments April 2025 to March 2026)"
    )
    assert (out["licence"] == "Open Government Licence v3.0").all()
    assert out["source"].str.contains("Trafford Council").all()
    assert out["method"].str.contains("reviewed mapping").all()


def test_money_reads_well() -> None:
    assert [actual.money(v) for v in (621_900_000, 48_300, 950, -2_500_000)] == [
        "£621.9m",
        "£48.3k",
        "£950",
        "−£2.5m",
    ]


def test_charts_hatch_not_mapped_and_incomplete_months_and_escape_labels() -> None:
    table = actual.shares(grouped().assign(pillar=["Not mapped", "<b>x</b>", "Children's Care"]), "pillar")
    figure = actual_charts.share_bars(table, "pillar")
    assert list(figure.data[0].y) == ["Not mapped", "&lt;b&gt;x&lt;/b&gt;", "Children's Care"]
    assert list(figure.data[0].marker.pattern.shape) == ["/", "", ""]
    months = actual_charts.months(actual.monthly(by_month(), years()), "2025-05")
    assert list(months.data[0].marker.pattern.shape) == ["", "", "", "", "/"]
    notes = [note.text for note in months.layout.annotations]
    assert any(text.startswith("Latest full month: May 2025") for text in notes)
    assert [text for text in notes if "/" in text] == ["2024/25", "2025/26"]  # each year's first month
    assert [line.x0 for line in months.layout.shapes] == ["2024-04-01", "2025-04-01"]


def test_the_pack_sections_name_the_year_and_the_source() -> None:
    table = actual.monthly(by_month(), years())
    shares = actual.shares(grouped(), "pillar")
    change = actual.year_on_year(shares, shares, "pillar")
    plan = pd.DataFrame({"body": ["Council"], "category": ["Adult Client Costs"], "share_pct": [100.0]})
    then_now = actual.then_and_now(
        plan, pd.DataFrame({"plan_category": ["Adult Client Costs"], "amount": [1.0]})
    )
    inputs = actual_pack.ActualPackInputs(
        "2025/26", "2025/26 (part)", "", table, shares, then_now, change, "2024/25"
    )
    sections = actual_pack.sections(inputs)
    assert sections[0].heading == "Actual spend, 2025/26: the Council's payments by month"
    assert all(any("Open Government Licence v3.0" in note for note in s.notes) for s in sections)
    assert len(sections[0].table) == 3  # the chosen year's months only


def test_the_pack_gives_only_a_sentence_when_nothing_came_a_year_earlier() -> None:
    table = actual.monthly(by_month(), years())
    shares = actual.shares(grouped(), "pillar")
    change = actual.year_on_year(shares, shares.iloc[0:0], "pillar")
    plan = pd.DataFrame({"body": ["Council"], "category": ["Adult Client Costs"], "share_pct": [100.0]})
    then_now = actual.then_and_now(
        plan, pd.DataFrame({"plan_category": ["Adult Client Costs"], "amount": [1.0]})
    )
    inputs = actual_pack.ActualPackInputs(
        "2024/25", "2024/25", "", table, shares, then_now, change, "2023/24"
    )
    last = actual_pack.sections(inputs)[-1]
    assert last.summary.startswith("There are no payments in 2023/24")
    assert last.table is None and last.chart_svg == ""
