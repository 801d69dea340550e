"""Spend breakdowns: the plan's figures exactly as published, pounds only where a total is known."""

from __future__ import annotations

import pandas as pd
import pytest

from tests import published
from trafford_dash.spend import breakdown as spend
from trafford_dash.spend import budget as budget_upload
from trafford_dash.spend import change as spend_change
from trafford_dash.spend import finance, links
from trafford_dash.store import export

COUNCIL_PUBLISHED = {
    **published.COUNCIL_SHARES,
    "Other (label not published) A": 2.5,
    "Other (label not published) B": 12.5,
}


@pytest.fixture(scope="module")
def budget() -> pd.DataFrame:
    return links.attach_pillars(spend.plan_budget(), finance.load_spend_pillars())


@pytest.fixture(scope="module")
def both(budget: pd.DataFrame) -> pd.DataFrame:
    return spend.breakdown(budget, "2019/20", ["CCG", "Council"])


def shares(table: pd.DataFrame, body: str) -> dict[str, float]:
    rows = table[table["body"] == body]
    return dict(zip(rows["category"], rows["share_pct"], strict=True))


def uploaded(*rows: str) -> pd.DataFrame:
    data = ("year,body,category,amount_gbp_m,share_pct\n" + "\n".join(rows) + "\n").encode()
    result = budget_upload.validate_budget(data, "b.csv")
    assert result.ok and result.budget is not None, result.errors
    return spend.uploaded_budget(result.budget)


def test_the_plans_figures_appear_exactly_as_in_data(both: pd.DataFrame) -> None:
    assert shares(both, "CCG") == published.CCG_SHARES
    assert shares(both, "Council") == COUNCIL_PUBLISHED
    source = finance.load_finance_splits()
    merged = both.merge(source, on=["year", "body", "category"], suffixes=("", "_data"))
    assert len(merged) == len(source) == 18
    assert (merged["share_pct"] == merged["share_pct_data"]).all()


def test_totals_are_shown_honestly(both: pd.DataFrame) -> None:
    summary = spend.body_summary(both).set_index("body")
    assert summary.loc["CCG", "share_total_pct"] == 101
    assert summary.loc["Council", "share_total_pct"] == 100
    assert summary["amount_total_gbp_m"].isna().all()
    notes = " ".join(spend.breakdown_notes(both))
    assert "CCG shares add up to 101%" in notes
    assert "label not published" in notes
    assert "No pounds are shown" in notes
    assert "Period 2019/20" in notes


def test_no_pounds_without_a_total(both: pd.DataFrame) -> None:
    assert both["amount_gbp_m"].isna().all()
    assert (both["amount_basis"] == "").all()


def test_a_users_total_gives_pounds_that_add_up(budget: pd.DataFrame) -> None:
    table = spend.breakdown(budget, "2019/20", ["CCG", "Council"], {"CCG": 300.0, "Council": None})
    ccg = table[table["body"] == "CCG"]
    assert ccg["amount_gbp_m"].sum() == pytest.approx(300.0)
    acute = float(ccg.loc[ccg["category"] == "Acute", "amount_gbp_m"].iloc[0])
    assert acute == pytest.approx(55 / 101 * 300)
    assert "scaled to 100%" in ccg["amount_basis"].iloc[0]
    assert table.loc[table["body"] == "Council", "amount_gbp_m"].isna().all()
    summary = spend.body_summary(table).set_index("body")
    assert summary.loc["CCG", "amount_total_gbp_m"] == pytest.approx(300.0)


def test_csv_matches_the_screen_and_carries_provenance(budget: pd.DataFrame) -> None:
    table = spend.breakdown(budget, "2019/20", ["CCG"], {"CCG": 200.0})
    out = spend.export_table(table)
    assert {"period", "source", "licence"} <= set(out.columns)
    assert (out["period"] == "2019/20").all()
    assert out["source"].str.contains("LP2019 §7.7").all()
    parsed = pd.read_csv(pd.io.common.StringIO(export.to_csv(out)))
    assert parsed["share_pct"].sum() == 101
    assert parsed["amount_gbp_m"].sum() == pytest.approx(200.0)


def test_an_upload_replaces_only_its_own_year_and_body(budget: pd.DataFrame) -> None:
    upload = uploaded("2024/25,CCG,Acute,120,", "2024/25,CCG,Community,80,")
    combined = spend.combine(spend.plan_budget(), upload)
    assert spend.years(combined) == ["2019/20", "2024/25"]
    assert len(combined[combined["year"] == "2019/20"]) == 18
    same_year = uploaded("2019/20,Council,Everything,,100")
    replaced = spend.combine(spend.plan_budget(), same_year)
    assert replaced[replaced["body"] == "Council"]["category"].tolist() == ["Everything"]
    assert len(replaced[replaced["body"] == "CCG"]) == 9


def test_the_nhs_body_is_named_for_the_year_an_icb_budget_is_for(budget: pd.DataFrame) -> None:
    assert spend.body_name("CCG", "2019/20") == spend.body_name("CCG", "2021/22") == "NHS Trafford CCG"
    assert spend.body_name("CCG") == "NHS Trafford CCG"
    assert spend.body_name("CCG", "2022/23") == "NHS Greater Manchester (Trafford)"
    assert spend.body_name("CCG", "2024/25") == "NHS Greater Manchester (Trafford)"
    assert spend.body_name("Council", "2024/25") == "Trafford Council"
    upload = uploaded("2024/25,ICB,Acute,120,", "2024/25,ICB,Community,80,")
    combined = spend.combine(spend.plan_budget(), upload)
    sentence = spend.breakdown_sentence(spend.breakdown(combined, "2024/25", ["CCG"]))
    assert "NHS Greater Manchester (Trafford)'s spend went on Acute" in sentence
    plan_sentence = spend.breakdown_sentence(spend.breakdown(combined, "2019/20", ["CCG"]))
    assert "NHS Trafford CCG's spend" in plan_sentence


def test_uploaded_amounts_are_used_as_pounds(budget: pd.DataFrame) -> None:
    upload = uploaded("2024/25,CCG,Acute,120,", "2024/25,CCG,Community,80,")
    combined = links.attach_pillars(spend.combine(spend.plan_budget(), upload), finance.load_spend_pillars())
    table = spend.breakdown(combined, "2024/25", ["CCG"], {"CCG": 999.0})
    assert table["amount_gbp_m"].tolist() == [120.0, 80.0]
    assert (table["amount_basis"] == "uploaded amount").all()
    assert table["pillars"].tolist() == ["Planned Care;Urgent Care", "Living Well at Home"]


def test_area_labels_and_chart_selections() -> None:
    assert spend.area_label("CCG", "Acute") == "CCG: Acute"
    assert spend.parse_area("Council: Other: misc") == ("Council", "Other: misc")
    assert spend.parse_area("Nobody: X") is None
    assert spend.parse_area(None) is None
    treemap_click = {"points": [{"id": "CCG: Acute", "label": "Acute", "parent": "CCG"}]}
    assert spend.area_from_selection(treemap_click) == "CCG: Acute"
    bar_click = {"points": [{"y": "Community", "customdata": ["CCG: Community"]}]}
    assert spend.area_from_selection(bar_click) == "CCG: Community"
    assert spend.area_from_selection({"points": [{"id": "CCG", "parent": ""}]}) is None
    assert spend.area_from_selection({"points": []}) is None
    assert spend.area_from_selection(None) is None


def test_area_options_follow_the_bodies(both: pd.DataFrame) -> None:
    options = spend.area_options(both, "2019/20", ["Council"])
    assert options[0] == "Council: Adult Client Costs"
    assert all(option.startswith("Council: ") for option in options)
    assert len(spend.area_options(both, "2019/20", ["CCG", "Council"])) == 18


def test_pillars_for_an_area(both: pd.DataFrame) -> None:
    pillars, basis = links.pillars_for_area(both, "CCG: Acute")
    assert pillars == ["Planned Care", "Urgent Care"]
    assert "elective" in basis
    assert links.pillars_for_area(both, "CCG: Running cost")[0] == []
    assert links.pillars_for_area(both, None) == ([], "")


def test_unknown_categories_are_unassigned_and_say_why() -> None:
    upload = uploaded("2024/25,CCG,Something new,,100")
    table = links.attach_pillars(upload, finance.load_spend_pillars())
    assert table["pillars"].iloc[0] == ""
    assert "not in the spend-to-pillar mapping" in table["pillar_basis"].iloc[0]


def test_spend_by_pillar_splits_shared_spend_equally(both: pd.DataFrame) -> None:
    by_pillar = links.spend_by_pillar(both)
    ccg = by_pillar[by_pillar["body"] == "CCG"].set_index("pillar")
    assert ccg.loc["Planned Care", "share_pct"] == 27.5
    assert ccg.loc["Urgent Care", "share_pct"] == 27.5
    assert bool(ccg.loc["Urgent Care", "includes_split"])
    assert ccg.loc["Prevention", "share_pct"] == 20
    assert ccg.loc[links.UNASSIGNED, "share_pct"] == 3
    assert ccg["share_pct"].sum() == 101
    council = by_pillar[by_pillar["body"] == "Council"].set_index("pillar")
    assert council.loc["Living Well at Home", "share_pct"] == 50
    assert council.loc["Children's Care", "share_pct"] == 35
    assert council.loc[links.UNASSIGNED, "share_pct"] == 15
    sentence = links.pillar_sentence(by_pillar)
    assert "27.5% of NHS Trafford CCG's spend each mainly funds Planned Care and Urgent Care" in sentence
    assert "50% of Trafford Council's spend mainly funds Living Well at Home" in sentence


def test_change_against_the_plans_split(both: pd.DataFrame) -> None:
    upload = uploaded("2024/25,CCG,acute,,60", "2024/25,CCG,Community,,30", "2024/25,CCG,Virtual wards,,10")
    table = spend.breakdown(links.attach_pillars(upload, finance.load_spend_pillars()), "2024/25", ["CCG"])
    change = spend_change.change_vs_plan(table, both[both["body"] == "CCG"])
    rows = change.set_index("category")
    assert rows.loc["acute", "change_pp"] == pytest.approx(5.0)
    assert rows.loc["Community", "change_pp"] == pytest.approx(20.0)
    assert rows.loc["Virtual wards", "status"].startswith("new")
    assert rows.loc["Mental Health", "status"] == "not in this budget"
    sentence = spend_change.change_sentence(change)
    assert "biggest rise is CCG Community (+20.0 percentage points)" in sentence
    assert "1 category is new and 7 of the plan's are not in this budget" in sentence
    fall = spend_change.change_sentence(change.assign(change_pp=-change["change_pp"]))
    assert "biggest fall is CCG Community (−20.0 points)" in fall


def test_breakdown_sentence_is_built_from_the_rows(both: pd.DataFrame) -> None:
    sentence = spend.breakdown_sentence(both)
    assert sentence.startswith(
        "In 2019/20, the largest share of NHS Trafford CCG's spend went on Acute (55%)"
    )
    assert "add up to 101% because each share was rounded" in sentence
    assert "15% sits in 2 segments whose labels were not published" in sentence
    assert spend.breakdown_sentence(both.iloc[0:0]) == "There is no spend breakdown for this choice."


def test_combined_check_compares_with_the_published_total() -> None:
    totals = finance.load_finance_totals()
    text = spend.combined_check({"CCG": 300.0, "Council": 150.0}, "2019/20", totals)
    assert (
        text
        == "Your totals add up to £450.0m; the plan's combined resource for 2019/20 is £459.0m (LP2019 §7.7)."
    )
    assert spend.combined_check({"CCG": 300.0, "Council": None}, "2019/20", totals) is None
    assert spend.combined_check({"CCG": 1.0, "Council": 1.0}, "2030/31", totals) is None


def test_escape_markdown_shows_links_and_tags_literally() -> None:
    text = spend.escape_markdown("[click](javascript:alert(1)) <b>x</b> :red[y]")
    assert "\\[click\\]\\(javascript\\:alert\\(1\\)\\)" in text
    assert "\\<b\\>" in text and "\\:red\\[y\\]" in text


def test_bodies_for() -> None:
    assert spend.bodies_for("Both") == ["CCG", "Council"]
    assert spend.bodies_for(None) == ["CCG", "Council"]
    assert spend.bodies_for("Council") == ["Council"]
