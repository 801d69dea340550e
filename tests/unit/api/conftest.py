"""A client for the API as the dashboard's server mounts it, on the tests' real store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from trafford_dash.api import routes


@pytest.fixture()
def client(built_store: None) -> Iterator[TestClient]:
    del built_store
    routes.MEMO.clear()
    with TestClient(Starlette(routes=routes.routes())) as test_client:
        yield test_client
