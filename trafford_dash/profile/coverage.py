"""How much of a neighbourhood profile can be tested against both Trafford and Greater Manchester.

Reads the built store directly (no Streamlit), so a test or a script can check the figure after a build:
``tested_against_trafford_and_gm("North", "2023")``.
"""

from __future__ import annotations

import pandas as pd

from trafford_dash.core import areas as profile_areas
from trafford_dash.core import profile_comparators as comparators
from trafford_dash.profile import indicators
from trafford_dash.store import reader


def neighbourhood_table(neighbourhood: str, vintage: str) -> pd.DataFrame:
    """The whole neighbourhood's profile table, as the build stored it, with every indicator that has
    ward figures."""
    catalogue = reader.load_table("catalogue")
    area = profile_areas.resolve(
        reader.load_table("areas"), neighbourhood, profile_areas.WHOLE_NEIGHBOURHOOD, vintage
    )
    ids = indicators.indicators_for(catalogue, vintage, show_all=True)
    return indicators.stored_table(reader.load_table("profiles"), area, ids)


def tested_against_trafford_and_gm(neighbourhood: str, vintage: str) -> int:
    """How many indicators of the neighbourhood's profile are tested against both Trafford and GM."""
    return comparators.tested_against_trafford_and_gm(neighbourhood_table(neighbourhood, vintage))
