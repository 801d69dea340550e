"""The Council's payments to suppliers (transparency code), one zip of one CSV per financial year.

Each row of ``payments.parquet`` is one payment as published: refunds and corrections are negative
and kept, so totals are net; rows that look repeated are separate payments and kept. Amounts are
held in whole pence so that every total is exact. The procurement category "NA" is a label in the
source (read as text, never as missing) and, with "Not Classified", is shown as "Not classified";
the service unit "NA" is shown as "Not recorded". Suppliers and purposes pass through
:mod:`payment_privacy` here, so no individual's name reaches the store. The year table records each
file's months and whether it is a part year, with its last full month.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from trafford_dash.pipeline import payment_privacy
from trafford_dash.store import payment_mapping, payment_schema

PAYMENTS_FILE = payment_schema.PAYMENTS_FILE
_BASE = "council_open_data:transparency_code/supplier_spend/trafford-supplier-spend-{}.zip"
YEARS = ("2024-25", "2025-26", "2026-27")
SOURCE_KEYS: list[str] = [_BASE.format(year) for year in YEARS]
NOT_CLASSIFIED = "Not classified"
NOT_RECORDED = "Not recorded"
_UNCLASSIFIED_LABELS = {"NA", "Not Classified", ""}
_COLUMNS = [
    "EffectiveDate",
    "OrganisationalUnit",
    "BeneficiaryName",
    "PaymentDate",
    "TransactionNumber",
    "Amount",
    "IrrecoverableVATAmount",
    "Purpose",
    "ProclassLabel",
]
PAYMENT_COLUMNS = (
    "payment_date",
    "financial_year",
    "month",
    "service_unit",
    "category",
    "supplier",
    "amount_pence",
    "vat_pence",
    "purpose",
    "transaction_number",
    "plan_category",
    "pillar",
    "mapping_rule",
)
"""The store's columns: the supplier's name as published and the full purpose text are never kept."""


class PaymentsError(ValueError):
    """A payments file is not as expected; the message names the file and the problem."""


def financial_year(file_year: str) -> str:
    """``"2025-26"`` (as in the file name) as ``"2025/26"``."""
    return file_year.replace("-", "/")


def read_raw(path: Path) -> pd.DataFrame:
    """The one CSV in a payments zip, every column as text ("NA" stays "NA", nothing is missing)."""
    with zipfile.ZipFile(path) as archive:
        names = [name for name in archive.namelist() if name.lower().endswith(".csv")]
        if len(names) != 1:
            raise PaymentsError(f"{path.name} should hold one CSV file but holds {len(names)}.")
        data = archive.read(names[0])
    header = data.split(b"\n", 1)[0].decode("utf-8-sig").strip().split(",")
    missing = sorted(set(_COLUMNS) - set(header))
    if missing:
        raise PaymentsError(f"{path.name} lacks the column(s) {', '.join(missing)}.")
    table = pa_csv.read_csv(
        io.BytesIO(data),
        convert_options=pa_csv.ConvertOptions(
            column_types=dict.fromkeys(_COLUMNS, pa.string()),
            include_columns=_COLUMNS,
            strings_can_be_null=False,
        ),
    )
    return table.to_pandas()


def to_pence(amounts: pd.Series, file_name: str, column: str) -> pd.Series:
    """Amounts in pounds (text such as ``"-12.50"``) as whole pence, exactly."""
    numbers = pd.to_numeric(amounts.str.replace(",", "", regex=False).str.strip(), errors="coerce")
    if numbers.isna().any():
        bad = amounts[numbers.isna()].iloc[0]
        raise PaymentsError(f"{file_name} has an amount that is not a number in {column}: {bad!r}.")
    return (numbers * 100).round().astype("int64")


def _tidy(raw: pd.DataFrame, file_year: str, file_name: str) -> pd.DataFrame:
    dates = raw["PaymentDate"].str.strip()
    paid = pd.to_datetime(dates, format="%Y-%m-%d", errors="coerce")
    if paid.isna().any():
        raise PaymentsError(f"{file_name} has a payment date that is not YYYY-MM-DD.")
    category = raw["ProclassLabel"].str.strip()
    unit = raw["OrganisationalUnit"].str.strip()
    return pd.DataFrame(
        {
            "payment_date": paid,
            "financial_year": financial_year(file_year),
            "month": dates.str.slice(0, 7),
            "service_unit": unit.where(~unit.isin({"NA", ""}), NOT_RECORDED),
            "category": category.where(~category.isin(_UNCLASSIFIED_LABELS), NOT_CLASSIFIED),
            "raw_unit": unit,
            "raw_category": category,
            "supplier_name": raw["BeneficiaryName"],
            "amount_pence": to_pence(raw["Amount"], file_name, "Amount"),
            "vat_pence": to_pence(raw["IrrecoverableVATAmount"], file_name, "IrrecoverableVATAmount"),
            "raw_purpose": raw["Purpose"],
            "transaction_number": raw["TransactionNumber"].str.strip(),
            "effective_date": raw["EffectiveDate"],
        }
    )


def year_table(payments: pd.DataFrame) -> pd.DataFrame:
    """One row per financial year: months covered, last full month, part year, payments and net pence.

    A file's last full month is the month of its latest ``EffectiveDate`` (the publication's
    month-end); a year is a part year when that is not March, the year's last month.
    """
    rows = []
    for year, group in payments.groupby("financial_year", sort=True):
        last_full = str(pd.to_datetime(group["effective_date"]).max().strftime("%Y-%m"))
        year_end = f"20{str(year)[-2:]}-03"
        rows.append(
            {
                "financial_year": str(year),
                "first_month": str(group["month"].min()),
                "last_full_month": last_full,
                "months": int(group["month"].nunique()),
                "part_year": last_full != year_end,
                "payments": len(group),
                "amount_pence": int(group["amount_pence"].sum()),
            }
        )
    return pd.DataFrame(rows)


def load(paths: Mapping[str, Path]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The payments table and the year table (both before schema validation)."""
    frames = []
    for file_year, key in zip(YEARS, SOURCE_KEYS, strict=True):
        if key not in paths:
            raise PaymentsError(f"The build was not given '{key}'.")
        path = Path(paths[key])
        frames.append(_tidy(read_raw(path), file_year, path.name))
    tidy = pd.concat(frames, ignore_index=True)
    years = year_table(tidy)
    mapped = payment_mapping.map_payments(tidy["raw_unit"], tidy["raw_category"])
    payments = tidy.assign(
        supplier=payment_privacy.displayed_suppliers(tidy["supplier_name"]),
        purpose=payment_privacy.ledger_headings(tidy["raw_purpose"], tidy["supplier_name"]),
        plan_category=mapped["plan_category"],
        pillar=mapped["pillar"],
        mapping_rule=mapped["mapping_rule"].astype("int64"),
    )
    kept = payments[list(PAYMENT_COLUMNS)]
    return kept.sort_values(["payment_date", "transaction_number"], kind="stable"), years


def tables(paths: Mapping[str, Path]) -> dict[str, pd.DataFrame]:
    """The validated payments and year tables, by their file names in the store."""
    payments, years = load(paths)
    return {
        payment_schema.PAYMENTS_FILE: payment_schema.Payments.validate(payments),
        payment_schema.PAYMENT_YEARS_FILE: payment_schema.PaymentYears.validate(years),
    }
