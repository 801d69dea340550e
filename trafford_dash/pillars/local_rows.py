"""A checked local indicator file as store rows: values in the values store's shape, and one catalogue
row per indicator marked as locally supplied (see :mod:`trafford_dash.pillars.local_indicators`)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from trafford_dash.core import config
from trafford_dash.core.periods import period_end_year
from trafford_dash.store.schema import VALUE_COLUMNS

META = ["title", "pillar", "unit", "polarity", "source", "definition"]
LOCAL_LICENCE = "As stated by the supplier (not checked by the dashboard)"


def to_values(
    frame: pd.DataFrame, areas: Mapping[str, tuple[str, str, str]], source_key: str
) -> pd.DataFrame:
    """The checked file's rows in the values store's shape, each area named from ``areas``."""

    def number(column: str) -> pd.Series:
        return pd.to_numeric(frame[column].replace("", np.nan), errors="coerce").astype(float)

    def area(part: int) -> pd.Series:
        return frame["area_code"].map({code: details[part] for code, details in areas.items()})

    years = {period: period_end_year(period) for period in frame["period"].unique()}
    values = pd.DataFrame(
        {
            "area_code": frame["area_code"],
            "area_name": area(0),
            "level": area(1),
            "vintage": area(2),
            "indicator_id": frame["indicator_id"],
            "period": frame["period"],
            "year": pd.array(frame["period"].map(years).tolist(), dtype="Int64"),
            "sex": frame["sex"],
            "age": frame["age"],
            "value": number("value"),
            "lower_ci_95": number("lower_ci_95"),
            "upper_ci_95": number("upper_ci_95"),
            "lower_ci_998": np.nan,
            "upper_ci_998": np.nan,
            "count": number("count"),
            "denominator": number("denominator"),
            "significance_england": None,
            "value_note": ("Locally supplied. " + frame["value_note"]).str.strip(),
            "approximate": False,
            "suppressed": False,
            "source_key": source_key,
        }
    )
    return values[VALUE_COLUMNS].reset_index(drop=True)


def _levels(values: pd.DataFrame) -> pd.Series:
    """Each indicator's levels in the catalogue's order, joined with ``;`` (indexed by indicator id)."""
    present = values.groupby(["indicator_id", "level"]).size().unstack(fill_value=0) > 0
    joined = pd.Series("", index=present.index)
    for level in config.LEVELS:
        if level in present:
            joined = joined + np.where(present[level], level + ";", "")
    return joined.str.rstrip(";")


def to_catalogue(frame: pd.DataFrame, values: pd.DataFrame, filename: str) -> pd.DataFrame:
    """One catalogue row per indicator, in the order they first appear in the file."""
    by_id = frame.groupby("indicator_id", sort=False)
    first = by_id[META].first()
    ids = first.index
    end_years = values["year"].fillna(0).astype(int).set_axis(frame.index)
    latest = frame.loc[
        end_years.groupby(frame["indicator_id"], sort=False).idxmax(), ["indicator_id", "period"]
    ]
    whole = ((values["value"] - values["value"].round()).abs() < 1e-9).groupby(values["indicator_id"]).all()
    proportion = first["unit"].str.strip() == "%"
    has_ci = (frame["lower_ci_95"] != "").groupby(frame["indicator_id"], sort=False).any()
    return pd.DataFrame(
        {
            "indicator_id": ids,
            "title": first["title"].to_numpy(),
            "definition": first["definition"]
            .where(first["definition"] != "", "Locally supplied indicator; the file gave no definition.")
            .to_numpy(),
            "pillars": first["pillar"].to_numpy(),
            "priority": "",
            "theme": "local",
            "polarity": first["polarity"].to_numpy(),
            "value_type": np.where(proportion, "proportion", np.where(whole.reindex(ids), "count", "other")),
            "unit": first["unit"].to_numpy(),
            "multiplier": 1.0,
            "ci_method": np.where(has_ci.reindex(ids), "published", "none"),
            "aggregation": "none",
            "levels": _levels(values).reindex(ids).to_numpy(),
            "ward_vintages": "",
            "period": latest.set_index("indicator_id")["period"].reindex(ids).to_numpy(),
            "source": ("Locally supplied: " + first["source"]).to_numpy(),
            "licence": LOCAL_LICENCE,
            "attribution": f"Locally supplied data uploaded in this session from {filename}.",
            "published": "",
            "fingertips_id": "",
        }
    )
