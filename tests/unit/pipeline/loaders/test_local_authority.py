"""Local-authority series: mapping, merge precedence, GM weighting, peer averages and the real files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests import published
from trafford_dash.core import config
from trafford_dash.pipeline import sources
from trafford_dash.pipeline.loaders import local_authority as la
from trafford_dash.pipeline.loaders import peer_groups as pg
from trafford_dash.store import schema

OLD = "dashboard:data/health/smoking_adults.csv"
NEW = "trafford_themes:data/health/adults_smoking.csv"
CATALOGUE = config.DATA_DIR / "indicators.csv"
REQUIRED_IDS = [
    "smoking_adults",
    "obese_year6",
    "obese_reception",
    "life_expectancy_male",
    "life_expectancy_female",
    "healthy_life_expectancy_male",
    "healthy_life_expectancy_female",
]


def _row(area: str, period: str, value: float | None, source: str, **extra: object) -> dict[str, object]:
    level, vintage = la.level_of(area) or ("local_authority", "")
    return {
        "area_code": area,
        "area_name": area,
        "level": level,
        "vintage": vintage,
        "indicator_id": "smoking_adults",
        "period": period,
        "sex": "Persons",
        "age": "All ages",
        "value": value,
        "source_key": source,
        **extra,
    }


# --- tiny hand-made frames -------------------------------------------------------------------


def test_merge_prefers_the_2026_set_for_the_same_area_period_and_sex() -> None:
    frame = pd.DataFrame(
        [
            _row(config.TRAFFORD_CODE, "2015 - 17", 10.0, OLD),
            _row(config.TRAFFORD_CODE, "2015 - 17", 12.0, NEW),
            _row(config.TRAFFORD_CODE, "2014 - 16", 9.0, OLD),
            _row(config.ENGLAND_CODE, "2015 - 17", 11.0, OLD),
            _row(config.ENGLAND_CODE, "2015-17", None, NEW),
        ]
    )
    out = la.merge_sets(frame).set_index(["area_code", "period"])
    assert out.loc[(config.TRAFFORD_CODE, "2015 - 17"), "value"] == 12.0
    assert out.loc[(config.TRAFFORD_CODE, "2015 - 17"), "source_key"] == NEW
    assert out.loc[(config.TRAFFORD_CODE, "2014 - 16"), "value"] == 9.0
    # A missing 2026 value still displaces the older figure, and empty rows are dropped.
    assert config.ENGLAND_CODE not in out.index.get_level_values("area_code")
    assert len(out) == 2


def test_merge_keeps_both_sexes_and_refuses_ambiguous_mapping() -> None:
    frame = pd.DataFrame(
        [
            _row(config.TRAFFORD_CODE, "2020", 1.0, NEW, sex="Male"),
            _row(config.TRAFFORD_CODE, "2020", 2.0, NEW, sex="Female"),
        ]
    )
    assert len(la.merge_sets(frame)) == 2
    clash = pd.DataFrame(
        [_row(config.TRAFFORD_CODE, "2020", 1.0, NEW), _row(config.TRAFFORD_CODE, "2020", 2.0, NEW)]
    )
    with pytest.raises(ValueError, match="same set"):
        la.merge_sets(clash)


def _gm_values(values: dict[str, float]) -> pd.DataFrame:
    rows = [_row(code, "2024", value, NEW) for code, value in values.items()]
    return pd.DataFrame(rows)


def test_gm_row_is_the_census_weighted_mean_of_all_ten_boroughs() -> None:
    codes = list(config.GM_BOROUGH_CODES)
    values = {code: float(i + 1) for i, code in enumerate(codes)}
    population = pd.DataFrame({"area_code": codes, "population": [100.0] * 9 + [1000.0]})
    out = pg.gm_approximations(_gm_values(values), population)
    assert len(out) == 1
    expected = (sum(range(1, 10)) * 100 + 10 * 1000) / 1900
    row = out.iloc[0]
    assert row["value"] == pytest.approx(expected)
    assert row["value"] != pytest.approx(np.mean(list(values.values())))
    assert row["area_code"] == config.GM_CODE and row["level"] == "region"
    assert bool(row["approximate"]) is True
    assert row["value_note"] == pg.GM_NOTE
    assert "no published GM figure" in row["value_note"]


def test_gm_row_needs_all_ten_boroughs_and_defers_to_a_published_row() -> None:
    codes = list(config.GM_BOROUGH_CODES)
    population = pd.DataFrame({"area_code": codes, "population": [1.0] * 10})
    nine = _gm_values({code: 1.0 for code in codes[:9]})
    assert pg.gm_approximations(nine, population).empty
    with_gap = _gm_values({code: 1.0 for code in codes})
    with_gap.loc[0, "value"] = np.nan
    assert pg.gm_approximations(with_gap, population).empty
    published = pd.concat(
        [_gm_values({code: 1.0 for code in codes}), pd.DataFrame([_row(config.GM_CODE, "2024", 5.0, OLD)])]
    )
    assert pg.gm_approximations(published, population).empty


def test_peer_average_needs_half_the_group_and_ignores_trafford() -> None:
    groups = pd.DataFrame(
        {
            "group_id": ["cipfa"] * 4 + ["nhs_near_neighbours"] * 2,
            "area_code": ["E06000001", "E06000002", "E06000003", "E06000004", "E06000001", "E08000009"],
            "area_name": ["a", "b", "c", "d", "a", "Trafford"],
        }
    )
    values = pd.DataFrame(
        [
            _row("E06000001", "2023", 10.0, NEW),
            _row("E06000002", "2023", 20.0, NEW),
            _row("E06000001", "2024", 10.0, NEW),
            _row(config.TRAFFORD_CODE, "2024", 99.0, NEW),
        ]
    )
    out = pg.peer_averages(values, groups).set_index(["area_code", "period"])
    # CIPFA: 2 of 4 in 2023 qualifies; 1 of 4 in 2024 does not.
    assert out.loc[("cipfa", "2023"), "value"] == 15.0
    assert out.loc[("cipfa", "2023"), "value_note"] == "Unweighted mean of 2 of 4 peer authorities"
    assert ("cipfa", "2024") not in out.index
    # NHS group: Trafford is dropped, leaving one member, who has a value in both years.
    assert out.loc[("nhs_near_neighbours", "2024"), "value"] == 10.0
    assert (
        out.loc[("nhs_near_neighbours", "2024"), "value_note"] == "Unweighted mean of 1 of 1 peer authorities"
    )
    assert set(out["level"]) == {"peer_group"} and out["approximate"].all()


@pytest.mark.parametrize(
    ("published", "label"),
    [
        ("Better", "Better"),
        ("Worse", "Worse"),
        ("Similar", "Similar"),
        ("Not compared", "Not compared"),
        ("Higher 99.8", "Higher"),
        ("Lower 99.8", "Lower"),
        ("Lower", "Lower"),
        ("NA", None),
        ("", None),
        (None, None),
        ("Gibberish", None),
    ],
)
def test_significance_labels_map_to_the_schema(published: object, label: str | None) -> None:
    assert la.significance_label(published) == label
    assert label is None or label in schema.SIGNIFICANCE_LABELS


def test_standardise_reads_sex_breakdowns_counts_and_wards() -> None:
    raw = pd.DataFrame(
        {
            "area_code": [config.TRAFFORD_CODE] * 5 + ["E05015239", "E99999999"],
            "area_name": ["Trafford"] * 5 + ["Altrincham", "Nowhere"],
            "period": ["2024/25"] * 7,
            "indicator": ["x"] * 7,
            "measure": [
                "Per 10,000",
                "Count",
                "Per 10,000",
                "Per 10,000",
                "Per 10,000",
                "Per 10,000",
                "Per 10,000",
            ],
            "unit": ["Persons"] * 7,
            "value": ["5", "40", "6", "7", "8", "NA", "1"],
            "compared_to_England": ["Better", "NA", "Lower 99.8", "Similar", "Worse", "NA", "NA"],
            "inequality": ["NA", "NA", "Male", "Female", "Most deprived quintile", "NA", "NA"],
        }
    )
    out = la.standardise(raw, NEW)
    assert len(out) == 4  # count row folded in, quintile row and unknown area dropped
    persons = out[(out["sex"] == "Persons") & (out["level"] == "borough")].iloc[0]
    assert persons["value"] == 5.0 and persons["count"] == 40.0
    assert persons["significance_england"] == "Better"
    assert set(out["sex"]) == {"Persons", "Male", "Female"}
    assert out.loc[out["sex"] == "Male", "significance_england"].item() == "Lower"
    ward = out[out["level"] == "ward"].iloc[0]
    assert ward["vintage"] == "2023" and np.isnan(ward["value"])


def test_standardise_takes_sex_from_unit_and_normalises_2020_periods() -> None:
    raw = pd.DataFrame(
        {
            "area_code": [config.ENGLAND_CODE] * 2,
            "area_name": ["England"] * 2,
            "period": ["2009-11", "2010-12"],
            "value": ["1", "2"],
            "indicator": ["y", "y"],
            "measure": ["Rate", "Rate"],
            "unit": ["Females", "Males"],
            "significance": ["Not compared", "Not compared"],
        }
    )
    out = la.standardise(raw, OLD)
    assert list(out["period"]) == ["2009 - 11", "2010 - 12"]
    assert list(out["sex"]) == ["Female", "Male"]
    assert la.month_label("Nov 2023") == "2023-11-01"
    assert la.month_label("2023/24") == "2023/24"


def test_filters_select_rows_and_reject_bad_conditions() -> None:
    frame = pd.DataFrame({"indicator": ["a, b", "c"], "period": ["2021", "2019 - 21"]})
    assert list(la.apply_filter(frame, "indicator=a, b")["period"]) == ["2021"]
    assert list(la.apply_filter(frame, r"period~^\d{4} - \d{2}$")["indicator"]) == ["c"]
    assert len(la.apply_filter(frame, "")) == 2
    with pytest.raises(ValueError, match="Bad filter"):
        la.apply_filter(frame, "nosuchcolumn=1")


def test_read_mapping_defaults_age_and_checks_sex(tmp_path: Path) -> None:
    header = "source_key,indicator_id,filter,sex,skip_reason"
    path = tmp_path / "mapping.csv"
    path.write_text(f"{header}\n{NEW},smoking_adults,,Persons,\n")
    assert la.read_mapping(path)["age"].tolist() == ["All ages"]
    path.write_text(f"{header},age\n{NEW},obese_year6,,Persons,,10-11\n{NEW},x,,all,,\n")
    assert la.read_mapping(path)["age"].tolist() == ["10-11", "All ages"]
    path.write_text(f"{header}\n{NEW},smoking_adults,,Everyone,\n")
    with pytest.raises(ValueError, match="unknown sex"):
        la.read_mapping(path)


def test_level_of_codes() -> None:
    assert la.level_of(config.ENGLAND_CODE) == ("country", "")
    assert la.level_of(config.GM_CODE) == ("region", "")
    assert la.level_of(config.TRAFFORD_CODE) == ("borough", "")
    assert la.level_of("E10000015") == ("local_authority", "")
    assert la.level_of("E05015259") == ("ward", "2023")
    assert la.level_of("E05000819") == ("ward", "2022")
    assert la.level_of("E05999999") is None


# --- the real mirrored files -------------------------------------------------------------------


@pytest.fixture(scope="module")
def paths(mirror: Path) -> dict[str, Path]:
    return sources.fetch_all(la.SOURCE_KEYS, mirror=mirror)


@pytest.fixture(scope="module")
def values(paths: dict[str, Path]) -> pd.DataFrame:
    return la.load(paths)


def test_real_load_is_valid(values: pd.DataFrame) -> None:
    schema.IndicatorValues.validate(values)
    assert set(values["level"]) <= {"country", "region", "borough", "local_authority", "ward", "peer_group"}
    assert set(values.loc[values["level"] == "ward", "vintage"]) == {"2023"}
    assert values["value"].notna().all()
    mapping = la.read_mapping()
    mapped_ages = mapping[mapping["skip_reason"] == ""].groupby("indicator_id")["age"].agg(set)
    assert values.groupby("indicator_id")["age"].agg(set).to_dict() == mapped_ages.to_dict()


def test_mapping_covers_every_indicator_in_every_file(paths: dict[str, Path]) -> None:
    mapping = la.read_mapping()
    for source_key, rows in mapping.groupby("source_key"):
        raw = pd.read_csv(paths[str(source_key)], dtype=str, keep_default_na=False)
        covered = raw["measure"].str.lower() == "count"  # folded into the rate rows' count
        for text in rows["filter"]:
            covered[la.apply_filter(raw, text).index] = True
        assert covered.all(), f"{source_key}: indicators {set(raw.loc[~covered, 'indicator'])} unmapped"


def test_required_ids_have_trafford_and_england(values: pd.DataFrame) -> None:
    for indicator_id in REQUIRED_IDS:
        rows = values[values["indicator_id"] == indicator_id]
        assert (rows["level"] == "borough").any(), indicator_id
        assert (rows["level"] == "country").any(), indicator_id
    sexes = values.groupby("indicator_id")["sex"].agg(set)
    assert sexes["life_expectancy_male"] == {"Male"}
    assert sexes["healthy_life_expectancy_female"] == {"Female"}


def test_2026_set_wins_where_the_sets_overlap(values: pd.DataFrame) -> None:
    trafford = values[(values["indicator_id"] == "smoking_adults") & (values["level"] == "borough")]
    by_period = trafford.set_index("period")["source_key"]
    assert by_period["2015"] == NEW  # in both sets
    assert by_period["2024"] == NEW
    hle = values[(values["indicator_id"] == "healthy_life_expectancy_male") & (values["level"] == "borough")]
    hle_sources = hle.set_index("period")["source_key"]
    assert hle_sources["2009 - 11"].startswith("dashboard:")  # only in the 2020 set
    assert hle_sources["2015 - 17"].startswith("trafford_themes:")
    assert not trafford["period"].duplicated().any()


def test_published_2020_gm_rows_are_kept_exact(values: pd.DataFrame) -> None:
    gm = values[values["level"] == "region"]
    assert (gm["area_code"] == config.GM_CODE).all()
    published = gm[gm["source_key"].str.startswith("dashboard:") & ~gm["approximate"]]
    assert published["indicator_id"].nunique() >= 15
    assert (published["value_note"] == "").all()
    smoking_2018 = published[
        (published["indicator_id"] == "smoking_adults") & (published["period"] == "2018")
    ]
    assert smoking_2018["value"].item() == pytest.approx(16.2)


def test_2026_indicators_get_an_approximate_gm_row_for_their_latest_period(values: pd.DataFrame) -> None:
    newer = values[values["source_key"].str.startswith(la.NEWER_SET_PREFIX)]
    checked = 0
    for (indicator_id, sex), rows in newer[newer["level"].isin(pg.LA_LEVELS)].groupby(
        ["indicator_id", "sex"]
    ):
        latest = rows.sort_values(["year", "period"])["period"].iloc[-1]
        boroughs = rows[(rows["period"] == latest) & rows["area_code"].isin(config.GM_BOROUGH_CODES)]
        if boroughs["area_code"].nunique() < len(config.GM_BOROUGH_CODES):
            continue
        gm = values[
            (values["indicator_id"] == indicator_id)
            & (values["sex"] == sex)
            & (values["period"] == latest)
            & (values["level"] == "region")
        ]
        assert len(gm) == 1, (indicator_id, sex, latest)
        assert bool(gm["approximate"].item()) and gm["value_note"].item() == pg.GM_NOTE
        assert boroughs["value"].min() <= gm["value"].item() <= boroughs["value"].max()
        checked += 1
    assert checked >= 15


def test_peer_groups_have_the_published_members(paths: dict[str, Path]) -> None:
    groups = la.peer_groups(paths)
    schema.PeerGroups.validate(groups)
    sizes = groups.groupby("group_id").size().to_dict()
    assert sizes == {"cipfa": 15, "childrens_services": 10, "nhs_near_neighbours": 15, "gm": 10}
    published = groups[groups["group_id"] != "gm"]
    assert config.TRAFFORD_CODE not in set(published["area_code"])
    assert set(groups.loc[groups["group_id"] == "gm", "area_code"]) == set(config.GM_BOROUGH_CODES)


def test_peer_rows_respect_the_half_rule(values: pd.DataFrame) -> None:
    peers = values[values["level"] == "peer_group"]
    assert set(peers["area_code"]) == set(pg.PEER_GROUP_NAMES)
    counts = (
        peers["value_note"].str.extract(r"Unweighted mean of (\d+) of (\d+) peer authorities").astype(int)
    )
    assert (2 * counts[0] >= counts[1]).all()
    assert peers["approximate"].all()


def test_catalogue_part_covers_every_id(values: pd.DataFrame) -> None:
    catalogue = pd.read_csv(CATALOGUE, dtype=str, keep_default_na=False)
    assert set(published.CATALOGUE_COLUMNS) <= set(catalogue.columns)
    assert set(values["indicator_id"]) <= set(catalogue["indicator_id"])
    part = catalogue[catalogue["indicator_id"].isin(values["indicator_id"])]
    assert not part["indicator_id"].duplicated().any()
    assert part["polarity"].isin(schema.POLARITIES).all()
    assert part["value_type"].isin(schema.VALUE_TYPES).all()
    assert part["ci_method"].isin(schema.CI_METHODS).all()
    assert part["aggregation"].isin(["sum", "ratio_of_sums", "population_weighted_mean", "none"]).all()
    assert part["priority"].isin({*published.PLAN_PRIORITIES, ""}).all()
    pillars = part["pillars"].str.split(";").explode()
    assert pillars[pillars != ""].isin(schema.PILLARS).all()
    assert (part["licence"] == "OGL-UK-3.0").all()
    assert (part["definition"].str.len() >= 10).all()
    trafford = values[values["level"] == "borough"].sort_values(["year", "period"])
    latest = trafford.groupby("indicator_id")["period"].last()
    assert part.set_index("indicator_id")["period"].to_dict() == latest.to_dict()
