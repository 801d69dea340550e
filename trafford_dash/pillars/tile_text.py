"""The words, badges and short figures on a pillar tile: values with units, comparisons, change, legend.

Pure formatting for :mod:`trafford_dash.pillars.tiles`: nothing here reads data. Significance is never
shown by colour alone: :func:`badge_markdown` gives an Okabe–Ito colour with a symbol and a word, and
picks black or white text for contrast.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from trafford_dash.core import formatting, palettes, trends

PEER_SHORT = {
    "cipfa": "CIPFA peers",
    "nhs_near_neighbours": "NHS near neighbours",
    "childrens_services": "children's services peers",
}


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def shown_value(row: Mapping[str, Any] | None, meta: Mapping[str, Any]) -> str:
    """A value with its unit, "≈" before approximations, "suppressed" for suppressed values."""
    if row is None:
        return "no data"
    if bool(row.get("suppressed")):
        return "suppressed"
    text = formatting.format_value(row.get("value"), meta)
    return f"≈ {text}" if bool(row.get("approximate")) and text != "no data" else text


def compact_value(row: Mapping[str, Any] | None, meta: Mapping[str, Any]) -> str:
    """Like :func:`shown_value` but with a long unit left off (it is shown beside the figure)."""
    if row is None or bool(row.get("suppressed")) or _missing(row.get("value")):
        return shown_value(row, meta)
    unit = str(meta.get("unit") or "")
    decimals = formatting.decimals_for(str(meta.get("value_type", "")))
    number = formatting.format_number(row.get("value"), decimals)
    if unit.startswith("%"):
        text = f"{number}%"
    elif 0 < len(unit) <= 6 and unit != "score":
        text = f"{number} {unit}"
    else:
        text = number
    return f"≈ {text}" if bool(row.get("approximate")) else text


def compare_by_value(value: object, other: object, meta: Mapping[str, Any]) -> str:
    """Trafford's value beside another, in words: "lower (better)", "higher", "the same (to rounding)".

    This compares values only; it is not a significance test.
    """
    if _missing(value) or _missing(other):
        return ""
    decimals = formatting.decimals_for(str(meta.get("value_type", "")))
    a, b = round(float(value), decimals), round(float(other), decimals)  # type: ignore[arg-type]
    if a == b:
        return "the same (to rounding)"
    word = "higher" if a > b else "lower"
    polarity = str(meta.get("polarity", ""))
    if polarity == "higher_is_better":
        return f"{word} ({'better' if a > b else 'worse'})"
    if polarity == "lower_is_better":
        return f"{word} ({'better' if a < b else 'worse'})"
    return word


def badge_text(label: str) -> str:
    """Symbol and word for a significance label (``"▲ Better"``)."""
    return palettes.significance_badge(label)


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def text_colour_on(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (WCAG relative luminance)."""
    lum = _luminance(background)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


def badge_markdown(label: str) -> str:
    """A significance badge for ``st.markdown``: Okabe–Ito background, symbol and word."""
    style = palettes.SIGNIFICANCE_STYLE.get(label, palettes.SIGNIFICANCE_STYLE["Not compared"])
    colour = style["colour"]
    colours = f'{{foreground="{text_colour_on(colour)}" background="{colour}"}}'
    return f":color[{style['symbol']} {style['text']}]{colours}"


def change_text(change: trends.Change, meta: Mapping[str, Any]) -> str:
    """``"↓ 1.5 since 2023 (improving)"``, or a sentence saying there is no earlier period."""
    if change.direction is None:
        return "No earlier period to compare"
    decimals = formatting.decimals_for(str(meta.get("value_type", "")))
    size = formatting.format_number(abs(change.delta or 0.0), decimals)
    approx = "≈ " if change.approximate else ""
    if change.direction == "same":
        text = f"→ no change since {change.previous_period}"
    else:
        text = f"{change.symbol} {approx}{size} since {change.previous_period}"
    if change.judgement in (trends.IMPROVING, trends.WORSENING):
        text += f" ({change.judgement})"
    return text


def neighbourhood_line(nbh: Sequence[Mapping[str, Any]], meta: Mapping[str, Any]) -> str:
    """``"North 12.3% · Central 8.1% · … (2021; plan's pre-May-2023 wards)"`` or an empty string."""
    if not nbh:
        return ""
    parts = [f"{row['area_name']} {compact_value(row, meta)}" for row in nbh]
    return " · ".join(parts) + f" ({nbh[0]['period']}; {wards_phrase(str(nbh[0]['vintage']))})"


def wards_phrase(vintage: str) -> str:
    """Which ward boundaries a neighbourhood figure is built from."""
    return {"2022": "plan's pre-May-2023 wards", "2023": "May-2023 wards"}.get(vintage, "wards")


def short_value(value: object, meta: Mapping[str, Any]) -> str:
    """A value with a short unit ("%"), or the bare number where the unit is long (ranks, deciles)."""
    unit = str(meta.get("unit") or "")
    if unit in ("%", "", "years") or len(unit) <= 6:
        return formatting.format_value(value, meta)
    return formatting.format_number(value, formatting.decimals_for(str(meta.get("value_type", ""))))


def spread_text(info: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    """One line describing a spread: ``"Across 21 wards: median 8.2%, from 2.1% (Bowdon) to 15.0% (…)"``."""
    plural = {"ward": "wards", "lsoa": "LSOAs"}[str(info["level"])]
    text = (
        f"Across {info['n']} {plural}: median {short_value(info['median'], meta)}, from "
        f"{short_value(info['low'], meta)} ({info['low_name']}) to "
        f"{short_value(info['high'], meta)} ({info['high_name']})"
    )
    if info.get("decile_1") is not None:
        text += f"; {info['decile_1']} in England's most deprived 10%"
    return text


def peer_lines(tile: Mapping[str, Any]) -> list[str]:
    """``"CIPFA peers ≈ 10.1%: Trafford lower (better)"`` for each peer average present."""
    lines = []
    for group, name in PEER_SHORT.items():
        shown = tile.get(f"{group}_shown")
        if shown:
            word = tile.get(f"{group}_word") or ""
            lines.append(f"{name} {shown}" + (f": Trafford {word}" if word else ""))
    return lines


def benchmark_line(tile: Mapping[str, Any]) -> str:
    """Greater Manchester and the peer averages beside Trafford, in one line."""
    parts = []
    if not _missing(tile.get("gm_value")):
        word = tile.get("gm_word") or ""
        parts.append(f"Greater Manchester {tile['gm_shown']}" + (f": Trafford {word}" if word else ""))
    else:
        parts.append("no Greater Manchester figure")
    peers = peer_lines(tile)
    parts += peers if peers else ["no peer averages"]
    return " · ".join(parts)


def first_clause(note: str, limit: int = 90) -> str:
    """The start of a method note, up to its first ';' or full stop (shortened to ``limit``)."""
    head = note.split(";")[0].split(". ")[0].strip().rstrip(".")
    return head if len(head) <= limit else head[: limit - 1].rstrip() + "…"


def significance_legend() -> str:
    """The legend: each label's symbol and word, and how the comparison with England is made."""
    keys = ["Better", "Similar", "Worse", "Higher", "Lower", "Not compared"]
    symbols = " · ".join(badge_text(k) for k in keys)
    return (
        f"{symbols}. Against England: Trafford is significantly different when England's value lies "
        "outside Trafford's 95% confidence interval (the Fingertips method); where the figure has no "
        "interval, OHID's published label is used. Higher/Lower are used where more is neither "
        "better nor worse. Greater Manchester and peer averages are compared by value only (≈ marks "
        "approximations: GM's newer figures are population-weighted means of the ten boroughs and peer "
        "figures unweighted means of the peers)."
    )
