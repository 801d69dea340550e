"""Road casualty rates per 100,000 residents, on the store's own populations, with Byar's intervals.

The build adds these once every loader has run and the wards' populations have been summed to
neighbourhoods and Trafford (:func:`with_rates`), because the denominators are the store's
``population`` rows (persons, all ages):

- **Wards, neighbourhoods and Trafford**: the ONS mid-year estimate for the casualties' year where
  the store holds one for that area and ward vintage, else the nearest year held (a tie goes to the
  later year), flagged approximate. Pre-May-2023 wards and their neighbourhoods have mid-2020 only;
  May-2023 wards have mid-2022 and mid-2024; Trafford has mid-2020, mid-2022 and mid-2024.
- **The other Greater Manchester boroughs and Greater Manchester**: the store holds no mid-year
  estimates for them, so the Census 2021 usual resident population (21 March 2021) stands for every
  year (approximate except for 2021); Greater Manchester's is the sum of its ten boroughs'.
- **The five years 2019-23**: a rate per 100,000 person-years, the casualties over the sum of the
  five yearly populations chosen as above (an approximation whenever any of them is).

Intervals are added by :func:`trafford_dash.pipeline.aggregate.add_confidence_intervals` from the
catalogue's ``ci_method`` (``byar``: Byar's method, the exact Poisson interval below 10 events).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from trafford_dash.core import config
from trafford_dash.pipeline import aggregate, tidy
from trafford_dash.pipeline.loaders import peer_groups, road_casualties

RATE_OF = {
    "road_ksi_casualty_rate": road_casualties.KSI_COUNT,
    "road_casualty_rate": road_casualties.ALL_COUNT,
}
PER = 100_000
CELL = ["area_code", "level", "vintage"]
CENSUS_PERIOD = "2021-03-21"
STORE_LEVELS = ("ward", "neighbourhood", "borough")


def nearest_year(available: Sequence[int], year: int) -> int:
    """The year of ``available`` closest to ``year``; a tie goes to the later year."""
    if not available:
        raise ValueError("No population year to choose from.")
    return min(available, key=lambda held: (abs(held - year), -held))


def population_label(period: str) -> str:
    """``"2020-06-30"`` → ``"mid-2020"``; the Census date → ``"Census 2021"``."""
    return "Census 2021" if period == CENSUS_PERIOD else f"mid-{period[:4]}"


def populations(values: pd.DataFrame, boroughs: pd.DataFrame) -> pd.DataFrame:
    """Every population a rate can use: area_code, level, vintage, period, year, population.

    The store's all-ages persons estimates for wards, neighbourhoods and Trafford; the Census 2021
    usual residents of the other GM boroughs and of Greater Manchester.
    """
    store = values[
        (values["indicator_id"] == "population")
        & (values["sex"] == "Persons")
        & (values["age"] == "All ages")
        & values["level"].isin(STORE_LEVELS)
        & values["value"].notna()
    ]
    store = store[[*CELL, "period"]].assign(population=store["value"].astype(float))
    census = boroughs[boroughs["area_code"] != config.TRAFFORD_CODE]
    every = float(boroughs["population"].sum())
    others = pd.DataFrame(
        {
            "area_code": census["area_code"],
            "level": "local_authority",
            "vintage": "",
            "period": CENSUS_PERIOD,
            "population": census["population"].astype(float),
        }
    )
    region = pd.DataFrame([(config.GM_CODE, "region", "", CENSUS_PERIOD, every)], columns=others.columns)
    out = pd.concat([store, others, region], ignore_index=True)
    return out.assign(year=out["period"].str[:4].astype(int))


def _chosen(cells: pd.DataFrame, pops: pd.DataFrame) -> pd.DataFrame:
    """For each cell and casualty year, the population used: columns CELL, year, population, label."""
    rows = []
    for cell, held in pops.groupby(CELL):
        by_year = held.drop_duplicates("year").set_index("year")
        for year in road_casualties.YEARS:
            pick = by_year.loc[nearest_year(list(by_year.index), year)]
            rows.append((*cell, year, pick["population"], population_label(str(pick["period"]))))
    chosen = pd.DataFrame(rows, columns=[*CELL, "year", "population", "label"])
    return chosen.merge(cells[CELL].drop_duplicates(), on=CELL)


def _yearly_note(label: str, year: int) -> tuple[str, bool]:
    exact = label.endswith(str(year))
    if exact:
        return f"Rate per 100,000 residents: casualties in {year} over the {label} population.", False
    return (
        f"Approximation: rate per 100,000 residents on the {label} population, the nearest year the "
        f"store holds for this area (none for {year}).",
        True,
    )


def _total_note(labels: Sequence[str], approximate: bool) -> str:
    used = pd.Series(labels).value_counts(sort=False)
    parts = ", ".join(f"{label} ×{times}" for label, times in used.items())
    note = (
        f"Rate per 100,000 person-years: casualties 2019-2023 over five years' populations summed ({parts})."
    )
    return (
        f"Approximation: {note[0].lower()}{note[1:]} Years without their own estimate use the nearest year's."
        if approximate
        else note
    )


def rate_rows(counts: pd.DataFrame, pops: pd.DataFrame) -> pd.DataFrame:
    """Rate rows (count, denominator, value, note) for the count rows of :mod:`road_casualties`."""
    chosen = _chosen(counts, pops)
    notes = [_yearly_note(label, year) for label, year in zip(chosen["label"], chosen["year"], strict=True)]
    chosen["note"] = [note for note, _ in notes]
    chosen["approximate"] = [flag for _, flag in notes]
    chosen["period"] = chosen["year"].astype(str)
    totals = chosen.groupby(CELL, as_index=False).agg(
        population=("population", "sum"), approximate=("approximate", "any"), labels=("label", list)
    )
    totals["note"] = [
        _total_note(labels, flag)
        for labels, flag in zip(totals["labels"], totals["approximate"], strict=True)
    ]
    totals["period"] = road_casualties.TOTAL_PERIOD
    denominators = pd.concat([chosen, totals], ignore_index=True)[
        [*CELL, "period", "population", "approximate", "note"]
    ]
    frames = []
    for rate_id, count_id in RATE_OF.items():
        rows = counts[counts["indicator_id"] == count_id].drop(
            columns=["approximate", "value_note", "denominator"]
        )
        rows = rows.merge(denominators, on=[*CELL, "period"], how="inner", validate="one_to_one")
        rows = rows.rename(columns={"population": "denominator", "note": "value_note"})
        frames.append(rows.assign(indicator_id=rate_id, value=rows["count"] / rows["denominator"] * PER))
    return tidy.to_values(pd.concat(frames, ignore_index=True))


def with_rates(values: pd.DataFrame, paths: Mapping[str, Path], catalogue: pd.DataFrame) -> pd.DataFrame:
    """``values`` plus the rate rows, each with its 95% and 99.8% intervals."""
    counts = values[values["indicator_id"].isin(RATE_OF.values())]
    if counts.empty:
        return values
    rates = rate_rows(counts, populations(values, peer_groups.gm_population(paths)))
    missing = len(counts) - len(rates)
    if missing:
        raise ValueError(f"Road casualty rates: {missing} areas have no population to rate them on.")
    return pd.concat([values, aggregate.add_confidence_intervals(rates, catalogue)], ignore_index=True)
