"""Every neighbourhood profile, on both ward boundaries, tests at least 40 indicators against both
Trafford and Greater Manchester (the Census 2021 topic shares, road casualties, health and care)."""

from __future__ import annotations

import pytest

from trafford_dash.profile import coverage

NEIGHBOURHOODS = ("North", "Central", "West", "South")


@pytest.mark.parametrize("vintage", ["2022", "2023"])
@pytest.mark.parametrize("neighbourhood", NEIGHBOURHOODS)
def test_a_neighbourhood_profile_tests_40_indicators_against_trafford_and_gm(
    built_store: None, neighbourhood: str, vintage: str
) -> None:
    del built_store
    assert coverage.tested_against_trafford_and_gm(neighbourhood, vintage) >= 40
