"""Colouring the map by significance: against Trafford, Greater Manchester or England.

Each area is labelled by the one engine (:func:`trafford_dash.core.significance.significance_against`)
against the comparator's row for the same period, sex and age. Against Trafford and Greater Manchester
the two 95% (or 99.8%) intervals are compared, as on the profile; a comparator without an interval is a
point benchmark. Against England, England's value is a point benchmark, as OHID does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from trafford_dash.core import config
from trafford_dash.core import significance as comparison


@dataclass(frozen=True)
class MapComparator:
    """A comparator the map can colour against: where its rows are and how it is tested."""

    name: str
    level: str
    code: str
    point: bool


COMPARATORS: dict[str, MapComparator] = {
    "sig_trafford": MapComparator(config.TRAFFORD_NAME, "borough", config.TRAFFORD_CODE, point=False),
    "sig_gm": MapComparator(config.GM_NAME, "region", config.GM_CODE, point=False),
    "sig_england": MapComparator(config.ENGLAND_NAME, "country", config.ENGLAND_CODE, point=True),
}
"""Colour mode → comparator, in the order the choices are offered."""


def with_significance(
    frame: pd.DataFrame,
    comparator_rows: pd.DataFrame,
    mode: str,
    polarity: str,
    confidence: str = "95",
) -> tuple[pd.DataFrame, str]:
    """Add ``significance``, ``significance_method`` and ``badge``; also return the comparator's name.

    ``comparator_rows`` are the indicator's rows at the comparator's level; a comparator without a row
    for the frame's period, sex and age leaves every area "Not compared".
    """
    comparator = COMPARATORS[mode]
    if frame.empty:
        return frame.assign(significance=[], significance_method=[], badge=[]), comparator.name
    first = frame.iloc[0]
    row = comparison.comparator_row(
        comparator_rows, comparator.code, str(first["period"]), str(first["sex"]), str(first["age"])
    )
    out = comparison.significance_against(
        frame, row, polarity, confidence, treat_comparator_as_point=comparator.point
    )
    return out, comparator.name


def colour_modes(
    rows: pd.DataFrame, comparator_rows: Mapping[str, pd.DataFrame], polarity: str
) -> tuple[list[str], str]:
    """The colourings worth offering for the mapped rows, and a sentence on any left out.

    ``comparator_rows`` holds each significance mode's comparator rows (a mode missing from it is not
    offered). "Significance vs X" is offered only when at least one area gets a label other than "Not
    compared" against X (an interval, or OHID's published label against England, and a value for X in
    the same period): otherwise the map would be all grey.
    """
    modes, missing = ["value"], []
    for mode, comparator in COMPARATORS.items():
        found = comparator_rows.get(mode)
        labelled = with_significance(rows, found, mode, polarity)[0] if found is not None else rows
        if not rows.empty and found is not None and (labelled["significance"] != "Not compared").any():
            modes.append(mode)
        else:
            missing.append(comparator.name)
    if not missing:
        return modes, ""
    names = f"{', '.join(missing[:-1])} or {missing[-1]}" if len(missing) > 1 else missing[0]
    return modes, (
        f"Significance against {names} is not offered: for this choice no area has a "
        "confidence interval (or a published OHID label) and a comparator figure for the same period, "
        "so every area would be “not compared”."
    )


def how_to_read(mode: str, confidence: str) -> str:
    """The caption's sentence on a significance colouring."""
    comparator = COMPARATORS[mode]
    rule = (
        f"{comparator.name}'s value outside the area's {confidence} interval"
        if comparator.point
        else f"the area's {confidence} interval not overlapping {comparator.name}'s (or, where "
        f"{comparator.name} has no interval, {comparator.name}'s value outside it)"
    )
    return (
        f"Each area is compared with {comparator.name} for the same period at {confidence} confidence "
        f"({rule}): ▲ better, ▼ worse, △ higher, ▽ lower (where there is no better or worse), ● similar, "
        "○ not compared (no interval published). Symbols are in the hover and the table."
    )
