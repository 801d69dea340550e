"""Age structure for a profile: the population pyramid against Trafford's shape.

The pyramid uses the ``population`` indicator's single years of age ("0" … "89", "90+") by sex, as a
percentage of the area's total residents, drawn against Trafford's shape for the same mid-year.
Population change is in :mod:`trafford_dash.profile.population_change`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from trafford_dash.core import config

SINGLE_AGES = [str(age) for age in range(90)] + ["90+"]
MALE_COLOUR = "#0072B2"
FEMALE_COLOUR = "#E69F00"


def band_of(age: str, width: int) -> str:
    """The age band label for a single year of age: ``"20-24"`` for width 5, ``"20"`` for width 1."""
    if width == 1 or age == "90+":
        return age
    start = int(age) // width * width
    return f"{start}-{start + width - 1}"


def band_order(width: int) -> list[str]:
    """Band labels from youngest to oldest."""
    seen: list[str] = []
    for age in SINGLE_AGES:
        band = band_of(age, width)
        if band not in seen:
            seen.append(band)
    return seen


def pyramid_period(rows: pd.DataFrame) -> str | None:
    """The latest mid-year with single years of age by sex in ``rows``."""
    single = rows[rows["age"].isin(SINGLE_AGES) & rows["sex"].isin(["Male", "Female"])]
    if single.empty:
        return None
    return str(single.sort_values(["year", "period"])["period"].iloc[-1])


def _counts(rows: pd.DataFrame, code: str, period: str, width: int) -> pd.DataFrame:
    part = rows[
        (rows["area_code"] == code)
        & (rows["period"] == period)
        & rows["age"].isin(SINGLE_AGES)
        & rows["sex"].isin(["Male", "Female"])
    ]
    grouped = pd.DataFrame(
        part.assign(band=part["age"].map(lambda a: band_of(str(a), width)))
        .groupby(["band", "sex"], as_index=False)["value"]
        .sum()
    )
    total = grouped["value"].sum()
    grouped["pct"] = grouped["value"] / total * 100 if total else float("nan")
    return grouped


def pyramid_frame(
    area_rows: pd.DataFrame, trafford_rows: pd.DataFrame, area_code: str, width: int = 5
) -> pd.DataFrame:
    """Residents by age band and sex as a % of all residents, for the area and for Trafford.

    Parameters
    ----------
    area_rows, trafford_rows
        ``population`` rows of the area's level and vintage, and of Trafford (level borough).
    area_code
        The area profiled.
    width
        1 for single years of age, 5 for five-year bands (90+ stays one band).

    Returns
    -------
    pandas.DataFrame
        ``band, sex, area_count, area_pct, trafford_count, trafford_pct, period`` in band order
        (youngest first); percentages are of all residents of both sexes, so each side of the
        pyramid sums to that sex's share.
    """
    period = pyramid_period(area_rows[area_rows["area_code"] == area_code])
    columns = ["band", "sex", "area_count", "area_pct", "trafford_count", "trafford_pct", "period"]
    if period is None:
        return pd.DataFrame(columns=columns)
    area = _counts(area_rows, area_code, period, width).rename(
        columns={"value": "area_count", "pct": "area_pct"}
    )
    trafford = _counts(trafford_rows, config.TRAFFORD_CODE, period, width).rename(
        columns={"value": "trafford_count", "pct": "trafford_pct"}
    )
    frame = area.merge(trafford, on=["band", "sex"], how="left").assign(period=period)
    order = {band: i for i, band in enumerate(band_order(width))}
    frame["_order"] = frame["band"].map(order)
    frame = frame.sort_values(["_order", "sex"]).drop(columns="_order").reset_index(drop=True)
    return frame[columns]


def _share(frame: pd.DataFrame, column: str, low: int, high: int | None) -> float:
    def in_range(band: str) -> bool:
        start = 90 if band == "90+" else int(band.split("-")[0])
        return start >= low and (high is None or start <= high)

    return float(frame.loc[frame["band"].map(in_range), column].sum())


def age_shares(frame: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Shares (area, Trafford) of residents under 16, 16–64 and 65+ from a single-year pyramid frame."""
    return {
        label: (_share(frame, "area_pct", low, high), _share(frame, "trafford_pct", low, high))
        for label, low, high in (("under 16", 0, 15), ("16 to 64", 16, 64), ("65 and over", 65, None))
    }


def pyramid_summary(single_years: pd.DataFrame, area_name: str) -> str:
    """A sentence comparing the area's age structure with Trafford's (needs single-year bands)."""
    if single_years.empty:
        return f"No age breakdown is available for {area_name}."
    shares = age_shares(single_years)
    young, old = shares["under 16"], shares["65 and over"]
    if old[0] < old[1] - 1 and young[0] >= young[1] - 1:
        shape = "younger than Trafford's"
    elif old[0] > old[1] + 1 and young[0] <= young[1] + 1:
        shape = "older than Trafford's"
    else:
        shape = "close to Trafford's in age"
    period = str(single_years["period"].iloc[0])[:4]
    return (
        f"{area_name}'s residents are {shape}: {young[0]:.1f}% are under 16 (Trafford {young[1]:.1f}%) and "
        f"{old[0]:.1f}% are 65 or over (Trafford {old[1]:.1f}%), mid-{period}."
    )


def _add_sex(
    fig: go.Figure, part: pd.DataFrame, area_name: str, period: str, side: tuple[str, str, int]
) -> None:
    """One sex's bars (left for males, right for females) and Trafford's shape as a line."""
    sex, colour, sign = side
    hover = [
        f"{sex}s aged {band}: {pct:.2f}% of {area_name}'s residents ({count:,.0f} people); "
        f"Trafford {tpct:.2f}%<br>Mid-{period} estimate"
        for band, pct, count, tpct in zip(
            part["band"], part["area_pct"], part["area_count"], part["trafford_pct"], strict=True
        )
    ]
    fig.add_trace(
        go.Bar(
            y=list(part["band"]),
            x=(sign * part["area_pct"]).tolist(),
            orientation="h",
            name=f"{area_name}: {sex.lower()}s",
            marker={"color": colour},
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            textposition="none",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=list(part["band"]),
            x=(sign * part["trafford_pct"]).tolist(),
            mode="lines",
            line={"color": "#000000", "width": 1.6, "shape": "hvh"},
            name="Trafford's shape" if sex == "Male" else "Trafford's shape (females)",
            showlegend=sex == "Male",
            legendgroup="trafford",
            hoverinfo="skip",
        )
    )


def pyramid_figure(frame: pd.DataFrame, area_name: str) -> go.Figure:
    """Horizontal bars, males to the left and females to the right, with Trafford's shape as lines."""
    fig = go.Figure()
    period = str(frame["period"].iloc[0])[:4] if not frame.empty else ""
    for sex, colour, sign in (("Male", MALE_COLOUR, -1), ("Female", FEMALE_COLOUR, 1)):
        _add_sex(fig, frame[frame["sex"] == sex], area_name, period, (sex, colour, sign))
    top = float(frame[["area_pct", "trafford_pct"]].abs().max().max()) if not frame.empty else 1.0
    step = _nice_step(top)
    ticks = [i * step for i in range(-int(top // step) - 1, int(top // step) + 2)]
    fig.update_layout(
        barmode="overlay",
        bargap=0.05,
        height=520,
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        xaxis={
            "title": {"text": f"% of all residents (mid-{period}); males left, females right"},
            "tickvals": ticks,
            "ticktext": [f"{abs(t):g}" for t in ticks],
            "fixedrange": True,
        },
        yaxis={
            "title": {"text": "Age"},
            "categoryorder": "array",
            "categoryarray": list(dict.fromkeys(frame["band"])),
            "fixedrange": True,
        },
        legend={"orientation": "h", "y": -0.15},
        plot_bgcolor="#ffffff",
    )
    return fig


def _nice_step(top: float) -> float:
    for step in (0.25, 0.5, 1.0, 2.0, 2.5, 5.0):
        if top / step <= 5:
            return step
    return 10.0
