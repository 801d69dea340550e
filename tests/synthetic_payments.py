"""Small synthetic payments tables for the synthetic store: two financial years (the second a part
year), a refund, an unclassified category, "Other suppliers", "Redacted" and unmapped spend.

Written through the store's own schemas, so pages and tests that read payments work with no mirror.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from trafford_dash.store import payment_schema

_CARE = ("PHYS SUPP 85+ LT", "SOCIAL CARE : Residential Care", "Care Homes Ltd")
_ADULTS = ("Adult Client Costs", "Living Well at Home", 1)
# month, unit, category, supplier, pence, plan category, pillar, mapping rule
PAYMENTS: tuple[tuple[str, str, str, str, int, str, str, int], ...] = (
    ("2025-04", *_CARE, 1_250_000, *_ADULTS),
    ("2025-04", *_CARE, -50_000, *_ADULTS),
    (
        "2025-05",
        "CHILDREN'S HOMES",
        "SC : Children Residential Care",
        "Other suppliers",
        800_000,
        "Children's Placement Costs",
        "Children's Care",
        9,
    ),
    ("2025-05", "Health Visitors", "Not classified", "Redacted", 300_000, "Not mapped", "Prevention", 14),
    (
        "2026-03",
        "Capital Schemes",
        "CONSTRUCTION: Bld Construction",
        "Builders PLC",
        2_000_000,
        "Not mapped",
        "Not mapped",
        29,
    ),
    ("2026-04", "Not recorded", "Not classified", "HMRC", 999_999, "Not mapped", "Not mapped", 0),
)
YEARS = (
    ("2025/26", "2025-04", "2026-03", 12, False),
    ("2026/27", "2026-04", "2026-04", 1, True),
)


def _year(month: str) -> str:
    start = int(month[:4]) - (1 if int(month[5:]) < 4 else 0)
    return f"{start}/{(start + 1) % 100:02d}"


def payments() -> pd.DataFrame:
    rows = [
        {
            "payment_date": pd.Timestamp(f"{month}-15"),
            "financial_year": _year(month),
            "month": month,
            "service_unit": unit,
            "category": category,
            "supplier": supplier,
            "amount_pence": pence,
            "vat_pence": 0,
            "purpose": "PRIVATE CONTRACTORS",
            "transaction_number": str(5_100_000_000 + number),
            "plan_category": plan,
            "pillar": pillar,
            "mapping_rule": rule,
        }
        for number, (month, unit, category, supplier, pence, plan, pillar, rule) in enumerate(PAYMENTS)
    ]
    return payment_schema.Payments.validate(pd.DataFrame(rows))


def payment_years() -> pd.DataFrame:
    table = payments()
    rows = [
        {"financial_year": year, "first_month": first, "last_full_month": last, "months": months}
        | {"part_year": part, "payments": int((table["financial_year"] == year).sum())}
        | {"amount_pence": int(table.loc[table["financial_year"] == year, "amount_pence"].sum())}
        for year, first, last, months, part in YEARS
    ]
    return payment_schema.PaymentYears.validate(pd.DataFrame(rows))


def write(staging: Path) -> None:
    payments().to_parquet(staging / payment_schema.PAYMENTS_FILE, index=False)
    payment_years().to_parquet(staging / payment_schema.PAYMENT_YEARS_FILE, index=False)
