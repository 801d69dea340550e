"""Grant totals by year, programme and organisation, the period covered, sentences and downloads."""

from __future__ import annotations

from datetime import date

import pandas as pd

from trafford_dash.spend import grant_charts
from trafford_dash.spend import grants as spend_grants


def grants() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "identifier": ["G1", "G2", "G3", "G4", "G5"],
            "title": ["t"] * 5,
            "amount_awarded": [100.0, 250.5, 49.5, 1000.0, 10.0],
            "award_date": ["2017-06-01", "2017-07-01", "2019-05-01", "2019-06-01", "2020-02-01"],
            "financial_year": ["2017/18", "2017/18", "2019/20", "2019/20", "2019/20"],
            "programme": ["P", "P", "P", "Q", "Q"],
            "recipient_id": ["A", "B", "A", "C", "A"],
            "recipient_name": ["Org A", "Org B", "Org A", "<b>Org C</b>", "Org A Hub"],
            "source_key": ["k"] * 5,
        }
    )


def test_by_year_sums_counts_and_counts_organisations_once() -> None:
    table = spend_grants.by_year(grants())
    assert table["financial_year"].tolist() == ["2017/18", "2019/20"]
    assert table["amount_gbp"].tolist() == [350.5, 1059.5]
    assert table["grants"].tolist() == [2, 3]
    assert table["organisations"].tolist() == [2, 2]


def test_by_recipient_groups_by_identifier_under_the_latest_name() -> None:
    table = spend_grants.by_recipient(grants())
    assert table["recipient"].tolist() == ["<b>Org C</b>", "Org B", "Org A Hub"]
    assert table["amount_gbp"].tolist() == [1000.0, 250.5, 159.5]
    a = table.set_index("recipient_id").loc["A"]
    assert (a["amount_gbp"], a["grants"], a["first_year"], a["last_year"]) == (159.5, 3, "2017/18", "2019/20")
    assert round(table["share_pct"].sum(), 9) == 100


def test_by_programme_gives_each_programmes_years() -> None:
    table = spend_grants.by_programme(grants()).set_index("programme")
    assert table.loc["Q", "years"] == "2019/20 to 2019/20"
    assert table.loc["P", "amount_gbp"] == 400.0
    assert table.index.tolist() == ["Q", "P"]


def test_years_without_grants_are_named() -> None:
    assert spend_grants.missing_years(grants()["financial_year"]) == ["2018/19"]
    sentence = spend_grants.year_sentence(grants(), spend_grants.by_year(grants()))
    assert "no grants in 2018/19" in sentence
    assert "£1,410 in 5 grants to 3" in sentence
    assert "latest year, 2019/20, has 3 grants totalling £1,060" in sentence


def test_coverage_says_how_old_the_latest_grant_is() -> None:
    cover = spend_grants.coverage(grants(), date(2026, 12, 5))
    assert (cover.first, cover.latest) == (date(2017, 6, 1), date(2020, 2, 1))
    assert cover.months_old == 82
    assert "1 February 2020, 6 years and 10 months before 5 December 2026" in cover.age_sentence()
    assert spend_grants.coverage(grants(), date(2020, 2, 29)).months_old == 0
    assert "0 months" in spend_grants.coverage(grants(), date(2020, 2, 29)).age_sentence()
    assert spend_grants.coverage(grants(), date(2021, 2, 1)).age_sentence().count("1 year ") == 1


def test_recipient_sentence_names_the_largest_and_the_top_tens_share_only_when_more_than_ten() -> None:
    table = spend_grants.by_recipient(grants())
    sentence = spend_grants.recipient_sentence(table, spend_grants.ALL_YEARS)
    assert sentence.startswith("3 organisations received grants across all years.")
    assert "<b>Org C</b> (£1,000 in 1 grant)" in sentence
    assert "ten largest" not in sentence


def test_downloads_carry_period_source_and_licence() -> None:
    out = spend_grants.with_provenance(spend_grants.by_year(grants()), "grants awarded 1 June 2017 to 1 Feb")
    assert {"period", "source", "licence"} <= set(out.columns)
    assert (out["licence"] == "Open Government Licence v3.0").all()
    assert out["source"].str.contains("Trafford Council").all()


def test_charts_escape_organisation_names_and_mark_the_latest_year() -> None:
    table = spend_grants.by_recipient(grants())
    figure = grant_charts.horizontal_bars(table["recipient"], table["amount_gbp"], table["grants"], "£")
    assert "&lt;b&gt;Org C&lt;/b&gt;" in list(figure.data[0].y)
    assert list(figure.data[0].y)[-1] == "&lt;b&gt;Org C&lt;/b&gt;"  # largest drawn at the top
    years = grant_charts.year_bars(spend_grants.by_year(grants()), "2019/20")
    assert list(years.data[0].x) == ["2017/18", "2019/20 (latest in file)"]
    assert list(years.data[0].marker.pattern.shape) == ["", "/"]


def test_two_organisations_with_one_name_keep_two_bars() -> None:
    assert grant_charts.unique_labels(["Footlights", "A", "Footlights"]) == [
        "Footlights",
        "A",
        "Footlights (2)",
    ]


def test_long_names_wrap_onto_lines_rather_than_being_cut_short() -> None:
    name = "Trafford Community Hubs <Earmarked> Funding for the Old Trafford Hub and Friends"
    label = grant_charts.wrapped(name)
    assert "…" not in label and label.count("<br>") >= 2
    assert label.replace("<br>", " ") == name.replace("<", "&lt;").replace(">", "&gt;")
    assert grant_charts.bars_height([label] * 10) > grant_charts.bars_height(["short"] * 10)
