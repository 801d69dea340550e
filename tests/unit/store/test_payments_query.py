"""The DuckDB payments queries give what pandas gives on the same parquet file, for any grouping."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from trafford_dash.core import config
from trafford_dash.store import checks, payment_schema, payments

pytestmark = pytest.mark.store


@pytest.fixture(scope="module")
def table(built_store: None) -> pd.DataFrame:
    return pd.read_parquet(config.PROCESSED_DIR / payment_schema.PAYMENTS_FILE)


def _pandas(table: pd.DataFrame, by: list[str], **filters: str | list[str]) -> pd.DataFrame:
    rows = table
    for name, wanted in filters.items():
        rows = rows[rows[payments.DIMENSIONS[name]].isin([wanted] if isinstance(wanted, str) else wanted)]
    columns = [payments.DIMENSIONS[name] for name in by]
    grouped = rows.groupby(columns, sort=True).agg(
        amount_pence=("amount_pence", "sum"), payments=("amount_pence", "size")
    )
    return grouped.reset_index().set_axis([*by, "amount_pence", "payments"], axis=1)


CASES = [
    (["year"], {}),
    (["month"], {"year": "2025/26"}),
    (["pillar", "plan_category"], {"year": ["2024/25", "2025/26"]}),
    (["supplier"], {"pillar": "Children's Care", "month": ["2025-04", "2025-05"]}),
    (["unit", "category", "month"], {"plan_category": "Adult Client Costs"}),
]


@pytest.mark.parametrize(("by", "filters"), CASES)
def test_queries_equal_pandas(
    table: pd.DataFrame, by: list[str], filters: dict[str, str | list[str]]
) -> None:
    got = payments.totals(by, **filters)
    expected = _pandas(table, by, **filters)
    assert len(got) > 0
    pd.testing.assert_frame_equal(
        got[[*by, "amount_pence", "payments"]].reset_index(drop=True),
        expected.reset_index(drop=True),
        check_dtype=False,
    )
    assert (got["amount"] * 100).round().astype("int64").tolist() == got["amount_pence"].tolist()


def test_grand_total_and_an_empty_selection(table: pd.DataFrame) -> None:
    total = payments.totals()
    assert total.loc[0, "amount_pence"] == table["amount_pence"].sum()
    assert total.loc[0, "payments"] == len(table)
    pd.testing.assert_frame_equal(payments.totals("year"), payments.totals(["year"]))
    nothing = payments.totals(["month"], supplier="'; DROP TABLE payments; --")
    assert nothing.empty
    assert payments.totals().loc[0, "payments"] == len(table)  # the bound value was only a value


def test_unknown_dimensions_and_years_are_one_sentence(built_store: None) -> None:
    with pytest.raises(payment_schema.PaymentsQueryError, match="cannot be grouped or filtered by 'colour'"):
        payments.totals(["colour"])
    with pytest.raises(payment_schema.PaymentsQueryError, match="by 'amount; DROP'"):
        payments.totals(["year"], **{"amount; DROP": "x"})
    with pytest.raises(payment_schema.PaymentsQueryError, match="the years are 2024/25, 2025/26, 2026/27"):
        payments.check_year("2023/24")


def test_years_latest_full_month_and_part_year_note(built_store: None) -> None:
    assert payments.latest_full_month() == "2026-05"
    assert payments.part_year_note("2025/26") == ""
    assert (
        payments.part_year_note("2026/27")
        == "2026/27 is a part year: payments from April 2026 to May 2026 only."
    )
    assert payments.values("year") == ["2024/25", "2025/26", "2026/27"]
    assert "Not classified" in payments.values("category", year="2026/27")


def test_share_mapped_and_spend_per_resident(table: pd.DataFrame) -> None:
    share = payments.share_mapped("plan_category", year="2025/26")
    year = table[table["financial_year"] == "2025/26"]
    mapped = year.loc[year["plan_category"] != "Not mapped", "amount_pence"].sum()
    assert share.mapped_amount == pytest.approx(mapped / 100)
    assert share.share == pytest.approx(mapped / year["amount_pence"].sum())
    assert 0.2 < share.share < 0.9
    per_resident = payments.spend_per_resident_by_pillar("2025/26")
    assert "Not mapped" in set(per_resident["pillar"])
    assert per_resident["population"].iloc[0] > 200_000
    assert per_resident["amount"].sum() == pytest.approx(year["amount_pence"].sum() / 100)
    assert (per_resident["per_resident"] * per_resident["population"]).sum() == pytest.approx(
        per_resident["amount"].sum()
    )


def test_threads_can_ask_at_once(built_store: None) -> None:
    asks = [(["month"], {"year": "2025/26"}), (["pillar"], {}), (["supplier"], {"pillar": "Prevention"})] * 4
    alone = [payments.totals(by, **filters) for by, filters in asks]
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(lambda ask: payments.totals(ask[0], **ask[1]), asks))
    for one, other in zip(alone, together, strict=True):
        pd.testing.assert_frame_equal(one, other)


def test_mapping_reasons_explain_every_pound(table: pd.DataFrame) -> None:
    reasons = payments.mapping_reasons(year="2025/26")
    year = table[table["financial_year"] == "2025/26"]
    assert reasons["amount_pence"].sum() == year["amount_pence"].sum()
    assert reasons["payments"].sum() == len(year)
    assert reasons["reason"].str.len().min() >= 20
    unmatched = reasons[reasons["mapping_rule"] == 0]
    assert unmatched["reason"].tolist() == [payments.NO_RULE]
    assert set(unmatched["plan_category"]) == {"Not mapped"}
    capital = reasons[reasons["reason"].str.startswith("Capital spending")]
    assert len(capital) == 1 and capital["pillar"].tolist() == ["Not mapped"]


def test_pounds_are_exact() -> None:
    assert payments.pounds(-1234) == "-12.34"
    assert payments.pounds(5) == "0.05"
    assert payments.pounds(62191362442) == "621913624.42"


def test_the_synthetic_store_answers_without_a_mirror(synthetic_store: Path) -> None:
    by_year = payments.totals(["year"], directory=synthetic_store)
    assert by_year["year"].tolist() == ["2025/26", "2026/27"]
    assert by_year["amount_pence"].tolist() == [1_250_000 - 50_000 + 800_000 + 300_000 + 2_000_000, 999_999]
    assert by_year["payments"].tolist() == [5, 1]  # the refund is a payment of its own
    assert payments.part_year_note("2026/27", directory=synthetic_store).startswith("2026/27 is a part year")
    share = payments.share_mapped("pillar", directory=synthetic_store, year="2025/26")
    assert share.mapped_amount == pytest.approx((1_200_000 + 800_000 + 300_000) / 100)


def test_a_rebuilt_payments_file_is_picked_up(synthetic_store: Path, tmp_path: Path) -> None:
    served = tmp_path / "processed"
    shutil.copytree(synthetic_store, served)
    before = payments.totals(directory=served).loc[0, "payments"]
    path = served / payment_schema.PAYMENTS_FILE
    pd.read_parquet(path).iloc[1:].to_parquet(path, index=False)
    checks.seal(served)
    assert payments.totals(directory=served).loc[0, "payments"] == before - 1


def test_the_cached_wrappers_give_the_same_answers(synthetic_store: Path) -> None:
    from trafford_dash.store import cached

    pd.testing.assert_frame_equal(
        cached.payment_totals(("month",), year=("2025/26",)), payments.totals(["month"], year=["2025/26"])
    )
    assert cached.payment_values("supplier") == payments.values("supplier")
    assert cached.payment_years()["part_year"].tolist() == [False, True]
    reasons = cached.payment_mapping_reasons(year="2025/26")
    assert reasons["amount_pence"].sum() == payments.totals(year="2025/26").loc[0, "amount_pence"]
