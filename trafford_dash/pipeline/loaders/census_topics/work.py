"""Census 2021 tables on what people do: qualifications, economic activity, occupation, socio-economic
class and how they travel to work."""

from __future__ import annotations

from trafford_dash.pipeline.loaders.census_topics.base import WHAT_THEY_DO, Topic

_FOLDER = "labour_market_travel_to_work"
_SIXTEEN_PLUS = "usual residents aged 16 and over"
_EMPLOYED = "usual residents aged 16 and over in employment the week before the census"
_BASE_16 = "Base: usual residents aged 16 and over."
_BASE_EMPLOYED = "Base: usual residents aged 16 and over in employment the week before the census."

_QUALIFICATIONS = (
    "No qualifications",
    "Level 1 and entry level qualifications",
    "Level 2 qualifications",
    "Apprenticeship",
    "Level 3 qualifications",
    "Level 4 qualifications or above",
    "Other qualifications",
)
_ACTIVE = "Economically active (excluding full-time students)"
_STUDENT = "Economically active and a full-time student"
_JOBS = tuple(
    f"In employment: {kind}: {hours}"
    for kind in ("Employee", "Self-employed with employees", "Self-employed without employees")
    for hours in ("Part-time", "Full-time")
)
_INACTIVE = tuple(
    f"Economically inactive: {reason}"
    for reason in (
        "Retired",
        "Student",
        "Looking after home or family",
        "Long-term sick or disabled",
        "Other",
    )
)
_ACTIVITY = (
    *(f"{_ACTIVE}: {job}" for job in _JOBS),
    f"{_ACTIVE}: Unemployed",
    *(f"{_STUDENT}: {job}" for job in _JOBS),
    f"{_STUDENT}: Unemployed",
    *_INACTIVE,
)
_TRAVEL = (
    "Work mainly at or from home",
    "Underground, metro, light rail, tram",
    "Train",
    "Bus, minibus or coach",
    "Taxi",
    "Motorcycle, scooter or moped",
    "Driving a car or van",
    "Passenger in a car or van",
    "Bicycle",
    "On foot",
    "Other method of travel to work",
)
_OCCUPATIONS = (
    "Managers, directors and senior officials",
    "Professional occupations",
    "Associate professional and technical occupations",
    "Administrative and secretarial occupations",
    "Skilled trades occupations",
    "Caring, leisure and other service occupations",
    "Sales and customer service occupations",
    "Process, plant and machine operatives",
    "Elementary occupations",
)
_NSSEC = (
    "L1, L2 and L3 Higher managerial, administrative and professional occupations",
    "L4, L5 and L6 Lower managerial, administrative and professional occupations",
    "L7 Intermediate occupations",
    "L8 and L9 Small employers and own account workers",
    "L10 and L11 Lower supervisory and technical occupations",
    "L12 Semi-routine occupations",
    "L13 Routine occupations",
    "L14.1 and L14.2 Never worked and long-term unemployed",
    "L15 Full-time students",
)

WORK_TOPICS = (
    Topic(
        stem="highest_level_qualification",
        folder="education",
        category_column="highest_qualification",
        categories=_QUALIFICATIONS,
        indicators={
            "census_no_qualifications": _QUALIFICATIONS[:1],
            "census_level4_qualifications": ("Level 4 qualifications or above",),
        },
        base_note=_BASE_16,
        table="TS067",
        title="Highest level of qualification",
        group=WHAT_THEY_DO,
        universe=_SIXTEEN_PLUS,
    ),
    Topic(
        stem="economic_activity_status",
        folder=_FOLDER,
        category_column="economic_activity_status",
        categories=_ACTIVITY,
        indicators={
            "census_in_employment": tuple(c for c in _ACTIVITY if ": In employment: " in c),
            "census_unemployed": (f"{_ACTIVE}: Unemployed", f"{_STUDENT}: Unemployed"),
            "census_economically_inactive": _INACTIVE,
            "census_retired": _INACTIVE[:1],
            "census_inactive_long_term_sick": _INACTIVE[3:4],
            "census_inactive_looking_after_home": _INACTIVE[2:3],
        },
        base_note=_BASE_16,
        table="TS066",
        title="Economic activity",
        group=WHAT_THEY_DO,
        universe=_SIXTEEN_PLUS,
    ),
    Topic(
        stem="method_of_travel_to_work",
        folder=_FOLDER,
        category_column="mode_of_travel",
        categories=_TRAVEL,
        indicators={
            "census_work_from_home": _TRAVEL[:1],
            "census_drive_to_work": ("Driving a car or van",),
            "census_public_transport_to_work": _TRAVEL[1:4],
            "census_walk_or_cycle_to_work": ("Bicycle", "On foot"),
        },
        base_note=_BASE_EMPLOYED,
        table="TS061",
        title="Method of travel to work",
        group=WHAT_THEY_DO,
        universe=_EMPLOYED,
    ),
    Topic(
        stem="occupation",
        folder=_FOLDER,
        category_column="occupation",
        categories=_OCCUPATIONS,
        indicators={
            "census_managerial_professional_occupations": _OCCUPATIONS[:3],
            "census_elementary_occupations": _OCCUPATIONS[-1:],
        },
        base_note=_BASE_EMPLOYED,
        table="TS063",
        title="Occupation",
        group=WHAT_THEY_DO,
        universe=_EMPLOYED,
    ),
    Topic(
        stem="socio-economic_classification",
        folder=_FOLDER,
        category_column="socio_economic_classification",
        categories=_NSSEC,
        indicators={
            "census_nssec_higher_professional": _NSSEC[:1],
            "census_nssec_routine": _NSSEC[5:7],
            "census_never_worked_long_term_unemployed": _NSSEC[7:8],
        },
        base_note=_BASE_16,
        table="TS062",
        title="Socio-economic classification (NS-SeC)",
        group=WHAT_THEY_DO,
        universe=_SIXTEEN_PLUS,
    ),
)
