"""Schema contracts for the Council's payments tables: ``payments.parquet`` and ``payment_years.parquet``."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from trafford_dash.core.config import PILLARS
from trafford_dash.store.payment_mapping import NOT_MAPPED, PLAN_CATEGORIES

PAYMENTS_FILE = "payments.parquet"
PAYMENT_YEARS_FILE = "payment_years.parquet"
FINANCIAL_YEAR = r"^\d{4}/\d{2}$"
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"


class PaymentsQueryError(ValueError):
    """A question the payments store cannot answer (an unknown dimension or year); one sentence."""


class Payments(pa.DataFrameModel):
    """One row per published payment; amounts in whole pence, negative for refunds and corrections."""

    payment_date: Series[pa.DateTime]
    financial_year: Series[str] = pa.Field(str_matches=FINANCIAL_YEAR)
    month: Series[str] = pa.Field(str_matches=MONTH)
    service_unit: Series[str] = pa.Field(str_length={"min_value": 1})
    category: Series[str] = pa.Field(str_length={"min_value": 1})
    supplier: Series[str] = pa.Field(str_length={"min_value": 1})
    amount_pence: Series[int]
    vat_pence: Series[int]
    purpose: Series[str]
    transaction_number: Series[str]
    plan_category: Series[str] = pa.Field(isin=[*PLAN_CATEGORIES, NOT_MAPPED])
    pillar: Series[str] = pa.Field(isin=[*PILLARS, NOT_MAPPED])
    mapping_rule: Series[int] = pa.Field(ge=0)

    @pa.dataframe_check(error="a payment's month is not the month of its payment date")
    @classmethod
    def month_matches_date(cls, frame: pd.DataFrame) -> pd.Series[bool]:
        return frame["payment_date"].dt.strftime("%Y-%m") == frame["month"]

    class Config:
        strict = True
        coerce = True


class PaymentYears(pa.DataFrameModel):
    """One row per financial year of payments: coverage, last full month and whether it is a part year."""

    financial_year: Series[str] = pa.Field(str_matches=FINANCIAL_YEAR, unique=True)
    first_month: Series[str] = pa.Field(str_matches=MONTH)
    last_full_month: Series[str] = pa.Field(str_matches=MONTH)
    months: Series[int] = pa.Field(ge=1, le=12)
    part_year: Series[bool]
    payments: Series[int] = pa.Field(ge=0)
    amount_pence: Series[int]

    class Config:
        strict = True
        coerce = True
