"""Counts of places per ward, neighbourhood and Trafford, and places per 1,000 residents, as values rows.

A place counts in the ward (of each vintage) whose boundary contains it, and in that ward's
neighbourhood; Trafford's figure counts every place inside a May-2023 ward. These are counts of
places, not samples, so they carry no confidence interval; they identify no one (every place is
publicly listed), so they are exempt from the small-number policy (:mod:`suppression`, theme
``places``) and the build adds them after it.

Rates divide by mid-2024 residents of the same area and vintage: the ONS estimate for May-2023 wards,
their neighbourhoods and Trafford; for pre-May-2023 wards (which have no mid-2024 estimate) the sum
of the mid-2024 2021-LSOA estimates best-fitted to each ward, marked approximate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from trafford_dash.core import config
from trafford_dash.pipeline import tidy
from trafford_dash.pipeline.loaders.places import period_of

if TYPE_CHECKING:
    from trafford_dash.pipeline.geography.areas import Geography

POPULATION_PERIOD = "2024-06-30"
BEST_FIT_NOTE = (
    "Residents: mid-2024 estimates for 2021 LSOAs, each assigned whole to the pre-May-2023 ward "
    "holding most of its postcodes (an approximation)."
)


@dataclass(frozen=True)
class PlaceMeasure:
    """One indicator: which kind of place, and whether it is a count or per 1,000 residents."""

    kind: str
    per_1000: bool = False
    patients: bool = False  # GP practices' registered patients rather than the practices


MEASURES: dict[str, PlaceMeasure] = {
    "places_gp_practices": PlaceMeasure("gp_practice"),
    "places_gp_patients_per_1000": PlaceMeasure("gp_practice", per_1000=True, patients=True),
    "places_dentists": PlaceMeasure("dentist"),
    "places_pharmacies": PlaceMeasure("pharmacy"),
    "places_schools": PlaceMeasure("school"),
    "places_libraries": PlaceMeasure("library"),
    "places_leisure_centres": PlaceMeasure("leisure_centre"),
    "places_community_hubs": PlaceMeasure("community_hub"),
    "places_food_banks": PlaceMeasure("food_bank"),
    "places_greenspace_access_points": PlaceMeasure("greenspace_access"),
    "places_fast_food_per_1000": PlaceMeasure("fast_food", per_1000=True),
    "places_gambling_per_1000": PlaceMeasure("gambling", per_1000=True),
    "places_council_sites": PlaceMeasure("council_land"),
}


def residents(values: pd.DataFrame, lsoa_to_ward: pd.DataFrame, ward_table: pd.DataFrame) -> pd.DataFrame:
    """Mid-2024 residents per area: ``level``, ``vintage``, ``area_code``, ``residents``, ``approximate``."""
    people = values[
        (values["indicator_id"] == "population")
        & (values["sex"] == "Persons")
        & (values["age"] == "All ages")
        & (values["period"] == POPULATION_PERIOD)
    ]
    published = people[
        ((people["level"].isin(["ward", "neighbourhood"])) & (people["vintage"] == "2023"))
        | (people["level"] == "borough")
    ][["level", "vintage", "area_code", "value"]].assign(approximate=False)
    lsoas = people[(people["level"] == "lsoa") & (people["vintage"] == "2021")].set_index("area_code")[
        "value"
    ]
    fit = lsoa_to_ward[
        (lsoa_to_ward["lsoa_vintage"].astype(str) == "2021")
        & (lsoa_to_ward["ward_vintage"].astype(str) == "2022")
    ]
    ward_sums: pd.Series = fit["lsoa_code"].map(lsoas).groupby(fit["ward_code"]).sum(min_count=1)
    hood_sums: pd.Series = ward_sums.groupby(
        ward_sums.index.map(_membership(ward_table, "2022").to_dict())
    ).sum(min_count=1)
    derived = pd.concat(
        [
            pd.DataFrame({"area_code": ward_sums.index, "value": ward_sums.to_numpy(), "level": "ward"}),
            pd.DataFrame(
                {
                    "area_code": hood_sums.index.map(config_code),
                    "value": hood_sums.to_numpy(),
                    "level": "neighbourhood",
                }
            ),
        ],
        ignore_index=True,
    ).assign(vintage="2022", approximate=True)
    both = pd.concat([published, derived], ignore_index=True)
    return both.rename(columns={"value": "residents"})


def config_code(neighbourhood: str) -> str:
    """``"North"`` → ``"nbh_north"``, the store's neighbourhood code."""
    return f"nbh_{str(neighbourhood).lower()}"


def _membership(ward_table: pd.DataFrame, vintage: str) -> pd.Series:
    chosen = ward_table[ward_table["vintage"].astype(str) == vintage]
    return chosen.set_index("ward_code")["neighbourhood"]


def _place_areas(places: pd.DataFrame) -> pd.DataFrame:
    """One row per place and area it counts in: ``level``, ``vintage``, ``area_code``."""
    frames = []
    for vintage, suffix in (("2023", ""), ("2022", "_2022")):
        ward = places["ward_code" + suffix]
        hood = places["neighbourhood" + suffix]
        frames.append(places.assign(level="ward", vintage=vintage, area_code=ward)[ward.notna()])
        frames.append(
            places.assign(level="neighbourhood", vintage=vintage, area_code=hood.map(config_code))[
                hood.notna()
            ]
        )
    inside = places[places["ward_code"].notna()]
    frames.append(inside.assign(level="borough", vintage="", area_code=config.TRAFFORD_CODE))
    return pd.concat(frames, ignore_index=True)


def place_values(places: pd.DataFrame, people: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    """Every measure in :data:`MEASURES` for every area in ``people`` (zero where none lies inside).

    ``names`` holds ``level``, ``vintage``, ``area_code``, ``area_name`` (the store's areas table).
    """
    located = _place_areas(places)
    key = ["level", "vintage", "area_code"]
    areas = people.merge(names[[*key, "area_name"]].drop_duplicates(key), on=key, how="left")
    areas["area_name"] = areas["area_name"].fillna("Trafford")
    rows = []
    for indicator, measure in MEASURES.items():
        chosen = located[located["service_type"] == measure.kind]
        if measure.patients:
            tally = chosen.groupby(key)["list_size"].sum(min_count=1)
        else:
            tally = chosen.groupby(key).size()
        counts = [float(tally.get(k, 0.0)) for k in areas.set_index(key).index]
        frame = areas.assign(count=counts, indicator_id=indicator)
        source = _source_key(places, measure.kind)
        frame = frame.assign(period=period_of(source), source_key=source)
        if measure.per_1000:
            frame["value"] = frame["count"] / frame["residents"] * 1000
            frame["denominator"] = frame["residents"]
            frame["value_note"] = frame["approximate"].map({True: BEST_FIT_NOTE, False: ""})
        else:
            frame["value"] = frame["count"]
            frame["approximate"] = False
            frame["value_note"] = ""
        rows.append(frame.drop(columns="residents"))
    return tidy.to_values(pd.concat(rows, ignore_index=True))


def _source_key(places: pd.DataFrame, kind: str) -> str:
    keys = places.loc[places["service_type"] == kind, "source_key"].drop_duplicates()
    return str(keys.iloc[0]) if not keys.empty else ""


def build_rows(places: pd.DataFrame, values: pd.DataFrame, geo: Geography) -> pd.DataFrame:
    """The values rows of every place measure (the build's one call; counts of public places, added
    after small-number suppression)."""
    people = residents(values, geo.lsoa_to_ward, geo.ward_to_neighbourhood)
    return place_values(places, people, geo.areas)
