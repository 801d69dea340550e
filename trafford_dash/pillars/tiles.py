"""Pillar tiles: for each indicator mapped to a plan pillar, Trafford's latest figure and its benchmarks.

A tile holds Trafford's latest value (the borough level), its period and unit, the direction of its
latest change, its significance against England (computed from the 95% confidence interval as Fingertips
does, or OHID's published label where the figure has no interval), and its value beside Greater
Manchester and the three peer-group averages for the same period. Those comparisons are differences in
value, not significance tests: the GM figure of the newer series and every peer average are means
without intervals, and are flagged as approximations. Indicators published only for wards or LSOAs get
a tile describing their spread across Trafford instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from trafford_dash.core import config, formatting, significance, trends
from trafford_dash.core.config import PILLARS
from trafford_dash.pillars import neighbourhoods, tile_text
from trafford_dash.store.catalogue import split_list

TILE_LEVELS = ("borough", "region", "country", "peer_group", "neighbourhood")

SPREAD_LEVELS = ("ward", "lsoa")

THEME_LABELS = {
    "local": "Locally supplied",
    "health": "Health",
    "social_care": "Social care",
    "children": "Children and young people",
    "education": "Education",
    "community_safety": "Community safety",
    "environment": "Environment",
    "transport": "Transport",
    "economy": "Economy",
    "housing": "Housing",
    "demographics": "Demographics",
    "population": "Population",
    "deprivation": "Deprivation",
}

THEME_ORDER = list(THEME_LABELS)


def pillar_order() -> list[str]:
    """The plan's six pillars in its order."""
    return list(PILLARS)


def pillar_catalogue(catalogue: pd.DataFrame, pillar: str) -> pd.DataFrame:
    """Catalogue rows of the indicators mapped to ``pillar``, ordered by theme then title."""
    mapped = catalogue["pillars"].map(lambda cell: pillar in split_list(cell))
    rows = catalogue[mapped].copy()
    rows["_theme"] = rows["theme"].map(
        lambda t: THEME_ORDER.index(t) if t in THEME_ORDER else len(THEME_ORDER)
    )
    return rows.sort_values(["_theme", "title"], kind="stable").drop(columns="_theme").reset_index(drop=True)


def mapped_indicators(catalogue: pd.DataFrame) -> list[str]:
    """Every indicator mapped to at least one pillar."""
    return [
        str(i)
        for i, cell in zip(catalogue["indicator_id"], catalogue["pillars"], strict=True)
        if split_list(cell)
    ]


def england_significance(
    trafford: Mapping[str, Any], england: Mapping[str, Any] | None, polarity: str
) -> tuple[str, str]:
    """Trafford against England: (label, method sentence), by :func:`trafford_dash.core.significance.compare`.

    A label computed from Trafford's 95% interval wins; OHID's published label is used only where the
    figure has no interval.
    """
    frame = pd.DataFrame([dict(trafford)])
    for column in ("value", "lower_ci_95", "upper_ci_95"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce") if column in frame else float("nan")
    value = float("nan") if england is None or trends.missing(england.get("value")) else england["value"]
    out = significance.compare(
        frame, float(value), polarity, config.CONFIDENCE, comparator_code=config.ENGLAND_CODE
    )
    return str(out["significance"].iloc[0]), str(out["significance_method"].iloc[0])


def spread(rows: pd.DataFrame, meta: Mapping[str, Any]) -> dict[str, Any] | None:
    """For an indicator with no Trafford figure: the latest spread across wards (or LSOAs).

    Returns the level, period, number of areas, median, lowest and highest (with names), and for a
    decile indicator the number of areas in decile 1; None when there are no such rows.
    """
    for level in SPREAD_LEVELS:
        own = rows[(rows["level"] == level) & rows["value"].notna()]
        if own.empty:
            continue
        sex, age = trends.choose_slice(own)
        own = own[(own["sex"] == sex) & (own["age"] == age)]
        latest = max(trends.records(own[["period", "year"]]), key=trends.sort_key)
        own = own[own["period"] == latest["period"]]
        vintages = sorted(own["vintage"].unique())
        own = own[own["vintage"] == vintages[-1]]
        low, high = own.loc[own["value"].idxmin()], own.loc[own["value"].idxmax()]
        out = {
            "level": level,
            "period": str(latest["period"]),
            "year": _year(latest.get("year")),
            "vintage": str(vintages[-1]),
            "n": len(own),
            "median": float(own["value"].median()),
            "low": float(low["value"]),
            "low_name": str(low["area_name"]),
            "high": float(high["value"]),
            "high_name": str(high["area_name"]),
            "decile_1": int((own["value"] == 1).sum()) if meta.get("value_type") == "decile" else None,
        }
        return out
    return None


def build_tile(
    meta: Mapping[str, Any],
    rows: pd.DataFrame | Sequence[trends.Record],
    local: bool = False,
    spread_rows: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """Everything one tile shows, as a flat dict (see the module docstring).

    Parameters
    ----------
    meta
        The indicator's catalogue row.
    rows
        The indicator's store rows at the tile levels (borough, region, country, peer_group,
        neighbourhood) and, for indicators without a Trafford figure, ward or LSOA rows.
    local
        True for a locally supplied indicator (uploaded in this session).
    spread_rows
        Ward or LSOA rows of the indicator, used only when it has no Trafford figure.
    """
    every = trends.records(rows) if isinstance(rows, pd.DataFrame) else list(rows)
    tile_rows = [r for r in every if r["level"] in TILE_LEVELS]
    borough = [r for r in tile_rows if r["level"] == "borough"]
    sex, age = trends.choose_slice(borough if borough else tile_rows)
    series = trends.series_records(borough, config.TRAFFORD_CODE, sex, age)
    tile = _identity_fields(meta, local, sex, age) | {"headline": "trafford" if series else "spread"}
    nbh = neighbourhoods.neighbourhood_records(tile_rows, sex, age)
    tile["neighbourhoods"] = tile_text.neighbourhood_line(nbh, meta)
    if not series:
        extra = [r for r in every if r["level"] in SPREAD_LEVELS]
        if spread_rows is not None and not spread_rows.empty:
            frame = spread_rows[spread_rows["indicator_id"] == meta["indicator_id"]]
        else:
            frame = pd.DataFrame(extra)
        return tile | _spread_fields(frame, meta)
    latest = _latest_fields(meta, series, tile_rows, (sex, age))
    return tile | latest | _comparator_fields(meta, series[-1], tile_rows, (sex, age))


def _identity_fields(meta: Mapping[str, Any], local: bool, sex: str, age: str) -> dict[str, Any]:
    """What the indicator is and where it comes from, from its catalogue row."""
    return {
        "indicator_id": meta["indicator_id"],
        "title": str(meta.get("title", meta["indicator_id"])),
        "theme": "local" if local else str(meta.get("theme", "")),
        "pillars": ";".join(split_list(meta.get("pillars"))),
        "unit": str(meta.get("unit", "")),
        "polarity": str(meta.get("polarity", "no_judgement")),
        "local": local,
        "sex": sex,
        "age": age,
        "source": str(meta.get("source", "")),
        "licence": str(meta.get("licence", "")),
        "published": str(meta.get("published") or "not stated"),
        "attribution": str(meta.get("attribution", "")),
    }


def _latest_fields(
    meta: Mapping[str, Any],
    series: list[trends.Record],
    tile_rows: list[trends.Record],
    sex_age: tuple[str, str],
) -> dict[str, Any]:
    """Trafford's latest value, its change since the previous period and its comparison with England."""
    polarity = str(meta.get("polarity", "no_judgement"))
    latest = series[-1]
    period = str(latest["period"])
    change = trends.latest_change(series, polarity)
    england = trends.row_for_period(tile_rows, config.ENGLAND_CODE, period, *sex_age)
    label, method = england_significance(latest, england, polarity)
    return {
        "period": period,
        "year": _year(latest.get("year")),
        "value": latest["value"],
        "shown": tile_text.shown_value(latest, meta),
        "shown_short": tile_text.compact_value(latest, meta),
        "ci": formatting.format_ci(latest.get("lower_ci_95"), latest.get("upper_ci_95"), meta),
        "approximate": bool(latest["approximate"]),
        "suppressed": bool(latest["suppressed"]),
        "value_note": str(latest.get("value_note") or ""),
        "n_periods": len(series),
        "first_period": str(series[0]["period"]),
        "change_direction": change.direction,
        "change_judgement": change.judgement,
        "change_delta": change.delta,
        "previous_period": change.previous_period,
        "change": tile_text.change_text(change, meta),
        "significance": label,
        "significance_method": method,
        "badge": tile_text.badge_text(label),
        "england_value": None if england is None else england["value"],
        "england_shown": tile_text.compact_value(england, meta) if england else "no England figure",
    }


def _comparator_fields(
    meta: Mapping[str, Any],
    latest: trends.Record,
    tile_rows: list[trends.Record],
    sex_age: tuple[str, str],
) -> dict[str, Any]:
    """Greater Manchester's and each peer group's value in the latest period, and how Trafford compares."""
    period, (sex, age) = str(latest["period"]), sex_age
    gm = trends.row_for_period(tile_rows, config.GM_CODE, period, sex, age)
    fields: dict[str, Any] = {
        "gm_value": None if gm is None else gm["value"],
        "gm_shown": tile_text.compact_value(gm, meta) if gm else "no GM figure",
        "gm_word": tile_text.compare_by_value(latest["value"], None if gm is None else gm["value"], meta),
        "gm_note": "" if gm is None else str(gm.get("value_note") or ""),
    }
    for group in config.PEER_GROUPS:
        peer = trends.row_for_period(tile_rows, group, period, sex, age)
        fields[f"{group}_value"] = None if peer is None else peer["value"]
        fields[f"{group}_shown"] = "" if peer is None else tile_text.compact_value(peer, meta)
        fields[f"{group}_word"] = tile_text.compare_by_value(
            latest["value"], None if peer is None else peer["value"], meta
        )
        fields[f"{group}_note"] = "" if peer is None else str(peer.get("value_note") or "")
    return fields


def _year(value: object) -> int | None:
    return None if trends.missing(value) else int(value)  # type: ignore[call-overload]


def _spread_fields(rows: pd.DataFrame, meta: Mapping[str, Any]) -> dict[str, Any]:
    info = spread(rows, meta) if not rows.empty else None
    base: dict[str, Any] = {
        "significance": "Not compared",
        "significance_method": "No Trafford-wide figure to compare with England.",
        "badge": tile_text.badge_text("Not compared"),
        "change": "No Trafford-wide series",
        "change_direction": None,
        "change_judgement": None,
        "approximate": False,
        "suppressed": False,
        "value_note": "",
    }
    if info is None:
        return base | {
            "period": "",
            "year": None,
            "value": None,
            "shown": "no data",
            "shown_short": "no data",
            "spread": "No figures in the store.",
        }
    return base | {
        "period": info["period"],
        "year": info["year"],
        "value": info["median"],
        "shown": f"median {tile_text.short_value(info['median'], meta)}",
        "shown_short": f"median {tile_text.short_value(info['median'], meta)}",
        "spread": tile_text.spread_text(info, meta),
        "spread_level": info["level"],
    }


def build_tiles(
    catalogue_rows: pd.DataFrame,
    rows: pd.DataFrame,
    local_ids: Iterable[str] = (),
    spread_rows: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One tile per catalogue row (see :func:`build_tile`), in the catalogue rows' order.

    ``rows`` holds the tile levels of every indicator; ``spread_rows`` the ward and LSOA rows of
    those with no Trafford figure.
    """
    local = set(local_ids)
    by_indicator: dict[str, list[trends.Record]] = {}
    for row in trends.records(rows):
        by_indicator.setdefault(str(row["indicator_id"]), []).append(row)
    tiles = [
        build_tile(
            meta,
            by_indicator.get(str(meta["indicator_id"]), []),
            local=meta["indicator_id"] in local,
            spread_rows=spread_rows,
        )
        for meta in trends.records(catalogue_rows)
    ]
    return pd.DataFrame(tiles)
