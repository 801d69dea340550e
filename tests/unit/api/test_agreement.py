"""The API and the pages agree: the same figures, asked for through each, are identical.

The page-level functions are called as the pages call them (the profile's stored table, compare's selection,
the map's selection); the API is asked over HTTP. API figures are rounded to the published precision, as every
download is, so they are compared at that precision.
"""

from __future__ import annotations

import pandas as pd
import pytest
from starlette.testclient import TestClient

from trafford_dash.compare import common as compare
from trafford_dash.core import profile_table
from trafford_dash.core.areas import ProfileArea
from trafford_dash.map import layers as map_layers
from trafford_dash.profile import indicators as profiles
from trafford_dash.store import reader

FIGURES = ["value", "lower_ci_95", "upper_ci_95"]


def api_rows(client: TestClient, **params: str) -> pd.DataFrame:
    answer = client.get("/api/v1/values", params={**params, "limit": "10000"}).json()
    return pd.DataFrame(answer["data"])


def close(page: pd.Series, api: pd.Series, decimals: pd.Series) -> bool:
    tolerance = 0.5 * 10.0 ** (-decimals.fillna(6).astype(float)) + 1e-9
    both_missing = page.isna() & api.isna()
    return bool((both_missing | ((page - api).abs() <= tolerance)).all())


@pytest.mark.parametrize(
    ("vintage", "neighbourhood"), [("2022", "North"), ("2023", "South"), ("2022", "West")]
)
def test_profile_table_and_api_latest_agree(client: TestClient, vintage: str, neighbourhood: str) -> None:
    catalogue = reader.load_table("catalogue")
    code = f"nbh_{neighbourhood.lower()}"
    area = ProfileArea(code, neighbourhood, "neighbourhood", vintage, neighbourhood)
    ids = profiles.indicators_for(catalogue, vintage, show_all=True)
    table = profiles.stored_table(reader.load_table("profiles"), area, ids)  # what the page reads
    assert len(table) >= 20
    api = api_rows(client, area=code, level="neighbourhood", vintage=vintage, period="latest")
    api = profile_table.breakdown_each(api)
    merged = table.merge(api, on="indicator_id", suffixes=("_page", "_api"))
    assert set(merged["indicator_id"]) == set(table["indicator_id"])
    assert (merged["period_page"] == merged["period_api"]).all()
    decimals = merged["indicator_id"].map(catalogue.set_index("indicator_id")["decimals"])
    for figure in FIGURES:
        assert close(merged[f"{figure}_page"].astype(float), merged[f"{figure}_api"].astype(float), decimals)


@pytest.mark.parametrize(
    ("indicator", "level"),
    [
        ("bad_health", "ward"),
        ("bad_health", "msoa"),
        ("population", "neighbourhood"),
        ("unpaid_care", "region"),
    ],
)
def test_compare_and_map_selections_and_api_agree(client: TestClient, indicator: str, level: str) -> None:
    rows = reader.load_values(indicator_id=indicator, level=level)
    chosen = compare.narrow(rows)
    assert chosen.period is not None
    shown = map_layers.select(rows, chosen.period, chosen.sex, chosen.age)
    api = api_rows(
        client, indicator=indicator, level=level, period=chosen.period, sex=chosen.sex, age=chosen.age
    )
    keys = ["area_code", "vintage"]
    for page in (chosen.rows, shown):
        merged = page.merge(api, on=keys, suffixes=("_page", "_api"), how="outer", indicator=True)
        assert (merged["_merge"] == "both").all()
        decimals = pd.Series(
            reader.load_table("catalogue").set_index("indicator_id").at[indicator, "decimals"],
            index=merged.index,
        )
        for figure in FIGURES:
            assert close(
                merged[f"{figure}_page"].astype(float), merged[f"{figure}_api"].astype(float), decimals
            )
