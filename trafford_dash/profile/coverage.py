"""How much of a neighbourhood profile can be tested against both Trafford and Greater Manchester.

Reads the built store directly (no Streamlit), so a test or a script can check the figure after a build.
"""

from __future__ import annotations

import pandas as pd

from trafford_dash.core import areas as profile_areas
from trafford_dash.profile import comparators, indicators
from trafford_dash.store import reader


def neighbourhood_table(neighbourhood: str, vintage: str) -> pd.DataFrame:
    """The profile table of a whole neighbourhood with every indicator that has ward figures."""
    catalogue = reader.load_table("catalogue")
    areas = reader.load_table("areas")
    ids = indicators.indicators_for(catalogue, vintage, show_all=True)
    rows = reader.load_values(indicator_id=ids, level=list(indicators.PROFILE_LEVELS))
    area = profile_areas.resolve(areas, neighbourhood, profile_areas.WHOLE_NEIGHBOURHOOD, vintage)
    return indicators.profile_table(area, rows, catalogue, areas, ids)


def tested_against_trafford_and_gm(neighbourhood: str, vintage: str) -> int:
    """How many indicators of the neighbourhood's profile are tested against both Trafford and GM."""
    return comparators.tested_against_trafford_and_gm(neighbourhood_table(neighbourhood, vintage))
