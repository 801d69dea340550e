"""Side by side: two to four areas of any kind, every indicator they share, in one table.

Each indicator is shown for the period in which the reference area has its latest figure; each
other area is compared with the reference for that period by confidence-interval overlap (as
OHID Fingertips compares two areas): they differ when the 95% intervals do not overlap, and where
only the area has an interval, when the reference's value lies outside it. Figures without
intervals are not compared.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from trafford_dash.compare.common import area_label, cell_text, records
from trafford_dash.core import config, palettes
from trafford_dash.core import significance as comparison
from trafford_dash.store import columns

MAX_AREAS = 4


@dataclass(frozen=True)
class AreaKey:
    """One selectable area: a store level, vintage and code, with its on-screen label."""

    key: str
    level: str
    vintage: str
    code: str
    label: str


def area_options(areas: pd.DataFrame, gm_boroughs: Mapping[str, str] | None = None) -> list[AreaKey]:
    """Trafford, Greater Manchester, England, the other Greater Manchester boroughs (name → code, as
    local authorities), the neighbourhoods and the wards of both vintages."""
    options = [
        AreaKey(config.TRAFFORD_CODE, "borough", "", config.TRAFFORD_CODE, config.TRAFFORD_NAME),
        AreaKey(config.GM_CODE, "region", "", config.GM_CODE, config.GM_NAME),
        AreaKey(config.ENGLAND_CODE, "country", "", config.ENGLAND_CODE, config.ENGLAND_NAME),
    ]
    options += [
        AreaKey(code, "local_authority", "", code, f"{name} (Greater Manchester borough)")
        for name, code in (gm_boroughs or {}).items()
        if code != config.TRAFFORD_CODE
    ]
    for level in ("neighbourhood", "ward"):
        for vintage in ("2022", "2023"):
            part = areas[(areas["level"] == level) & (areas["vintage"] == vintage)]
            if level == "ward":
                part = part.sort_values("area_name")
            for row in part.itertuples():
                key = f"{row.area_code}_{vintage}" if level == "neighbourhood" else str(row.area_code)
                label = area_label(str(row.area_name), level, vintage)
                options.append(AreaKey(key, level, vintage, str(row.area_code), label))
    return options


@dataclass
class SideResult:
    """Long rows (one per indicator and area), the wide table, and counts per area."""

    long: pd.DataFrame
    wide: pd.DataFrame
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    refusal: str | None = None


def _tag(values: pd.DataFrame, ordered: Sequence[AreaKey]) -> pd.DataFrame:
    """The rows of each chosen area, tagged with its key and label (vectorised join on code/level/vintage)."""
    keys = pd.DataFrame(
        {
            "area_code": [a.code for a in ordered],
            "level": [a.level for a in ordered],
            "vintage": [a.vintage for a in ordered],
            "area_key": [a.key for a in ordered],
            "area_label": [a.label for a in ordered],
        }
    )
    return values.merge(keys, on=["area_code", "level", "vintage"], how="inner")


def _first_by(rows: pd.DataFrame, column: str, preferred: str) -> pd.Series:
    """Per indicator, ``preferred`` where present in ``column``, otherwise its first value in sort order."""
    found = rows.groupby("indicator_id")[column].agg(
        lambda s: preferred if preferred in set(s) else sorted(set(s))[0]
    )
    return found


def side_by_side(
    values: pd.DataFrame,
    chosen: Sequence[AreaKey],
    reference: AreaKey,
    catalogue: pd.DataFrame,
    confidence: str = "95",
    theme: str | None = None,
) -> SideResult:
    """Compare the chosen areas with the reference on every indicator at least two of them have.

    Parameters
    ----------
    values
        Values-store rows for the chosen areas (any indicators, levels and periods).
    chosen
        The areas; the reference is put first, and at most :data:`MAX_AREAS` are kept in all.
    reference
        The area the others are compared with.
    catalogue
        Indicator metadata: title, theme, polarity, unit, value type, source, licence.
    confidence
        "95" or "99.8": the intervals that must not overlap.
    theme
        Keep only indicators of this theme (``None`` for all).

    Notes
    -----
    The labels are those of :func:`trafford_dash.core.significance.significance_against` with
    ``treat_comparator_as_point=False`` and the reference's row as comparator, computed for all
    indicators at once with :func:`trafford_dash.core.significance.compare`.
    """
    ordered = ([reference] + [a for a in chosen if a.key != reference.key])[:MAX_AREAS]
    if len(ordered) < 2:
        return SideResult(
            pd.DataFrame(), pd.DataFrame(), refusal="Choose at least two areas (the reference and one more)."
        )
    meta = catalogue.set_index("indicator_id")
    if theme:
        meta = meta[meta["theme"] == theme]
    rows = _shared_rows(values[values["indicator_id"].isin(meta.index)], ordered)
    if rows.empty:
        return SideResult(
            pd.DataFrame(),
            pd.DataFrame(),
            refusal="None of the indicators has figures for two or more of these areas; choose other areas.",
        )
    picked = _pick_periods(rows, reference)
    picked = _label(picked, reference, meta, confidence)
    picked = picked.join(
        meta[["title", "theme", "unit", "source", "licence", "attribution"]], on="indicator_id"
    )
    info = {str(r["indicator_id"]): r for r in records(meta.reset_index())}
    picked["shown"] = [cell_text(row, info[row["indicator_id"]]) for row in records(picked)]
    picked["reference"] = reference.label
    return SideResult(picked, wide_table(picked, ordered), counts(picked, ordered))


def _shared_rows(values: pd.DataFrame, ordered: Sequence[AreaKey]) -> pd.DataFrame:
    """The chosen areas' rows with a figure, at one sex and age, on indicators two or more areas share."""
    rows = _tag(values, ordered)
    rows = rows[rows["value"].notna() | rows["suppressed"]]
    if not rows.empty:
        rows = rows[rows["sex"] == rows["indicator_id"].map(_first_by(rows, "sex", "Persons"))]
        rows = rows[rows["age"] == rows["indicator_id"].map(_first_by(rows, "age", "All ages"))]
        shared = rows.groupby("indicator_id")["area_key"].nunique()
        rows = rows[rows["indicator_id"].map(shared) >= 2]
    return rows


def _pick_periods(rows: pd.DataFrame, reference: AreaKey) -> pd.DataFrame:
    """One row per indicator and area: the reference's latest period, else each area's latest.

    An indicator's row period is the reference's latest (or the latest of any area when the
    reference has none); an area without a figure then shows its own latest, flagged
    ``different_period``.
    """
    rows = rows.sort_values(["indicator_id", "area_key", "year", "period"])
    latest_any = rows.groupby("indicator_id")["period"].last()
    ref_latest = rows[rows["area_key"] == reference.key].groupby("indicator_id")["period"].last()
    row_period = latest_any.copy()
    row_period.loc[ref_latest.index] = ref_latest
    rows["row_period"] = rows["indicator_id"].map(row_period)
    at_period = rows[rows["period"] == rows["row_period"]]
    missing = rows[
        ~rows.set_index(["indicator_id", "area_key"]).index.isin(
            at_period.set_index(["indicator_id", "area_key"]).index
        )
    ]
    fallback = missing.groupby(["indicator_id", "area_key"]).tail(1)
    picked = pd.concat([at_period, fallback], ignore_index=True)
    picked["different_period"] = picked["period"] != picked["row_period"]
    return picked


def _label(picked: pd.DataFrame, reference: AreaKey, meta: pd.DataFrame, confidence: str) -> pd.DataFrame:
    """Significance of each row against the reference's row for the same indicator and period."""
    lower, upper = comparison.ci_columns(confidence)
    ref = picked[(picked["area_key"] == reference.key) & ~picked["different_period"]].set_index(
        "indicator_id"
    )
    labelled = comparison.compare(
        picked,
        picked["indicator_id"].map(ref["value"]),
        picked["indicator_id"].map(meta["polarity"]),
        confidence,
        picked["indicator_id"].map(ref[lower]),
        picked["indicator_id"].map(ref[upper]),
        comparator_code=reference.code,
    )
    out = picked.assign(
        significance=labelled["significance"], significance_method=labelled["significance_method"]
    )
    out.loc[out["different_period"], ["significance", "significance_method"]] = [
        comparison.NOT_COMPARED,
        comparison.DIFFERENT_PERIOD,
    ]
    out["badge"] = out["significance"].map(palettes.significance_badge)
    is_ref = out["area_key"] == reference.key
    out.loc[is_ref, ["significance", "significance_method", "badge"]] = [
        comparison.NOT_COMPARED,
        comparison.REFERENCE,
        "reference",
    ]
    return out


def wide_table(long: pd.DataFrame, ordered: Sequence[AreaKey]) -> pd.DataFrame:
    """Indicators as rows, one column per area: value, its period where it differs, and its badge."""
    cell = long["shown"] + long.apply(
        lambda r: f" [{r['period']}]" if r["period"] != r["row_period"] else "", axis=1
    )
    cell = cell + long["badge"].map(lambda b: "" if b == "reference" else f"  {b}")
    table = long.assign(cell=cell).pivot_table(
        index=["theme", "title", "row_period"],
        columns="area_label",
        values="cell",
        aggfunc="first",
        sort=False,
    )
    shown = [a.label for a in ordered if a.label in table.columns]
    table = table[shown].fillna("no data").reset_index()
    table = table.rename(columns={"theme": "Theme", "title": "Indicator", "row_period": "Period"})
    return table.sort_values(["Theme", "Indicator"]).reset_index(drop=True).rename_axis(columns=None)


def counts(long: pd.DataFrame, ordered: Sequence[AreaKey]) -> dict[str, dict[str, int]]:
    """Per compared area, how many indicators are better / similar / worse … than the reference."""
    out: dict[str, dict[str, int]] = {}
    for area in ordered[1:]:
        labels = long.loc[long["area_key"] == area.key, "significance"].value_counts()
        out[area.label] = {str(k): int(v) for k, v in labels.items()}
    return out


def summary(result: SideResult, reference: AreaKey, confidence: str = "95", theme: str | None = None) -> str:
    """A generated sentence per compared area: counts of significant differences from the reference."""
    if result.refusal:
        return result.refusal
    indicators = result.long["indicator_id"].nunique()
    parts = []
    for label, found in result.counts.items():
        judged = [
            f"{found[w]} {w.lower()}"
            for w in ("Better", "Worse", "Higher", "Lower", "Similar")
            if found.get(w)
        ]
        compared = ", ".join(judged) if judged else "none could be compared"
        parts.append(f"{label}: {compared}")
    scope = f" on {theme.replace('_', ' ')}" if theme else ""
    return (
        f"{indicators} indicators{scope} compared with {reference.label} "
        f"({confidence}% intervals must not overlap). "
        + "; ".join(parts)
        + ". The rest have no interval or no figure for the same period."
    )


def export_frame(result: SideResult, confidence: str) -> pd.DataFrame:
    """The long rows for download, with provenance and the comparison method."""
    keep = [
        "indicator_id",
        "title",
        "theme",
        "area_code",
        "area_label",
        "level",
        "vintage",
        "period",
        *columns.BREAKDOWN,
        *columns.MEASURES,
        "reference",
        *columns.SIGNIFICANCE,
        *columns.FLAGS,
        "unit",
        "source",
        "licence",
        "attribution",
    ]
    out = result.long[keep].copy()
    out["confidence"] = f"{confidence}%"
    return out


def keys_to_areas(keys: Sequence[str], options: Mapping[str, AreaKey]) -> list[AreaKey]:
    """Resolve selected keys, dropping unknown ones and keeping at most :data:`MAX_AREAS`."""
    return [options[k] for k in keys if k in options][:MAX_AREAS]
