"""Voluntary and community sector grants: the real 360Giving file loaded, and its totals recomputed
independently from the raw CSV."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pandera.errors
import pytest

from trafford_dash.pipeline import sources
from trafford_dash.pipeline.loaders import grants
from trafford_dash.spend import grants as spend_grants
from trafford_dash.store import schema


def raw_file(mirror: Path) -> Path:
    return sources.fetch(sources.get(grants.GRANTS_KEY), mirror=mirror)


def raw_rows(mirror: Path) -> list[dict[str, str]]:
    with open(raw_file(mirror), encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_real_file_loads_every_grant(mirror: Path) -> None:
    table = grants.load_grants({grants.GRANTS_KEY: raw_file(mirror)})
    rows = raw_rows(mirror)
    assert len(table) == len(rows)
    assert set(table["identifier"]) == {row["Identifier"] for row in rows}
    schema.Grants.validate(table)
    assert (table["source_key"] == grants.GRANTS_KEY).all()


def test_totals_by_year_match_the_raw_file_to_the_penny(mirror: Path) -> None:
    expected: dict[str, Decimal] = defaultdict(Decimal)
    counted: dict[str, int] = defaultdict(int)
    for row in raw_rows(mirror):
        year, month = int(row["Award Date"][:4]), int(row["Award Date"][5:7])
        start = year if month >= 4 else year - 1
        label = f"{start}/{str(start + 1)[2:]}"
        expected[label] += Decimal(row["Amount Awarded"])
        counted[label] += 1
    table = grants.load_grants({grants.GRANTS_KEY: raw_file(mirror)})
    by_year = spend_grants.by_year(table).set_index("financial_year")
    assert sorted(by_year.index) == sorted(expected)
    for label, total in expected.items():
        assert round(Decimal(str(by_year.at[label, "amount_gbp"])), 2) == total, label
        assert by_year.at[label, "grants"] == counted[label], label


def test_organisations_and_programmes_match_the_raw_file(mirror: Path) -> None:
    rows = raw_rows(mirror)
    table = grants.load_grants({grants.GRANTS_KEY: raw_file(mirror)})
    assert table["recipient_id"].nunique() == len({row["Recipient Org:Identifier"] for row in rows})
    by_programme = spend_grants.by_programme(table).set_index("programme")
    for name in {row["Grant Programme:Title"] for row in rows}:
        total = sum(Decimal(r["Amount Awarded"]) for r in rows if r["Grant Programme:Title"] == name)
        assert round(Decimal(str(by_programme.at[name, "amount_gbp"])), 2) == total


def raw_frame(**changes: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "Identifier": ["G1", "G2", "G3"],
            "Title": ["Grant to A", "Grant to B", "Grant to A"],
            "Amount Awarded": ["100", "250.50", "49.5"],
            "Award Date": ["2020-03-31", "2020-04-01", "2021-01-15"],
            "Grant Programme:Title": ["P", "P", "Q"],
            "Recipient Org:Identifier": ["A", "B", "A"],
            "Recipient Org:Name": ["Org A", "Org B", "Org A Hub"],
            "Currency": ["GBP"] * 3,
        }
    )
    return frame.assign(**changes)


def test_financial_years_run_april_to_march() -> None:
    table = grants.tidy_grants(raw_frame())
    assert table.set_index("identifier")["financial_year"].to_dict() == {
        "G1": "2019/20",
        "G2": "2020/21",
        "G3": "2020/21",
    }
    assert table["amount_awarded"].tolist() == [100.0, 250.5, 49.5]


def test_a_file_without_the_360giving_columns_is_refused() -> None:
    with pytest.raises(grants.GrantsError, match="Amount Awarded"):
        grants.tidy_grants(raw_frame().drop(columns=["Amount Awarded"]))


def test_a_grant_of_nothing_or_a_bad_date_fails_validation() -> None:
    with pytest.raises(pandera.errors.SchemaError, match="amount_awarded"):
        grants.tidy_grants(raw_frame(**{"Amount Awarded": ["0", "1", "2"]}))
    with pytest.raises(ValueError):
        grants.tidy_grants(raw_frame(**{"Award Date": ["31/03/2020", "2020-04-01", "2021-01-15"]}))
