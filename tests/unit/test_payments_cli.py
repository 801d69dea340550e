"""``python -m trafford_dash payments``: one row per group, exact pounds, one-sentence errors."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from tests.unit.test_cli import run
from trafford_dash.core import config
from trafford_dash.store import payment_schema

pytestmark = pytest.mark.store


def test_by_month_in_a_year_as_csv(built_store: None) -> None:
    code, out, err = run("payments", "--by", "month", "--year", "2026/27", "--format", "csv")
    assert code == 0, err
    rows = pd.read_csv(io.StringIO(out), dtype={"amount": str})
    assert list(rows.columns) == ["month", "amount", "payments"]
    assert rows["month"].tolist() == ["2026-04", "2026-05"]
    store = pd.read_parquet(config.PROCESSED_DIR / payment_schema.PAYMENTS_FILE)
    year = store[store["financial_year"] == "2026/27"]
    assert rows["payments"].sum() == len(year)
    pence = sum(int(amount.replace(".", "")) for amount in rows["amount"])
    assert pence == year["amount_pence"].sum()
    assert "part year" in err and "Open Government Licence" in err


@pytest.mark.parametrize("by", ["year", "unit", "category", "plan_category", "pillar", "supplier"])
def test_every_grouping_prints_one_row_per_group(built_store: None, by: str) -> None:
    code, out, _ = run("payments", "--by", by, "--format", "csv")
    assert code == 0
    rows = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert list(rows.columns) == [by, "amount", "payments"]
    assert rows[by].is_unique and len(rows) >= 3


def test_the_table_format_lists_the_years(built_store: None) -> None:
    code, out, _ = run("payments", "--by", "year")
    assert code == 0
    assert out.split()[:3] == ["year", "amount", "payments"]
    assert "2025/26 621913624.42 241764" in " ".join(out.split())


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--by", "month", "--year", "2023/24"],
            "There are no payments for '2023/24'; the years are 2024/25, 2025/26, 2026/27.\n",
        ),
        (
            ["--by", "colour"],
            "--by must be one of year, month, unit, category, plan_category, pillar, supplier, "
            "not 'colour'.\n",
        ),
        (["--by", "year", "--format", "xml"], "--format must be table or csv, not 'xml'.\n"),
    ],
)
def test_bad_arguments_get_one_sentence(built_store: None, argv: list[str], message: str) -> None:
    code, out, err = run("payments", *argv)
    assert (code, out, err) == (1, "", message)
