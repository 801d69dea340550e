"""Damage inside the store is caught by its checksums, never served, and repaired or replaced.

Every test works on a temporary copy of the small synthetic store (:mod:`tests.synthetic_store`), so no
open-data mirror is needed and ``data/processed`` is never touched.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import synthetic_store as synthetic
from tests.store_faults import MIDDLE_4KB, ONE_BIT, RECORDED_KEYS, copy_the_built_store, damage, no_sources
from trafford_dash.core import config
from trafford_dash.pipeline import build, store_copies
from trafford_dash.store import checks, reader


def _one_sentence(message: str) -> None:
    text = message.strip()
    assert text and "\n" not in text and "Traceback" not in text, message
    assert text.count(". ") == 0 and text.endswith("."), f"not one sentence: {message}"


@pytest.fixture()
def served(synthetic_store: Path, tmp_path: Path) -> Path:
    """A copy of the synthetic store standing in for the store the app is serving."""
    target = tmp_path / "processed"
    shutil.copytree(config.PROCESSED_DIR, target)
    return target


@pytest.fixture()
def fake_build(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    return copy_the_built_store(monkeypatch)


@pytest.mark.parametrize("how", [MIDDLE_4KB, ONE_BIT])
def test_damage_inside_a_file_is_caught_and_never_served(served: Path, how: str) -> None:
    damage(served / reader.VALUES_FILE, how)
    state = reader.status(served)
    assert not state.ready and state.reason == "corrupt"
    assert state.files == (reader.VALUES_FILE,)
    _one_sentence(state.message)
    assert reader.VALUES_FILE in state.message
    with pytest.raises(reader.StoreError):
        reader.load_values(indicator_id=synthetic.PROPORTION, level="ward", directory=served)


def test_every_file_of_the_store_is_checked(served: Path) -> None:
    recorded = reader.read_manifest(served)[checks.CHECKSUMS]
    on_disk = {
        path.relative_to(served).as_posix()
        for path in served.rglob("*")
        if path.is_file() and path.name != reader.MANIFEST_FILE
    }
    assert set(recorded) == on_disk
    damage(served / "maps" / "ward_2023.geojson", ONE_BIT)
    assert reader.status(served).files == ("maps/ward_2023.geojson",)


def test_a_changed_manifest_is_caught(served: Path) -> None:
    path = served / reader.MANIFEST_FILE
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["built_at"] = "2001-01-01T00:00:00+00:00"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    state = reader.status(served)
    assert not state.ready and state.reason == "corrupt"
    _one_sentence(state.message)


def test_a_store_without_checksums_is_rebuilt(served: Path, fake_build: list[Path]) -> None:
    path = served / reader.MANIFEST_FILE
    manifest = json.loads(path.read_text(encoding="utf-8"))
    old = {key: value for key, value in manifest.items() if key not in RECORDED_KEYS}
    path.write_text(json.dumps(old), encoding="utf-8")
    assert reader.status(served).reason == "unverified"
    assert build.build(directory=served).rebuilt and reader.status(served).ready


def test_files_are_hashed_once_per_version(served: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hashed: list[str] = []
    real = checks.file_sha256

    def counting(path: Path) -> str:
        hashed.append(path.name)
        return real(path)

    monkeypatch.setattr(checks, "file_sha256", counting)
    assert reader.status(served).ready
    first = len(hashed)
    assert first > 0
    for _ in range(3):
        assert reader.status(served).ready
    assert len(hashed) == first, "a page view re-hashed unchanged files"
    values = served / reader.VALUES_FILE
    stat = values.stat()
    damage(values, ONE_BIT)
    os.utime(values, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same modification time and size
    assert not reader.status(served).ready
    assert hashed[first:] == [reader.VALUES_FILE]


@pytest.mark.parametrize("how", [MIDDLE_4KB, ONE_BIT])
def test_build_rebuilds_a_damaged_store_and_says_so(served: Path, fake_build: list[Path], how: str) -> None:
    assert build.is_current(served)
    damage(served / reader.VALUES_FILE, how)
    result = build.build(directory=served)
    assert result.rebuilt and len(fake_build) == 1
    _one_sentence(result.message)
    assert reader.VALUES_FILE in result.message and "rebuilt" in result.message
    assert reader.status(served).ready


def test_with_no_source_the_last_good_copy_is_restored(
    served: Path, fake_build: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    build.build(directory=served, force=True)
    assert reader.status(store_copies.good_copy_dir(served)).ready
    expected = reader.load_values(indicator_id=synthetic.PROPORTION, level="ward", directory=served)
    damage(served / reader.VALUES_FILE, MIDDLE_4KB)
    no_sources(monkeypatch)
    result = build.build(directory=served)
    assert result.restored and not result.rebuilt
    _one_sentence(result.message)
    assert "last good copy" in result.message
    assert reader.status(served).ready
    restored = reader.load_values(indicator_id=synthetic.PROPORTION, level="ward", directory=served)
    assert restored.equals(expected)


def test_with_no_source_and_no_good_copy_the_damage_is_not_served(
    served: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damage(served / reader.VALUES_FILE, ONE_BIT)
    no_sources(monkeypatch)
    with pytest.raises(build.BuildError) as caught:
        build.build(directory=served)
    assert "\n" not in str(caught.value) and "damaged" in str(caught.value)
    assert not reader.status(served).ready
    with pytest.raises(reader.StoreError):
        reader.load_values(indicator_id=synthetic.PROPORTION, directory=served)


def test_a_damaged_good_copy_is_never_restored(
    served: Path, fake_build: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    build.build(directory=served, force=True)
    damage(store_copies.good_copy_dir(served) / reader.VALUES_FILE, ONE_BIT)
    damage(served / reader.VALUES_FILE, ONE_BIT)
    no_sources(monkeypatch)
    with pytest.raises(build.BuildError):
        build.build(directory=served)
    assert not reader.status(served).ready


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    return int(child.stdout)


def test_staging_left_by_a_killed_build_is_removed_on_the_next_build(served: Path) -> None:
    stale = served.with_name(f".{served.name}.building-{_dead_pid()}")
    (stale / "maps").mkdir(parents=True)
    (stale / "values.parquet").write_bytes(b"PAR1")
    running = served.with_name(f".{served.name}.building-{os.getppid()}")  # a live process's
    running.mkdir()
    result = build.build(directory=served)
    assert not result.rebuilt, "the store was current: only the sweep ran"
    assert not stale.exists()
    assert running.exists(), "a folder whose process is alive was removed"


def test_staging_folders_are_ignored_by_git() -> None:
    if shutil.which("git") is None or not (config.ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "data/.processed.building-12345/values.parquet"],
        cwd=config.ROOT,
        check=False,
    )
    assert ignored.returncode == 0
