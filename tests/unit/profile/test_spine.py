"""Tests for trafford_dash.profile.spine: scaled positions, mirroring by polarity, the figure's traces."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from trafford_dash.profile import spine


def table() -> pd.DataFrame:
    base = {
        "area_name": "North",
        "unit": "%",
        "value_type": "proportion",
        "period": "2021",
        "lower_ci_95": float("nan"),
        "upper_ci_95": float("nan"),
        "approximate": False,
        "england_value": float("nan"),
    }
    return pd.DataFrame(
        [
            base
            | {
                "indicator_id": "bad",
                "indicator": "Bad health",
                "polarity": "lower_is_better",
                "value": 6.0,
                "trafford_value": 5.0,
                "trafford_ward_min": 3.0,
                "trafford_ward_max": 9.0,
                "nbh_ward_min": 5.0,
                "nbh_ward_max": 8.0,
                "sig_trafford": "Worse",
                "england_value": 5.5,
            },
            base
            | {
                "indicator_id": "le",
                "indicator": "Healthy life expectancy at birth, females (years), in the most deprived tenth",
                "polarity": "higher_is_better",
                "value": 78.0,
                "trafford_value": 80.0,
                "trafford_ward_min": 76.0,
                "trafford_ward_max": 84.0,
                "nbh_ward_min": 76.0,
                "nbh_ward_max": 79.0,
                "sig_trafford": "Not compared",
            },
            base
            | {"indicator_id": "none", "indicator": "Missing", "polarity": "no_judgement", "value": None}
            | {"trafford_value": 1.0, "trafford_ward_min": 0.0, "trafford_ward_max": 2.0}
            | {"nbh_ward_min": 0.0, "nbh_ward_max": 1.0, "sig_trafford": "Not compared"},
        ]
    )


def test_positions_are_scaled_and_mirrored_so_better_is_right() -> None:
    frame = spine.spine_frame(table()).set_index("indicator_id")
    assert list(frame.index) == ["bad", "le"]  # rows without a value are dropped
    bad = frame.loc["bad"]
    # centre 5, furthest ward 9 → half-width 4; lower is better, so 6 (worse) sits left.
    assert bad["area_pos"] == pytest.approx(-0.25)
    assert (bad["all_low"], bad["all_high"]) == (pytest.approx(-1.0), pytest.approx(0.5))
    assert (bad["nbh_low"], bad["nbh_high"]) == (pytest.approx(-0.75), pytest.approx(0.0))
    assert bad["england_pos"] == pytest.approx(-0.125)
    le = frame.loc["le"]
    assert le["area_pos"] == pytest.approx(-0.5) and le["all_high"] == pytest.approx(1.0)
    # A long title wraps onto lines of at most LABEL_CHARS; none is cut short.
    lines = le["label"].split("<br>")
    assert len(lines) > 1 and max(map(len, lines)) <= spine.LABEL_CHARS and "…" not in le["label"]
    assert " ".join(lines) == le["indicator"]
    assert frame[["area_pos", "all_low", "all_high"]].abs().max().max() <= 1.0


def test_figure_has_ranges_england_and_one_trace_per_significance_label() -> None:
    frame = spine.spine_frame(table())
    spec = json.loads(spine.spine_figure(frame, "North", "North").to_json())
    names = [trace["name"] for trace in spec["data"]]
    assert names[:2] == ["Range across Trafford's wards", "Range across wards in North"]
    assert "England" in names
    assert "North: ▼ Worse vs Trafford" in names and "North: ○ Not compared vs Trafford" in names
    worse = next(t for t in spec["data"] if t["name"].startswith("North: ▼"))
    assert worse["marker"]["symbol"] == "triangle-down" and worse["x"] == [pytest.approx(-0.25)]


def test_greater_manchester_has_its_own_marker_in_the_legend_and_the_scale() -> None:
    frame_table = table()
    frame_table["gm_value"] = [11.0, float("nan"), float("nan")]
    frame = spine.spine_frame(frame_table)
    # GM is 6 points above Trafford's 5.0, further than any ward: it sets the scale (mirrored).
    assert frame.loc[0, "gm_pos"] == pytest.approx(-1.0)
    assert frame.loc[0, "england_pos"] == pytest.approx(-0.5 / 6.0)
    assert pd.isna(frame.loc[1, "gm_pos"])
    figure = json.loads(spine.spine_figure(frame, "North", "North").to_json())
    gm = [trace for trace in figure["data"] if trace.get("name") == "Greater Manchester"]
    assert len(gm) == 1 and gm[0]["x"] == [pytest.approx(-1.0)]
    others = [trace for trace in figure["data"] if trace["name"] != "Greater Manchester"]
    used = {trace.get("marker", {}).get("symbol") for trace in others}
    assert gm[0]["marker"]["symbol"] not in used
    assert "Greater Manchester" in frame.loc[0, "hover"]
