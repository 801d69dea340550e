"""One significance engine: every page's path gives the same label for the same figure against England."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from trafford_dash.compare import areas as compare_areas
from trafford_dash.compare import side as compare_side
from trafford_dash.compare import trends as compare_trends
from trafford_dash.core import config, profile_comparators, significance
from trafford_dash.map import significance as map_significance
from trafford_dash.pillars import tiles
from trafford_dash.spend import outcomes

NAN = math.nan
ENGLAND = 15.0
POLARITY = "lower_is_better"

# case: (value, lower 95%, upper 95%, OHID's published label, suppressed) -> expected label
CASES = {
    "better": ((10.0, 8.0, 12.0, None, False), "Better"),
    "worse": ((20.0, 18.0, 22.0, None, False), "Worse"),
    "similar": ((14.0, 12.0, 16.0, None, False), "Similar"),
    "no_interval": ((10.0, NAN, NAN, None, False), "Not compared"),
    "published_only": ((10.0, NAN, NAN, "Worse", False), "Worse"),
    "interval_beats_published": ((10.0, 8.0, 12.0, "Worse", False), "Better"),
    "suppressed": ((NAN, NAN, NAN, None, True), "Not compared"),
}
METHODS = {
    "better": "95% CI: comparator outside the area's interval",
    "similar": "95% CI: comparator inside the area's interval",
    "no_interval": significance.NO_INTERVAL,
    "published_only": significance.PUBLISHED,
    "suppressed": significance.SUPPRESSED,
}


def row(code: str, value: float, lower: float, upper: float, published: str | None, suppressed: bool) -> dict:
    return {
        "indicator_id": "bad",
        "area_code": code,
        "area_name": code,
        "period": "2023",
        "year": 2023,
        "sex": "Persons",
        "age": "All ages",
        "value": value,
        "lower_ci_95": lower,
        "upper_ci_95": upper,
        "lower_ci_998": NAN,
        "upper_ci_998": NAN,
        "significance_england": published,
        "approximate": False,
        "suppressed": suppressed,
        "value_note": "",
        "level": "local_authority",
        "vintage": "",
    }


def areas() -> pd.DataFrame:
    return pd.DataFrame([row(case, *figure) for case, (figure, _) in CASES.items()])


def england() -> pd.DataFrame:
    return pd.DataFrame([row(config.ENGLAND_CODE, ENGLAND, NAN, NAN, None, False) | {"level": "country"}])


def with_england_value(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(england_value=ENGLAND, polarity=POLARITY)


def profile_path() -> pd.Series:
    frame = with_england_value(areas())
    for prefix in ("trafford", "gm", "england"):
        for column in ("value", "lower", "upper"):
            if f"{prefix}_{column}" not in frame:
                frame[f"{prefix}_{column}"] = NAN
    return profile_comparators.add_significance(frame, use_published=True)["sig_england"]


def spend_path() -> pd.Series:
    frame = with_england_value(areas())
    return outcomes._significance(frame, frame["polarity"])[0]


def trends_path() -> pd.Series:
    out = compare_trends.label_against_england(areas(), england(), "Persons", "All ages", POLARITY, "95")
    return out["significance"]


def side_path() -> pd.Series:
    picked = pd.concat([areas(), england()], ignore_index=True)
    picked = picked.assign(area_key=picked["area_code"], different_period=False)
    reference = compare_side.AreaKey(
        config.ENGLAND_CODE, "country", "", config.ENGLAND_CODE, config.ENGLAND_NAME
    )
    meta = pd.DataFrame({"indicator_id": ["bad"], "polarity": [POLARITY]}).set_index("indicator_id")
    out = compare_side._label(picked, reference, meta, "95")
    return out["significance"].iloc[: len(CASES)]


def areas_path() -> pd.Series:
    meta = {"title": "Bad health", "unit": "%", "value_type": "proportion", "polarity": POLARITY}
    benchmarks = {"England": (config.ENGLAND_CODE, england())}
    result = compare_areas.compare_areas(areas(), benchmarks, meta, "England", "95")
    return result.table.set_index("area_code")["significance"].reindex(list(CASES)).reset_index(drop=True)


def map_path() -> pd.Series:
    return map_significance.with_significance(areas(), england(), "sig_england", POLARITY)[0]["significance"]


def tile_path() -> pd.Series:
    england_row = england().to_dict("records")[0]
    labels = [tiles.england_significance(r, england_row, POLARITY)[0] for r in areas().to_dict("records")]
    return pd.Series(labels)


PATHS = {
    "profile table": profile_path,
    "spend outcomes": spend_path,
    "compare trends": trends_path,
    "compare side by side": side_path,
    "compare areas": areas_path,
    "map layers": map_path,
    "pillar tile": tile_path,
}


@pytest.mark.parametrize("page", list(PATHS))
def test_every_page_gives_the_same_label_for_the_same_figure(page: str) -> None:
    expected = [label for _, label in CASES.values()]
    assert list(PATHS[page]()) == expected


def test_one_wording_for_how_each_label_was_reached() -> None:
    out = significance.compare(areas(), ENGLAND, POLARITY, comparator_code=config.ENGLAND_CODE)
    methods = dict(zip(CASES, out["significance_method"], strict=True))
    for case, sentence in METHODS.items():
        assert methods[case] == sentence, case
    tile_methods = {
        case: tiles.england_significance(r, {"value": ENGLAND}, POLARITY)[1]
        for case, r in zip(CASES, areas().to_dict("records"), strict=True)
    }
    assert {case: tile_methods[case] for case in METHODS} == METHODS


def test_published_label_is_never_used_against_other_comparators() -> None:
    out = significance.compare(areas(), ENGLAND, POLARITY, comparator_code=config.TRAFFORD_CODE)
    assert out["significance"].iloc[list(CASES).index("published_only")] == "Not compared"
