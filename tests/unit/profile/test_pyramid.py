"""Tests for trafford_dash.profile.pyramid: age bands, the pyramid frame, its summary and its figure."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from trafford_dash.core import config
from trafford_dash.profile import pyramid
from trafford_dash.store import reader


def population_rows(code: str, level: str, vintage: str, period: str, scale: float) -> pd.DataFrame:
    rows = []
    for age in pyramid.SINGLE_AGES:
        for sex, weight in (("Male", 1.0), ("Female", 1.5)):
            rows.append(
                {
                    "area_code": code,
                    "level": level,
                    "vintage": vintage,
                    "indicator_id": "population",
                    "period": period,
                    "year": int(period[:4]),
                    "sex": sex,
                    "age": age,
                    "value": scale * weight * (2.0 if age in ("0", "1") else 1.0),
                }
            )
    return pd.DataFrame(rows)


def test_bands() -> None:
    assert pyramid.band_of("23", 5) == "20-24"
    assert pyramid.band_of("23", 1) == "23"
    assert pyramid.band_of("90+", 5) == "90+"
    order = pyramid.band_order(5)
    assert order[0] == "0-4" and order[-2:] == ["85-89", "90+"] and len(order) == 19
    assert len(pyramid.band_order(1)) == 91


def test_pyramid_frame_shares_sum_to_100_and_follow_trafford() -> None:
    area = population_rows("A", "ward", "2022", "2020-06-30", 1.0)
    trafford = population_rows(config.TRAFFORD_CODE, "borough", "", "2020-06-30", 10.0)
    frame = pyramid.pyramid_frame(area, trafford, "A", width=5)
    assert list(frame.columns) == [
        "band",
        "sex",
        "area_count",
        "area_pct",
        "trafford_count",
        "trafford_pct",
        "period",
    ]
    assert frame["area_pct"].sum() == pytest.approx(100.0)
    assert frame["trafford_pct"].sum() == pytest.approx(100.0)
    female_share = frame.loc[frame["sex"] == "Female", "area_pct"].sum()
    assert female_share == pytest.approx(60.0)  # females weigh 1.5 against 1.0
    assert frame["band"].iloc[0] == "0-4"
    assert frame.loc[(frame["band"] == "0-4") & (frame["sex"] == "Male"), "area_count"].iloc[0] == 7.0
    assert pyramid.pyramid_frame(area, trafford, "missing").empty


def test_pyramid_figure_puts_males_left_and_trafford_as_lines() -> None:
    area = population_rows("A", "ward", "2022", "2020-06-30", 1.0)
    trafford = population_rows(config.TRAFFORD_CODE, "borough", "", "2020-06-30", 1.0)
    frame = pyramid.pyramid_frame(area, trafford, "A", width=5)
    spec = json.loads(pyramid.pyramid_figure(frame, "Alpha").to_json())
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    lines = [t for t in spec["data"] if t["type"] == "scatter"]
    assert [t["name"] for t in bars] == ["Alpha: males", "Alpha: females"]
    assert all(x <= 0 for x in bars[0]["x"]) and all(x >= 0 for x in bars[1]["x"])
    assert len(lines) == 2 and len(bars[0]["y"]) == 19


def test_pyramid_summary_describes_the_shape() -> None:
    single = pd.DataFrame(
        {
            "band": ["5", "70"] * 2,
            "sex": ["Male", "Male", "Female", "Female"],
            "area_pct": [30.0, 5.0, 30.0, 5.0],
            "trafford_pct": [20.0, 10.0, 20.0, 10.0],
            "period": "2020-06-30",
        }
    )
    text = pyramid.pyramid_summary(single, "North")
    assert "younger than Trafford's" in text and "60.0% are under 16 (Trafford 40.0%)" in text


def test_every_area_has_a_pyramid_on_the_built_store(built_store: None) -> None:
    areas = reader.load_table("areas")
    trafford = reader.load_values(indicator_id="population", level="borough")
    for vintage in config.WARD_VINTAGES:
        for level in ("ward", "neighbourhood"):
            rows = reader.load_values(indicator_id="population", level=level, vintage=vintage)
            codes = areas[(areas["level"] == level) & (areas["vintage"] == vintage)]["area_code"]
            for code in codes:
                frame = pyramid.pyramid_frame(rows, trafford, code, 5)
                assert len(frame) == 38 and frame["area_pct"].sum() == pytest.approx(100.0), code
