"""The plan's published 2019/20 spend shares (LP2019 §7.7), in percent, as the spend tests expect them."""

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
COUNCIL_PUBLISHED = {
    "Adult Client Costs": 37,
    "Assistive Technology and Equipment": 1,
    "Adult Social Care Staffing": 12,
    "Education and Early Years": 6.5,
    "Children's Safeguarding": 1,
    "Children's Social Care Staffing": 10,
    "Children's Placement Costs": 17.5,
}
