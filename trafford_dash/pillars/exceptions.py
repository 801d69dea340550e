"""The exceptions list: indicators where Trafford is worse than England and getting worse, or better
than England and improving, across every pillar.

Both tests use the same latest period: the significance label against England at that period (see
:func:`trafford_dash.pillars.tiles.england_significance`) and the direction of change from the period
before (see :func:`trafford_dash.core.trends.latest_change`). Indicators whose polarity makes no
judgement (more is neither better nor worse) are never exceptions.
"""

from __future__ import annotations

import pandas as pd

from trafford_dash.core import trends
from trafford_dash.core.config import PILLARS
from trafford_dash.store.catalogue import split_list

WORSE_AND_WORSENING = "Worse than England and getting worse"
BETTER_AND_IMPROVING = "Better than England and improving"
KINDS = {
    WORSE_AND_WORSENING: ("Worse", trends.WORSENING),
    BETTER_AND_IMPROVING: ("Better", trends.IMPROVING),
}
COLUMNS = [
    "kind",
    "indicator_id",
    "title",
    "pillar",
    "pillars",
    "theme",
    "period",
    "year",
    "source",
    "shown",
    "significance",
    "significance_method",
    "change",
    "local",
]


def first_pillar(cell: object) -> str:
    """The first of an indicator's pillars in the plan's order (where its tile is linked)."""
    named = split_list(cell)
    for pillar in PILLARS:
        if pillar in named:
            return pillar
    return named[0] if named else ""


def exceptions(tiles: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``tiles`` (from :func:`trafford_dash.pillars.tiles.build_tiles`) that are exceptions.

    Returns one row per exception with ``kind`` (one of :data:`KINDS`), the indicator, the pillar its
    link opens, the latest period and value, and the significance and change texts; worse first,
    then by pillar order and title.
    """
    if tiles.empty or "change_judgement" not in tiles:
        return pd.DataFrame(columns=COLUMNS)
    tiles = tiles.drop_duplicates("indicator_id")
    frames = []
    for kind, (label, judgement) in KINDS.items():
        match = tiles[(tiles["significance"] == label) & (tiles["change_judgement"] == judgement)].copy()
        match["kind"] = kind
        frames.append(match)
    found = pd.concat(frames, ignore_index=True)
    if found.empty:
        return pd.DataFrame(columns=COLUMNS)
    found["pillar"] = found["pillars"].map(first_pillar)
    found["_kind"] = found["kind"].map(list(KINDS).index)
    found["_pillar"] = found["pillar"].map(lambda p: PILLARS.index(p) if p in PILLARS else len(PILLARS))
    found = found.sort_values(["_kind", "_pillar", "title"], kind="stable")
    return found[COLUMNS].reset_index(drop=True)


def summary_sentence(found: pd.DataFrame) -> str:
    """One sentence counting the exceptions of each kind."""
    counts = found["kind"].value_counts() if not found.empty else pd.Series(dtype=int)
    worse = int(counts.get(WORSE_AND_WORSENING, 0))
    better = int(counts.get(BETTER_AND_IMPROVING, 0))

    def n(count: int) -> str:
        return f"{count} indicator{'s' if count != 1 else ''}"

    return (
        f"At the latest period, Trafford is significantly worse than England and getting worse on "
        f"{n(worse)}, and significantly better than England and improving on {n(better)}."
    )
