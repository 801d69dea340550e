"""Plain-English sentences generated from the data shown, so every chart has a written summary.

Nothing here is hand-written about a particular place: each function reads the frame behind a chart
and says what it holds (highest and lowest areas, differences from a comparator, significance counts).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from trafford_dash.core import formatting


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """``frame.to_dict("records")`` with string keys."""
    return [{str(key): value for key, value in row.items()} for row in frame.to_dict("records")]


POINTS_UNITS = {"%": "percentage points", "% (age-standardised)": "percentage points", "% of LSOAs": "points"}


def join_words(items: Sequence[str]) -> str:
    """``["a", "b", "c"]`` → ``"a, b and c"``."""
    items = [str(i) for i in items if str(i)]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def difference(value: float, comparator: float, meta: Mapping[str, Any]) -> str:
    """How far ``value`` is from ``comparator``, in the indicator's own units where that reads well.

    Percentages differ in percentage points; years, ratios and scores in their units; counts and
    rates as a relative difference (``"12% higher"``).
    """
    if any(not isinstance(v, int | float) or math.isnan(v) for v in (value, comparator)):
        return ""
    gap = value - comparator
    direction = "higher" if gap > 0 else "lower"
    if gap == 0:
        return "the same"
    unit = str(meta.get("unit") or "")
    value_type = str(meta.get("value_type") or "")
    if unit in POINTS_UNITS:
        return f"{abs(gap):.1f} {POINTS_UNITS[unit]} {direction}"
    if value_type in ("years", "ratio", "score"):
        word = "years" if value_type == "years" else "points"
        return f"{abs(gap):.1f} {word} {direction}"
    if comparator:
        return f"{abs(gap) / abs(comparator) * 100:.0f}% {direction}"
    return direction


def _title(meta: Mapping[str, Any]) -> str:
    """The indicator's title for use mid-sentence: first letter lowered unless it names something."""
    title = str(meta.get("indicator") or meta.get("title") or "")
    return lower_first(title)


def lower_first(title: str) -> str:
    """``"Bad or very bad general health"`` → ``"bad or …"``; titles with proper names or acronyms stay."""
    words = title.split()
    if not words or words[0][1:2].isupper() or any(w[:1].isupper() for w in words[1:]):
        return title
    return title[:1].lower() + title[1:]


def significance_sentence(
    table: pd.DataFrame, area_name: str, comparator_name: str, sig_column: str, value_column: str
) -> str:
    """Which indicators differ significantly from a comparator, and by how much.

    ``table`` is a profile table (:func:`trafford_dash.profile.indicators.profile_table`);
    ``sig_column`` holds
    the labels and ``value_column`` the comparator's values.
    """
    tested = table[~table[sig_column].isin(["Not compared"])]
    untested = len(table) - len(tested)
    if table.empty:
        return f"There are no indicators to compare {area_name} with {comparator_name}."
    parts = []
    for label in ("Worse", "Better", "Higher", "Lower"):
        hits = tested[tested[sig_column] == label]
        if hits.empty:
            continue
        details = []
        for row in records(hits):
            shown = formatting.format_value(row["value"], row)
            if pd.isna(row[value_column]):
                details.append(f"{_title(row)} ({shown}; OHID's published comparison)")
                continue
            other = formatting.format_value(row[value_column], row)
            gap = difference(float(row["value"]), float(row[value_column]), row)
            details.append(f"{_title(row)} ({shown} against {other}, {gap})")
        parts.append(f"significantly {label.lower()} on {len(hits)}: {join_words(details)}")
    similar = int((tested[sig_column] == "Similar").sum())
    if not len(tested):
        sentence = (
            f"None of the {len(table)} indicators could be tested against {comparator_name}: "
            "their sources give no confidence interval or no comparator for the same period."
        )
        return sentence
    head = f"Compared with {comparator_name}, {area_name} is "
    body = "; ".join(parts) if parts else "not significantly different on any tested indicator"
    tail = f" It is similar on {similar} of the {len(tested)} indicators that could be tested."
    if untested:
        tail += (
            f" {untested} could not be tested (no published confidence interval or no {comparator_name} "
            "figure for the same period)."
        )
    return head + body + "." + tail


def _shown(value: object, meta: Mapping[str, Any]) -> str:
    """A value with its unit, except ranks and deciles, which read better as "decile 3"."""
    value_type = str(meta.get("value_type", ""))
    if value_type in ("rank", "decile"):
        return f"{value_type} {formatting.format_number(value, 0)}"
    return formatting.format_value(value, meta)


def extremes_sentence(
    frame: pd.DataFrame, meta: Mapping[str, Any], area_word: str, period: str, context: str = ""
) -> str:
    """``"Across 21 wards, X ranges from 3.1% in A to 9.8% in B (2021)."`` plus optional context."""
    shown = frame[frame["value"].notna()]
    title = str(meta.get("title", "the indicator"))
    if shown.empty:
        return f"No {area_word} has a value for {title.lower()} in {period}."
    ordered = records(shown.sort_values("value"))
    low, high = ordered[0], ordered[-1]
    sentence = (
        f"Across {len(shown)} {area_word}, {lower_first(title)} ranges from "
        f"{_shown(low['value'], meta)} in {low['area_name']} to "
        f"{_shown(high['value'], meta)} in {high['area_name']} ({period})."
    )
    missing = len(frame) - len(shown)
    if missing:
        sentence += f" No value for {missing} of the {len(frame)} {area_word}."
    return sentence + (f" {context}" if context else "")


def count_sentence(labels: pd.Series, comparator_name: str, area_word: str) -> str:
    """``"Compared with Trafford: 3 wards worse, 15 similar, 3 better."``"""
    counts = labels.value_counts()
    order = ["Worse", "Similar", "Better", "Higher", "Lower", "Not compared"]
    parts = [f"{int(counts[label])} {label.lower()}" for label in order if label in counts]
    if not parts:
        return ""
    return f"Compared with {comparator_name}, the {area_word} are: {', '.join(parts)}."


def untested_gaps_sentence(table: pd.DataFrame, area_name: str, limit: int = 3) -> str:
    """The largest gaps from Trafford among indicators that have a direction but no significance test.

    Relative gaps (value / Trafford - 1) rank the indicators; the sentence says plainly that these
    differences were not tested, as the source gives no interval.
    """
    judged = table[
        (table["sig_trafford"] == "Not compared")
        & (table["polarity"] != "no_judgement")
        & table["value"].notna()
        & table["trafford_value"].notna()
        & (table["trafford_value"] != 0)
    ].copy()
    if judged.empty:
        return ""
    relative = judged["value"] / judged["trafford_value"] - 1
    worse_sign = judged["polarity"].map({"higher_is_better": -1.0, "lower_is_better": 1.0})
    judged["worse_by"] = relative * worse_sign
    worse = judged[judged["worse_by"] > 0.05].sort_values("worse_by", ascending=False).head(limit)
    if worse.empty:
        return (
            f"On the indicators without a confidence interval, {area_name} is within 5% of Trafford "
            "or better (not tested for significance)."
        )
    details = [
        f"{_title(row)} ({formatting.format_value(row['value'], row)} against "
        f"{formatting.format_value(row['trafford_value'], row)})"
        for row in records(worse)
    ]
    return (
        f"Among indicators without a confidence interval (not tested for significance), the largest "
        f"unfavourable gaps from Trafford are {join_words(details)}."
    )
