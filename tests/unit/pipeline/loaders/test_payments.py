"""The payments store against the raw zips, read here by independent code (csv and Decimal, no pandas).

Totals per year, month and category must match to the penny; "NA" is a label, never missing; refunds
stay negative; no beneficiary the privacy rule hides appears anywhere in the store's files.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from trafford_dash.core import config
from trafford_dash.pipeline import payment_privacy, sources
from trafford_dash.pipeline.loaders import payments as loader
from trafford_dash.store import payment_schema

pytestmark = pytest.mark.store
UNCLASSIFIED = {"NA", "Not Classified"}


def _raw_rows(mirror: Path) -> list[dict[str, str]]:
    rows = []
    for key in loader.SOURCE_KEYS:
        path = mirror / sources.get(key).relative_path
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sources.get(key).sha256
        with zipfile.ZipFile(path) as archive:
            (name,) = archive.namelist()
            text = archive.read(name).decode("utf-8-sig")
        year = "20" + key.rsplit("-", 2)[-2][-2:] + "/" + key.rsplit("-", 1)[-1][:2]
        for row in csv.DictReader(io.StringIO(text)):
            rows.append(row | {"year": year})
    return rows


@pytest.fixture(scope="module")
def raw(mirror: Path) -> list[dict[str, str]]:
    return _raw_rows(mirror)


@pytest.fixture(scope="module")
def store(built_store: None) -> pd.DataFrame:
    return pd.read_parquet(config.PROCESSED_DIR / payment_schema.PAYMENTS_FILE)


def _store_totals(store: pd.DataFrame, column: str) -> dict[str, Decimal]:
    sums = store.groupby(column)["amount_pence"].sum()
    return {str(key): Decimal(int(pence)) / 100 for key, pence in sums.items()}


def _raw_totals(raw: list[dict[str, str]], key: str) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for row in raw:
        totals[key_of(row, key)] += Decimal(row["Amount"])
    return dict(totals)


def key_of(row: dict[str, str], key: str) -> str:
    if key == "month":
        return row["PaymentDate"][:7]
    if key == "category":
        return "Not classified" if row["ProclassLabel"] in UNCLASSIFIED else row["ProclassLabel"]
    return row[key]


@pytest.mark.parametrize(
    ("store_column", "raw_key"), [("financial_year", "year"), ("month", "month"), ("category", "category")]
)
def test_totals_match_the_raw_files_to_the_penny(
    raw: list[dict[str, str]], store: pd.DataFrame, store_column: str, raw_key: str
) -> None:
    assert len(store) == len(raw)
    assert _store_totals(store, store_column) == _raw_totals(raw, raw_key)


def test_the_2025_26_file_is_about_622_million_pounds(store: pd.DataFrame) -> None:
    year = store[store["financial_year"] == "2025/26"]
    assert len(year) == 241_764
    assert 600e6 < year["amount_pence"].sum() / 100 < 640e6


def test_na_is_a_label_never_missing(raw: list[dict[str, str]], store: pd.DataFrame) -> None:
    unclassified = sum(row["ProclassLabel"] in UNCLASSIFIED for row in raw)
    assert unclassified > 50_000  # "NA" is common: read as missing it would vanish from the categories
    assert (store["category"] == "Not classified").sum() == unclassified
    assert not store.isna().any().any()
    assert (store["service_unit"] == "Not recorded").sum() == sum(
        row["OrganisationalUnit"] == "NA" for row in raw
    )


def test_refunds_are_kept_negative_and_repeated_rows_kept(
    raw: list[dict[str, str]], store: pd.DataFrame
) -> None:
    negatives = sum(Decimal(row["Amount"]) < 0 for row in raw)
    assert negatives > 0
    assert (store["amount_pence"] < 0).sum() == negatives
    repeated = Counter(tuple(row.values()) for row in raw)
    assert sum(count for count in repeated.values()) == len(store)


def test_no_hidden_beneficiary_reaches_the_store(raw: list[dict[str, str]], built_store: None) -> None:
    names = {row["BeneficiaryName"].strip() for row in raw}
    hidden = {
        name for name in names if payment_privacy.displayed_supplier(name) == payment_privacy.OTHER_SUPPLIERS
    }
    assert len(hidden) > 100
    store = pd.read_parquet(config.PROCESSED_DIR / payment_schema.PAYMENTS_FILE)
    kept = set(store["supplier"]) | set(store["purpose"])
    assert not (hidden & kept)
    # Units and categories are the Council's own labels, kept as published (one unit is named after a
    # charity); the published name column and the purpose's free text are not kept at all.
    units = {row["OrganisationalUnit"].strip() for row in raw} - {"NA"}
    assert set(store["service_unit"]) - {"Not recorded"} == units
    assert set(store.columns) == set(loader.PAYMENT_COLUMNS)
    trading_as = {name for name in hidden if " T/A " in name.upper()}
    assert trading_as and not (trading_as & kept)  # people trading under another name are in the files
    shown = set(store["supplier"]) - {payment_privacy.OTHER_SUPPLIERS, payment_privacy.REDACTED}
    assert shown <= {" ".join(name.split()) for name in names}


def test_the_part_year_and_its_last_full_month_are_recorded(built_store: None) -> None:
    years = pd.read_parquet(config.PROCESSED_DIR / payment_schema.PAYMENT_YEARS_FILE).set_index(
        "financial_year"
    )
    assert list(years.index) == ["2024/25", "2025/26", "2026/27"]
    assert not years.loc["2025/26", "part_year"] and years.loc["2025/26", "last_full_month"] == "2026-03"
    assert years.loc["2026/27", "part_year"] and years.loc["2026/27", "last_full_month"] == "2026-05"
    assert years["months"].tolist() == [12, 12, 2]


def test_every_mapping_rule_matches_real_payments(store: pd.DataFrame) -> None:
    from trafford_dash.store import payment_mapping

    used = set(store["mapping_rule"])
    assert set(payment_mapping.load_rules()["rule_id"]) <= used


def test_amounts_that_are_not_numbers_are_refused() -> None:
    with pytest.raises(loader.PaymentsError, match="not a number"):
        loader.to_pence(pd.Series(["1.00", "twelve"]), "f.csv", "Amount")
    assert loader.to_pence(pd.Series(["-0.01", "1,234.56", "10"]), "f.csv", "Amount").tolist() == [
        -1,
        123456,
        1000,
    ]


HEADER = "EffectiveDate,OrganisationalUnit,BeneficiaryName,PaymentDate,TransactionNumber,Amount,"
HEADER += "IrrecoverableVATAmount,Purpose,ProclassLabel,ProclassCode"


def _zip(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def test_a_small_file_reads_na_as_text_and_keeps_refunds(tmp_path: Path) -> None:
    rows = [
        "2026-04-30,NA,Jane Example,2026-04-02,1,12.50,0.00,CLIENT J EXAMPLE - April,NA,NA",
        "2026-04-30,LEARN DIS 18-64 LT,Care Homes Ltd,2026-04-03,2,-2.50,0.00,PRIVATE CONTRACTORS - x,NA,NA",
    ]
    path = _zip(tmp_path / "trafford-supplier-spend-2026-27.zip", {"spend.csv": "\n".join([HEADER, *rows])})
    raw = loader.read_raw(path)
    assert raw["ProclassLabel"].tolist() == ["NA", "NA"]
    assert raw["OrganisationalUnit"].tolist() == ["NA", "LEARN DIS 18-64 LT"]
    tidy = loader._tidy(raw, "2026-27", path.name)
    assert tidy["category"].tolist() == ["Not classified", "Not classified"]
    assert tidy["service_unit"].tolist() == ["Not recorded", "LEARN DIS 18-64 LT"]
    assert tidy["amount_pence"].tolist() == [1250, -250]
    assert tidy["financial_year"].tolist() == ["2026/27", "2026/27"]
    years = loader.year_table(tidy)
    assert years.loc[0, "part_year"] and years.loc[0, "last_full_month"] == "2026-04"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"a.csv": HEADER, "b.csv": HEADER}, "should hold one CSV file but holds 2"),
        ({"a.csv": "EffectiveDate,Amount\n2026-04-30,1.00"}, "lacks the column"),
    ],
)
def test_a_file_not_as_expected_is_refused(tmp_path: Path, files: dict[str, str], message: str) -> None:
    with pytest.raises(loader.PaymentsError, match=message):
        loader.read_raw(_zip(tmp_path / "spend.zip", files))


def test_a_bad_payment_date_is_refused(tmp_path: Path) -> None:
    row = "2026-04-30,UNIT,Council,02/04/2026,1,1.00,0.00,X,Cat,1"
    raw = loader.read_raw(_zip(tmp_path / "spend.zip", {"a.csv": f"{HEADER}\n{row}"}))
    with pytest.raises(loader.PaymentsError, match="not YYYY-MM-DD"):
        loader._tidy(raw, "2026-27", "spend.zip")
