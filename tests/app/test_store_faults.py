"""A damaged or unreadable store never reaches a page as an exception box: one sentence, or a repair."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.app_runs import run_app
from tests.store_faults import MIDDLE_4KB, copy_the_built_store, damage, no_sources
from trafford_dash.core import config
from trafford_dash.pipeline import build
from trafford_dash.store import cached, reader

PAGES = sorted(p.relative_to(config.ROOT).as_posix() for p in (config.ROOT / "app_pages").glob("*.py"))


def _open(page: str) -> AppTest:
    return run_app(page, check=False)


def _unreadable(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every read of the store fails from now on (as if a file broke after the run's check)."""
    attempts: list[str] = []

    def fail(directory: Path | None = None, *files: str) -> Path:
        del directory, files
        attempts.append("read")
        raise reader.StoreError("The data store's values.parquet could not be read.")

    monkeypatch.setattr(reader, "require", fail)
    st.cache_data.clear()
    return attempts


@pytest.fixture()
def served(built_store: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The app serves a copy of the built store, which the test may damage."""
    target = tmp_path / "processed"
    shutil.copytree(config.PROCESSED_DIR, target)
    monkeypatch.setattr(config, "PROCESSED_DIR", target)
    st.cache_data.clear()
    yield target
    st.cache_data.clear()


def _errors(app: AppTest) -> list[str]:
    return [str(e.value) for e in app.error]


def _map_with_damaged_values(served: Path) -> AppTest:
    """The map page, opened after 4 KB in the middle of the values file was overwritten."""
    damage(served / reader.VALUES_FILE, MIDDLE_4KB)
    app = _open("app_pages/map.py")
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.mark.parametrize("page", PAGES)
def test_a_page_that_cannot_read_the_store_shows_one_sentence(
    built_store: None, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    attempts = _unreadable(monkeypatch)
    app = _open(page)
    assert not app.exception, [e.value for e in app.exception]
    if attempts:
        assert _errors(app) == [cached.PAGE_FAILED]


def test_a_control_that_cannot_read_the_store_shows_one_sentence(
    built_store: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _open("app_pages/compare.py")
    assert not app.exception
    options: list[Any] = list(app.selectbox(key="cmp_ind").options)
    _unreadable(monkeypatch)
    # Its callbacks (which look up the indicator's levels and periods) run before the page does.
    app.selectbox(key="cmp_ind").select_index(len(options) - 1).run()
    assert not app.exception, [e.value for e in app.exception]
    assert _errors(app) == [cached.PAGE_FAILED]


def test_a_damaged_store_is_rebuilt_before_the_page_is_drawn(
    served: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_the_built_store(monkeypatch)
    app = _map_with_damaged_values(served)
    labels = [box.label for box in app.status]
    assert len(labels) == 1
    assert labels[0].startswith(f"The data store's {reader.VALUES_FILE} was damaged, so it was rebuilt: ")
    assert reader.status(served).ready
    assert app.title and app.get("plotly_chart")


def test_a_damaged_store_that_cannot_be_rebuilt_is_not_shown(
    served: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_sources(monkeypatch)
    app = _map_with_damaged_values(served)
    errors = _errors(app)
    assert len(errors) == 1 and "could not be reached" in errors[0] and "\n" not in errors[0]
    assert not app.get("plotly_chart") and not app.title


def test_the_last_good_copy_is_shown_when_the_store_cannot_be_rebuilt(
    served: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_the_built_store(monkeypatch)
    build.build(force=True)  # keeps a good copy beside the store
    no_sources(monkeypatch)
    app = _map_with_damaged_values(served)
    warnings = [str(w.value) for w in app.warning]
    assert len(warnings) == 1 and "last good copy" in warnings[0]
    assert reader.status(served).ready
    assert app.title and app.get("plotly_chart")
