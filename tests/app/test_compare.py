"""The Compare page under AppTest: each view draws a real chart or refuses with a sentence.

The whole catalogue is covered by the pure-function tests (tests/unit/compare/); here a
representative sample runs through the page: at least one indicator per value type and per level,
plus the refusals, unknown link values and the significance shown against the comparison module.
"""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app_runs import array, figures, run_page
from tests.link_params import names
from trafford_dash.compare.common import LEVEL_CHOICES, level_available, records
from trafford_dash.core import config, significance
from trafford_dash.store import reader

PAGE = str(config.ROOT / "app_pages" / "compare.py")


@pytest.fixture(scope="module")
def titles(built_store: None) -> dict[str, str]:
    return {row["indicator_id"]: row["title"] for row in records(reader.load_table("catalogue"))}


def run(**params: str | list[str]) -> AppTest:
    return run_page(PAGE, params)


def infos(app: AppTest) -> str:
    return " ".join(str(i.value) for i in app.info)


def table(app: AppTest) -> pd.DataFrame:
    return app.dataframe[0].value


# --- Areas -------------------------------------------------------------------------------------

AREAS_SAMPLE = [
    ("bad_health", "ward_2022"),  # proportion, Wilson intervals
    ("no_qualifications", "ward_2023"),
    ("life_expectancy_male", "neighbourhood_2022"),  # years, approximate
    ("imd_score", "neighbourhood_2023"),  # score
    ("bad_health", "lsoa"),  # 2021 LSOAs
    ("health_rank", "lsoa"),  # rank, 2011 LSOAs
    ("imd_decile", "lsoa"),  # decile
    ("population", "ward_2023"),  # count
    ("median_property_price", "ward_2022"),  # other
    ("alcohol_admissions_sar", "ward_2022"),  # ratio
    ("alcohol_admissions", "peers"),  # rate, local authorities
    ("smoking_adults", "peers"),
]


@pytest.mark.parametrize(("indicator", "level_key"), AREAS_SAMPLE)
def test_areas_view_draws_ranked_bars(titles: dict[str, str], indicator: str, level_key: str) -> None:
    app = run(cmp_view="Areas", cmp_ind=titles[indicator], cmp_level=LEVEL_CHOICES[level_key].label)
    allowed = ("no figure for", "no confidence intervals", "published comparisons")
    assert all(any(words in str(i.value) for words in allowed) for i in app.info), infos(app)
    (spec,) = figures(app)
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    assert bars and all(t["orientation"] == "h" for t in bars)
    shown = table(app)
    assert sum(len(array(t["y"])) for t in bars) == shown["Value (number)"].notna().sum() > 0
    assert {t["name"] for t in bars} <= {
        "▲ Better",
        "▼ Worse",
        "● Similar",
        "△ Higher",
        "▽ Lower",
        "○ Not compared",
    }
    assert any("Period" in str(c.value) and "Source" in str(c.value) for c in app.caption)
    assert app.get("download_button")


def test_areas_significance_matches_the_comparison_module(titles: dict[str, str]) -> None:
    app = run(cmp_view="Areas", cmp_ind=titles["bad_health"], cmp_level=LEVEL_CHOICES["ward_2022"].label)
    shown = table(app).set_index("Area")["vs Trafford"]
    rows = reader.load_values("bad_health", "ward", "2022")
    rows = rows[(rows["period"] == "2021") & (rows["sex"] == "Persons")]
    comp = significance.comparator_row(
        reader.load_values("bad_health", "borough"), config.TRAFFORD_CODE, "2021"
    )
    # Trafford has an interval: the two intervals are compared.
    expected = significance.significance_against(
        rows, comp, "lower_is_better", "95", treat_comparator_as_point=False
    ).set_index("area_name")["badge"]
    assert shown.sort_index().to_dict() == expected.sort_index().to_dict()
    assert {"▲ Better", "▼ Worse"} <= set(shown)
    (spec,) = figures(app)
    assert any(s.get("type") == "line" for s in spec["layout"].get("shapes", []))  # Trafford reference line


def test_wards_against_greater_manchester_by_interval_overlap(titles: dict[str, str]) -> None:
    comparator = config.GM_NAME
    app = run(
        cmp_view="Areas",
        cmp_ind=titles["bad_health"],
        cmp_level=LEVEL_CHOICES["ward_2023"].label,
        cmp_vs=comparator,
    )
    assert app.selectbox(key="cmp_vs").value == comparator
    shown = table(app).set_index("Area")[f"vs {comparator}"]
    rows = reader.load_values("bad_health", "ward", "2023")
    rows = rows[(rows["period"] == "2021") & (rows["sex"] == "Persons")]
    comp = significance.comparator_row(reader.load_values("bad_health", "region"), config.GM_CODE, "2021")
    assert comp is not None and pd.notna(comp["lower_ci_95"])
    expected = significance.significance_against(
        rows, comp, "lower_is_better", "95", treat_comparator_as_point=False
    ).set_index("area_name")["badge"]
    assert shown.sort_index().to_dict() == expected.sort_index().to_dict()
    assert any("the two intervals do not overlap" in str(c.value) for c in app.caption)
    (spec,) = figures(app)
    assert any(comparator in str(a.get("text", "")) for a in spec["layout"].get("annotations", []))


def test_greater_manchester_and_its_boroughs_are_offered_where_the_indicator_has_them(
    titles: dict[str, str],
) -> None:
    census = run(cmp_view="Areas", cmp_ind=titles["bad_health"], cmp_level=LEVEL_CHOICES["ward_2022"].label)
    options = census.selectbox(key="cmp_vs").options
    assert "Greater Manchester" in options and {"Salford", "Stockport", "Wigan"} <= set(options)
    assert "Trafford" in options and options.count("Trafford") == 1
    salford = run(
        cmp_view="Areas",
        cmp_ind=titles["bad_health"],
        cmp_level=LEVEL_CHOICES["ward_2022"].label,
        cmp_vs="Salford",
    )
    assert "vs Salford" in table(salford).columns
    assert set(table(salford)["vs Salford"]) - {"○ Not compared"}
    local = run(
        cmp_view="Areas", cmp_ind=titles["median_property_price"], cmp_level=LEVEL_CHOICES["ward_2022"].label
    )
    local_options = local.selectbox(key="cmp_vs").options
    assert "Greater Manchester" not in local_options and "Salford" not in local_options


def test_peers_against_england_at_998(titles: dict[str, str]) -> None:
    app = run(
        cmp_view="Areas",
        cmp_ind=titles["smoking_adults"],
        cmp_level=LEVEL_CHOICES["peers"].label,
        cmp_vs="England",
        cmp_ci="99.8%",
        cmp_peer="Greater Manchester boroughs",
    )
    areas = set(table(app)["Area"])
    assert "Trafford" in areas and "Stockport" in areas and len(areas) == 10
    assert "vs England" in table(app).columns
    assert "published comparisons" in infos(app)  # OHID's labels where no interval is stored
    (spec,) = figures(app)
    assert "<b>Trafford</b>" in spec["layout"]["yaxis"]["categoryarray"]


@pytest.mark.parametrize(
    ("indicator", "level_key", "words"),
    [
        ("smoking_adults", "ward_2022", "has no figures for wards (before May 2023)"),
        ("median_age", "neighbourhood_2022", "has no figures for neighbourhoods"),
    ],
)
def test_areas_view_refuses_with_a_sentence(
    titles: dict[str, str], indicator: str, level_key: str, words: str
) -> None:
    app = run(cmp_view="Areas", cmp_ind=titles[indicator], cmp_level=LEVEL_CHOICES[level_key].label)
    assert words in infos(app) and "available for" in infos(app)
    assert not app.get("plotly_chart")


# --- Two indicators ----------------------------------------------------------------------------

SCATTER_SAMPLE = [
    ("imd_score", "life_expectancy_male", "ward_2022"),
    ("imd_score", "bad_health", "lsoa"),
    ("imd_average_score", "life_expectancy_female", "england"),
    ("population_density", "no_qualifications", "ward_2023"),
    ("imd_score", "good_health", "neighbourhood_2023"),
]


@pytest.mark.parametrize(("x", "y", "level_key"), SCATTER_SAMPLE)
def test_scatter_view_draws_points_and_a_line(titles: dict[str, str], x: str, y: str, level_key: str) -> None:
    app = run(
        cmp_view="Two indicators", cmp_x=titles[x], cmp_y=titles[y], cmp_at=LEVEL_CHOICES[level_key].label
    )
    (spec,) = figures(app)
    points = [t for t in spec["data"] if t["mode"] == "markers"]
    assert sum(len(array(t["x"])) for t in points) == len(table(app)) >= 4
    assert any(t["mode"] == "lines" for t in spec["data"])
    assert "Pearson r" in " ".join(str(m.value) for m in app.markdown)


def test_scatter_warns_about_periods_and_lsoa_vintages(titles: dict[str, str]) -> None:
    app = run(
        cmp_view="Two indicators", cmp_x=titles["imd_score"], cmp_y=titles["bad_health"], cmp_at="LSOAs"
    )
    warnings = " ".join(str(w.value) for w in app.warning)
    assert "periods differ" in warnings and "2011 LSOAs" in warnings and "2021 LSOAs" in warnings


@pytest.mark.parametrize(
    ("x", "y", "words"),
    [
        ("smoking_adults", "bad_health", "has no figures for wards"),
        ("bad_health", "bad_health", "two different"),
    ],
)
def test_scatter_refuses_with_a_sentence(titles: dict[str, str], x: str, y: str, words: str) -> None:
    app = run(cmp_view="Two indicators", cmp_x=titles[x], cmp_y=titles[y])
    assert words in infos(app)
    assert not app.get("plotly_chart")


# --- Inequality --------------------------------------------------------------------------------

INEQUALITY_SAMPLE = [
    ("life_expectancy_female", "ward_2022", "Local quintiles", 5),
    ("bad_health", "lsoa", "National IoD deciles", 10),
    ("no_qualifications", "ward_2023", "Local deciles", 10),
    ("alcohol_admissions_sar", "ward_2022", "Local quintiles", 5),
]


@pytest.mark.parametrize(("indicator", "level_key", "grouping", "groups"), INEQUALITY_SAMPLE)
def test_inequality_view_draws_groups_and_sii(
    titles: dict[str, str], indicator: str, level_key: str, grouping: str, groups: int
) -> None:
    app = run(
        cmp_view="Inequality",
        cmp_ineq=titles[indicator],
        cmp_ilevel=LEVEL_CHOICES[level_key].label,
        cmp_groups=grouping,
    )
    (spec,) = figures(app)
    assert len(table(app)) == groups
    sii = spec["data"][-1]
    assert array(sii["x"]) == [0, 1] and "Slope index" in sii["name"]
    assert "slope index of inequality is" in " ".join(str(m.value) for m in app.markdown)


@pytest.mark.parametrize(
    ("indicator", "words"),
    [
        ("population", "is a count"),
        ("smoking_adults", "has no figures for"),
        ("imd_score", "deprivation measure itself"),
    ],
)
def test_inequality_refuses_with_a_sentence(titles: dict[str, str], indicator: str, words: str) -> None:
    app = run(cmp_view="Inequality", cmp_ineq=titles[indicator])
    assert words in infos(app)
    assert not app.get("plotly_chart")


# --- Side by side and trends -------------------------------------------------------------------


def test_side_by_side_default_and_england_reference() -> None:
    app = run(cmp_view="Side by side")
    wide = app.table[0].value
    assert {"Trafford", "North neighbourhood (plan wards)", "South neighbourhood (plan wards)"} <= set(
        wide.columns
    )
    assert wide.shape[0] > 50
    app = run(cmp_view="Side by side", cmp_areas=["Trafford", "Greater Manchester"], cmp_ref="England")
    wide = app.table[0].value
    assert list(wide.columns)[3:] == ["England", "Trafford", "Greater Manchester"]
    assert "compared with England" in " ".join(str(m.value) for m in app.markdown)


def test_side_by_side_against_a_greater_manchester_borough() -> None:
    salford = "Salford (Greater Manchester borough)"
    app = run(cmp_view="Side by side", cmp_areas=["Trafford", "Greater Manchester"], cmp_ref=salford)
    assert app.selectbox(key="cmp_ref").value == "E08000006"
    wide = app.table[0].value
    assert list(wide.columns)[3:] == [salford, "Trafford", "Greater Manchester"]
    marks = " ".join(wide["Trafford"].astype(str))
    assert "▲" in marks or "▼" in marks or "△" in marks or "▽" in marks
    assert f"compared with {salford}" in " ".join(str(m.value) for m in app.markdown)


def test_side_by_side_needs_two_areas() -> None:
    app = run(cmp_view="Side by side", cmp_areas=["Trafford"])
    assert "at least two areas" in infos(app)


def test_trends_view_and_refusal(titles: dict[str, str]) -> None:
    app = run(cmp_view="Trends", cmp_trend=titles["life_expectancy_male"])
    (spec,) = figures(app)
    lines = [t for t in spec["data"] if t.get("mode") == "lines+markers+text"]
    assert [t["name"] for t in lines] == ["Trafford", "Greater Manchester", "England"]
    assert len(array(lines[0]["x"])) >= 5
    # the ward-derived five-year "2015 to 2019" is not joined to three-year points; the caption says so
    assert "2015 to 2019" not in array(lines[0]["x"])
    assert any(
        "Left out so that no line mixes period lengths: Trafford: 2015 to 2019" in c.value
        for c in app.caption
    )
    app = run(cmp_view="Trends", cmp_trend=titles["disability"])
    assert "single period" in infos(app)


# --- Links -------------------------------------------------------------------------------------


def test_unknown_link_values_get_a_notice_not_a_crash(titles: dict[str, str]) -> None:
    app = run(cmp_view="Areas", cmp_ind="Not an indicator", cmp_zzz="1")
    assert names(infos(app), "cmp_ind", "Not an indicator") and "`cmp_zzz`" in infos(app)
    assert figures(app)  # the default view is shown
    app = run(cmp_view="Nowhere")
    assert names(infos(app), "cmp_view", "Nowhere") and "Choices: `Areas`" in infos(app)


def test_a_peer_group_in_the_link_is_checked_even_when_no_peer_choice_is_shown() -> None:
    app = run(cmp_view="Areas", cmp_peer="Nobody")
    assert names(infos(app), "cmp_peer", "Nobody")


def test_sample_covers_every_value_type_and_level(titles: dict[str, str]) -> None:
    catalogue = reader.load_table("catalogue").set_index("indicator_id")
    covered_types = {catalogue.loc[i, "value_type"] for i, _ in AREAS_SAMPLE}
    assert covered_types == set(catalogue["value_type"])
    assert {k for _, k in AREAS_SAMPLE} == {
        "neighbourhood_2022",
        "neighbourhood_2023",
        "ward_2022",
        "ward_2023",
        "lsoa",
        "peers",
    }
    for indicator, level_key in AREAS_SAMPLE:
        assert level_available(catalogue.loc[indicator].to_dict(), level_key)
