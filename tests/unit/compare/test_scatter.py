"""Compare two indicators: pairing by area, warnings, the fitted line and correlations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sp_stats

from tests.value_rows import ward_frame
from trafford_dash.compare import common, scatter
from trafford_dash.store import reader


def rows(indicator: str, values: list[float], period: str = "2021", vintage: str = "2022") -> pd.DataFrame:
    return ward_frame(indicator, values, code="W", name="Ward", period=period, vintage=vintage)


X_META = {"indicator_id": "x", "title": "Deprivation", "unit": "score", "source": "IoD", "licence": "OGL"}
Y_META = {
    "indicator_id": "y",
    "title": "Life expectancy",
    "unit": "years",
    "source": "OHID",
    "licence": "OGL",
}
GROUPS = {"W0": "North", "W1": "North", "W2": "South", "W3": "South", "W4": "West"}


def test_fit_matches_numpy_and_scipy() -> None:
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0, np.nan])
    y = np.array([2.1, 3.9, 6.2, 7.8, 10.1, 3.0])
    fit = scatter.fit_line(x, y)
    slope, intercept = np.polyfit(x[:5], y[:5], 1)
    assert fit.n == 5
    assert fit.slope == pytest.approx(slope) and fit.intercept == pytest.approx(intercept)
    assert fit.pearson_r == pytest.approx(sp_stats.pearsonr(x[:5], y[:5]).statistic)
    assert fit.spearman_rho == pytest.approx(1.0)


def test_pair_joins_by_code_and_warns_on_periods_and_vintages() -> None:
    x = rows("x", [10, 20, 30, 40, 50], period="2019")
    y = rows("y", [84, 82, 80, 79, 76], period="2015 to 2019", vintage="2023")
    result = scatter.pair(x, y, X_META, Y_META, GROUPS, "wards")
    assert result.refusal is None
    assert len(result.points) == 5
    assert result.points["group"].tolist() == ["North", "North", "South", "South", "West"]
    assert any("periods differ" in w for w in result.warnings)
    assert any("boundaries differ" in w for w in result.warnings)
    assert result.fit is not None and result.fit.pearson_r < -0.9
    sentence = scatter.summary(result, X_META, Y_META, "wards")
    assert "strong negative" in sentence and "5 wards" in sentence and "each 1 point higher" in sentence
    figure = scatter.figure(result, X_META, Y_META)
    markers = [t for t in figure.data if t.mode == "markers"]
    assert {t.name for t in markers} == {"North", "South", "West"}
    assert {t.marker.symbol for t in markers} == {"circle", "triangle-up", "diamond"}
    assert any(t.mode == "lines" and "r = " in t.name for t in figure.data)
    export = scatter.export_frame(result, X_META, Y_META)
    assert set(export["axis"]) == {"x", "y"} and {"period", "source", "licence"} <= set(export.columns)


def test_pair_refusals() -> None:
    x = rows("x", [1, 2, 3, 4, 5])
    assert "different indicators" in (scatter.pair(x, x, X_META, X_META, GROUPS).refusal or "")
    few = rows("y", [1, 2, 3])
    assert "at least 4" in (scatter.pair(x, few, X_META, Y_META, GROUPS).refusal or "")
    flat = rows("y", [1, 1, 1, 1, 1])
    assert "same value" in (scatter.pair(x, flat, X_META, Y_META, GROUPS).refusal or "")
    none = rows("y", [np.nan] * 5)
    assert "no figures" in (scatter.pair(x, none, X_META, Y_META, GROUPS).refusal or "")


def test_strength_words() -> None:
    assert scatter.strength(0.8) == "a strong positive"
    assert scatter.strength(-0.5) == "a moderate negative"
    assert scatter.strength(0.1) == "little or no"


LEVELS = ("neighbourhood_2022", "neighbourhood_2023", "ward_2022", "ward_2023", "lsoa", "england")
X_FOR_LEVEL = {"england": "imd_average_score"}


@pytest.mark.store
def test_every_indicator_pairs_with_deprivation_or_is_refused(built_store: None) -> None:
    """Each indicator against the IMD score at every level: a fitted scatter or a refusal sentence."""
    catalogue = reader.load_table("catalogue")
    metas = {row["indicator_id"]: row for row in common.records(catalogue)}
    areas, lookup = reader.load_table("areas"), reader.load_table("lsoa_to_ward")
    values = reader.load_values()
    parts = {key: part for key, part in values.groupby(["indicator_id", "level", "vintage"])}

    def level_rows(indicator: str, level_key: str) -> pd.DataFrame:
        choice = common.LEVEL_CHOICES[level_key]
        found = [
            part
            for (ind, level, vintage), part in parts.items()
            if ind == indicator
            and (level == choice.level or (level_key == "england" and level == "borough"))
            and (choice.vintage is None or vintage == choice.vintage)
        ]
        return pd.concat(found) if found else values.iloc[0:0]

    fitted = 0
    for level_key in LEVELS:
        choice = common.LEVEL_CHOICES[level_key]
        x_id = X_FOR_LEVEL.get(level_key, "imd_score")
        x_rows = level_rows(x_id, level_key)
        groups = scatter.groups_for(areas, lookup, choice.level, choice.vintage or "2022")
        for indicator, info in metas.items():
            if not common.level_available(info, level_key):
                assert common.level_refusal(info, level_key, LEVELS)
                continue
            result = scatter.pair(x_rows, level_rows(indicator, level_key), metas[x_id], info, groups)
            if indicator == x_id:
                assert result.refusal
                continue
            if choice.level == "neighbourhood" and result.refusal:
                # four neighbourhoods at most: a missing one leaves too few points, said plainly
                assert result.refusal.startswith("Only "), result.refusal
                continue
            assert result.refusal is None, (indicator, level_key, result.refusal)
            assert result.fit is not None and result.fit.n >= 4
            fitted += 1
    assert fitted > 300
