"""Small pieces of Plotly figure settings that several charts share."""

from __future__ import annotations

from typing import Any

import pandas as pd


def axis(title: str, **settings: Any) -> dict[str, Any]:
    """An axis's settings: its title text and any other settings."""
    return {"title": {"text": title}, **settings}


def margin(bottom: int) -> dict[str, int]:
    """The charts' usual margins (10 px at the sides, 30 px on top), with ``bottom`` below."""
    return {"l": 10, "r": 10, "t": 30, "b": bottom}


def ci_error(rows: pd.DataFrame, has_ci: pd.Series, **settings: Any) -> dict[str, Any]:
    """Error bars from each row's ``value`` to its 95% confidence limits, where ``has_ci``."""
    return {
        "type": "data",
        "symmetric": False,
        "array": (rows["upper_ci_95"] - rows["value"]).where(has_ci).to_numpy(float),
        "arrayminus": (rows["value"] - rows["lower_ci_95"]).where(has_ci).to_numpy(float),
        "color": "#111111",
        **settings,
    }
