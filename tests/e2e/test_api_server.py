"""The open-data API on the real server: ``streamlit run server.py``, as ``make run`` starts it."""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from tests.browser import serve
from trafford_dash.core import config


@pytest.fixture(scope="module")
def server_url(built_store: None) -> Iterator[str]:
    del built_store
    with serve(config.ROOT / "server.py") as server:
        yield server.url


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_the_dashboard_and_the_api_share_one_server(server_url: str) -> None:
    status, _, page = fetch(server_url + "/")
    assert status == 200 and b"<html" in page.lower()
    status, _, health = fetch(server_url + "/_stcore/health")
    assert status == 200 and health == b"ok"
    status, headers, body = fetch(
        server_url + "/api/v1/values?indicator=bad_health&level=neighbourhood&period=latest",
        {"Accept-Encoding": "gzip"},
    )
    assert status == 200 and headers["content-encoding"] == "gzip"
    answer = json.loads(gzip.decompress(body))
    assert answer["total"] == 8 and answer["licence"].startswith("Open Government Licence")
    status, _, _ = fetch(
        server_url + "/api/v1/values?indicator=bad_health&level=neighbourhood&period=latest",
        {"If-None-Match": headers["etag"]},
    )
    assert status == 304


def test_bad_input_on_the_real_server_gets_one_sentence(server_url: str) -> None:
    status, headers, body = fetch(server_url + "/api/v1/values?indicator=%3Cscript%3E")
    assert status == 400 and headers["content-type"].startswith("application/json")
    assert json.loads(body)["parameter"] == "indicator"
    status, _, body = fetch(server_url + "/api/v1/openapi.json")
    assert status == 200 and "/api/v1/values" in json.loads(body)["paths"]
