"""The exceptions list: worse and worsening, better and improving, checked on tiny frames and the store."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.unit.pillar_rows import frame, meta, row
from trafford_dash.core import config, trends
from trafford_dash.pillars import exceptions
from trafford_dash.pillars import tiles as pillars
from trafford_dash.store import reader

T = config.TRAFFORD_CODE


def tiles() -> pd.DataFrame:
    catalogue = pd.DataFrame(
        [
            meta("worse_up", polarity="lower_is_better", pillars="Urgent Care;Prevention", title="W"),
            meta("better_up", polarity="higher_is_better", pillars="Mental Health", title="B"),
            meta("worse_down", polarity="lower_is_better", title="X"),
            meta("neutral", polarity="no_judgement", title="N"),
        ]
    )
    rows = frame(
        row(T, "2022", 10, indicator_id="worse_up"),
        row(T, "2023", 12, indicator_id="worse_up", significance_england="Worse"),
        row(T, "2022", 50, indicator_id="better_up"),
        row(T, "2023", 55, indicator_id="better_up", significance_england="Better"),
        row(T, "2022", 12, indicator_id="worse_down"),
        row(T, "2023", 10, indicator_id="worse_down", significance_england="Worse"),
        row(T, "2022", 1, indicator_id="neutral"),
        row(T, "2023", 2, indicator_id="neutral", significance_england="Higher"),
    )
    return pillars.build_tiles(catalogue, rows)


def test_exceptions_of_each_kind_with_the_pillar_to_open() -> None:
    found = exceptions.exceptions(tiles())
    assert found[["kind", "indicator_id", "pillar"]].values.tolist() == [
        [exceptions.WORSE_AND_WORSENING, "worse_up", "Prevention"],
        [exceptions.BETTER_AND_IMPROVING, "better_up", "Mental Health"],
    ]
    assert exceptions.summary_sentence(found) == (
        "At the latest period, Trafford is significantly worse than England and getting worse on 1 "
        "indicator, and significantly better than England and improving on 1 indicator."
    )


def test_no_exceptions() -> None:
    assert exceptions.exceptions(pd.DataFrame()).empty
    assert "on 0 indicators" in exceptions.summary_sentence(exceptions.exceptions(pd.DataFrame()))


def test_first_pillar_follows_the_plan_order() -> None:
    assert exceptions.first_pillar("Urgent Care;Prevention") == "Prevention"
    assert exceptions.first_pillar("") == ""


@pytest.mark.store
def test_exceptions_match_the_store(built_store: None) -> None:
    """Recompute every exception directly from the store's Trafford and England rows."""
    catalogue = reader.load_table("catalogue")
    ids = pillars.mapped_indicators(catalogue)
    rows = reader.load_values(indicator_id=ids, level=list(pillars.TILE_LEVELS))
    found = exceptions.exceptions(pillars.build_tiles(catalogue[catalogue["indicator_id"].isin(ids)], rows))

    expected: set[tuple[str, str]] = set()
    for item in catalogue[catalogue["indicator_id"].isin(ids)].to_dict("records"):
        polarity = item["polarity"]
        if polarity == "no_judgement":
            continue
        own = rows[(rows["indicator_id"] == item["indicator_id"]) & (rows["area_code"] == T)]
        sex = "Persons" if (own["sex"] == "Persons").any() else own["sex"].mode().iloc[0] if len(own) else ""
        own = own[(own["sex"] == sex) & (own["age"] == "All ages") & own["value"].notna()]
        exact_years = set(own.loc[~own["approximate"], "year"])
        own = own[~(own["approximate"] & own["year"].isin(exact_years))]
        own = own.sort_values(["year", "period"])
        if len(own) < 2:
            continue
        last, previous = own.iloc[-1], own.iloc[-2]
        label = last["significance_england"]
        if not isinstance(label, str) or label == "Not compared":
            england = rows[
                (rows["indicator_id"] == item["indicator_id"])
                & (rows["area_code"] == config.ENGLAND_CODE)
                & (rows["period"] == last["period"])
                & (rows["sex"] == sex)
            ]
            if england.empty or pd.isna(last["lower_ci_95"]):
                continue
            outside = not (last["lower_ci_95"] <= england["value"].iloc[0] <= last["upper_ci_95"])
            lower = last["value"] < england["value"].iloc[0]
            label = (
                "Similar"
                if not outside
                else ("Better" if lower == (polarity == "lower_is_better") else "Worse")
            )
        rising = last["value"] > previous["value"]
        improving = rising == (polarity == "higher_is_better") and last["value"] != previous["value"]
        worsening = rising != (polarity == "higher_is_better") and last["value"] != previous["value"]
        if label == "Worse" and worsening:
            expected.add((exceptions.WORSE_AND_WORSENING, item["indicator_id"]))
        if label == "Better" and improving:
            expected.add((exceptions.BETTER_AND_IMPROVING, item["indicator_id"]))

    assert set(zip(found["kind"], found["indicator_id"], strict=True)) == expected
    assert len(expected) > 0
    for item in found.to_dict("records"):
        assert item["change"].endswith(
            f"({trends.WORSENING})"
            if item["kind"] == exceptions.WORSE_AND_WORSENING
            else f"({trends.IMPROVING})"
        )
