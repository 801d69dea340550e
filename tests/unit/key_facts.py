"""Reading one key fact from the plan's key_facts table, for tests that check the published figures."""

from __future__ import annotations

import pandas as pd

from trafford_dash.store import plan


def key_fact(fact_id: str, facts: pd.DataFrame | None = None) -> float | str:
    """Return one key fact's value: a float for numbers, the ISO text for dates."""
    facts = plan.load_table("key_facts") if facts is None else facts
    match = facts.loc[facts["fact_id"] == fact_id]
    if match.empty:
        raise ValueError(f"There is no key fact called {fact_id!r} in key_facts.csv.")
    row = match.iloc[0]
    return str(row["value"]) if row["unit"] == "date" else float(row["value"])
