"""Tests for trafford_dash.map.layers and map_figures: choices, the map frame, colours, clicks."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from tests.map_choices import first_choice
from tests.unit import pillar_rows
from tests.value_rows import COMMON, NO_COUNTS
from trafford_dash.core import config
from trafford_dash.map import figure, layers
from trafford_dash.map import significance as map_significance
from trafford_dash.store import reader


def square(code: str, x0: float, name: str, nbh: str) -> dict:
    ring = [[x0, 53.0], [x0 + 0.01, 53.0], [x0 + 0.01, 53.01], [x0, 53.01], [x0, 53.0]]
    return {
        "type": "Feature",
        "id": code,
        "properties": {"area_name": name, "neighbourhood": nbh},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


GEO = {
    "type": "FeatureCollection",
    "features": [
        square("W1", -2.40, "Alpha", "North"),
        square("W2", -2.39, "Beta", "North"),
        square("W3", -2.38, "Gamma", "West"),
    ],
}
OUTLINE = {"type": "FeatureCollection", "features": [square("nbh_north", -2.40, "North", "North")]}
META = {"title": "Bad health", "unit": "%", "value_type": "proportion", "polarity": "lower_is_better"}


def rows() -> pd.DataFrame:
    base = {
        "indicator_id": "bad",
        "period": "2021",
        "year": 2021,
        **COMMON,
        **NO_COUNTS,
        "vintage": "2023",
        "level": "ward",
    }
    return pd.DataFrame(
        [
            base
            | {"area_code": "W1", "area_name": "Alpha", "value": 8.0, "lower_ci_95": 7.0, "upper_ci_95": 9.0},
            base
            | {
                "area_code": "W2",
                "area_name": "Beta",
                "value": 4.0,
                "lower_ci_95": 3.5,
                "upper_ci_95": 4.5,
                "approximate": True,
                "value_note": "Best fit",
            },
        ]
    )


def frame() -> pd.DataFrame:
    features = layers.feature_table(GEO, "ward")
    return layers.map_frame(features, rows(), "bad", "2021", "Persons", "All ages")


def test_choices_from_the_catalogue() -> None:
    meta = {"levels": "lsoa;ward;neighbourhood;borough", "ward_vintages": "2022;2023"}
    assert layers.levels_for(meta) == ["ward", "neighbourhood", "lsoa"]
    assert layers.layer_name("lsoa", "2011") == "lsoa_2011"
    assert layers.outline_vintage("ward", "2023") == "2023"
    assert layers.outline_vintage("lsoa", "2021") == "2022"
    assert layers.theme_label("community_safety") == "Community safety"
    ages = ["16-64", "All ages", "90+", "5", "0-15", "10"]
    assert sorted(ages, key=layers.age_sort_key) == ["All ages", "0-15", "5", "10", "16-64", "90+"]
    periods = pd.DataFrame({"period": ["2021", "2011", "2021"], "year": [2021, 2011, 2021]})
    assert layers.ordered_periods(periods) == ["2011", "2021"]


def test_colour_scheme_is_diverging_only_for_standardised_ratios() -> None:
    assert layers.colour_scheme(META)["kind"] == "sequential"
    smr = layers.colour_scheme({"value_type": "ratio", "unit": "SMR (England = 100)"})
    assert smr == {"kind": "diverging", "colorscale": "PuOr_r", "zmid": 100.0}


def test_map_frame_has_one_row_per_feature_and_keeps_flags() -> None:
    out = frame()
    assert list(out["area_code"]) == ["W1", "W2", "W3"]
    assert out["value"].tolist()[:2] == [8.0, 4.0] and pd.isna(out["value"].iloc[2])
    assert list(out["neighbourhood"]) == ["North", "North", "West"]
    assert list(out["approximate"]) == [False, True, False]
    assert (out["period"] == "2021").all()


def test_significance_hover_table_and_summary() -> None:
    borough = pd.DataFrame(
        [
            rows().iloc[0].to_dict()
            | {
                "area_code": config.TRAFFORD_CODE,
                "area_name": "Trafford",
                "value": 5.0,
                "lower_ci_95": 4.8,
                "upper_ci_95": 5.2,
                "level": "borough",
                "vintage": "",
            }
        ]
    )
    out, name = map_significance.with_significance(frame(), borough, "sig_trafford", "lower_is_better")
    assert name == "Trafford"
    assert list(out["significance"]) == ["Worse", "Better", "Not compared"]
    hover = layers.hover_lines(out, META, "ward")
    assert "North neighbourhood" in hover[0] and "▼ Worse" in hover[0] and "Period: 2021" in hover[0]
    assert "Best fit" in hover[1]
    table = layers.table_for_screen(out, META)
    assert list(table["Significance"]) == ["▼ Worse", "▲ Better", "○ Not compared"]
    assert list(table["Exact or approximate"])[:2] == ["exact", "≈ approximate"]
    trafford = layers.comparator_value(borough, config.TRAFFORD_CODE, out)
    text = layers.summary(out, META, "ward", trafford, name)
    assert text.startswith("Across 2 wards, bad health ranges from 4.0% in Beta to 8.0% in Alpha (2021).")
    assert "Trafford's figure is 5.0%." in text and "1 worse, 1 better, 1 not compared" in text


def test_value_map_traces_are_clickable_and_outlined() -> None:
    out = frame()
    fig = figure.area_map(
        GEO,
        out,
        layers.hover_lines(out, META, "ward"),
        mode="value",
        scheme=layers.colour_scheme(META),
        colour_title="%",
        outline=OUTLINE,
        bounds=[-2.40, 53.0, -2.37, 53.01],
    )
    spec = json.loads(fig.to_json())
    areas = [t for t in spec["data"] if t["type"] == "choropleth"]
    assert [t["name"] for t in areas] == ["No data", "areas:values"]
    assert areas[1]["locations"] == ["W1", "W2"] and areas[1]["z"] == [8.0, 4.0]
    assert areas[1]["customdata"] == ["W1", "W2"] and areas[0]["locations"] == ["W3"]
    # An SVG map with nothing to fetch: no tiles, no basemap, no fonts for its labels.
    assert "map" not in spec["layout"] and spec["layout"]["geo"]["visible"] is False
    assert {t["type"] for t in spec["data"]} <= {"choropleth", "scattergeo"}
    # plotly.js fetches a world map for a geo map whose first trace is a choropleth.
    outline = spec["data"][0]
    assert outline["type"] == "scattergeo" and outline["mode"] == "lines" and outline["hoverinfo"] == "skip"
    labels = [t for t in spec["data"] if t["type"] == "scattergeo" and t["mode"] == "text"]
    assert labels[0]["text"] == ["North"]


def test_significance_map_has_one_trace_per_label_with_symbols() -> None:
    out, _ = map_significance.with_significance(
        frame(), pd.DataFrame(columns=rows().columns), "sig_trafford", "lower_is_better"
    )
    fig = figure.area_map(
        GEO,
        out,
        ["x"] * 3,
        mode="sig_trafford",
        scheme=layers.colour_scheme(META),
        colour_title="%",
        outline=OUTLINE,
        bounds=[-2.40, 53.0, -2.37, 53.01],
        basemap=True,
    )
    spec = json.loads(fig.to_json())
    names = [t["name"] for t in spec["data"] if t["type"] == "choroplethmap"]
    assert names == ["No data", "○ Not compared"]
    assert spec["layout"]["map"]["style"] == figure.BASEMAP_STYLE
    assert {t["type"] for t in spec["data"]} <= {"choroplethmap", "scattermap"}


def test_clicked_area_reads_customdata_or_location() -> None:
    assert figure.clicked_area([{"customdata": "E05000825"}]) == "E05000825"
    assert figure.clicked_area([{"customdata": ["nbh_north"]}]) == "nbh_north"
    assert figure.clicked_area([{"customdata": "service:pharmacy"}, {"location": "W2"}]) == "W2"
    assert figure.clicked_area([]) is None


def test_every_mappable_indicator_maps_on_the_built_store(built_store: None) -> None:
    catalogue = reader.load_table("catalogue")
    mappable = layers.mappable(catalogue)
    assert len(mappable) > 100
    maps = config.PROCESSED_DIR / "maps"
    for meta in mappable.to_dict("records")[::7]:
        for level in layers.levels_for(meta):
            chosen, vintage, sex, age, period = first_choice(meta["indicator_id"], level)
            geo = json.loads((maps / f"{layers.layer_name(level, vintage)}.geojson").read_text())
            out = layers.map_frame(
                layers.feature_table(geo, level),
                layers.select(chosen, period, sex, age),
                meta["indicator_id"],
                period,
                sex,
                age,
            )
            # Every area is matched to a feature: a figure, or one withheld under the small-number policy.
            placed = out["value"].notna() | out["suppressed"]
            assert placed.sum() >= 0.8 * len(out), (meta["indicator_id"], level)


def test_colour_modes_leave_out_an_all_grey_significance_map() -> None:
    ward = pillar_rows.frame(
        pillar_rows.row("E05000001", "2021", 10.0, lower_ci_95=9.0, upper_ci_95=11.0),
        pillar_rows.row("E05000002", "2021", 12.0),
    )
    trafford = pillar_rows.frame(pillar_rows.row(config.TRAFFORD_CODE, "2021", 8.0))
    modes, note = map_significance.colour_modes(ward, {"sig_trafford": trafford}, "lower_is_better")
    assert modes == ["value", "sig_trafford"]
    assert "against Greater Manchester or England is not offered" in note
    bare = ward.assign(lower_ci_95=float("nan"), upper_ci_95=float("nan"))
    assert map_significance.colour_modes(bare, {"sig_trafford": trafford}, "lower_is_better")[0] == ["value"]
    published = bare.assign(significance_england="Worse")
    england = pillar_rows.frame(pillar_rows.row(config.ENGLAND_CODE, "2021", 9.0))
    gm = pillar_rows.frame(pillar_rows.row(config.GM_CODE, "2021", 11.0))
    found = {"sig_trafford": trafford, "sig_gm": gm, "sig_england": england}
    modes, note = map_significance.colour_modes(published, found, "lower_is_better")
    assert modes == ["value", "sig_england"] and "against Trafford or Greater Manchester is not" in note
    assert map_significance.colour_modes(ward, found, "lower_is_better") == (
        ["value", "sig_trafford", "sig_gm", "sig_england"],
        "",
    )


@pytest.mark.parametrize(
    ("gm", "label", "method"),
    [
        # The ward is 10.0 (9.0–11.0), lower is better.
        ((12.0, 11.5, 12.5), "Better", "95% CI: intervals do not overlap"),
        ((11.5, 10.8, 12.2), "Similar", "95% CI: intervals overlap"),
        ((7.0, 6.5, 7.5), "Worse", "95% CI: intervals do not overlap"),
        ((11.5, None, None), "Better", "95% CI: comparator outside the area's interval"),
    ],
)
def test_significance_against_greater_manchester_compares_intervals(
    gm: tuple[float, float | None, float | None], label: str, method: str
) -> None:
    ward = pillar_rows.frame(pillar_rows.row("E05000001", "2021", 10.0, lower_ci_95=9.0, upper_ci_95=11.0))
    value, lower, upper = gm
    region = pillar_rows.frame(
        pillar_rows.row(config.GM_CODE, "2021", value, lower_ci_95=lower, upper_ci_95=upper)
    )
    out, name = map_significance.with_significance(ward, region, "sig_gm", "lower_is_better")
    assert name == "Greater Manchester"
    assert (out["significance"].iloc[0], out["significance_method"].iloc[0]) == (label, method)
    caption = map_significance.how_to_read("sig_gm", "95%")
    assert "Greater Manchester's" in caption and "not overlapping" in caption and "▼ worse" in caption
