"""Census 2021 tables on who lives in an area: households, ethnic group, language, religion, national
identity, sexual orientation, gender identity and armed forces veterans."""

from __future__ import annotations

from trafford_dash.pipeline.loaders.census_topics.base import MSOA, WARD, WHO_LIVES_HERE, Topic

_HOUSEHOLDS = (
    "One-person household: Aged 66 years and over",
    "One-person household: Other",
    "Single family household: All aged 66 years and over",
    "Single family household: Married or civil partnership couple: No children",
    "Single family household: Married or civil partnership couple: Dependent children",
    "Single family household: Married or civil partnership couple: All children non-dependent",
    "Single family household: Cohabiting couple family: No children",
    "Single family household: Cohabiting couple family: With dependent children",
    "Single family household: Cohabiting couple family: All children non-dependent",
    "Single family household: Lone parent family: With dependent children",
    "Single family household: Lone parent family: All children non-dependent",
    "Single family household: Other single family household: Other family composition",
    "Other household types: With dependent children",
    "Other household types: Other, including all full-time students and all aged 66 years and over",
)

_ASIAN = tuple(
    f"Asian, Asian British or Asian Welsh: {group}"
    for group in ("Bangladeshi", "Chinese", "Indian", "Pakistani", "Other Asian")
)
_BLACK = tuple(
    f"Black, Black British, Black Welsh, Caribbean or African: {group}"
    for group in ("African", "Caribbean", "Other Black")
)
_MIXED = tuple(
    f"Mixed or Multiple ethnic groups: {group}"
    for group in (
        "White and Asian",
        "White and Black African",
        "White and Black Caribbean",
        "Other Mixed or Multiple ethnic groups",
    )
)
_WHITE_BRITISH = "White: English, Welsh, Scottish, Northern Irish or British"
_WHITE_OTHER = ("White: Irish", "White: Gypsy or Irish Traveller", "White: Roma", "White: Other White")
_OTHER = ("Other ethnic group: Arab", "Other ethnic group: Any other ethnic group")
_ETHNIC = (*_ASIAN, *_BLACK, *_MIXED, _WHITE_BRITISH, *_WHITE_OTHER, *_OTHER)

_ENGLISH_MAIN = "Main language is English"
_PROFICIENCY = (
    _ENGLISH_MAIN,
    "Main language is not English: Can speak English very well",
    "Main language is not English: Can speak English well",
    "Main language is not English: Cannot speak English well",
    "Main language is not English: Cannot speak English",
)
_HOUSEHOLD_LANGUAGE = (
    "All adults in household have English as a main language",
    "At least one but not all adults in household have English as a main language",
    "No adults in household, but at least one person aged 3 to 15 years has English as a main language",
    "No people in household have English as a main language",
)
_RELIGION = (
    "No religion",
    "Christian",
    "Buddhist",
    "Hindu",
    "Jewish",
    "Muslim",
    "Sikh",
    "Other religion",
    "Not answered",
)
_UK_ONLY = tuple(
    f"{identity} only identity"
    for identity in (
        "British",
        "English",
        "English and British",
        "Welsh",
        "Welsh and British",
        "Scottish",
        "Scottish and British",
        "Northern Irish",
        "Northern Irish and British",
        "Cornish",
        "Cornish and British",
    )
)
_IDENTITY = (
    *_UK_ONLY,
    "Any other combination of only UK identities",
    "Irish only identity",
    "Irish and at least one UK identity",
    "Other identity only",
    "Other identity and at least one UK identity",
    # Subtotals in the file: Irish or other identity only; Irish or other with a UK identity.
    "Non-UK identity only",
    "UK identity and non-UK identity",
)
_ORIENTATION = (
    "Straight or Heterosexual",
    "Gay or Lesbian",
    "Bisexual",
    "All other sexual orientations",
    "Not answered",
)
_GENDER = (
    "Gender identity the same as sex registered at birth",
    "Gender identity different from sex registered at birth but no specific identity given",
    "Trans woman",
    "Trans man",
    "All other gender identities",
    "Not answered",
)
_VETERANS = (
    "Previously served in UK regular armed forces",
    "Previously served in UK reserve armed forces",
    "Previously served in both regular and reserve UK armed forces",
    "Has not previously served in any UK armed forces",
)
_SIXTEEN_PLUS = "usual residents aged 16 and over"

PEOPLE_TOPICS = (
    Topic(
        stem="household_composition",
        folder="population",
        category_column="indicator",
        categories=_HOUSEHOLDS,
        indicators={
            "census_one_person_66_plus": _HOUSEHOLDS[:1],
            "census_lone_parent_dependent_children": (_HOUSEHOLDS[9],),
        },
        base_note="Base: households.",
        table="TS003",
        title="Household composition",
        group=WHO_LIVES_HERE,
        universe="households",
    ),
    Topic(
        stem="population_ethnic_group",
        folder="ethnicity",
        category_column="ethnic_group",
        categories=_ETHNIC,
        indicators={
            "census_ethnic_asian": _ASIAN,
            "census_ethnic_black": _BLACK,
            "census_ethnic_mixed": _MIXED,
            "census_ethnic_white": (_WHITE_BRITISH, *_WHITE_OTHER),
            "census_ethnic_other": _OTHER,
            "census_white_british": (_WHITE_BRITISH,),
            "census_white_not_british": _WHITE_OTHER,
            "census_not_white_british": tuple(c for c in _ETHNIC if c != _WHITE_BRITISH),
        },
        table="TS021",
        title="Ethnic group",
        group=WHO_LIVES_HERE,
    ),
    Topic(
        stem="population_english_proficiency",
        folder="language",
        category_column="proficiency",
        categories=_PROFICIENCY,
        indicators={
            "census_main_language_not_english": _PROFICIENCY[1:],
            "census_cannot_speak_english_well": _PROFICIENCY[3:],
        },
        base_note="Base: usual residents aged 3 and over.",
        table="TS029",
        title="Proficiency in English",
        group=WHO_LIVES_HERE,
        universe="usual residents aged 3 and over",
    ),
    Topic(
        stem="household_main_language_english",
        folder="language",
        category_column="household_language",
        categories=_HOUSEHOLD_LANGUAGE,
        indicators={"census_households_no_english_main_language": _HOUSEHOLD_LANGUAGE[3:]},
        base_note="Base: households.",
        table="TS025",
        title="Household language",
        group=WHO_LIVES_HERE,
        universe="households",
    ),
    Topic(
        stem="population_religion",
        folder="religion",
        category_column="religion",
        categories=_RELIGION,
        indicators={
            f"census_{name}": (category,)
            for name, category in (
                ("no_religion", "No religion"),
                ("christian", "Christian"),
                ("buddhist", "Buddhist"),
                ("hindu", "Hindu"),
                ("jewish", "Jewish"),
                ("muslim", "Muslim"),
                ("sikh", "Sikh"),
                ("religion_not_answered", "Not answered"),
            )
        },
        table="TS030",
        title="Religion",
        group=WHO_LIVES_HERE,
    ),
    Topic(
        stem="population_national_identity_uk_focus",
        folder="national_identity",
        category_column="national_identity",
        categories=_IDENTITY,
        subtotals=_IDENTITY[-2:],
        indicators={
            "census_english_identity": _UK_ONLY[1:3],
            "census_british_only_identity": _UK_ONLY[:1],
            "census_no_uk_identity": ("Irish only identity", "Other identity only"),
        },
        table="TS027",
        title="National identity",
        group=WHO_LIVES_HERE,
    ),
    Topic(
        stem="sexual_orientation",
        folder="sexual_orientation_gender_identity",
        category_column="sexual_orientation",
        categories=_ORIENTATION,
        geographies=(MSOA,),
        indicators={"census_lgb_plus": _ORIENTATION[1:4]},
        base_note="Base: usual residents aged 16 and over, including those who did not answer.",
        table="TS077",
        title="Sexual orientation",
        group=WHO_LIVES_HERE,
        universe=_SIXTEEN_PLUS,
    ),
    Topic(
        stem="gender_identity",
        folder="sexual_orientation_gender_identity",
        category_column="gender_identity",
        categories=_GENDER,
        geographies=(MSOA,),
        indicators={"census_gender_identity_different": _GENDER[1:5]},
        base_note="Base: usual residents aged 16 and over, including those who did not answer.",
        table="TS078",
        title="Gender identity",
        group=WHO_LIVES_HERE,
        universe=_SIXTEEN_PLUS,
    ),
    Topic(
        stem="armed_forces_veterans_person",
        folder="armed_forces_veterans",
        category_column="veteran_status",
        categories=_VETERANS,
        geographies=(WARD, MSOA),
        indicators={"census_veterans": _VETERANS[:3]},
        base_note="Base: usual residents aged 16 and over.",
        table="TS071",
        title="Previous service in the UK armed forces",
        group=WHO_LIVES_HERE,
        universe=_SIXTEEN_PLUS,
    ),
)
