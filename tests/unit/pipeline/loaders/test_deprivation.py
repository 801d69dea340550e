"""Tests for the IoD loader: tiny frames for each rule, then the real mirrored files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from trafford_dash.core import config
from trafford_dash.pipeline import sources
from trafford_dash.pipeline.loaders import deprivation, imd_deciles, ward_data
from trafford_dash.store import schema

LSOA_DOMAINS = [
    "Index of Multiple Deprivation",
    "Income",
    "Employment",
    "Education, Skills and Training",
    "Health and Disability",
    "Crime",
    "Barriers to Housing and Services",
    "Living Environment",
    "Income Deprivation Affecting Children",
    "Income Deprivation Affecting Older People",
]


def iod_table(lsoas: list[str], year: int = 2019) -> pd.DataFrame:
    rows = [
        {
            "lsoa11cd": code,
            "index_domain": domain,
            "decile": 1 + (i + j) % 10,
            "rank": 100 * (i + 1) + j,
            "score": 0.25 if domain == "Income" else 12.5,
            "year": year,
        }
        for i, code in enumerate(lsoas)
        for j, domain in enumerate(LSOA_DOMAINS)
    ]
    return pd.DataFrame(rows)


def test_lsoa_values_give_score_rank_and_decile_for_every_domain() -> None:
    table = pd.concat([iod_table(["E01000001", "E01000002"]), iod_table(["E01000001"], year=2015)])
    out = deprivation.lsoa_values(table, "key", names={"E01000001": "Trafford 001A"})
    assert len(out) == 2 * 10 * 3  # IoD 2015 rows are left out by default
    assert out["indicator_id"].nunique() == 30
    assert {"imd_score", "imd_rank", "imd_decile", "idaopi_decile", "living_environment_rank"} <= set(
        out["indicator_id"]
    )
    income = out[(out["indicator_id"] == "income_score") & (out["area_code"] == "E01000001")]
    assert income["value"].item() == 25.0  # a proportion stored as a percentage
    imd = out[(out["indicator_id"] == "imd_score") & (out["area_code"] == "E01000001")]
    assert imd["value"].item() == 12.5
    assert set(out["level"]) == {"lsoa"} and set(out["vintage"]) == {"2011"}
    assert set(out["area_name"]) == {"Trafford 001A", "E01000002"}
    assert out.loc[out["indicator_id"] == "imd_rank", "value_note"].str.contains("32,844").all()


def test_lsoa_values_refuse_incomplete_or_impossible_rows() -> None:
    table = iod_table(["E01000001"])
    with pytest.raises(ValueError, match="lack an IoD domain"):
        deprivation.lsoa_values(table.iloc[1:], "key")
    with pytest.raises(ValueError, match="ranks must be"):
        deprivation.lsoa_values(table.assign(rank=40_000), "key")
    with pytest.raises(ValueError, match="Unknown IoD domain"):
        deprivation.lsoa_values(table.assign(index_domain="Wellbeing"), "key")


def lad_2019() -> pd.DataFrame:
    rows = []
    for code, name in [("E08000009", "Trafford"), ("E08000003", "Manchester"), ("W06000015", "Cardiff")]:
        for domain in ["Index of Multiple Deprivation", "Income"]:
            rows.append(
                {
                    "lad19cd": code,
                    "lad19nm": name,
                    "index_domain": domain,
                    "average_rank": 15000.0,
                    "rank_average_rank": 100,
                    "average_score": 0.107 if domain == "Income" else 16.088,
                    "rank_average_score": 2 if code == "E08000003" else 196,
                    "proportion_bottom_decile": 0.0507,
                    "rank_proportion_bottom_decile": 120,
                    "year": 2019,
                }
            )
    return pd.DataFrame(rows)


def test_lad_values_levels_ids_and_units() -> None:
    out = deprivation.lad_values(lad_2019(), "2019", "key")
    assert set(out["area_code"]) == {"E08000009", "E08000003"}  # non-English codes dropped
    levels = out.drop_duplicates("area_code").set_index("area_code")["level"]
    assert levels["E08000009"] == "borough" and levels["E08000003"] == "local_authority"
    trafford = out[out["area_code"] == "E08000009"].set_index("indicator_id")["value"]
    assert trafford["imd_average_score"] == 16.088
    assert trafford["income_average_score"] == pytest.approx(10.7)
    assert trafford["imd_proportion_lsoas_most_deprived_decile"] == pytest.approx(5.07)
    assert trafford["imd_rank_average_score"] == 196
    assert set(out["period"]) == {"2019"}
    renamed = lad_2019().rename(columns={"lad19cd": "area_code", "lad19nm": "area_name"})
    renamed["index_domain"] = renamed["index_domain"].replace({"Income": "Income Deprivation"})
    assert set(deprivation.lad_values(renamed, "2025", "key")["indicator_id"]) == set(out["indicator_id"])
    with pytest.raises(ValueError, match="no row for Trafford"):
        deprivation.lad_values(lad_2019().iloc[2:], "2019", "key")


def oa_lookup(rows: list[tuple[str, str, str]], year: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[f"oa{year}cd", f"lsoa{year}cd", f"msoa{year}cd"])


def test_lsoa21_to_lsoa11_handles_unchanged_split_and_merged_lsoas() -> None:
    lookup11 = oa_lookup(
        [
            ("O1", "L_SAME", "M1"),
            ("O2", "L_SPLIT", "M1"),
            ("O3", "L_SPLIT", "M1"),
            ("O4", "L_A", "M2"),
            ("O5", "L_B", "M2"),
            ("O6", "L_B", "M2"),
        ],
        "11",
    )
    lookup21 = oa_lookup(
        [
            ("O1", "L_SAME", "M1"),
            ("O2", "L_NEW1", "M1"),  # keeps an OA code from its parent
            ("O9", "L_NEW2", "M1"),  # only new OA codes: placed by its MSOA's retired LSOA
            ("O4", "L_MERGED", "M2"),
            ("O5", "L_MERGED", "M2"),
            ("O6", "L_MERGED", "M2"),
        ],
        "21",
    )
    out = imd_deciles.lsoa21_to_lsoa11(lookup21, lookup11)
    weights = {(r.lsoa21cd, r.lsoa11cd): r.weight for r in out.itertuples()}
    assert weights[("L_SAME", "L_SAME")] == 1.0
    assert weights[("L_NEW1", "L_SPLIT")] == 1.0
    assert weights[("L_NEW2", "L_SPLIT")] == 1.0
    assert weights[("L_MERGED", "L_A")] == pytest.approx(1 / 3)
    assert weights[("L_MERGED", "L_B")] == pytest.approx(2 / 3)
    assert np.allclose(out.groupby("lsoa21cd")["weight"].sum(), 1.0)


def test_decile_population_shares_and_totals() -> None:
    population = pd.DataFrame(
        {"lsoa11cd": ["A", "B", "C", "D", "D"], "population": [100, 300, 600, 500, 500]}
    )
    deciles = pd.DataFrame({"lsoa11cd": ["A", "B", "C", "D"], "decile": [1, 1, 5, 10]})
    wards = pd.DataFrame(
        {
            "lsoa11cd": ["A", "B", "C", "D"],
            "ward_code": ["W1", "W1", "W2", "W3"],
            "ward_name": ["One", "One", "Two", "Three"],
            "neighbourhood": ["North", "North", "North", "South"],
        }
    )
    out = imd_deciles.decile_population(population, deciles, wards)
    assert list(out.columns) == imd_deciles.DECILE_COLUMNS
    assert (out.groupby("area_code").size() == 10).all()
    assert np.allclose(out.groupby("area_code")["share"].sum(), 1.0)
    totals = out.groupby(["level", "area_code"])["population"].sum()
    assert totals[("borough", config.TRAFFORD_CODE)] == 2000
    assert totals[("neighbourhood", "nbh_north")] == 1000 and totals[("ward", "W3")] == 1000
    north = out[out["area_code"] == "nbh_north"].set_index("decile")["share"]
    assert north[1] == pytest.approx(0.4) and north[5] == pytest.approx(0.6) and north[10] == 0
    with pytest.raises(ValueError, match="without a decile or ward"):
        imd_deciles.decile_population(population, deciles, wards.iloc[:3])


def test_ward_rules_are_the_files_ward_data_skips_for_this_module() -> None:
    table = ward_data.read_mapping()
    rules = deprivation.ward_rules(table)
    assert (rules["skip_reason"] == "").all()
    assert rules["indicator_id"].str.removesuffix("_score").isin(deprivation.DOMAIN_PREFIXES).all()
    assert set(rules["source_key"]).isdisjoint(ward_data.SOURCE_KEYS)


# --- the real mirrored files ---------------------------------------------------------------


@pytest.fixture(scope="module")
def paths(mirror: Path) -> dict[str, object]:
    keys = [*deprivation.SOURCE_KEYS, "analysis:GMPA/indices_of_deprivation_GM.csv"]
    return {key: sources.fetch(sources.get(key), mirror=mirror) for key in keys}


@pytest.fixture(scope="module")
def values(paths: dict) -> pd.DataFrame:
    return deprivation.load(paths)


def test_real_lsoas_have_every_domain_score_rank_and_decile(values: pd.DataFrame) -> None:
    schema.IndicatorValues.validate(values)
    lsoa = values[values["level"] == "lsoa"]
    assert lsoa["area_code"].nunique() == 138
    counts = lsoa.groupby("indicator_id").size()
    assert len(counts) == 30 and (counts == 138).all()
    ranks = lsoa[lsoa["indicator_id"].str.endswith("_rank")]["value"]
    assert ranks.between(1, 32_844).all()
    assert lsoa[lsoa["indicator_id"].str.endswith("_decile")]["value"].isin(range(1, 11)).all()
    assert lsoa["area_name"].str.startswith("Trafford ").all()


def test_real_ward_scores_cover_21_wards_per_vintage(values: pd.DataFrame) -> None:
    wards = values[values["level"] == "ward"]
    sizes = wards.groupby(["indicator_id", "vintage"]).size()
    assert len(sizes) == 20 and (sizes == 21).all()
    assert set(wards.loc[wards["vintage"] == "2023", "period"]) == {"2025"}
    assert set(wards.loc[wards["vintage"] == "2022", "period"]) == {"2019"}
    # the same id means the same unit at LSOA and ward level: income deprived, % of residents
    income = values[values["indicator_id"] == "income_score"].groupby("level")["value"].median()
    assert 2 < income["ward"] < 40 and 2 < income["lsoa"] < 40


def test_real_local_authority_summaries(values: pd.DataFrame) -> None:
    la = values[values["level"].isin(["borough", "local_authority"])]
    trafford = la[la["area_code"] == config.TRAFFORD_CODE]
    assert set(trafford["level"]) == {"borough"}
    assert (trafford.groupby("period").size() == 30).all()
    assert set(trafford["period"]) == {"2019", "2025"}
    imd = trafford[trafford["indicator_id"] == "imd_average_score"].set_index("period")["value"]
    assert imd["2019"] == pytest.approx(16.088)
    districts = la.groupby("period")["area_code"].nunique()
    assert districts["2019"] == 317 and districts["2025"] == 296


def test_gmpa_ward_file_duplicates_ward_data_so_it_is_not_loaded(paths: dict, values: pd.DataFrame) -> None:
    gmpa = pd.read_csv(paths["analysis:GMPA/indices_of_deprivation_GM.csv"])
    gmpa = gmpa[gmpa["lad18cd"] == config.TRAFFORD_CODE].set_index("wd18cd")
    ours = values[(values["level"] == "ward") & (values["vintage"] == "2022")]
    imd = ours[ours["indicator_id"] == "imd_score"].set_index("area_code")["value"]
    assert len(gmpa) == 21
    assert np.allclose(gmpa.loc[imd.index, "Index of Multiple Deprivation"], imd, atol=0.051)
    assert "analysis:GMPA/indices_of_deprivation_GM.csv" not in deprivation.SOURCE_KEYS


def test_real_decile_population_shares_and_totals(paths: dict) -> None:
    out = imd_deciles.imd_decile_population(paths)
    assert list(out.columns) == imd_deciles.DECILE_COLUMNS
    assert out.groupby("level")["area_code"].nunique().to_dict() == {
        "borough": 1,
        "neighbourhood": 4,
        "ward": 21,
    }
    assert (out.groupby("area_code").size() == 10).all()
    assert np.allclose(out.groupby("area_code")["share"].sum(), 1.0)
    estimates = pd.read_csv(paths[deprivation.POPULATION_KEY])
    lsoa_total = estimates.loc[estimates["sex"] == "Persons", "all_ages"].sum()
    for level in ["borough", "neighbourhood", "ward"]:
        assert out.loc[out["level"] == level, "population"].sum() == pytest.approx(lsoa_total)
    assert set(out.loc[out["level"] != "borough", "vintage"]) == {"2022"}


def test_catalogue_part_covers_every_iod_id(values: pd.DataFrame) -> None:
    catalogue = pd.read_csv(config.DATA_DIR / "indicators.csv", dtype=str, keep_default_na=False)
    assert catalogue["indicator_id"].is_unique
    assert set(values["indicator_id"]) <= set(catalogue["indicator_id"])
    part = catalogue[catalogue["indicator_id"].isin(values["indicator_id"])]
    assert part["polarity"].isin(schema.POLARITIES).all()
    assert part["value_type"].isin(schema.VALUE_TYPES).all()
    assert part["ci_method"].isin(schema.CI_METHODS).all()
    pillars = {p for cell in part["pillars"] if cell for p in cell.split(";")}
    assert pillars <= set(schema.PILLARS)
    by_id = part.set_index("indicator_id")
    assert by_id.loc["income_score", "unit"] == "%" and by_id.loc["imd_score", "unit"] == "score"
    assert (by_id.loc[by_id.index.str.endswith("_rank"), "polarity"] == "higher_is_better").all()
    assert (by_id.loc[by_id.index.str.endswith(("_rank", "_decile")), "aggregation"] == "none").all()
    assert (by_id.loc[by_id.index.str.endswith("_score"), "aggregation"] != "sum").all()
