"""Shared fixtures: the real data store, built once per test session from the pinned sources."""

from __future__ import annotations

import pytest

from trafford_dash.core import config
from trafford_dash.pipeline import build


@pytest.fixture(scope="session")
def built_store() -> None:
    """Build (or confirm) the store in data/processed from the configured mirror."""
    if config.resolve_mirror() is None:
        pytest.skip("No open-data mirror is configured and the network is not used in tests.")
    build.build()
