"""Build figures for larger areas from smaller ones, exactly where counts allow and labelled where not.

The catalogue's ``aggregation`` column decides the method for each indicator:

- ``sum``: counts add up exactly (population, casualties).
- ``ratio_of_sums``: numerators and denominators add up exactly, so the area's proportion or rate is
  recomputed from the sums and its confidence interval recomputed from them.
- ``population_weighted_mean``: the source publishes only a value per area (life expectancy,
  standardised ratios, modelled prevalence, deprivation scores). The larger area's figure is the mean
  of its parts weighted by resident population. It is flagged ``approximate`` and the method is named
  in ``value_note``; no confidence interval is claimed.
- ``none``: medians, ranks and deciles cannot be combined, so nothing is produced.

A parent is built only when every one of its parts has a value; otherwise it is left out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from trafford_dash.core import config, stats
from trafford_dash.store.schema import VALUE_COLUMNS

GROUP_KEYS = ["parent_code", "parent_vintage", "indicator_id", "period", "sex", "age"]
CI_COLUMNS = ["lower_ci_95", "upper_ci_95", "lower_ci_998", "upper_ci_998"]

WARD_POPULATION_PERIOD = {"2022": "2020-06-30", "2023": "2024-06-30"}
# A membership's parent columns, renamed to the area columns of the rows built for the parents.
PARENT_AS_AREA = {
    "parent_code": "area_code",
    "parent_name": "area_name",
    "parent_level": "level",
    "parent_vintage": "vintage",
}


def _membership(frame: pd.DataFrame, **parent: object) -> pd.DataFrame:
    """Child/parent columns for :func:`aggregate`: each ward of ``frame`` under the given parent."""
    return pd.DataFrame(
        {
            "child_code": frame["ward_code"],
            "child_level": "ward",
            "child_vintage": frame["vintage"],
            **{f"parent_{key}": value for key, value in parent.items()},
        }
    )


def ward_membership(ward_neighbourhoods: pd.DataFrame) -> pd.DataFrame:
    """Map each ward to its neighbourhood: child/parent columns for :func:`aggregate`."""
    frame = ward_neighbourhoods.astype({"vintage": str})
    return _membership(
        frame,
        code=frame["neighbourhood"].map(config.neighbourhood_code),
        name=frame["neighbourhood"],
        level="neighbourhood",
        vintage=frame["vintage"],
    )


def borough_membership(ward_neighbourhoods: pd.DataFrame) -> pd.DataFrame:
    """Map every ward of each vintage to Trafford."""
    frame = ward_neighbourhoods.astype({"vintage": str})
    # Grouped per ward vintage so each vintage's 21 wards make a complete Trafford; the build clears the
    # vintage afterwards (a borough has none).
    return _membership(
        frame, code=config.TRAFFORD_CODE, name=config.TRAFFORD_NAME, level="borough", vintage=frame["vintage"]
    )


def lsoa_best_fit_membership(lsoa_to_ward: pd.DataFrame, ward_vintage: str, names: pd.Series) -> pd.DataFrame:
    """Map 2021 LSOAs whole to the ward of ``ward_vintage`` they best fit (an approximation)."""
    frame = lsoa_to_ward[
        (lsoa_to_ward["lsoa_vintage"].astype(str) == "2021")
        & (lsoa_to_ward["ward_vintage"].astype(str) == ward_vintage)
    ]
    return pd.DataFrame(
        {
            "child_code": frame["lsoa_code"],
            "child_level": "lsoa",
            "child_vintage": "2021",
            "parent_code": frame["ward_code"],
            "parent_name": frame["ward_code"].map(names),
            "parent_level": "ward",
            "parent_vintage": ward_vintage,
        }
    )


def population_weights(values: pd.DataFrame) -> pd.DataFrame:
    """All-ages resident population by area and sex, used as weights.

    Returns columns child_code, child_level, child_vintage, sex, weight, weight_period. Wards use the
    estimate matching their vintage (mid-2020 for pre-2023 wards, mid-2024 for May-2023 wards).
    """
    population = values[
        (values["indicator_id"] == "population") & (values["age"] == "All ages") & values["value"].notna()
    ]
    wanted = population["level"].ne("ward") | (
        population["period"] == population["vintage"].map(WARD_POPULATION_PERIOD)
    )
    population = population[wanted].sort_values("period")
    latest = population.drop_duplicates(["area_code", "level", "vintage", "sex"], keep="last")
    return latest.rename(
        columns={
            "area_code": "child_code",
            "level": "child_level",
            "vintage": "child_vintage",
            "value": "weight",
            "period": "weight_period",
        }
    )[["child_code", "child_level", "child_vintage", "sex", "weight", "weight_period"]]


def _complete_groups(joined: pd.DataFrame, membership: pd.DataFrame) -> pd.DataFrame:
    """Keep only the groups where every member of the parent has a value."""
    members = membership.groupby(["parent_code", "parent_vintage"])["child_code"].nunique().rename("members")
    present = joined.groupby(GROUP_KEYS)["area_code"].transform("nunique")
    expected = joined.join(members, on=["parent_code", "parent_vintage"])["members"]
    return joined[present == expected]


def aggregate(
    values: pd.DataFrame,
    membership: pd.DataFrame,
    catalogue: pd.DataFrame,
    weights: pd.DataFrame | None = None,
    extra_note: str = "",
    approximate: bool = False,
) -> pd.DataFrame:
    """Aggregate child-area rows of ``values`` to the parents named in ``membership``.

    Parameters
    ----------
    values
        Tidy values holding (at least) the child rows.
    membership
        Columns child_code, child_level, child_vintage, parent_code, parent_name, parent_level,
        parent_vintage.
    catalogue
        The indicator catalogue (indicator_id, aggregation, multiplier, ci_method).
    weights
        Population weights from :func:`population_weights`; needed for population-weighted means.
    extra_note
        Appended to every output row's ``value_note`` (e.g. how the membership was derived).
    approximate
        Mark every output row approximate (e.g. a best-fit membership).

    Returns
    -------
    pandas.DataFrame
        Tidy rows for the parents, without confidence intervals (see :func:`add_confidence_intervals`).
    """
    children = _complete_groups(_children_with_methods(values, membership, catalogue), membership)
    outputs = [
        _sums(children[children["method"] == "sum"]),
        _ratios_of_sums(children[children["method"] == "ratio_of_sums"], catalogue),
    ]
    weighted = children[children["method"] == "population_weighted_mean"]
    if not weighted.empty and weights is not None:
        outputs.append(_weighted_means(weighted, weights))
    outputs = [out for out in outputs if out is not None]
    if not outputs:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    return _as_parent_values(pd.concat(outputs, ignore_index=True), extra_note, approximate)


def _children_with_methods(
    values: pd.DataFrame, membership: pd.DataFrame, catalogue: pd.DataFrame
) -> pd.DataFrame:
    """The child rows with a value, joined to their parents and tagged with the aggregation method."""
    method = catalogue.set_index("indicator_id")["aggregation"]
    children = values.merge(
        membership,
        left_on=["area_code", "level", "vintage"],
        right_on=["child_code", "child_level", "child_vintage"],
        how="inner",
    )
    children = children[children["value"].notna() & ~children["suppressed"]]
    children = children.assign(method=children["indicator_id"].map(method))
    # A proportion published without its counts can only be combined approximately.
    uncounted = (children["method"] == "ratio_of_sums") & (
        children["count"].isna() | children["denominator"].isna()
    )
    children.loc[uncounted, "method"] = "population_weighted_mean"
    return children


def _sums(summed: pd.DataFrame) -> pd.DataFrame | None:
    """Parents of summed counts: value and count are the sums of their parts."""
    if summed.empty:
        return None
    grouped = summed.groupby([*GROUP_KEYS, "parent_name", "parent_level"], as_index=False)
    out = grouped.agg(value=("value", "sum"), count=("count", "sum"), approximate=("approximate", "any"))
    out["count"] = out["count"].where(out["count"] > 0, out["value"])
    out["value_note"] = "Sum of its parts."
    return out


def _ratios_of_sums(ratios: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame | None:
    """Parents of proportions and rates, recomputed from the summed counts and denominators."""
    ratios = ratios[ratios["count"].notna() & ratios["denominator"].notna()]
    if ratios.empty:
        return None
    multiplier = catalogue.set_index("indicator_id")["multiplier"]
    grouped = ratios.groupby([*GROUP_KEYS, "parent_name", "parent_level"], as_index=False)
    out = grouped.agg(
        count=("count", "sum"), denominator=("denominator", "sum"), approximate=("approximate", "any")
    )
    factor = out["indicator_id"].map(multiplier).astype(float)
    out["value"] = out["count"] / out["denominator"] * factor
    out["value_note"] = "Computed from the summed counts and denominators of its parts."
    return out


def _as_parent_values(result: pd.DataFrame, extra_note: str, approximate: bool) -> pd.DataFrame:
    """Rename the parent columns to area columns and fill the rest of the value schema."""
    result = result.rename(columns=PARENT_AS_AREA)
    if approximate:
        result["approximate"] = True
    if extra_note:
        result["value_note"] = result["value_note"] + " " + extra_note
    result["source_key"] = "derived:aggregate"
    for column in VALUE_COLUMNS:
        if column not in result:
            result[column] = np.nan
    result["significance_england"] = None
    result["suppressed"] = False
    result["year"] = pd.NA
    return result[VALUE_COLUMNS]


def _weighted_means(rows: pd.DataFrame, weights: pd.DataFrame) -> pd.DataFrame:
    # Sex-specific indicators are weighted by that sex's population, others by all persons.
    joined = rows.merge(weights, on=["child_code", "child_level", "child_vintage", "sex"], how="left")
    complete = joined.groupby(GROUP_KEYS)["weight"].transform(lambda w: w.notna().all())
    joined = joined[complete.astype(bool)]
    joined = joined.assign(weighted=joined["value"] * joined["weight"])
    grouped = joined.groupby([*GROUP_KEYS, "parent_name", "parent_level"], as_index=False)
    out = grouped.agg(
        weighted=("weighted", "sum"),
        weight=("weight", "sum"),
        weight_period=("weight_period", "first"),
    )
    out["value"] = out["weighted"] / out["weight"]
    out["approximate"] = True
    out["value_note"] = (
        "Approximation: mean of its parts' values weighted by resident population ("
        + out["sex"].str.lower().replace({"persons": "all persons"})
        + ", "
        + out["weight_period"].astype(str)
        + "); the source publishes no numerators, so no confidence interval is given."
    )
    return out.drop(columns=["weighted", "weight", "weight_period"])


def add_confidence_intervals(values: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Fill 95% and 99.8% intervals for rows with a count and denominator and no interval yet.

    The method follows the catalogue's ``ci_method``: Wilson score intervals for proportions, Byar's
    method (exact Poisson below 10 events) for rates.
    """
    out = values.copy()
    methods = catalogue.set_index("indicator_id")
    ci_method = out["indicator_id"].map(methods["ci_method"])
    multiplier = out["indicator_id"].map(methods["multiplier"]).astype(float)
    needs = (
        ci_method.isin(["wilson", "byar"])
        & out["count"].notna()
        & out["denominator"].notna()
        & (out["denominator"] > 0)
        & out["lower_ci_95"].isna()
    )
    keys = pd.DataFrame({"method": ci_method, "factor": multiplier})[needs].drop_duplicates()
    for method, factor in keys.itertuples(index=False):
        index = out.index[needs & (ci_method == method) & (multiplier == factor)]
        limits = stats.ci_columns(
            out.loc[index, "count"].to_numpy(float),
            out.loc[index, "denominator"].to_numpy(float),
            method=str(method),
            multiplier=float(factor),
        )
        for column in CI_COLUMNS:
            out.loc[index, column] = limits[column].to_numpy()
    return out
