"""Turning numbers into the words and labels shown on screen: values with units, CIs, provenance."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def decimals_for(value_type: str) -> int:
    """Decimal places that suit a kind of value (counts whole, scores and rates one place)."""
    return {"count": 0, "rank": 0, "decile": 0, "years": 1, "ratio": 1, "proportion": 1}.get(value_type, 1)


def format_number(value: object, decimals: int = 1) -> str:
    """``12345.6`` → ``"12,345.6"``; missing → ``"no data"``."""
    if _is_missing(value):
        return "no data"
    return f"{float(value):,.{decimals}f}"  # type: ignore[arg-type]


def format_value(value: object, meta: Mapping[str, Any]) -> str:
    """A value with its unit: ``"23.4%"``, ``"79.5 years"``, ``"105.2 (England = 100)"``."""
    if _is_missing(value):
        return "no data"
    number = format_number(value, decimals_for(str(meta.get("value_type", ""))))
    unit = str(meta.get("unit") or "")
    if unit == "%":
        return f"{number}%"
    if unit in ("", "score"):
        return number if unit == "" else f"{number} (score)"
    return f"{number} {unit}"


def format_ci(lower: object, upper: object, meta: Mapping[str, Any], level: str = "95%") -> str:
    """``"(95% CI 21.0 to 25.1)"``, or an empty string when there is no interval."""
    if _is_missing(lower) or _is_missing(upper):
        return ""
    decimals = decimals_for(str(meta.get("value_type", "")))
    return f"({level} CI {format_number(lower, decimals)} to {format_number(upper, decimals)})"


def provenance(meta: Mapping[str, Any], period: object) -> str:
    """``"Period 2021. Source: ONS Census 2021 via Trafford Data Lab. OGL v3.0."``"""
    return f"Period {period}. Source: {meta.get('source', 'unknown')}. Licence: {meta.get('licence', '')}."


def hover_line(row: Mapping[str, Any], meta: Mapping[str, Any], extra: str = "") -> str:
    """Hover text for one area: name, value with CI, period, and an approximation flag."""
    parts = [f"<b>{row.get('area_name', '')}</b>"]
    if extra:
        parts.append(extra)
    value = format_value(row.get("value"), meta)
    ci = format_ci(row.get("lower_ci_95"), row.get("upper_ci_95"), meta)
    parts.append(f"{meta.get('title', '')}: {value} {ci}".strip())
    parts.append(f"Period: {row.get('period', '')}")
    if row.get("approximate"):
        parts.append("Approximation (see method note)")
    if row.get("suppressed"):
        parts.append("Suppressed: small numbers")
    return "<br>".join(parts)
