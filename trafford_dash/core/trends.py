"""One area's series of an indicator over time, and the direction of its latest change.

A series is the rows of one area for one sex and age band, in period order (by the year a period
ends, then by its label). Where the store holds both a published figure and an approximation derived
from wards for the same year, the published figure is kept and the approximation dropped, so a trend
never zig-zags between two methods. The latest change compares the last two periods of a series; it
is a difference in value, not a test of significance.

The functions work on lists of row dicts (``frame.to_dict("records")``): a pillar page builds dozens
of tiles, and plain Python on a few rows each is far quicker than many small pandas selections.
DataFrame wrappers are provided for charts and tests.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

Record = dict[str, Any]

PERSONS = "Persons"
ALL_AGES = "All ages"

IMPROVING = "improving"
WORSENING = "worsening"
NO_CHANGE = "no change"
NOT_JUDGED = "not judged"

CHANGE_SYMBOLS = {"up": "↑", "down": "↓", "same": "→"}


def missing(value: object) -> bool:
    """True for None, pandas' NA and NaN."""
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def records(rows: pd.DataFrame) -> list[Record]:
    """A frame's rows as dicts with string keys (column lists zipped: much quicker than ``to_dict``)."""
    columns = [str(c) for c in rows.columns]
    data = [rows[c].tolist() for c in rows.columns]
    return [dict(zip(columns, values, strict=True)) for values in zip(*data, strict=True)]


def choose_slice(rows: pd.DataFrame | Sequence[Record]) -> tuple[str, str]:
    """The sex and age band to show for an indicator.

    Persons where the rows have it, otherwise the sex with most rows; "All ages" where present,
    otherwise the age band with most rows (e.g. "16+" for a ward-profile measure of adults).
    """
    rows = records(rows) if isinstance(rows, pd.DataFrame) else rows
    if not rows:
        return PERSONS, ALL_AGES
    sexes = Counter(str(r["sex"]) for r in rows)
    sex = PERSONS if PERSONS in sexes else sexes.most_common(1)[0][0]
    ages = Counter(str(r["age"]) for r in rows if r["sex"] == sex)
    age = ALL_AGES if ALL_AGES in ages else ages.most_common(1)[0][0]
    return sex, age


def sort_key(row: Record) -> tuple[int, str]:
    """Order by the year a period ends, then by its label (ISO months sort correctly)."""
    year = row.get("year")
    return (-1 if year is None or missing(year) else int(year), str(row["period"]))


def series_records(rows: Iterable[Record], area_code: str, sex: str, age: str) -> list[Record]:
    """One area's rows over time, ordered, of one period length (see :func:`series_split`)."""
    return series_split(rows, area_code, sex, age)[0]


def series_split(
    rows: Iterable[Record], area_code: str, sex: str, age: str
) -> tuple[list[Record], list[Record]]:
    """One area's ordered series and the points left out of it.

    Approximations that duplicate a published year are dropped silently (the published figure is
    shown); points of another period length than the series' own are returned as left out
    (:func:`one_length`), so a line never joins, say, a five-year figure to three-year ones.
    """
    own = [
        r
        for r in rows
        if r["area_code"] == area_code
        and r["sex"] == sex
        and r["age"] == age
        and (not missing(r["value"]) or bool(r.get("suppressed")))
    ]
    exact_years = {r["year"] for r in own if not r["approximate"] and not missing(r["year"])}
    kept = [r for r in own if not (r["approximate"] and r["year"] in exact_years)]
    return one_length(sorted(kept, key=sort_key))


@dataclass(frozen=True)
class Change:
    """The latest change of a series: from ``previous_period`` to ``period``."""

    direction: str | None  # "up", "down", "same", or None when there is no earlier value
    judgement: str | None  # improving / worsening / no change / not judged, or None
    delta: float | None
    period: str | None
    previous_period: str | None
    previous_value: float | None
    approximate: bool

    @property
    def symbol(self) -> str:
        return CHANGE_SYMBOLS.get(self.direction or "", "")


def judge(direction: str | None, polarity: str) -> str | None:
    """Polarity-aware judgement of a direction of change."""
    if direction is None:
        return None
    if direction == "same":
        return NO_CHANGE
    if polarity == "higher_is_better":
        return IMPROVING if direction == "up" else WORSENING
    if polarity == "lower_is_better":
        return IMPROVING if direction == "down" else WORSENING
    return NOT_JUDGED


def latest_change(series: Sequence[Record] | pd.DataFrame, polarity: str, tolerance: float = 1e-9) -> Change:
    """Direction of the change between the last two values of an ordered series.

    Parameters
    ----------
    series
        Output of :func:`series_records` (ordered, one row per period).
    polarity
        The indicator's polarity; decides whether a rise is an improvement.
    tolerance
        Differences smaller than this count as no change.
    """
    rows = records(series) if isinstance(series, pd.DataFrame) else series
    valued = [r for r in rows if not missing(r["value"])]
    if len(valued) < 2:
        period = str(valued[-1]["period"]) if valued else None
        return Change(None, None, None, period, None, None, False)
    last, previous = valued[-1], valued[-2]
    delta = float(last["value"]) - float(previous["value"])
    direction = "same" if abs(delta) <= tolerance else ("up" if delta > 0 else "down")
    return Change(
        direction=direction,
        judgement=judge(direction, polarity),
        delta=delta,
        period=str(last["period"]),
        previous_period=str(previous["period"]),
        previous_value=float(previous["value"]),
        approximate=bool(last["approximate"]) or bool(previous["approximate"]),
    )


def row_for_period(rows: Iterable[Record], area_code: str, period: str, sex: str, age: str) -> Record | None:
    """One area's row for a period (exact figures before approximations), or None."""
    found = [
        r
        for r in rows
        if r["area_code"] == area_code
        and r["period"] == period
        and r["sex"] == sex
        and r["age"] == age
        and not missing(r["value"])
    ]
    if not found:
        return None
    return sorted(found, key=lambda r: bool(r["approximate"]))[0]


_YEAR = re.compile(r"^\d{4}(?:/\d{2})?$")
_YEARS = re.compile(r"^(\d{4})(?:/\d{2})?\s*(?:-|to)\s*(\d{2}|\d{4})(?:/\d{2})?$")
_QUARTER = re.compile(r"^\d{4}/\d{2} Q\d$")
_QUARTERS = re.compile(r"^(\d{4}/\d{2} Q\d)\s*-\s*\d{4}/\d{2} Q\d$")


def period_length(period: object) -> str:
    """What a period label spans: "1 year", "3 years", "quarter", "month", "date", "cumulative from …".

    Financial and academic years ("2017/18") count as one year; "2015 - 17", "2015 to 2019" and
    "2022/23 - 24/25" as the number of years they cover. Labels of any other form are "other".
    """
    text = str(period).strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        return "date"
    if re.match(r"^\d{4}-\d{2}$", text):
        return "month"
    if _YEAR.match(text):
        return "1 year"
    found = _YEARS.match(text)
    if found:
        start, end = int(found.group(1)), found.group(2)
        last = int(end) if len(end) == 4 else start - start % 100 + int(end)
        span = last - start + 1 if last >= start else last + 100 - start + 1
        return f"{span} years" if span != 1 else "1 year"
    if _QUARTER.match(text):
        return "quarter"
    found = _QUARTERS.match(text)
    if found:
        return f"cumulative from {found.group(1)}"
    return "other"


def one_length(series: Sequence[Record]) -> tuple[list[Record], list[Record]]:
    """Split an ordered series into the points of one period length and those left out.

    The length with the most points is kept; on a tie, the length of the most recent point. A single
    quarter that starts a cumulative series ("2021/22 Q1" before "2021/22 Q1 - 2021/22 Q2") belongs to it.
    """
    lengths = [period_length(r["period"]) for r in series]
    cumulative = {length.removeprefix("cumulative from ") for length in lengths if length.startswith("cumul")}
    lengths = [
        f"cumulative from {r['period']}" if n == "quarter" and str(r["period"]) in cumulative else n
        for r, n in zip(series, lengths, strict=True)
    ]
    if len(set(lengths)) <= 1:
        return list(series), []
    counts = Counter(lengths)
    last_seen = {n: i for i, n in enumerate(lengths)}
    keep = max(counts, key=lambda n: (counts[n], last_seen[n]))
    kept = [r for r, n in zip(series, lengths, strict=True) if n == keep]
    left = [r for r, n in zip(series, lengths, strict=True) if n != keep]
    return kept, left


def left_out_sentence(left_out: Sequence[tuple[str, Sequence[Record], Sequence[Record]]]) -> str:
    """Say which points were left out of which line and why: ``(label, kept, left)`` per series."""
    parts = []
    for label, kept, left in left_out:
        if not left or not kept:
            continue
        periods = ", ".join(str(r["period"]) for r in left)
        lengths = ", ".join(dict.fromkeys(period_length(r["period"]) for r in left))
        parts.append(
            f"{label}: {periods} ({lengths}), as the line joins only "
            f"{_adjective(period_length(kept[0]['period']))} periods"
        )
    if not parts:
        return ""
    return "Left out so that no line mixes period lengths: " + "; ".join(parts) + "."


def _adjective(length: str) -> str:
    found = re.match(r"^(\d+) years?$", length)
    return f"{found.group(1)}-year" if found else length
