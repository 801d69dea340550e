"""Mid-2024 populations are what each page shows first, and every age share is for the header's year."""

from __future__ import annotations

import pytest

from tests.app_runs import run_app, run_page
from trafford_dash.core import config
from trafford_dash.profile import population_change
from trafford_dash.store import reader

MID_2024 = "2024-06-30"
AGE_SHARES = (
    "population_0_15",
    "population_16_64",
    "population_20_44",
    "population_65_plus",
    "population_80_plus",
)


def test_mid_2024_is_the_newest_population_estimate_in_the_store(built_store: None) -> None:
    rows = reader.load_values(indicator_id="population", level="borough")
    assert max(rows["period"]) == MID_2024
    assert population_change.profile_period("2023") == MID_2024


@pytest.mark.parametrize(("vintage", "label"), [("2023", "May-2023 wards"), ("2022", "Pre-2023 wards")])
def test_profile_header_age_shares_and_pyramid_share_one_year(
    built_store: None, vintage: str, label: str
) -> None:
    year = population_change.profile_period(vintage)[:4]
    view = run_app("app_pages/profile.py", {"prof_vin": label, "prof_nbh": "West", "prof_all": "true"})
    metrics = [m.label for m in view.metric]
    assert f"Residents (mid-{year})" in metrics
    shown = next(t.value for t in view.table if "Value (95% CI)" in t.value.columns)
    titles = reader.load_table("catalogue").set_index("indicator_id")["title"]
    shares = shown[shown["Indicator"].isin([titles[i] for i in AGE_SHARES])]
    assert len(shares) == len(AGE_SHARES)
    assert set(shares["Period"].str[:4]) == {year}, shares[["Indicator", "Period"]]
    pyramid = run_app(
        "app_pages/profile.py", {"prof_vin": label, "prof_nbh": "West", "prof_tab": "Population"}
    )
    assert any(f"mid-{year}" in c.value for c in pyramid.caption)
    assert any(f"Residents (mid-{year})" == m.label for m in pyramid.metric)


def test_map_opens_populations_at_mid_2024(built_store: None) -> None:
    titles = reader.load_table("catalogue").set_index("indicator_id")["title"]
    cases = [(i, level) for i in AGE_SHARES for level in ("Wards", "Neighbourhoods")]
    for indicator, level in [*cases, ("population", "LSOAs"), ("population", "Wards")]:
        view = run_app("app_pages/map.py", {"map_ind": titles[indicator], "map_lvl": level})
        assert view.selectbox(key="map_ind").value == indicator
        heading = " ".join(m.value for m in view.markdown)
        assert f"· {MID_2024}" in heading, (indicator, level)


def test_compare_opens_populations_at_mid_2024(built_store: None) -> None:
    titles = reader.load_table("catalogue").set_index("indicator_id")["title"]
    view = run_page(
        str(config.ROOT / "app_pages" / "compare.py"),
        {"cmp_view": "Areas", "cmp_ind": titles["population_65_plus"], "cmp_level": "Wards (from May 2023)"},
    )
    assert view.selectbox(key="cmp_period").value == MID_2024


def test_overview_neighbourhood_map_is_mid_2024(built_store: None) -> None:
    view = run_app()
    text = " ".join(c.value for c in view.caption)
    assert "Resident population, mid-2024" in text
