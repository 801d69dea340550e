"""Every endpoint, every error answer, paging, CSV, compression and ETags, on the tests' real store."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from starlette.testclient import TestClient

from trafford_dash.api import endpoints
from trafford_dash.core import config
from trafford_dash.store import reader

V1 = "/api/v1"


def test_indicators_are_the_catalogue_with_definitions_and_licences(client: TestClient) -> None:
    answer = client.get(f"{V1}/indicators", params={"limit": 10_000}).json()
    catalogue = reader.load_table("catalogue")
    assert answer["total"] == len(catalogue) == answer["returned"]
    first = answer["data"][0]
    for column in (
        "indicator_id",
        "title",
        "definition",
        "unit",
        "polarity",
        "ci_method",
        "source",
        "licence",
    ):
        assert column in first
    assert (
        answer["licence"] == "Open Government Licence v3.0" and "Trafford Data Lab" in answer["attribution"]
    )


def test_areas_have_levels_vintages_and_parents(client: TestClient) -> None:
    rows = pd.DataFrame(client.get(f"{V1}/areas", params={"limit": 10_000}).json()["data"])
    wards = rows[(rows["level"] == "ward") & (rows["vintage"] == "2022")]
    assert len(wards) == 21 and set(wards["parent_code"]) == {
        "nbh_north",
        "nbh_central",
        "nbh_west",
        "nbh_south",
    }
    north = rows[rows["area_code"] == "nbh_north"]
    assert set(north["parent_code"]) == {config.TRAFFORD_CODE}
    assert rows.loc[rows["area_code"] == config.TRAFFORD_CODE, "parent_code"].item() == "E47000001"
    only = client.get(f"{V1}/areas", params={"level": "neighbourhood"}).json()
    assert only["total"] == 8


def test_values_for_one_indicator_at_one_level(client: TestClient) -> None:
    answer = client.get(
        f"{V1}/values", params={"indicator": "bad_health", "level": "ward", "period": "2021"}
    ).json()
    rows = pd.DataFrame(answer["data"])
    assert set(rows["level"]) == {"ward"} and set(rows["period"]) == {"2021"}
    for column in (
        "value",
        "lower_ci_95",
        "upper_ci_998",
        "count",
        "denominator",
        "significance_england",
        "value_note",
        "approximate",
        "suppressed",
        "unit",
        "licence",
        "attribution",
    ):
        assert column in rows
    store = reader.load_values(indicator_id="bad_health", level="ward", period="2021")
    assert len(rows) == len(store)


def test_latest_is_each_indicators_latest_period(client: TestClient) -> None:
    rows = pd.DataFrame(
        client.get(
            f"{V1}/values",
            params={"indicator": "population", "level": "borough", "period": "latest", "limit": 10_000},
        ).json()["data"]
    )
    store = reader.load_values(indicator_id="population", level="borough")
    newest = store.sort_values(["year", "period"])["period"].iloc[-1]
    assert set(rows["period"]) == {newest}


def test_pages_follow_next_links_to_the_whole_result(client: TestClient) -> None:
    params = {"indicator": "bad_health", "level": "lsoa", "limit": 50}
    first = client.get(f"{V1}/values", params=params).json()
    seen, link = len(first["data"]), first["next"]
    while link:
        page = client.get(link).json()
        seen, link = seen + page["returned"], page["next"]
    assert seen == first["total"] > 50


def test_csv_answers_carry_licence_and_a_next_link_header(client: TestClient) -> None:
    response = client.get(
        f"{V1}/values", params={"indicator": "bad_health", "level": "ward", "format": "csv", "limit": 5}
    )
    assert response.headers["content-type"].startswith("text/csv")
    frame = pd.read_csv(io.StringIO(response.text))
    assert len(frame) == 5 and frame["licence"].notna().all()
    assert 'rel="next"' in response.headers["link"]
    areas = pd.read_csv(io.StringIO(client.get(f"{V1}/areas", params={"format": "csv"}).text))
    assert (areas["licence"] == "Open Government Licence v3.0").all()


def test_meta_cites_the_build_and_every_source(client: TestClient) -> None:
    meta = client.get(f"{V1}/meta").json()
    manifest = reader.read_manifest()
    assert meta["store"]["built_at"] == manifest["built_at"]
    assert len(meta["sources"]) == len(manifest["sources"])
    source = meta["sources"][0]
    assert source["url"].startswith("https://raw.githubusercontent.com/") and len(source["sha256"]) == 64
    assert source["sha256"] == manifest["sources"][source["key"]]


def test_repeats_are_answered_from_the_etag_and_compressed(client: TestClient) -> None:
    params = {"indicator": "bad_health", "level": "ward"}
    first = client.get(f"{V1}/values", params=params, headers={"Accept-Encoding": "gzip"})
    assert first.headers["content-encoding"] == "gzip"
    etag = first.headers["etag"]
    again = client.get(f"{V1}/values", params=params, headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.content
    other = client.get(f"{V1}/values", params={**params, "limit": 3})
    assert other.headers["etag"] != etag


@pytest.mark.parametrize(
    ("path", "params", "parameter", "words"),
    [
        ("values", {"indicator": "no_such_thing"}, "indicator", "Unknown indicator 'no_such_thing'"),
        (
            "values",
            {"indicator": "bad_health", "level": "galaxy"},
            "level",
            "valid choices: lsoa, msoa, ward",
        ),
        ("values", {"area": "E99999999"}, "area", "Unknown area 'E99999999'"),
        ("values", {"indicator": "bad_health", "period": "1066"}, "period", "valid choices: latest, all"),
        ("values", {"indicator": "bad_health", "vintage": "1999"}, "vintage", "Unknown vintage"),
        ("values", {"indicator": "bad_health", "sex": "Other"}, "sex", "Unknown sex"),
        ("values", {"indicator": "bad_health", "format": "xml"}, "format", "valid choices: json, csv"),
        ("values", {"indicator": "bad_health", "offset": "-4"}, "offset", "whole number"),
        ("values", {"level": "ward"}, None, "needs 'indicator' or 'area'"),
        ("areas", {"level": "planet"}, "level", "Unknown level 'planet'"),
        ("indicators", {"colour": "red"}, "colour", "Unknown parameter 'colour'"),
        ("meta", {"limit": "3"}, "limit", "Unknown parameter 'limit'"),
    ],
)
def test_bad_requests_get_400_and_one_sentence(
    client: TestClient, path: str, params: dict[str, str], parameter: str | None, words: str
) -> None:
    response = client.get(f"{V1}/{path}", params=params)
    assert response.status_code == 400
    body = response.json()
    assert words in body["error"] and body.get("parameter") == parameter
    assert body["error"].count(". ") == 0 and body["error"].endswith(".")


def test_an_unknown_address_lists_the_endpoints(client: TestClient) -> None:
    response = client.get(f"{V1}/valuez")
    assert response.status_code == 404 and f"{V1}/values" in response.json()["error"]


def test_a_missing_store_gets_503_with_the_apps_sentence(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "PROCESSED_DIR", tmp_path / "processed")
    response = client.get(f"{V1}/values", params={"indicator": "bad_health"})
    assert response.status_code == 503 and response.headers["retry-after"] == "60"
    assert response.json()["error"].startswith(reader.status().message.rstrip("."))


def test_the_openapi_description_covers_every_endpoint_and_parameter(client: TestClient) -> None:
    document = client.get(f"{V1}/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    for endpoint in endpoints.ALL_ENDPOINTS:
        operation = document["paths"][endpoint.path]["get"]
        assert [p["name"] for p in operation["parameters"]] == [p.name for p in endpoint.parameters]
        assert {"200", "400", "503"} <= set(operation["responses"])
    json.dumps(document)


def test_suppressed_values_stay_suppressed(client: TestClient) -> None:
    store = reader.load_values(level="ward")
    hidden = store[store["suppressed"]]
    if hidden.empty:
        pytest.skip("No suppressed ward figures in this store")
    row = hidden.iloc[0]
    answer = client.get(
        f"{V1}/values",
        params={"indicator": row["indicator_id"], "area": row["area_code"], "period": row["period"]},
    ).json()["data"]
    assert answer and all(item["value"] is None for item in answer if item["suppressed"])
    assert all(item["count"] is None for item in answer if item["suppressed"])


def test_payments_by_month_add_up_to_the_year_and_name_no_individual(client: TestClient) -> None:
    from trafford_dash.store import payments

    monthly = client.get(f"{V1}/payments", params={"by": "month", "year": "2025/26"}).json()
    rows = pd.DataFrame(monthly["data"])
    assert len(rows) == 12 and list(rows.columns[:2]) == ["month", "amount_pence"]
    year = payments.totals([], year="2025/26")
    assert rows["amount_pence"].sum() == year["amount_pence"].item()
    assert rows["payments"].sum() == year["payments"].item()
    suppliers = pd.DataFrame(
        client.get(f"{V1}/payments", params={"by": "supplier", "limit": 10_000}).json()["data"]
    )
    assert set(suppliers["supplier"]) <= set(payments.values("supplier"))
    assert "Other suppliers" in set(suppliers["supplier"])


def test_a_part_year_says_so_and_bad_payment_parameters_get_one_sentence(client: TestClient) -> None:
    from trafford_dash.store import payments

    years = payments.years()
    part = years[years["part_year"]]["financial_year"]
    if not part.empty:
        rows = client.get(f"{V1}/payments", params={"year": part.iloc[0]}).json()["data"]
        assert "part year" in rows[0]["note"]
    wrong = client.get(f"{V1}/payments", params={"by": "colour"}).json()
    assert wrong["parameter"] == "by" and "valid choices: year, month, unit" in wrong["error"]
    wrong = client.get(f"{V1}/payments", params={"year": "1999/00"}).json()
    assert wrong["parameter"] == "year" and "2025/26" in wrong["error"]
