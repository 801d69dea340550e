"""The Council's grants to voluntary, community and social enterprise organisations (360Giving format).

One row per grant: identifier, title, amount awarded (pounds), award date, the financial year the
award date falls in (April to March), the grant programme and the recipient organisation's name and
360Giving identifier. The file's other columns (planned dates, addresses, applied-for and disbursed
amounts) are empty or constant and are not kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from trafford_dash.store import schema

GRANTS_KEY = "council_open_data:transparency_code/grants/trafford_council_voluntary_sector_grants.csv"
GRANTS_SOURCE_KEYS: list[str] = [GRANTS_KEY]

SOURCE_COLUMNS = {
    "Identifier": "identifier",
    "Title": "title",
    "Amount Awarded": "amount_awarded",
    "Award Date": "award_date",
    "Grant Programme:Title": "programme",
    "Recipient Org:Identifier": "recipient_id",
    "Recipient Org:Name": "recipient_name",
}


class GrantsError(ValueError):
    """The grants file is not in the 360Giving layout this loader reads; the message says what is wrong."""


def financial_year(dates: pd.Series) -> pd.Series:
    """The April-to-March financial year of each date, written ``"2019/20"``."""
    start = dates.dt.year - (dates.dt.month < 4).astype(int)
    return start.astype(str) + "/" + ((start + 1) % 100).map("{:02d}".format)


def tidy_grants(raw: pd.DataFrame, source_key: str = GRANTS_KEY) -> pd.DataFrame:
    """The grants table from the file's columns (read as text), valid against :class:`schema.Grants`."""
    missing = sorted(set(SOURCE_COLUMNS) - set(raw.columns))
    if missing:
        raise GrantsError(f"The grants file has no column(s) {', '.join(missing)}.")
    grants = raw[list(SOURCE_COLUMNS)].rename(columns=SOURCE_COLUMNS)
    for column in grants.columns:
        grants[column] = grants[column].astype(str).str.strip()
    grants["amount_awarded"] = pd.to_numeric(grants["amount_awarded"], errors="raise").astype(float)
    dates = pd.to_datetime(grants["award_date"], format="%Y-%m-%d", errors="raise")
    grants["award_date"] = dates.dt.strftime("%Y-%m-%d")
    grants["financial_year"] = financial_year(dates)
    grants["source_key"] = source_key
    grants = grants.sort_values(["award_date", "identifier"]).reset_index(drop=True)
    return schema.Grants.validate(grants)


def load_grants(paths: Mapping[str, Path]) -> pd.DataFrame:
    """Every grant in the registered file (``paths`` maps registry keys to verified local files)."""
    raw = pd.read_csv(paths[GRANTS_KEY], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return tidy_grants(raw)
