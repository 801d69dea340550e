"""The Compare page: areas, two indicators, inequality, side by side and trends."""
