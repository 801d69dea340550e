"""The Census 2021 tables the census loader reads: their files, categories and indicators."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

FOLDER = "open_data:census2021/health_disability_unpaid_care"


@dataclass(frozen=True)
class Geography:
    """How one small-area file maps to the values store."""

    suffix: str
    level: str
    vintage: str
    code_prefix: str


SMALL_AREAS = (
    Geography("ward_trafford", "ward", "2022", "E05"),
    Geography("lsoa_trafford", "lsoa", "2021", "E01"),
    Geography("msoa_trafford", "msoa", "2021", "E02"),
)


@dataclass(frozen=True)
class Topic:
    """One census table: its category column, every category, and the indicators built from it.

    ``categories`` must be the complete set in the count files, because the denominator is their
    sum. ``standardised_*`` describe the borough file of age-standardised percentages, if any.
    """

    stem: str
    category_column: str
    categories: tuple[str, ...]
    indicators: Mapping[str, tuple[str, ...]]
    base_note: str = ""
    standardised_categories: tuple[str, ...] = ()
    standardised_indicators: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


_HEALTH = ("Very good health", "Good health", "Fair health", "Bad health", "Very bad health")
_LIMITED_LOT = "Disabled under the Equality Act: Day-to-day activities limited a lot"
_LIMITED_LITTLE = "Disabled under the Equality Act: Day-to-day activities limited a little"
_NOT_DISABLED = "Not disabled under the Equality Act"
_CARE = (  # no care first, then the hours bands of the count files
    "Provides no unpaid care",
    "Provides 9 hours or less unpaid care a week",
    "Provides 10 to 19 hours unpaid care a week",
    "Provides 20 to 34 hours unpaid care a week",
    "Provides 35 to 49 hours unpaid care a week",
    "Provides 50 or more hours unpaid care a week",
)
_CARE_STANDARDISED = (  # the age-standardised file uses coarser bands
    "Provides no unpaid care",
    "Provides 19 or less hours unpaid care a week",
    "Provides 20 to 49 hours unpaid care a week",
    "Provides 50 or more hours unpaid care a week",
)
_HOUSEHOLDS = (
    "No people disabled under the Equality Act in household",
    "1 person disabled under the Equality Act in household",
    "2 or more people disabled under the Equality Act in household",
)

TOPICS = (
    Topic(
        stem="general_health",
        category_column="general_health",
        categories=_HEALTH,
        indicators={"good_health": _HEALTH[:2], "bad_health": _HEALTH[3:]},
        standardised_categories=_HEALTH,
        standardised_indicators={
            "good_health_age_standardised": _HEALTH[:2],
            "bad_health_age_standardised": _HEALTH[3:],
        },
    ),
    Topic(
        stem="disability",
        category_column="disability_category",
        categories=(
            _LIMITED_LOT,
            _LIMITED_LITTLE,
            f"{_NOT_DISABLED}: Has long term physical or mental health condition but day-to-day "
            "activities are not limited",
            f"{_NOT_DISABLED}: No long term physical or mental health conditions",
        ),
        indicators={
            "disability": (_LIMITED_LOT, _LIMITED_LITTLE),
            "disability_limited_a_lot": (_LIMITED_LOT,),
        },
        standardised_categories=(_LIMITED_LOT, _LIMITED_LITTLE, _NOT_DISABLED),
        standardised_indicators={
            "disability_age_standardised": (_LIMITED_LOT, _LIMITED_LITTLE),
            "disability_limited_a_lot_age_standardised": (_LIMITED_LOT,),
        },
    ),
    Topic(
        stem="unpaid_care",
        category_column="unpaid_care",
        categories=_CARE,
        indicators={"unpaid_care": _CARE[1:], "unpaid_care_50_hours": _CARE[-1:]},
        base_note="Base: usual residents aged 5 and over.",
        standardised_categories=_CARE_STANDARDISED,
        standardised_indicators={
            "unpaid_care_age_standardised": _CARE_STANDARDISED[1:],
            "unpaid_care_50_hours_age_standardised": _CARE_STANDARDISED[-1:],
        },
    ),
    Topic(
        stem="disabled_people_in_household",
        category_column="disabled_household_members",
        categories=_HOUSEHOLDS,
        indicators={"households_with_disabled_person": _HOUSEHOLDS[1:]},
        base_note="Base: households.",
    ),
)


def source_key(stem: str, suffix: str) -> str:
    """The registry key of one census file: a topic's table for one geography."""
    return f"{FOLDER}/2021_{stem}_{suffix}.csv"


def topic_keys(topic: Topic) -> list[str]:
    """Every file a topic is loaded from."""
    keys = [source_key(topic.stem, geography.suffix) for geography in SMALL_AREAS]
    keys.append(source_key(topic.stem, "la_gm"))
    if topic.standardised_indicators:
        keys.append(source_key(topic.stem, "age_standardised_la_gm"))
    return keys


SOURCE_KEYS: list[str] = [key for topic in TOPICS for key in topic_keys(topic)]
