"""The Pillars page: the plan's six pillars in figures, tiles, exceptions and local indicators."""
