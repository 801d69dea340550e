"""The Council's grants to voluntary and community organisations: totals by year, programme and recipient,
the period the file covers and how old its latest grant is, and the tables behind each view.

Recipients are counted by their 360Giving identifier; one organisation may appear under several names
(a hub named after its host, say), so each is shown under the name on its latest grant. Financial years
run April to March and are set by the award date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from pandas.api.typing import DataFrameGroupBy

from trafford_dash.core.provenance import OGL_LICENCE
from trafford_dash.core.summaries import join_words

ALL_YEARS = "All years"
TOP_RECIPIENTS = 15
SOURCE = (
    "Trafford Council, grants to voluntary, community and social enterprise organisations (360Giving "
    "format), published via Trafford Data Lab"
)


@dataclass(frozen=True)
class Coverage:
    """The award dates the file covers and how old its latest grant is on ``today``."""

    first: date
    latest: date
    today: date

    @property
    def months_old(self) -> int:
        months = (self.today.year - self.latest.year) * 12 + self.today.month - self.latest.month
        return months - (1 if self.today.day < self.latest.day else 0)

    @property
    def period(self) -> str:
        return f"grants awarded {long_date(self.first)} to {long_date(self.latest)}"

    def age_sentence(self) -> str:
        """How old the latest grant is, in years and months, and what that means for the totals."""
        years, months = divmod(max(self.months_old, 0), 12)
        parts = [f"{years} year{'s' * (years != 1)}"] if years else []
        if months or not parts:
            parts.append(f"{months} month{'s' * (months != 1)}")
        return (
            f"The latest grant in the file was awarded on {long_date(self.latest)}, "
            f"{' and '.join(parts)} before {long_date(self.today)}: grants made since then are not in "
            "the published file, so recent years may be incomplete."
        )


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def coverage(grants: pd.DataFrame, today: date) -> Coverage:
    dates = pd.to_datetime(grants["award_date"])
    return Coverage(dates.min().date(), dates.max().date(), today)


def _summary(groups: DataFrameGroupBy) -> pd.DataFrame:
    return groups.agg(
        amount_gbp=("amount_awarded", "sum"),
        grants=("identifier", "size"),
        organisations=("recipient_id", "nunique"),
    ).reset_index()


def by_year(grants: pd.DataFrame) -> pd.DataFrame:
    """Amount, grants and organisations funded per financial year, oldest first."""
    return _summary(grants.groupby("financial_year", sort=True))


def by_programme(grants: pd.DataFrame) -> pd.DataFrame:
    """Amount, grants, organisations and the years covered per grant programme, largest first."""
    table = _summary(grants.groupby("programme"))
    years = grants.groupby("programme")["financial_year"].agg(["min", "max"])
    table["years"] = table["programme"].map(years["min"] + " to " + years["max"])
    return table.sort_values(["amount_gbp", "programme"], ascending=[False, True]).reset_index(drop=True)


def in_year(grants: pd.DataFrame, year: str) -> pd.DataFrame:
    return grants if year == ALL_YEARS else grants[grants["financial_year"] == year]


def by_recipient(grants: pd.DataFrame) -> pd.DataFrame:
    """Amount and grants per organisation (by identifier, under its latest name), largest first."""
    latest_name = grants.sort_values(["award_date", "identifier"]).groupby("recipient_id")["recipient_name"]
    table = (
        grants.groupby("recipient_id")
        .agg(
            amount_gbp=("amount_awarded", "sum"),
            grants=("identifier", "size"),
            first_year=("financial_year", "min"),
            last_year=("financial_year", "max"),
        )
        .reset_index()
    )
    table.insert(1, "recipient", table["recipient_id"].map(latest_name.last()))
    table["share_pct"] = 100 * table["amount_gbp"] / table["amount_gbp"].sum()
    return table.sort_values(["amount_gbp", "recipient"], ascending=[False, True]).reset_index(drop=True)


def missing_years(years: pd.Series) -> list[str]:
    """Financial years between the first and last in ``years`` with no grant at all."""
    starts = sorted(int(str(year)[:4]) for year in years.unique())
    if not starts:
        return []
    present = set(starts)
    return [f"{y}/{(y + 1) % 100:02d}" for y in range(starts[0], starts[-1] + 1) if y not in present]


def count(number: object, word: str) -> str:
    """``"1 grant"``, ``"5 grants"``."""
    n = int(number)  # type: ignore[call-overload]
    return f"{n:,} {word}{'s' if n != 1 else ''}"


def pounds(amount: float) -> str:
    return f"£{amount:,.0f}"


def year_sentence(grants: pd.DataFrame, table: pd.DataFrame) -> str:
    """The totals across the file, its largest year and its latest year, and any year with no grants."""
    top = table.sort_values(["amount_gbp", "financial_year"], ascending=[False, True]).iloc[0]
    last = table.iloc[-1]
    sentence = (
        f"Trafford Council awarded {pounds(grants['amount_awarded'].sum())} in {len(grants):,} grants to "
        f"{grants['recipient_id'].nunique():,} voluntary and community organisations from "
        f"{table['financial_year'].iloc[0]} to {last['financial_year']}. The most in one year was "
        f"{pounds(top['amount_gbp'])} in {top['financial_year']} ({count(top['grants'], 'grant')}); the "
        f"latest year, {last['financial_year']}, has {count(last['grants'], 'grant')} totalling "
        f"{pounds(last['amount_gbp'])}."
    )
    gaps = missing_years(grants["financial_year"])
    if gaps:
        sentence += f" The file has no grants in {join_words(gaps)}."
    return sentence


def programme_sentence(table: pd.DataFrame) -> str:
    total = table["amount_gbp"].sum()
    parts = [
        f"{name} {pounds(amount)} ({100 * amount / total:.0f}%, {count(grants, 'grant')}, {years})"
        for name, amount, grants, years in zip(
            table["programme"],
            table["amount_gbp"].astype(float),
            table["grants"],
            table["years"],
            strict=True,
        )
    ]
    return f"By programme: {'; '.join(parts)}."


def recipient_sentence(table: pd.DataFrame, year: str) -> str:
    """The largest recipient and the top ten's share (plain text: it quotes organisation names)."""
    when = "across all years" if year == ALL_YEARS else f"in {year}"
    top = table.iloc[0]
    ten = table.head(10)["share_pct"].sum()
    tail = f"; the ten largest recipients received {ten:.0f}% of the money" if len(table) > 10 else ""
    return (
        f"{count(len(table), 'organisation')} received grants {when}. The largest total went to "
        f"{top['recipient']} ({pounds(top['amount_gbp'])} in "
        f"{count(top['grants'], 'grant')}){tail}."
    )


def with_provenance(table: pd.DataFrame, period: str, source: str = SOURCE) -> pd.DataFrame:
    """A view's table for download, with its period, source and licence on every row."""
    return table.assign(period=period, source=source, licence=OGL_LICENCE)
