"""Figures and column lists as published, shared by the tests that check the data against them."""

from __future__ import annotations

# The columns every catalogue part (``data/indicators.csv`` and what the loaders add) carries.
CATALOGUE_COLUMNS = [
    "indicator_id",
    "title",
    "definition",
    "pillars",
    "priority",
    "theme",
    "polarity",
    "value_type",
    "unit",
    "multiplier",
    "ci_method",
    "aggregation",
    "period",
    "source",
    "licence",
    "attribution",
    "published",
    "fingertips_id",
]

# The CCG's spending shares as the plan publishes them (per cent).
CCG_SHARES = {
    "Acute": 55,
    "Mental Health": 9,
    "Community": 10,
    "Continuing Care": 4,
    "Primary Care": 11,
    "Other Programme": 1,
    "Primary Care Co-Commissioning": 9,
    "Running cost": 1,
    "Contingency": 1,
}
# The council's named spending shares as the plan publishes them (per cent).
COUNCIL_SHARES = {
    "Adult Client Costs": 37,
    "Assistive Technology and Equipment": 1,
    "Adult Social Care Staffing": 12,
    "Education and Early Years": 6.5,
    "Children's Safeguarding": 1,
    "Children's Social Care Staffing": 10,
    "Children's Placement Costs": 17.5,
}
# The locality plan's six reform pillars, in the plan's order, one a line as the plan prints them.
PLAN_PILLARS = """\
Prevention
Children's Care
Living Well at Home
Planned Care
Urgent Care
Mental Health""".splitlines()
# The council's corporate priorities, in the plan's order.
PLAN_PRIORITIES = [
    "Building quality, affordable and social housing",
    "Health and wellbeing",
    "Successful and thriving places",
    "Children and young people",
    "Pride in our area",
    "Green and connected",
    "Targeted support",
]
