"""The plan's money figures are exactly as published (LP2019 §7.7–§9, LP2021), and bad files fail clearly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from tests import published
from tests.plan_edits import edited_plan_copy
from tests.unit.key_facts import key_fact
from trafford_dash.spend import finance
from trafford_dash.store import plan
from trafford_dash.store.schema import PILLARS


def check_shares(splits: pd.DataFrame) -> dict[str, float]:
    """Total published share per body, in percent (e.g. ``{"CCG": 101.0, "Council": 100.0}``).

    Sums over every row given, so pass one year at a time when the table holds several.
    """
    totals = splits.groupby("body", sort=True)["share_pct"].sum()
    return {str(body): round(float(total), 6) for body, total in totals.items()}


def unmapped_categories(splits: pd.DataFrame, spend_pillars: pd.DataFrame) -> list[tuple[str, str]]:
    """(body, category) pairs in ``splits`` that ``spend_pillars`` does not mention."""
    mapped = set(zip(spend_pillars["body"], spend_pillars["category"], strict=True))
    pairs = zip(splits["body"], splits["category"], strict=True)
    return sorted({pair for pair in pairs if pair not in mapped})


def pillars_of(spend_pillars: pd.DataFrame, body: str, category: str) -> list[str]:
    """The pillars a spend category is mapped to ([] for running costs, unlabelled segments …)."""
    row = spend_pillars.loc[(spend_pillars["body"] == body) & (spend_pillars["category"] == category)]
    cell = "" if row.empty else str(row.iloc[0]["pillars"])
    return [part.strip() for part in cell.split(";") if part.strip()]


@pytest.fixture(scope="module")
def splits() -> pd.DataFrame:
    return finance.load_finance_splits()


def _shares(splits: pd.DataFrame, body: str, status: str) -> dict[str, float]:
    rows = splits[(splits["body"] == body) & (splits["label_status"] == status)]
    return dict(zip(rows["category"], rows["share_pct"], strict=True))


def test_ccg_shares_are_the_nine_published_and_sum_to_101(splits: pd.DataFrame) -> None:
    assert _shares(splits, "CCG", "published") == published.CCG_SHARES
    assert _shares(splits, "CCG", "unlabelled") == {}
    assert check_shares(splits)["CCG"] == 101


def test_council_shares_with_two_unlabelled_segments_sum_to_100(splits: pd.DataFrame) -> None:
    assert _shares(splits, "Council", "published") == published.COUNCIL_SHARES
    unlabelled = splits[splits["label_status"] == "unlabelled"]
    assert sorted(unlabelled["share_pct"]) == [2.5, 12.5]
    assert set(unlabelled["body"]) == {"Council"}
    assert unlabelled["category"].str.startswith("Other (label not published)").all()
    assert unlabelled["note"].str.contains("legend order").all()
    assert unlabelled["note"].str.contains("best reading").all()
    assert check_shares(splits) == {"CCG": 101.0, "Council": 100.0}


def test_splits_are_2019_20_percentages_with_no_pounds(splits: pd.DataFrame) -> None:
    assert set(splits["year"]) == {"2019/20"}
    assert splits["amount_gbp_m"].isna().all()
    assert set(splits["source_key"]) == {"LP2019 §7.7"}


def test_totals_are_459_and_512() -> None:
    totals = finance.load_finance_totals()
    got = {(r.year, r.measure): r.amount_gbp_m for r in totals.itertuples()}
    assert got == {("2019/20", "combined_resource"): 459, ("2021/22", "estimated_expenditure"): 512}
    assert totals.set_index("measure").loc["estimated_expenditure", "source_key"] == "LP2021"


def test_trajectories_hold_only_the_stated_points() -> None:
    points = finance.load_finance_trajectories()
    got = {(r.series, r.year): (r.value, r.unit) for r in points.itertuples()}
    assert got == {
        ("ccg_deficit", "first year"): (7, "£m"),
        ("ccg_deficit", "final year"): (1.5, "£m"),
        ("ccg_efficiency_savings", "2020/21 to 2023/24"): (35, "£m"),
        ("ccg_efficiency_rate", "earlier years"): (3.25, "%"),
        ("ccg_efficiency_rate", "final year"): (1.1, "%"),
        ("council_budget_gap", "over three years"): (32, "£m"),
    }
    assert set(points["point_type"]) == {"stated"}
    savings = str(points.set_index("series").loc["ccg_efficiency_savings", "note"])
    assert "total" in savings and "not a yearly amount" in savings
    deficit_notes = " ".join(points.loc[points["series"] == "ccg_deficit", "note"])
    assert "2019/20 to 2023/24" in deficit_notes and "inference" in deficit_notes
    final_rate = str(points.set_index(["series", "year"]).loc[("ccg_efficiency_rate", "final year"), "note"])
    assert "national minimum" in final_rate and "0.5%" in final_rate


def test_efficiency_minimum_and_deficit_addition_are_key_facts() -> None:
    facts = plan.load_table("key_facts")
    assert key_fact("ccg_efficiency_national_minimum", facts) == 1.1
    assert key_fact("ccg_efficiency_deficit_addition", facts) == 0.5
    assert key_fact("combined_resource", facts) == 459
    assert key_fact("estimated_expenditure", facts) == 512


def test_spend_pillars_cover_every_category_and_name_only_the_six(splits: pd.DataFrame) -> None:
    mapping = finance.load_spend_pillars()
    assert unmapped_categories(splits, mapping) == []
    assert len(mapping) == len(splits)
    named = {p.strip() for cell in mapping["pillars"] for p in cell.split(";") if p.strip()}
    assert named <= set(PILLARS)
    assert pillars_of(mapping, "CCG", "Acute") == ["Planned Care", "Urgent Care"]
    assert pillars_of(mapping, "Council", "Children's Placement Costs") == ["Children's Care"]
    assert pillars_of(mapping, "Council", "Other (label not published) A") == []


def test_unmapped_categories_reports_a_missing_mapping(splits: pd.DataFrame) -> None:
    mapping = finance.load_spend_pillars()
    partial = mapping[mapping["category"] != "Acute"]
    assert unmapped_categories(splits, partial) == [("CCG", "Acute")]


def test_amounts_stay_empty_without_a_total(splits: pd.DataFrame) -> None:
    out = finance.finance_with_amounts(splits, None)
    assert out["amount_gbp_m"].isna().all()
    assert out is not splits


def test_amounts_from_a_body_total() -> None:
    tiny = pd.DataFrame(
        {
            "year": ["2019/20"] * 3,
            "body": ["CCG"] * 3,
            "category": ["a", "b", "c"],
            "share_pct": [50.0, 30.0, 21.0],
            "amount_gbp_m": [float("nan")] * 3,
        }
    )
    out = finance.finance_with_amounts(tiny, 200.0)
    assert out["amount_gbp_m"].tolist() == pytest.approx([100.0, 60.0, 42.0])
    scaled = finance.finance_with_amounts(tiny, 202.0, normalise=True)
    assert scaled["amount_gbp_m"].sum() == pytest.approx(202.0)
    assert scaled["amount_gbp_m"].iloc[0] == pytest.approx(100.0)
    assert tiny["amount_gbp_m"].isna().all()


def test_a_total_needs_a_single_body(splits: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="one body in one year"):
        finance.finance_with_amounts(splits, 459.0)
    with pytest.raises(ValueError, match="positive amount"):
        finance.finance_with_amounts(splits[splits["body"] == "CCG"], 0.0)


def _one_sentence(message: str) -> None:
    assert message.endswith(".")
    assert message.count(". ") == 0 and "\n" not in message


def test_bad_share_names_file_row_and_problem(tmp_path: Path) -> None:
    bad = edited_plan_copy(tmp_path, "finance_splits", "CCG,Mental Health,9,", "CCG,Mental Health,nine,")
    with pytest.raises(ValueError) as caught:
        finance.load_finance_splits(bad)
    message = str(caught.value)
    assert message == f"{bad} row 2 (line 3): share_pct is 'nine', which is not a number."
    _one_sentence(message)


@pytest.mark.parametrize(
    ("loader", "name", "old", "new", "expected"),
    [
        (
            finance.load_finance_splits,
            "finance_splits",
            "2019/20,Council,Adult Client",
            "2019/20,Counsel,Adult Client",
            r"row 10 \(line 11\): body is 'Counsel', which is not one of",
        ),
        (
            finance.load_finance_totals,
            "finance_totals",
            "LP2021\n",
            "LP2012\n",
            r"row 2 \(line 3\): source_key is 'LP2012'",
        ),
        (
            finance.load_finance_splits,
            "finance_splits",
            "CCG,Acute,55,",
            "CCG,Acute,65,",
            r"the CCG shares for 2019/20 sum to 111%, not 100%",
        ),
        (
            finance.load_spend_pillars,
            "spend_pillars",
            "CCG,Mental Health,Mental Health",
            "CCG,Acute,Mental Health",
            r"row 2 \(line 3\) repeats the body and category",
        ),
        (
            finance.load_finance_trajectories,
            "finance_trajectories",
            "ccg_deficit,first year",
            "ccg_deficit,first, year",
            r"row 1 \(line 2\) has 8 fields but the header has 7",
        ),
    ],
    ids=["unknown body", "bad citation", "shares do not add up", "repeated category", "unquoted comma"],
)
def test_bad_finance_rows_fail(
    tmp_path: Path, loader: Callable[[Path], object], name: str, old: str, new: str, expected: str
) -> None:
    bad = edited_plan_copy(tmp_path, name, old, new)
    with pytest.raises(ValueError, match=expected):
        loader(bad)


def test_unknown_pillar_in_mapping_fails(tmp_path: Path) -> None:
    bad = edited_plan_copy(
        tmp_path, "spend_pillars", "Planned Care;Urgent Care", "Planned Care;Emergency Care"
    )
    with pytest.raises(ValueError) as caught:
        finance.load_spend_pillars(bad)
    assert "row 1 (line 2): pillars is 'Planned Care;Emergency Care'" in str(caught.value)
    _one_sentence(str(caught.value))
