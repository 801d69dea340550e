"""Population change since the previous estimate, compared only on the same boundaries.

On the May-2023 wards the store has mid-2022 and mid-2024 estimates. On the pre-May-2023 wards it has
mid-2020 only, so a ward's change is the published 2010–2020 change from the ward profiles, and a
neighbourhood is shown both on the May-2023 boundaries (comparable) and on mixed boundaries (mid-2020
on the old wards, mid-2024 on the new; flagged as not comparable). Trafford's own change is always
shown for context, over the same years as the area's headline change.
"""

from __future__ import annotations

import pandas as pd

from trafford_dash.core import config
from trafford_dash.core.areas import ProfileArea


def _residents(rows: pd.DataFrame, level: str, vintage: str, period: str) -> pd.DataFrame:
    """Residents (Persons, All ages) rows of every area of one level and vintage at one mid-year."""
    return rows[
        (rows["indicator_id"] == "population")
        & (rows["level"] == level)
        & (rows["vintage"] == vintage)
        & (rows["period"] == period)
        & (rows["sex"] == "Persons")
        & (rows["age"] == "All ages")
    ]


def _published_change(rows: pd.DataFrame) -> pd.DataFrame:
    """The published 2010–2020 change rows of the pre-May-2023 wards."""
    return rows[(rows["indicator_id"] == "population_change") & (rows["vintage"] == "2022")]


def persons(rows: pd.DataFrame, level: str, vintage: str, code: str, period: str) -> float:
    """Residents (Persons, All ages) of one area at one mid-year, or NaN."""
    match = _residents(rows, level, vintage, period)
    match = match[match["area_code"] == code]
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


MID_2010, MID_2020, MID_2022, MID_2024 = "2010-06-30", "2020-06-30", "2022-06-30", "2024-06-30"
SAME_BOUNDARIES = "Both estimates on the same boundaries."


def profile_period(vintage: str) -> str:
    """The mid-year a profile's headline residents (and its age shares and pyramid) are for."""
    return MID_2024 if vintage == "2023" else MID_2020


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
    if area.vintage == "2023":
        out = [_new_wards_row(rows, area)]
    elif area.is_neighbourhood:
        out = _neighbourhood_rows(rows, area)
    else:
        out = _old_ward_rows(rows, area)
    out.append(_trafford_row(rows, out))
    return pd.DataFrame(out)


def _new_wards_row(rows: pd.DataFrame, area: ProfileArea) -> dict[str, object]:
    """Mid-2022 to mid-2024 for an area on the May-2023 wards."""
    values = (
        persons(rows, area.level, "2023", area.code, MID_2022),
        persons(rows, area.level, "2023", area.code, MID_2024),
    )
    return _row(area.name, "May-2023 wards", (MID_2022, MID_2024), values, True, SAME_BOUNDARIES)


def _neighbourhood_rows(rows: pd.DataFrame, area: ProfileArea) -> list[dict[str, object]]:
    """A plan neighbourhood: its comparable change on the new wards, then the mixed-boundary one."""
    comparable = (
        persons(rows, "neighbourhood", "2023", area.code, MID_2022),
        persons(rows, "neighbourhood", "2023", area.code, MID_2024),
    )
    mixed = (
        persons(rows, "neighbourhood", "2022", area.code, MID_2020),
        persons(rows, "neighbourhood", "2023", area.code, MID_2024),
    )
    return [
        _row(
            f"{area.name} on the May-2023 wards",
            "May-2023 wards",
            (MID_2022, MID_2024),
            comparable,
            True,
            "The comparable change: the same neighbourhood name on the new wards, both estimates on the "
            "same boundaries.",
        ),
        _row(
            f"{area.name}: plan's wards (mid-2020) to May-2023 wards (mid-2024)",
            "changed in May 2023",
            (MID_2020, MID_2024),
            mixed,
            False,
            "Not comparable: the neighbourhood's wards changed in May 2023, so most of this difference "
            "is wards moving between neighbourhoods rather than population growth.",
        ),
    ]


def _old_ward_rows(rows: pd.DataFrame, area: ProfileArea) -> list[dict[str, object]]:
    """A pre-May-2023 ward: its published 2010–2020 change, when there is one."""
    published = _published_change(rows)
    published = published[published["area_code"] == area.code]
    if published.empty or not pd.notna(published["value"].iloc[0]):
        return []
    end = persons(rows, "ward", "2022", area.code, MID_2020)
    start = end / (1 + float(published["value"].iloc[0]) / 100)
    note = (
        f"Published ward change {published['period'].iloc[0]}; the mid-2010 figure is derived "
        "from it. No later estimate exists on these ward boundaries."
    )
    return [_row(area.name, "pre-May-2023 wards", (MID_2010, MID_2020), (start, end), True, note)]


def _trafford_row(rows: pd.DataFrame, out: list[dict[str, object]]) -> dict[str, object]:
    """Trafford's change over the same years as the area's headline (first comparable) change.

    Without a headline, mid-2020 to mid-2024. For the published 2010–2020 ward change, Trafford's
    change is the same measure summed over every pre-May-2023 ward (no mid-2010 Trafford estimate is
    in the store).
    """
    headline = next((row for row in out if row["comparable"]), None)
    periods = (str(headline["from_period"]), str(headline["to_period"])) if headline else (MID_2020, MID_2024)
    end = persons(rows, "borough", "", config.TRAFFORD_CODE, periods[1])
    if periods[0] == MID_2010:
        growth = _wards_growth(rows)
        note = (
            "Mid-2010 derived from every pre-May-2023 ward's published 2010 to 2020 change, so that "
            "Trafford is compared over the same years as the ward."
        )
        return _row(config.TRAFFORD_NAME, "borough (unchanged)", periods, (end / growth, end), True, note)
    start = persons(rows, "borough", "", config.TRAFFORD_CODE, periods[0])
    return _row(config.TRAFFORD_NAME, "borough (unchanged)", periods, (start, end), True, SAME_BOUNDARIES)


def _wards_growth(rows: pd.DataFrame) -> float:
    """Mid-2020 over mid-2010 residents summed over the pre-May-2023 wards (NaN unless all have both)."""
    ends = _residents(rows, "ward", "2022", MID_2020).set_index("area_code")["value"]
    changes = _published_change(rows)
    published = changes[changes["level"] == "ward"].set_index("area_code")["value"]
    if ends.empty or not ends.index.isin(published.index).all() or published.reindex(ends.index).isna().any():
        return float("nan")
    starts = ends / (1 + published.reindex(ends.index) / 100)
    return float(ends.sum() / starts.sum())


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
