"""Shared fixtures: the real data store, built once per test session from the pinned sources, and a small
synthetic store for tests that need only a store-shaped input (no open-data mirror)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pytest

from tests import synthetic_store as synthetic
from trafford_dash.core import config
from trafford_dash.pipeline import build

# The tests' own real store: outside the repository (so no test writes into ``data/processed``), one per
# checkout, kept between sessions so that an unchanged store is a quick no-op build.
TEST_STORE = (
    Path(tempfile.gettempdir())
    / f"trafford-dash-tests-{hashlib.sha256(str(config.ROOT).encode()).hexdigest()[:12]}"
    / "processed"
)


def pytest_configure() -> None:
    """Point every reader, and the servers the tests start, at the tests' store (or $TRAFFORD_STORE_DIR)."""
    os.environ.setdefault(config.STORE_DIR_ENV, str(TEST_STORE))
    config.PROCESSED_DIR = Path(os.environ[config.STORE_DIR_ENV])
    config.PROCESSED_DIR.parent.mkdir(parents=True, exist_ok=True)  # the build's lock file sits beside it


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The local open-data mirror; tests that read the real source files skip without one."""
    found = config.resolve_mirror()
    if found is None:
        pytest.skip(
            f"No open-data mirror: set {config.MIRROR_ENV} or place it at {config.DEFAULT_MIRROR} "
            "(tests do not use the network)."
        )
    return found


@pytest.fixture(scope="session")
def built_store() -> None:
    """Build (or confirm) the real store in ``config.PROCESSED_DIR`` (:data:`TEST_STORE`, or the directory
    named by ``TRAFFORD_STORE_DIR``) from the configured mirror; skipped when there is no mirror."""
    if config.resolve_mirror() is None:
        pytest.skip(
            f"No open-data mirror to build the real store from: set {config.MIRROR_ENV} or place it at "
            f"{config.DEFAULT_MIRROR} (tests do not use the network)."
        )
    build.build()


@pytest.fixture(scope="session")
def synthetic_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic store (see :mod:`tests.synthetic_store`) in a temporary directory.

    Built once per session through the real build, with no open-data mirror.
    """
    return synthetic.build_synthetic_store(tmp_path_factory.mktemp("synthetic") / "processed")


@pytest.fixture()
def synthetic_store(synthetic_store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The synthetic store, found by the readers as ``config.PROCESSED_DIR`` for the test's duration only."""
    monkeypatch.setattr(config, "PROCESSED_DIR", synthetic_store_dir)
    return synthetic_store_dir
