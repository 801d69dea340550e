"""Census 2021 tables on how people live: tenure, cars or vans, bedrooms and central heating."""

from __future__ import annotations

from trafford_dash.pipeline.loaders.census_topics.base import HOW_THEY_LIVE, Topic

_TENURE = (
    "Owned: Owns outright",
    "Owned: Owns with a mortgage or loan",
    "Shared ownership: Shared ownership",
    "Social rented: Rents from council or Local Authority",
    "Social rented: Other social rented",
    "Private rented: Private landlord or letting agency",
    "Private rented: Other private rented",
    "Lives rent free",
)
_CARS = (
    "No cars or vans in household",
    "1 car or van in household",
    "2 cars or vans in household",
    "3 or more cars or vans in household",
)
_BEDROOMS = tuple(
    f"Occupancy rating of bedrooms: {rating}" for rating in ("+2 or more", "+1", "0", "-1", "-2 or less")
)
_HEATING = (
    "No central heating",
    "Mains gas only",
    "Tank or bottled gas only",
    "Electric only",
    "Oil only",
    "Wood only",
    "Solid fuel only",
    "Renewable energy only",
    "District or communal heat networks only",
    "Other central heating only",
    "Two or more types of central heating (not including renewable energy)",
    "Two or more types of central heating (including renewable energy)",
)
_HOUSEHOLDS = "Base: households."


def _households(
    stem: str, column: str, categories: tuple[str, ...], table: str, title: str, **ids: tuple[str, ...]
) -> Topic:
    return Topic(
        stem=stem,
        folder="housing",
        category_column=column,
        categories=categories,
        indicators=ids,
        base_note=_HOUSEHOLDS,
        table=table,
        title=title,
        group=HOW_THEY_LIVE,
        universe="households",
    )


HOME_TOPICS = (
    _households(
        "household_tenure",
        "household_tenure",
        _TENURE,
        "TS054",
        "Tenure",
        census_owned=_TENURE[:2],
        census_social_rented=_TENURE[3:5],
        census_private_rented=_TENURE[5:7],
    ),
    _households(
        "car_van_availability",
        "availability_category",
        _CARS,
        "TS045",
        "Cars or vans",
        census_households_no_car=_CARS[:1],
    ),
    _households(
        "household_bedroom_occupancy",
        "bedroom_occupancy",
        _BEDROOMS,
        "TS052",
        "Occupancy rating of bedrooms",
        census_overcrowded_bedrooms=_BEDROOMS[3:],
    ),
    _households(
        "central_heating",
        "central_heating_type",
        _HEATING,
        "TS046",
        "Central heating",
        census_no_central_heating=_HEATING[:1],
    ),
)
