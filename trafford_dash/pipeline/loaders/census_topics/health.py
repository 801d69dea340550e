"""Census 2021 general health, disability and unpaid care (TS037-TS040)."""

from __future__ import annotations

from trafford_dash.pipeline.loaders.census_topics.base import CARE_AND_HEALTH, Topic

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

HEALTH_TOPICS = (
    Topic(
        stem="general_health",
        table="TS037",
        title="General health",
        group=CARE_AND_HEALTH,
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
        table="TS038",
        title="Disability",
        group=CARE_AND_HEALTH,
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
        table="TS039",
        title="Unpaid care",
        group=CARE_AND_HEALTH,
        universe="usual residents aged 5 and over",
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
        table="TS040",
        title="Disabled people in the household",
        group=CARE_AND_HEALTH,
        universe="households",
        category_column="disabled_household_members",
        categories=_HOUSEHOLDS,
        indicators={"households_with_disabled_person": _HOUSEHOLDS[1:]},
        base_note="Base: households.",
    ),
)
