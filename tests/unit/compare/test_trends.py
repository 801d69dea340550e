"""Trends: series per area, significance against England period by period, refusals."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.value_rows import value_row
from trafford_dash.compare import common
from trafford_dash.compare import trends as compare_trends
from trafford_dash.compare.side import AreaKey
from trafford_dash.core import config, significance
from trafford_dash.store import reader

META = {
    "indicator_id": "smoking",
    "title": "Smoking",
    "polarity": "lower_is_better",
    "unit": "%",
    "value_type": "proportion",
    "source": "APS",
    "licence": "OGL-UK-3.0",
    "attribution": "OGL",
}
TRAFFORD = AreaKey(config.TRAFFORD_CODE, "borough", "", config.TRAFFORD_CODE, "Trafford")
ENGLAND = AreaKey(config.ENGLAND_CODE, "country", "", config.ENGLAND_CODE, "England")


def row(area: AreaKey, period: str, value: float, half: float | None) -> dict:
    return value_row(
        area_code=area.code,
        area_name=area.label,
        level=area.level,
        vintage=area.vintage,
        indicator_id="smoking",
        period=period,
        year=int(period),
        value=value,
        lower_ci_95=None if half is None else value - half,
        upper_ci_95=None if half is None else value + half,
    )


@pytest.fixture()
def values() -> pd.DataFrame:
    return pd.DataFrame(
        [
            row(TRAFFORD, "2019", 15.0, 1.0),
            row(TRAFFORD, "2020", 12.0, 1.0),
            row(TRAFFORD, "2021", 10.0, 1.0),
            row(ENGLAND, "2019", 14.5, None),
            row(ENGLAND, "2020", 14.0, None),
            row(ENGLAND, "2021", 13.0, None),
        ]
    )


def test_series_labelled_against_england_each_period(values) -> None:
    england = values[values["level"] == "country"]
    result = compare_trends.trends(values, [TRAFFORD, ENGLAND], england, META)
    assert result.refusal is None and result.periods == ["2019", "2020", "2021"]
    trafford = result.rows[result.rows["area_key"] == TRAFFORD.key]
    assert trafford["significance"].tolist() == ["Similar", "Better", "Better"]
    for record in trafford.to_dict("records"):
        comp = significance.comparator_row(england, config.ENGLAND_CODE, record["period"])
        expected = significance.significance_against(pd.DataFrame([record]), comp, "lower_is_better")
        assert expected["significance"].iloc[0] == record["significance"]
    assert set(result.rows.loc[result.rows["area_key"] == ENGLAND.key, "badge"]) == {"benchmark"}
    sentence = compare_trends.summary(result, META)
    assert "Trafford fell from 15.0% (2019) to 10.0% (2021), better than England" in sentence
    figure = compare_trends.figure(result, [TRAFFORD, ENGLAND], META)
    lines = [t for t in figure.data if t.mode == "lines+markers+text"]
    assert [t.name for t in lines] == ["Trafford", "England"]
    assert list(lines[0].marker.symbol) == ["circle"] * 3  # the series' own marker, as on Pillars
    assert list(lines[0].text) == ["●", "▲", "▲"]  # significance against England, written above
    assert list(lines[1].text) == ["", "", ""]
    assert any(t.fill == "toself" for t in figure.data)  # the interval band
    table = compare_trends.display_table(result, META)
    assert table["Period"].tolist() == ["2019", "2020", "2021"]
    exported = compare_trends.export_frame(result, META, "95")
    assert {"period", "source", "licence", "significance", "comparator"} <= set(exported.columns)


def test_single_period_is_refused(values) -> None:
    one = values[values["period"] == "2021"]
    result = compare_trends.trends(one, [TRAFFORD, ENGLAND], one[one["level"] == "country"], META)
    assert result.refusal and "single period" in result.refusal
    assert compare_trends.trends(values, [], values, META).refusal


@pytest.mark.store
def test_every_indicator_trend_or_refusal(built_store: None) -> None:
    """Trafford, GM and England over time for every indicator: two or more periods, or a sentence."""
    catalogue = reader.load_table("catalogue")
    values = reader.load_values(area_code=[config.TRAFFORD_CODE, config.GM_CODE, config.ENGLAND_CODE])
    options = {
        a.key: a
        for a in compare_trends.trend_area_options(
            reader.load_table("areas"), reader.load_table("peer_groups")
        )
    }
    chosen = [options[config.TRAFFORD_CODE], options[config.GM_CODE], options[config.ENGLAND_CODE]]
    assert "cipfa" in options and any(a.level == "local_authority" for a in options.values())
    parts = dict(tuple(values.groupby("indicator_id")))
    drawn = refused = 0
    for info in common.records(catalogue):
        rows = parts.get(info["indicator_id"], values.iloc[0:0])
        result = compare_trends.trends(rows, chosen, rows[rows["level"] == "country"], info)
        if result.refusal:
            assert info["title"] in result.refusal or "None of the chosen areas" in result.refusal
            refused += 1
            continue
        assert result.rows.groupby("area_key")["period"].nunique().max() >= 2
        drawn += 1
        if drawn % 10 == 1:  # spot-check the vectorised labels against the comparison module
            england = rows[rows["level"] == "country"]
            for record in result.rows[result.rows["badge"] != "benchmark"].to_dict("records"):
                comp = significance.comparator_row(
                    england, config.ENGLAND_CODE, record["period"], result.sex, result.age
                )
                expected = significance.significance_against(
                    pd.DataFrame([record]).drop(columns=["significance", "significance_method", "badge"]),
                    comp,
                    info["polarity"],
                )
                assert expected["significance"].iloc[0] == record["significance"], info["indicator_id"]
    assert drawn > 80 and refused > 10


def test_a_line_never_mixes_period_lengths(values) -> None:
    mixed = (
        values[values["area_code"] == config.TRAFFORD_CODE]
        .iloc[[0]]
        .assign(period="2015 to 2019", year=2019, value=12.0, approximate=True)
    )
    rows = pd.concat([values, mixed], ignore_index=True)
    result = compare_trends.trends(rows, [TRAFFORD, ENGLAND], rows[rows["level"] == "country"], META)
    assert "2015 to 2019" not in set(result.rows["period"]) and "2015 to 2019" not in result.periods
    assert result.left_out.startswith("Left out so that no line mixes period lengths: Trafford: 2015 to 2019")
