"""The build: what it depends on, the no-op rebuild, and a full build into a temporary directory."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from trafford_dash.core import config
from trafford_dash.pipeline import build, fingerprint
from trafford_dash.store import reader, schema

PACKAGE = config.ROOT / "trafford_dash"


def test_the_fingerprint_follows_the_build_code_and_not_the_pages() -> None:
    names = {path.relative_to(PACKAGE).as_posix() for path in fingerprint.code_files()}
    for needed in (
        "pipeline/build.py",
        "pipeline/aggregate.py",
        "pipeline/suppression.py",
        "store/schema.py",
        "pipeline/loaders/census.py",
    ):
        assert needed in names, needed
    assert not any("ui" in name.split("/") for name in names), (
        "editing a page helper must not force a rebuild"
    )
    assert "core/formatting.py" not in names and "core/choropleth.py" not in names


def test_the_fingerprint_changes_with_the_authored_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, data, ignore=shutil.ignore_patterns("raw", "processed", "processed.*"))
    monkeypatch.setattr(config, "DATA_DIR", data)
    authored = fingerprint.authored_files()
    assert data / "indicators.csv" in authored
    assert not any(part in ("raw", "processed") for path in authored for part in path.parts[-3:])
    before = build.fingerprint()
    assert build.fingerprint() == before
    table = data / "ward_neighbourhoods.csv"
    table.write_text(table.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert build.fingerprint() != before


@pytest.mark.store
def test_an_unchanged_store_is_a_quick_no_op(built_store: None) -> None:
    started = time.perf_counter()
    result = build.build()
    assert not result.rebuilt
    assert time.perf_counter() - started < 5
    manifest = reader.read_manifest()
    assert manifest["schema_version"] == config.STORE_SCHEMA_VERSION
    assert manifest["suppressed"]["primary"] > 0


@pytest.fixture(scope="module")
def fresh_build(built_store: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A full build into a temporary directory from the verified raw files."""
    target = tmp_path_factory.mktemp("build") / "processed"
    messages: list[tuple[float, str]] = []
    result = build.build(directory=target, progress=lambda fraction, text: messages.append((fraction, text)))
    assert result.rebuilt and result.rows > 100_000
    fractions = [fraction for fraction, _ in messages]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("small-number" in text for _, text in messages)
    return target


@pytest.mark.store
def test_a_full_build_reproduces_the_store(fresh_build: Path) -> None:
    assert reader.status(fresh_build).ready
    assert not list(fresh_build.parent.glob(".processed.building-*"))
    ours = reader.load_values(directory=fresh_build)
    served = reader.load_values()
    key = ["indicator_id", "level", "vintage", "area_code", "period", "sex", "age"]
    pd.testing.assert_frame_equal(
        ours.sort_values(key).reset_index(drop=True), served.sort_values(key).reset_index(drop=True)
    )
    schema.IndicatorValues.validate(ours)
    manifest = json.loads((fresh_build / reader.MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["fingerprint"] == build.fingerprint()
    assert manifest["catalogue_coverage_problems"] == []


@pytest.mark.store
def test_filters_are_pushed_into_the_read(fresh_build: Path) -> None:
    rows = reader.load_values(indicator_id="bad_health", level="ward", vintage="2022", directory=fresh_build)
    assert set(rows["indicator_id"]) == {"bad_health"} and set(rows["level"]) == {"ward"}
    several = reader.load_values(
        indicator_id=["bad_health", "disability"], level=("lsoa",), directory=fresh_build
    )
    assert set(several["indicator_id"]) == {"bad_health", "disability"}
