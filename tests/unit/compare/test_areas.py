"""Compare areas: ranking, significance (as the comparison module computes it), figure, text and export."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from tests.value_rows import census_meta, value_row
from trafford_dash.compare import areas, common
from trafford_dash.compare.areas import PEER_AVERAGE
from trafford_dash.core import config, significance
from trafford_dash.store import export, reader
from trafford_dash.store.schema import VALUE_COLUMNS

META = census_meta("bad_health", "Bad health", levels="ward;neighbourhood;borough", ward_vintages="2022")


def row(code: str, name: str, value: float, lower: float, upper: float, **extra: Any) -> dict[str, Any]:
    base = value_row(
        area_code=code,
        area_name=name,
        level="ward",
        vintage="2022",
        indicator_id="bad_health",
        period="2021",
        year=2021,
        value=value,
        lower_ci_95=lower,
        upper_ci_95=upper,
        lower_ci_998=lower - 1,
        upper_ci_998=upper + 1,
        count=np.nan,
        denominator=np.nan,
        source_key="test",
    )
    return base | extra


@pytest.fixture()
def wards() -> pd.DataFrame:
    return pd.DataFrame(
        [
            row("W1", "Alpha", 8.0, 7.0, 9.0),
            row("W2", "Beta", 5.1, 4.0, 6.2),
            row("W3", "Gamma", 2.0, 1.5, 2.5),
            row("W4", "Delta", 6.0, np.nan, np.nan, approximate=True, value_note="weighted mean"),
            row("W1", "Alpha", 9.0, 8.0, 10.0, period="2011", year=2011),
        ]
    )


@pytest.fixture()
def benchmarks() -> dict[str, tuple[str, pd.DataFrame]]:
    trafford = pd.DataFrame(
        [row(config.TRAFFORD_CODE, "Trafford", 5.0, 4.9, 5.1, level="borough", vintage="")]
    )
    england = pd.DataFrame([row(config.ENGLAND_CODE, "England", 7.5, 7.4, 7.6, level="country", vintage="")])
    return {"Trafford": (config.TRAFFORD_CODE, trafford), "England": (config.ENGLAND_CODE, england)}


def test_ranks_latest_period_and_labels_as_comparison_module(wards, benchmarks) -> None:
    result = areas.compare_areas(wards, benchmarks, META, "Trafford")
    assert result.period == "2021"
    assert result.table["area_name"].tolist() == ["Alpha", "Delta", "Beta", "Gamma"]
    assert result.table["rank"].tolist() == [1, 2, 3, 4]
    comp = significance.comparator_row(benchmarks["Trafford"][1], config.TRAFFORD_CODE, "2021")
    expected = significance.significance_against(
        wards[wards["period"] == "2021"], comp, "lower_is_better", "95"
    ).set_index("area_name")["significance"]
    shown = result.table.set_index("area_name")["significance"]
    assert shown.to_dict() == expected.to_dict()
    assert shown["Alpha"] == "Worse" and shown["Gamma"] == "Better" and shown["Beta"] == "Similar"
    assert shown["Delta"] == "Not compared"
    assert result.table.set_index("area_name").loc["Delta", "shown"] == "≈ 6.0% *"
    assert result.references == {"Trafford": 5.0, "England": 7.5}


def test_confidence_998_uses_the_wider_interval(wards, benchmarks) -> None:
    result = areas.compare_areas(wards, benchmarks, META, "England", confidence="99.8")
    labels = result.table.set_index("area_name")["significance"]
    assert labels["Alpha"] == "Similar"  # 6.0-10.0 contains 7.5
    assert (result.table["confidence"] == "99.8%").all()


def test_older_period_and_missing_comparator(wards, benchmarks) -> None:
    result = areas.compare_areas(wards, benchmarks, META, "England", period="2011")
    assert result.period == "2011"
    assert result.table["area_name"].tolist() == ["Alpha"]
    assert (result.table["significance"] == "Not compared").all()
    assert any("no figure for 2011" in note for note in result.notes)


def test_refuses_when_nothing_to_show(benchmarks) -> None:
    empty = pd.DataFrame(columns=VALUE_COLUMNS)
    result = areas.compare_areas(empty, benchmarks, META, "Trafford", noun="wards")
    assert result.refusal and "no figures" in result.refusal


def test_figure_encodes_significance_by_colour_and_symbol(wards, benchmarks) -> None:
    result = areas.compare_areas(wards, benchmarks, META, "Trafford")
    fig = areas.figure(result, META, show_998=True)
    bars = [t for t in fig.data if t.type == "bar"]
    assert {t.name for t in bars} == {"▼ Worse", "▲ Better", "● Similar", "○ Not compared"}
    assert sum(len(t.y) for t in bars) == 4
    text = next(t for t in fig.data if t.type == "scatter" and t.mode == "text")
    assert "▼ Worse" in list(text.text)
    assert any(t.name == "99.8% CI" for t in fig.data)
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(lines) == 2  # Trafford and England
    assert fig.layout.yaxis.categoryarray[-1] == "Alpha"  # highest at the top


def test_summary_and_export(wards, benchmarks) -> None:
    wards.loc[0, "area_name"] = "=HYPERLINK(1)"
    result = areas.compare_areas(wards, benchmarks, META, "Trafford")
    sentence = areas.summary(result, META, "wards")
    assert "1 better" in sentence and "1 worse" in sentence and "4 wards" in sentence
    assert "1 of the figures are approximations" in sentence
    frame = areas.export_frame(result, META)
    for column in ("period", "source", "licence", "significance", "comparator", "reference_trafford"):
        assert column in frame
    text = export.to_csv(frame)
    assert "'=HYPERLINK(1)" in text
    table = areas.display_table(result)
    assert "vs Trafford" in table and "Count" not in table


def test_peer_rows_adds_trafford() -> None:
    la = pd.DataFrame([row("E1", "Peer", 1, 0, 2, level="local_authority"), row("E2", "Other", 1, 0, 2)])
    borough = pd.DataFrame([row(config.TRAFFORD_CODE, "Trafford", 1, 0, 2, level="borough")])
    assert areas.peer_rows(la, borough, ["E1"])["area_code"].tolist() == [config.TRAFFORD_CODE, "E1"]


# --- the whole catalogue on the built store --------------------------------------------------


LEVELS = ("neighbourhood_2022", "neighbourhood_2023", "ward_2022", "ward_2023", "lsoa", "peers")


def _benchmarks(values: pd.DataFrame, peer: str = "cipfa") -> dict[str, tuple[str, pd.DataFrame]]:
    found = {
        name: (code, values[values["level"] == level])
        for name, (level, code) in common.comparator_codes().items()
    }
    found[PEER_AVERAGE] = (peer, values[values["level"] == "peer_group"])
    return found


def _rows(values: pd.DataFrame, level_key: str, peers: pd.DataFrame) -> pd.DataFrame:
    choice = common.LEVEL_CHOICES[level_key]
    if level_key == "peers":
        codes = peers.loc[peers["group_id"] == "cipfa", "area_code"].tolist()
        return areas.peer_rows(
            values[values["level"] == "local_authority"], values[values["level"] == "borough"], codes
        )
    rows = values[values["level"] == choice.level]
    return rows if choice.vintage is None else rows[rows["vintage"] == choice.vintage]


@pytest.mark.store
def test_every_indicator_is_shown_or_refused_at_every_level(built_store: None) -> None:
    catalogue = reader.load_table("catalogue")
    peers = reader.load_table("peer_groups")
    values = reader.load_values()
    by_indicator = dict(tuple(values.groupby("indicator_id")))
    shown = refused = 0
    drawn: set[tuple[str, str]] = set()
    for info in common.records(catalogue):
        rows_all = by_indicator[info["indicator_id"]]
        for level_key in LEVELS:
            refusal = common.level_refusal(info, level_key, LEVELS)
            if refusal:
                assert info["title"] in refusal and "available for" in refusal
                refused += 1
                continue
            result = areas.compare_areas(
                _rows(rows_all, level_key, peers), _benchmarks(rows_all), info, "Trafford"
            )
            assert result.refusal is None, (info["indicator_id"], level_key, result.refusal)
            assert result.table["value"].notna().any(), (info["indicator_id"], level_key)
            if (info["value_type"], level_key) not in drawn:  # one figure per value type and level
                drawn.add((info["value_type"], level_key))
                figure = areas.figure(result, info)
                bars = sum(len(t.y) for t in figure.data if t.type == "bar")
                assert bars == result.table["value"].notna().sum()
            shown += 1
    assert shown > 300 and refused > 300
