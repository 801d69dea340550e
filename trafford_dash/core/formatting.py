"""Turning numbers into the words and labels shown on screen: values with units, CIs, provenance."""

from __future__ import annotations

import math
import re
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


def _has_unit(label: str, unit: str) -> bool:
    """True when ``unit`` stands on its own in ``label`` ("%" in "Adults who smoke, %", not in "10%")."""
    edges = r"(?<![\w%£])", r"(?![\w%])"
    return re.search(edges[0] + re.escape(unit) + edges[1], label, flags=re.IGNORECASE) is not None


def with_unit(label: str, unit: str) -> str:
    """``label`` with ``unit`` appended once: never "% (%)" or "(years) (years)".

    A label that already names the unit is returned as it is. A trailing fragment of the unit
    (", per 10,000" for "per 10,000 aged under 18", "(SAR)" for "SAR (England = 100)") is replaced by
    the whole unit, and a label ending in the unit's first word ("Crime rank") runs on into the rest of
    it ("Crime rank of 32,844 LSOAs (1 = most deprived)").
    """
    label, unit = str(label or "").strip(), str(unit or "").strip()
    if not unit or _has_unit(label, unit):
        return label
    tail = re.search(r"(?:,\s+((?:[^,()]|,(?=\d))+)|\s*\(([^()]+)\))$", label)
    if tail:
        fragment = (tail.group(1) or tail.group(2)).strip()
        if unit.lower().startswith(fragment.lower()) or _has_unit(unit, fragment):
            label = label[: tail.start()].rstrip()
    head = unit.split(" ", 1)
    if len(head) == 2 and label.lower().endswith(" " + head[0].lower()):
        return f"{label} {head[1]}"
    return f"{label}, {unit}" if "(" in unit else f"{label} ({unit})"


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
