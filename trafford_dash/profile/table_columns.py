"""What a profile shows by default, and the columns of its profile table."""

from __future__ import annotations

from trafford_dash.core import profile_table

KEY_INDICATORS: tuple[str, ...] = (
    "population_0_15",
    "population_65_plus",
    "census_not_white_british",
    "life_expectancy_male",
    "life_expectancy_female",
    "healthy_life_expectancy_male",
    "healthy_life_expectancy_female",
    "bad_health",
    "disability",
    "unpaid_care",
    "circulatory_mortality_under75_smr",
    "cancer_mortality_smr",
    "respiratory_mortality_smr",
    "alcohol_admissions_sar",
    "self_harm_admissions_sar",
    "low_birth_weight",
    "obese_reception",
    "obese_year6",
    "children_low_income_families",
    "children_relative_low_income",
    "imd_score",
    "income_score",
    "fuel_poverty",
    "claimant_rate",
    "census_no_qualifications",
    "census_overcrowded_bedrooms",
    "census_social_rented",
    "census_households_no_car",
)
"""The indicators a profile shows by default, in display order, where the vintage has them: Census 2021
figures (with counts, so tested against Trafford and Greater Manchester) where they replace 2011 ones."""

VALUE_COLUMNS = profile_table.VALUE_COLUMNS
TABLE_COLUMNS = profile_table.TABLE_COLUMNS
"""The columns of a profile table (see :mod:`trafford_dash.core.profile_table`)."""

NUMBER_COLUMNS = [
    "indicator_id",
    "indicator",
    *VALUE_COLUMNS,
    "approximate",
    "trafford_value",
    "gm_value",
    "england_value",
    "sig_trafford",
    "sig_gm",
    "sig_england",
    "nbh_ward_min",
    "nbh_ward_max",
]
"""The columns shown as "Numbers behind the chart and table" on the profile page."""
