"""What the map can show and the table behind it: indicator, level, ward vintage, period, sex and age.

An indicator is mapped at the levels it exists on (wards, neighbourhoods, LSOAs, MSOAs), on the ward
vintage it exists on. The map frame has one row per boundary feature, with the value, its interval,
the period, the neighbourhood the area belongs to, hover text and, when asked, the significance of
each area against Trafford, Greater Manchester or England (:mod:`trafford_dash.map.significance`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from trafford_dash.core import formatting, iod_edition, palettes, summaries
from trafford_dash.core import significance as comparison
from trafford_dash.map import significance as map_significance
from trafford_dash.store import catalogue as catalogue_module
from trafford_dash.store import columns

MAP_LEVELS = ("ward", "neighbourhood", "lsoa", "msoa")
LEVEL_LABELS = {"ward": "Wards", "neighbourhood": "Neighbourhoods", "lsoa": "LSOAs", "msoa": "MSOAs"}
LEVEL_WORDS = {"ward": "wards", "neighbourhood": "neighbourhoods", "lsoa": "LSOAs", "msoa": "MSOAs"}
BOUNDARY_LABELS = {"2022": "pre-May-2023 wards (the plan's)", "2023": "May-2023 wards"}
COLOUR_MODES = {
    "value": "Values",
    "sig_trafford": "Significance vs Trafford",
    "sig_gm": "Significance vs Greater Manchester",
    "sig_england": "Significance vs England",
}
DEFAULT_INDICATOR = "bad_health"
THEME_LABELS = {
    "children": "Children",
    "community_safety": "Community safety",
    "demographics": "Demographics",
    "deprivation": "Deprivation",
    "economy": "Economy",
    "education": "Education",
    "environment": "Environment",
    "health": "Health",
    "housing": "Housing",
    "places": "Places that serve people",
    "population": "Population",
    "social_care": "Social care",
    "transport": "Transport",
}
FRAME_COLUMNS = [
    "area_code",
    "area_name",
    "neighbourhood",
    "indicator_id",
    "period",
    *columns.BREAKDOWN,
    *columns.MEASURES,
    "significance_england",
    *columns.FLAGS,
]


def mappable(catalogue: pd.DataFrame) -> pd.DataFrame:
    """Catalogue rows of indicators that exist at a mappable level, ordered by theme then title."""
    levels = catalogue["levels"].map(catalogue_module.split_list)
    chosen = catalogue[levels.map(lambda found: any(level in MAP_LEVELS for level in found))]
    return chosen.sort_values(["theme", "title"]).reset_index(drop=True)


def theme_label(theme: object) -> str:
    """``"community_safety"`` → ``"Community safety"``."""
    return THEME_LABELS.get(str(theme), str(theme).replace("_", " ").capitalize())


def levels_for(meta: Mapping[str, Any]) -> list[str]:
    """Mappable levels of an indicator, in :data:`MAP_LEVELS` order."""
    found = set(catalogue_module.split_list(meta.get("levels")))
    return [level for level in MAP_LEVELS if level in found]


def layer_name(level: str, vintage: str) -> str:
    """The map GeoJSON layer for a level and vintage, e.g. ``ward_2023``."""
    return f"{level}_{vintage}"


def outline_vintage(level: str, vintage: str) -> str:
    """Which neighbourhood outlines to draw: the same ward vintage, or the plan's for LSOAs and MSOAs.

    LSOAs and MSOAs are placed in neighbourhoods through the pre-May-2023 wards in the store.
    """
    return vintage if level in ("ward", "neighbourhood") else "2022"


def ordered_periods(rows: pd.DataFrame) -> list[str]:
    """Distinct periods, oldest first (by end year, then label); the last is the default."""
    if rows.empty:
        return []
    ordered = rows.drop_duplicates("period").sort_values(["year", "period"])
    return [str(p) for p in ordered["period"]]


def default_sex(sexes: list[str]) -> str | None:
    return "Persons" if "Persons" in sexes else (sexes[0] if sexes else None)


def default_age(ages: list[str]) -> str | None:
    return "All ages" if "All ages" in ages else (ages[0] if ages else None)


def age_sort_key(age: str) -> tuple[int, int, str]:
    """Order ages: All ages first, then by first number (single years before bands that start there)."""
    if age == "All ages":
        return (-1, 0, age)
    digits = "".join(ch if ch.isdigit() else " " for ch in age).split()
    first = int(digits[0]) if digits else 999
    return (first, len(age), age)


def select(rows: pd.DataFrame, period: str | None, sex: str | None, age: str | None) -> pd.DataFrame:
    """Rows of one period, sex and age."""
    out = rows
    if period is not None:
        out = out[out["period"] == period]
    if sex is not None:
        out = out[out["sex"] == sex]
    if age is not None:
        out = out[out["age"] == age]
    return out


def feature_table(geojson: Mapping[str, Any], level: str) -> pd.DataFrame:
    """``area_code, area_name, neighbourhood`` of every feature in a map layer."""
    rows = []
    for feature in geojson["features"]:
        props = feature.get("properties", {})
        name = props.get("area_name", feature["id"])
        nbh = props.get("neighbourhood") or (name if level == "neighbourhood" else "")
        rows.append({"area_code": feature["id"], "area_name": name, "neighbourhood": nbh})
    return pd.DataFrame(rows)


def map_frame(
    features: pd.DataFrame,
    chosen: pd.DataFrame,
    indicator_id: str,
    period: str | None,
    sex: str | None,
    age: str | None,
) -> pd.DataFrame:
    """One row per boundary feature with the chosen rows' values (NaN where an area has none)."""
    values = chosen.drop(columns=["area_name"], errors="ignore").drop_duplicates("area_code")
    keep = [c for c in FRAME_COLUMNS if c in values.columns and c not in ("area_name", "neighbourhood")]
    frame = features.merge(values[keep], on="area_code", how="left")
    frame["indicator_id"] = indicator_id
    frame["period"] = frame["period"].fillna(period or "")
    frame["sex"] = frame["sex"].fillna(sex or "")
    frame["age"] = frame["age"].fillna(age or "")
    frame["approximate"] = frame["approximate"].fillna(False).astype(bool)
    frame["suppressed"] = frame["suppressed"].fillna(False).astype(bool)
    frame["value_note"] = frame["value_note"].fillna("")
    return frame[FRAME_COLUMNS].reset_index(drop=True)


def colour_scheme(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Sequential Viridis for magnitudes; diverging PuOr centred on 100 for standardised ratios."""
    if str(meta.get("value_type")) == "ratio" and "100" in str(meta.get("unit", "")):
        return {"kind": "diverging", "colorscale": palettes.DIVERGING, "zmid": 100.0}
    return {"kind": "sequential", "colorscale": palettes.SEQUENTIAL, "zmid": None}


def edition_note(
    meta: Mapping[str, Any], level: str, vintage: str, period: str, rows_by_level: Mapping[str, pd.DataFrame]
) -> str:
    """For a deprivation indicator: the IoD edition shown, and the other levels or boundaries whose latest
    figures come from another edition (switching to them switches edition); "" for other indicators."""
    shown = iod_edition.edition(meta, period)
    if shown is None:
        return ""
    elsewhere: dict[str, str | None] = {}
    for other_level, rows in rows_by_level.items():
        for other_vintage in sorted(rows["vintage"].dropna().unique()):
            if (other_level, other_vintage) == (level, vintage):
                continue
            periods = ordered_periods(rows[(rows["vintage"] == other_vintage) & rows["value"].notna()])
            wards = BOUNDARY_LABELS.get(str(other_vintage), str(other_vintage))
            label = {"ward": f"the {wards}", "neighbourhood": f"neighbourhoods on the {wards}"}.get(
                other_level, LEVEL_WORDS[other_level]
            )
            elsewhere[label] = iod_edition.edition(meta, periods[-1]) if periods else None
    return iod_edition.editions_note(shown, elsewhere)


def comparator_value(
    comparator_rows: pd.DataFrame, code: str, frame: pd.DataFrame
) -> Mapping[str, Any] | None:
    """Trafford's or England's row for the frame's period, sex and age (``None`` when absent)."""
    if frame.empty:
        return None
    first = frame.iloc[0]
    return comparison.comparator_row(
        comparator_rows, code, str(first["period"]), str(first["sex"]), str(first["age"])
    )


def hover_lines(frame: pd.DataFrame, meta: Mapping[str, Any], level: str) -> list[str]:
    """Hover text per area: name, neighbourhood, value with CI and unit, period, flags, significance."""
    lines = []
    for row in summaries.records(frame):
        extra = ""
        if level != "neighbourhood" and row.get("neighbourhood"):
            extra = f"{row['neighbourhood']} neighbourhood"
        text = formatting.hover_line(row, meta, extra=extra)
        if row.get("approximate") and row.get("value_note"):
            text += f"<br><i>{str(row['value_note'])[:110]}</i>"
        if "badge" in row and isinstance(row["badge"], str):
            text += f"<br>{row['badge']} ({row.get('significance_method', '')})"
        lines.append(text)
    return lines


def table_for_screen(frame: pd.DataFrame, meta: Mapping[str, Any]) -> pd.DataFrame:
    """The map's data as a readable table: area, neighbourhood, value, CI, flags and significance."""
    out = pd.DataFrame(
        {
            "Area": frame["area_name"],
            "Code": frame["area_code"],
            "Neighbourhood": frame["neighbourhood"],
            "Value": frame["value"].round(3),
            "Lower 95% CI": frame["lower_ci_95"].round(3),
            "Upper 95% CI": frame["upper_ci_95"].round(3),
            "Unit": meta.get("unit", ""),
            "Period": frame["period"],
            "Exact or approximate": frame["approximate"].map({True: "≈ approximate", False: "exact"}),
            "Suppressed": frame["suppressed"].map({True: "suppressed", False: ""}),
        }
    )
    if "badge" in frame:
        out["Significance"] = frame["badge"]
    return out


def summary(
    frame: pd.DataFrame,
    meta: Mapping[str, Any],
    level: str,
    trafford: Mapping[str, Any] | None = None,
    significance_name: str | None = None,
) -> str:
    """The map's plain-English summary: range, Trafford's value, significance counts when computed."""
    period = str(frame["period"].iloc[0]) if not frame.empty else ""
    context = ""
    if trafford is not None and pd.notna(trafford.get("value")):
        approx = "≈ " if trafford.get("approximate") else ""
        context = f"Trafford's figure is {approx}{formatting.format_value(trafford['value'], meta)}."
    sentence = summaries.extremes_sentence(frame, meta, LEVEL_WORDS[level], period, context)
    if significance_name and "significance" in frame:
        sentence += " " + summaries.count_sentence(
            frame["significance"], significance_name, LEVEL_WORDS[level]
        )
        methods = [m for m in frame["significance_method"].unique() if isinstance(m, str) and m]
        if methods:
            sentence += f" Method: {'; '.join(methods)}."
    return sentence


def caption(
    meta: Mapping[str, Any],
    level: str,
    vintage: str,
    period: str,
    colour: str,
    confidence: str,
    frame: pd.DataFrame,
) -> str:
    """How to read the map's colours, with unit, period, source, licence, boundaries and approximations."""
    if colour == "value":
        how = (
            "Colours diverge around 100 (England) from purple (below) to orange (above)."
            if colour_scheme(meta)["kind"] == "diverging"
            else "Colours run from dark purple (low) to yellow (high) on the Viridis scale."
        )
    else:
        how = map_significance.how_to_read(colour, confidence)
    if level in ("ward", "neighbourhood"):
        boundaries = f" Boundaries: {BOUNDARY_LABELS.get(vintage, vintage)}."
    else:
        boundaries = f" Boundaries: {vintage} {level.upper()}s; neighbourhood outlines on the plan's wards."
    approx = int(frame["approximate"].sum())
    approx_note = f" {approx} areas are approximations (≈, see the hover and table)." if approx else ""
    return f"{how} Unit: {meta.get('unit')}. {formatting.provenance(meta, period)}{boundaries}{approx_note}"
