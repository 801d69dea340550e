"""Pillar tiles: latest value, change, significance against England, GM and peers, spreads, badges."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.unit.pillar_rows import frame, meta, row
from trafford_dash.core import config, palettes, significance
from trafford_dash.pillars import tile_text, tiles
from trafford_dash.store import reader
from trafford_dash.store.schema import PILLARS

T, E, GM = config.TRAFFORD_CODE, config.ENGLAND_CODE, config.GM_CODE


def benchmark_rows() -> pd.DataFrame:
    return frame(
        row(T, "2022", 12.0),
        row(T, "2023", 10.0, significance_england="Better"),
        row(E, "2023", 14.0),
        row(GM, "2023", 13.0, approximate=True, value_note="Approximation: mean of boroughs"),
        row("cipfa", "2023", 9.0, approximate=True),
        row("nbh_north", "2023", 15.0),
        row("nbh_south", "2023", 6.0, approximate=True),
    )


def test_tile_holds_value_change_significance_and_benchmarks() -> None:
    tile = tiles.build_tile(meta(), benchmark_rows())
    assert (tile["shown"], tile["period"], tile["headline"]) == ("10.0%", "2023", "trafford")
    assert tile["change"] == "↓ 2.0 since 2022 (improving)"
    assert (tile["significance"], tile["significance_method"]) == ("Better", significance.PUBLISHED)
    assert tile["badge"] == "▲ Better"
    assert tile["england_shown"] == "14.0%"
    assert (tile["gm_shown"], tile["gm_word"]) == ("≈ 13.0%", "lower (better)")
    assert (tile["cipfa_shown"], tile["cipfa_word"]) == ("≈ 9.0%", "higher (worse)")
    assert tile["nhs_near_neighbours_shown"] == ""
    assert tile["neighbourhoods"] == "North 15.0% · South ≈ 6.0% (2023; plan's pre-May-2023 wards)"
    assert "Greater Manchester ≈ 13.0%: Trafford lower (better)" in tile_text.benchmark_line(tile)


def test_significance_is_computed_from_the_interval_without_a_published_label() -> None:
    base = {"lower_ci_95": 8.0, "upper_ci_95": 12.0}
    better = frame(row(T, "2023", 10.0, **base), row(E, "2023", 15.0))
    similar = frame(row(T, "2023", 10.0, **base), row(E, "2023", 11.0))
    label, method = tiles.england_significance(
        tiles.trends.records(better)[0], tiles.trends.records(better)[1], "lower_is_better"
    )
    assert label == "Better" and "outside" in method
    tile = tiles.build_tile(meta(), similar)
    assert tile["significance"] == "Similar" and "inside" in tile["significance_method"]
    assert tile["ci"] == "(95% CI 8.0 to 12.0)"


def test_not_compared_without_england_or_interval() -> None:
    alone = tiles.build_tile(meta(), frame(row(T, "2023", 10.0)))
    assert alone["significance"] == "Not compared"
    assert alone["significance_method"] == "No comparator value for this period."
    no_ci = tiles.build_tile(meta(), frame(row(T, "2023", 10.0), row(E, "2023", 15.0)))
    assert (
        no_ci["significance"] == "Not compared" and "No confidence interval" in no_ci["significance_method"]
    )
    assert alone["change"] == "No earlier period to compare"


def test_approximate_and_suppressed_values_are_marked() -> None:
    approx = tiles.build_tile(
        meta(), frame(row(T, "2023", 10.0, approximate=True, value_note="Mean of wards"))
    )
    assert approx["shown"].startswith("≈") and approx["value_note"] == "Mean of wards"
    hidden = tiles.build_tile(meta(), frame(row(T, "2023", None, suppressed=True)))
    assert hidden["shown"] == "suppressed"


def test_ward_only_indicator_gets_a_spread_tile() -> None:
    wards = frame(
        row("W1", "2020", 2.7, area_name="Gorse Hill"),
        row("W2", "2020", 26.2, area_name="Longford"),
        row("W3", "2020", 8.8, area_name="Bowdon"),
    )
    tile = tiles.build_tile(meta(polarity="higher_is_better"), [], spread_rows=wards)
    assert tile["headline"] == "spread" and tile["shown"] == "median 8.8%"
    assert tile["spread"] == "Across 3 wards: median 8.8%, from 2.7% (Gorse Hill) to 26.2% (Longford)"
    assert tile["significance"] == "Not compared"


def test_decile_spread_counts_the_most_deprived_decile() -> None:
    lsoas = frame(
        *(row(f"L{i}", "2019", d, level="lsoa", area_name=f"LSOA {i}") for i, d in enumerate([1, 1, 5, 10]))
    )
    info = tiles.spread(lsoas, meta(value_type="decile", unit="decile (1 = most deprived 10%)"))
    assert info is not None and info["decile_1"] == 2 and info["level"] == "lsoa"


def test_pillar_catalogue_and_mapping() -> None:
    catalogue = pd.DataFrame(
        [
            meta("b", theme="deprivation", title="B"),
            meta("a", theme="health", title="A"),
            meta("c", pillars="Mental Health", title="C"),
            meta("d", pillars="", title="D"),
        ]
    )
    assert tiles.pillar_catalogue(catalogue, "Prevention")["indicator_id"].tolist() == ["a", "b"]
    assert tiles.mapped_indicators(catalogue) == ["b", "a", "c"]
    assert tiles.pillar_order() == PILLARS


def test_compare_by_value_rounds_and_judges() -> None:
    m = meta(polarity="higher_is_better")
    assert tile_text.compare_by_value(10.04, 10.0, m) == "the same (to rounding)"
    assert tile_text.compare_by_value(11, 10, m) == "higher (better)"
    assert tile_text.compare_by_value(11, 10, meta(polarity="no_judgement")) == "higher"
    assert tile_text.compare_by_value(11, None, m) == ""


def test_compact_value_keeps_short_units_only() -> None:
    r = {"value": 46.9, "approximate": False, "suppressed": False}
    assert tile_text.compact_value(r, meta(unit="years", value_type="years")) == "46.9 years"
    assert tile_text.compact_value(r, meta(unit="per 100,000", value_type="rate")) == "46.9"
    assert tile_text.compact_value(r, meta(unit="per 10,000 aged under 18", value_type="rate")) == "46.9"
    assert tile_text.compact_value(r, meta(unit="% (age-standardised)")) == "46.9%"


def test_badges_use_symbol_word_and_okabe_ito_colour_with_readable_text() -> None:
    badge = tile_text.badge_markdown("Worse")
    style = palettes.SIGNIFICANCE_STYLE["Worse"]
    assert style["symbol"] in badge and "Worse" in badge and style["colour"] in badge
    assert tile_text.text_colour_on("#0072B2") == "#ffffff"
    assert tile_text.text_colour_on("#ffffff") == "#000000"
    legend = tile_text.significance_legend()
    assert "95% confidence interval" in legend and "▲ Better" in legend and "○ Not compared" in legend


@pytest.fixture(scope="module")
def store_tiles(built_store: None) -> pd.DataFrame:
    catalogue = reader.load_table("catalogue")
    ids = tiles.mapped_indicators(catalogue)
    rows = reader.load_values(indicator_id=ids, level=list(tiles.TILE_LEVELS))
    without = sorted(set(ids) - set(rows.loc[rows["level"] == "borough", "indicator_id"]))
    spread = reader.load_values(indicator_id=without, level=list(tiles.SPREAD_LEVELS))
    return tiles.build_tiles(catalogue[catalogue["indicator_id"].isin(ids)], rows, spread_rows=spread)


@pytest.mark.store
def test_every_pillar_has_tiles_and_no_tile_is_empty(store_tiles: pd.DataFrame) -> None:
    for pillar in PILLARS:
        mine = store_tiles[store_tiles["pillars"].str.split(";").map(lambda p, x=pillar: x in p)]
        assert len(mine) > 0, pillar
    assert (store_tiles["shown"] != "no data").all()
    assert store_tiles["period"].astype(str).str.len().gt(0).all()
    assert store_tiles["source"].str.len().gt(0).all() and store_tiles["licence"].str.len().gt(0).all()
    assert store_tiles["badge"].str.len().gt(0).all()


@pytest.mark.store
def test_smoking_tile_matches_the_store(store_tiles: pd.DataFrame) -> None:
    tile = store_tiles.set_index("indicator_id").loc["smoking_adults"]
    rows = reader.load_values(indicator_id="smoking_adults", level="borough")
    latest = rows.sort_values(["year", "period"]).iloc[-1]
    assert tile["period"] == latest["period"]
    assert tile["value"] == pytest.approx(latest["value"])
    assert tile["significance"] == latest["significance_england"]
