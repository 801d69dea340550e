"""Population change since the previous estimate, compared only on the same boundaries.

On the May-2023 wards the store has mid-2022 and mid-2024 estimates. On the pre-May-2023 wards it has
mid-2020 only, so a ward's change is the published 2010–2020 change from the ward profiles, and a
neighbourhood is shown both on the May-2023 boundaries (comparable) and on mixed boundaries (mid-2020
on the old wards, mid-2024 on the new; flagged as not comparable). Trafford's own change is always
shown for context.
"""

from __future__ import annotations

import pandas as pd

from trafford_dash import config
from trafford_dash.profile_areas import ProfileArea


def persons(rows: pd.DataFrame, level: str, vintage: str, code: str, period: str) -> float:
    """Residents (Persons, All ages) of one area at one mid-year, or NaN."""
    match = rows[
        (rows["indicator_id"] == "population")
        & (rows["level"] == level)
        & (rows["vintage"] == vintage)
        & (rows["area_code"] == code)
        & (rows["period"] == period)
        & (rows["sex"] == "Persons")
        & (rows["age"] == "All ages")
    ]
    return float(match["value"].iloc[0]) if not match.empty else float("nan")


def _row(
    description: str,
    boundaries: str,
    periods: tuple[str, str],
    values: tuple[float, float],
    comparable: bool,
    note: str,
) -> dict[str, object]:
    start, end = values
    change = end - start
    return {
        "description": description,
        "boundaries": boundaries,
        "from_period": periods[0],
        "from_value": start,
        "to_period": periods[1],
        "to_value": end,
        "change": change,
        "change_pct": change / start * 100 if start else float("nan"),
        "comparable": comparable,
        "note": note,
    }


MID_2020, MID_2022, MID_2024 = "2020-06-30", "2022-06-30", "2024-06-30"


def population_change(rows: pd.DataFrame, area: ProfileArea) -> pd.DataFrame:
    """Change since the previous estimate for the area and for Trafford (see the module docstring).

    Parameters
    ----------
    rows
        ``population`` rows (Persons, All ages) at ward, neighbourhood (both vintages) and borough
        level, plus ``population_change`` rows for pre-May-2023 wards.
    area
        The area profiled.

    Returns
    -------
    pandas.DataFrame
        ``description, boundaries, from_period, from_value, to_period, to_value, change, change_pct,
        comparable, note``; the first comparable row is the headline.
    """
    out = []
    same = "Both estimates on the same boundaries."
    if area.vintage == "2023":
        values = (
            persons(rows, area.level, "2023", area.code, MID_2022),
            persons(rows, area.level, "2023", area.code, MID_2024),
        )
        out.append(_row(area.name, "May-2023 wards", (MID_2022, MID_2024), values, True, same))
        trafford_periods = (MID_2022, MID_2024)
    elif area.is_neighbourhood:
        comparable = (
            persons(rows, "neighbourhood", "2023", area.code, MID_2022),
            persons(rows, "neighbourhood", "2023", area.code, MID_2024),
        )
        out.append(
            _row(
                f"{area.name} on the May-2023 wards",
                "May-2023 wards",
                (MID_2022, MID_2024),
                comparable,
                True,
                "The comparable change: the same neighbourhood name on the new wards, both estimates on the "
                "same boundaries.",
            )
        )
        mixed = (
            persons(rows, "neighbourhood", "2022", area.code, MID_2020),
            persons(rows, "neighbourhood", "2023", area.code, MID_2024),
        )
        out.append(
            _row(
                f"{area.name}: plan's wards (mid-2020) to May-2023 wards (mid-2024)",
                "changed in May 2023",
                (MID_2020, MID_2024),
                mixed,
                False,
                "Not comparable: the neighbourhood's wards changed in May 2023, so most of this difference "
                "is wards moving between neighbourhoods rather than population growth.",
            )
        )
        trafford_periods = (MID_2020, MID_2024)
    else:
        published = rows[
            (rows["indicator_id"] == "population_change")
            & (rows["area_code"] == area.code)
            & (rows["vintage"] == "2022")
        ]
        end = persons(rows, "ward", "2022", area.code, MID_2020)
        if not published.empty and pd.notna(published["value"].iloc[0]):
            pct = float(published["value"].iloc[0])
            start = end / (1 + pct / 100)
            row = _row(
                area.name,
                "pre-May-2023 wards",
                ("2010-06-30", MID_2020),
                (start, end),
                True,
                f"Published ward change {published['period'].iloc[0]}; the mid-2010 figure is derived "
                "from it. No later estimate exists on these ward boundaries.",
            )
            out.append(row)
        trafford_periods = (MID_2020, MID_2024)
    trafford = (
        persons(rows, "borough", "", config.TRAFFORD_CODE, trafford_periods[0]),
        persons(rows, "borough", "", config.TRAFFORD_CODE, trafford_periods[1]),
    )
    out.append(_row(config.TRAFFORD_NAME, "borough (unchanged)", trafford_periods, trafford, True, same))
    return pd.DataFrame(out)


def same_boundaries_as_profile(change: pd.DataFrame, area: ProfileArea) -> bool:
    """True when the first change row is on the profile's own boundaries (so it can sit under its total)."""
    if change.empty:
        return False
    first = change.iloc[0]
    return bool(first["comparable"]) and pd.notna(first["change_pct"]) and first["description"] == area.name


def change_sentence(change: pd.DataFrame, area_name: str) -> str:
    """A sentence on the comparable change for the area against Trafford's."""
    comparable = change[change["comparable"] & change["change_pct"].notna()]
    if comparable.empty:
        return f"No comparable earlier estimate is available for {area_name}."
    first = comparable.iloc[0]
    trafford = comparable.iloc[-1]
    direction = "grew" if first["change"] > 0 else "fell"
    sentence = (
        f"{first['description']} {direction} by {abs(first['change_pct']):.1f}% between mid-"
        f"{first['from_period'][:4]} and mid-{first['to_period'][:4]}"
    )
    if first["description"] != trafford["description"]:
        sentence += (
            f", against {trafford['change_pct']:+.1f}% for Trafford between "
            f"mid-{trafford['from_period'][:4]} and mid-{trafford['to_period'][:4]}"
        )
    return sentence + "."


def change_display(change: pd.DataFrame) -> pd.DataFrame:
    """The change table with readable headings, rounded people and a plain comparable flag."""
    return pd.DataFrame(
        {
            "Area": change["description"],
            "Boundaries": change["boundaries"],
            "From": change["from_period"],
            "Residents then": change["from_value"].round(0),
            "To": change["to_period"],
            "Residents now": change["to_value"].round(0),
            "Change": change["change"].round(0),
            "Change (%)": change["change_pct"].round(1),
            "Comparable": change["comparable"].map({True: "yes", False: "no: boundaries changed"}),
            "Note": change["note"],
        }
    )
