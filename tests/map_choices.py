"""What the map shows first for an indicator at one level, worked out the way the map page does."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from trafford_dash.map import layers
from trafford_dash.store import reader


class FirstChoice(NamedTuple):
    """The rows of the latest vintage for the default sex and age, with the choices and the latest period."""

    rows: pd.DataFrame
    vintage: str
    sex: str | None
    age: str | None
    period: str


def first_choice(indicator: str, level: str) -> FirstChoice:
    """The map's first choice of vintage, sex, age and period for ``indicator`` at ``level``."""
    rows = reader.load_values(indicator_id=indicator, level=level)
    vintage = sorted(rows["vintage"].unique())[-1]
    rows = rows[rows["vintage"] == vintage]
    sex = layers.default_sex(sorted(rows["sex"].unique()))
    age = layers.default_age(sorted(rows["age"].unique()))
    rows = rows[(rows["sex"] == sex) & (rows["age"] == age)]
    return FirstChoice(rows, vintage, sex, age, layers.ordered_periods(rows)[-1])
