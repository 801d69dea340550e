"""What a profile shows by default, and the columns of its profile table."""

from __future__ import annotations

KEY_INDICATORS: tuple[str, ...] = (
    "population_0_15",
    "population_65_plus",
    "non_white_ethnicity",
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
    "no_qualifications",
    "household_deprived_health",
    "social_rented_housing",
    "households_no_car",
)
"""The indicators a profile shows by default, in display order, where the vintage has them."""

VALUE_COLUMNS = ["period", "sex", "age", "value", "lower_ci_95", "upper_ci_95"]
"""Which figure a row gives, and its 95% confidence interval."""

TABLE_COLUMNS = [
    "area_code",
    "area_name",
    "ward_vintage",
    "indicator_id",
    "indicator",
    "theme",
    "unit",
    "value_type",
    "polarity",
    *VALUE_COLUMNS,
    "count",
    "denominator",
    "approximate",
    "suppressed",
    "value_note",
    "trafford_value",
    "trafford_approximate",
    "england_value",
    "nbh_ward_min",
    "nbh_ward_min_name",
    "nbh_ward_max",
    "nbh_ward_max_name",
    "trafford_ward_min",
    "trafford_ward_max",
    "sig_trafford",
    "sig_england",
    "sig_method_trafford",
    "sig_method_england",
    "source",
    "licence",
]
"""The columns of a profile table (:func:`trafford_dash.profile.indicators.profile_table`)."""

NUMBER_COLUMNS = [
    "indicator_id",
    "indicator",
    *VALUE_COLUMNS,
    "approximate",
    "trafford_value",
    "england_value",
    "sig_trafford",
    "sig_england",
    "nbh_ward_min",
    "nbh_ward_max",
]
"""The columns shown as "Numbers behind the chart and table" on the profile page."""
