"""The composition section's frame, figure, sentence and tables, on a small hand-made categories table."""

from __future__ import annotations

import pandas as pd
import pytest

from trafford_dash.core import config
from trafford_dash.core.areas import ProfileArea
from trafford_dash.profile import composition

NORTH = ProfileArea("nbh_north", "North", "neighbourhood", "2022", "North")
NORTH_2023 = ProfileArea("nbh_north", "North", "neighbourhood", "2023", "North")


def _rows(
    topic: str, code: str, level: str, vintage: str, counts: dict[str, float]
) -> list[dict[str, object]]:
    total = sum(counts.values())
    return [
        {
            "topic": topic,
            "table": "TS054" if topic == "tenure" else "TS077",
            "title": "Tenure" if topic == "tenure" else "Sexual orientation",
            "group": "How they live" if topic == "tenure" else "Who lives here",
            "universe": "households",
            "category": category,
            "category_order": order,
            "area_code": code,
            "area_name": code,
            "level": level,
            "vintage": vintage,
            "count": count,
            "denominator": total,
            "approximate": vintage == "2023",
            "source_key": "k",
        }
        for order, (category, count) in enumerate(counts.items())
    ]


@pytest.fixture
def categories() -> pd.DataFrame:
    rows = [
        *_rows(
            "tenure", "nbh_north", "neighbourhood", "2022", {"Owned": 50, "Social rented": 35, "Private": 15}
        ),
        *_rows(
            "tenure", "nbh_north", "neighbourhood", "2023", {"Owned": 45, "Social rented": 35, "Private": 20}
        ),
        *_rows(
            "tenure",
            config.TRAFFORD_CODE,
            "borough",
            "",
            {"Owned": 700, "Social rented": 100, "Private": 200},
        ),
        *_rows(
            "tenure", config.GM_CODE, "region", "", {"Owned": 6000, "Social rented": 2000, "Private": 2000}
        ),
        *_rows("orientation", config.TRAFFORD_CODE, "borough", "", {"Straight": 90, "LGB+": 10}),
        *_rows("orientation", config.GM_CODE, "region", "", {"Straight": 900, "LGB+": 100}),
    ]
    return pd.DataFrame(rows)


def test_frame_has_each_places_share_in_category_order(categories: pd.DataFrame) -> None:
    frame = composition.composition_frame(categories, NORTH, "tenure")
    assert frame["category"].tolist() == ["Owned", "Social rented", "Private"]
    assert frame["area_pct"].tolist() == pytest.approx([50, 35, 15])
    assert frame["trafford_pct"].tolist() == pytest.approx([70, 10, 20])
    assert frame["gm_pct"].tolist() == pytest.approx([60, 20, 20])
    assert frame["area_total"].eq(100).all() and not frame["approximate"].any()


def test_a_table_not_published_for_the_area_is_empty_and_named(categories: pd.DataFrame) -> None:
    assert composition.composition_frame(categories, NORTH, "orientation").empty
    choices = composition.topic_choices(categories, "neighbourhood", "2022")
    assert choices == {"tenure": "How they live: Tenure (TS054)"}
    assert composition.unavailable_titles(categories, "neighbourhood", "2022") == ["Sexual orientation"]


def test_sentence_names_the_largest_group_and_the_largest_gap(categories: pd.DataFrame) -> None:
    frame = composition.composition_frame(categories, NORTH, "tenure")
    sentence = composition.composition_sentence(frame, NORTH)
    assert "the largest group in North is “Owned”, 50.0% of households" in sentence
    assert "(Trafford 70.0%, Greater Manchester 60.0%)" in sentence
    assert "largest difference from Trafford is “Social rented”: 35.0% against 10.0%" in sentence


def test_best_fit_areas_say_so_in_the_legend_and_sentence(categories: pd.DataFrame) -> None:
    frame = composition.composition_frame(categories, NORTH_2023, "tenure")
    figure = composition.composition_figure(frame, NORTH_2023)
    assert [trace.name for trace in figure.data] == ["North (≈ best fit)", "Trafford", "Greater Manchester"]
    assert [trace.marker.pattern.shape for trace in figure.data] == ["", "/", "."]
    assert "approximately" in composition.composition_sentence(frame, NORTH_2023)


def test_tables_carry_counts_period_source_and_licence(categories: pd.DataFrame) -> None:
    frame = composition.composition_frame(categories, NORTH, "tenure")
    shown = composition.display_table(frame, NORTH)
    assert shown.columns[:3].tolist() == ["Category", "North %", "North count"]
    assert shown["North count"].tolist() == [50, 35, 15]
    download = composition.download_table(frame, NORTH)
    assert set(download["source"]) == {"ONS Census 2021 (TS054 Tenure) via Trafford Data Lab"}
    assert set(download["period"]) == {composition.PERIOD} and set(download["licence"]) == {
        "Open Government Licence v3.0"
    }
