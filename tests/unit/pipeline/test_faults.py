"""Faults in the data pipeline: each gives one sentence on what to do, and nothing good is lost.

Every test works on temporary copies (raw files, mirror, store); the real store the tests build is only read.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import shutil
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from trafford_dash import cli
from trafford_dash.core import config
from trafford_dash.pipeline import build, sources
from trafford_dash.pipeline.geography import areas
from trafford_dash.store import checks, reader

pytestmark = pytest.mark.store


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_sentence(message: str) -> None:
    text = message.strip()
    assert text and "\n" not in text and "Traceback" not in text, message


def _values_refused(directory: Path) -> str:
    """The one-sentence message with which reading the population values from ``directory`` fails."""
    with pytest.raises(reader.StoreError) as caught:
        reader.load_values(indicator_id="population", directory=directory)
    _one_sentence(str(caught.value))
    return str(caught.value)


@pytest.fixture()
def first_source(built_store: None) -> sources.Source:
    """The first file the build fetches: a fault there stops the build straight away."""
    return sources.get(build.source_keys()[0])


@pytest.fixture()
def previous_store(built_store: None, tmp_path: Path) -> Path:
    """A copy of the built store standing in for 'the store the app is serving'."""
    target = tmp_path / "processed"
    shutil.copytree(config.PROCESSED_DIR, target)
    return target


def _manifest(directory: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((directory / reader.MANIFEST_FILE).read_text(encoding="utf-8"))
    return loaded


def _assert_still_serving(directory: Path, manifest: dict[str, Any]) -> None:
    assert reader.status(directory).ready
    assert _manifest(directory) == manifest
    assert not reader.load_values(indicator_id="population", level="borough", directory=directory).empty
    assert not list(directory.parent.glob(f".{directory.name}.building-*")), "staging left behind"


@pytest.fixture()
def fake_build(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Replace the slow pipeline with a copy of the built store, recording each staging directory."""
    calls: list[Path] = []

    def build_into(staging: Path, mirror: Path | None, raw_dir: Path | None, report: Any) -> int:
        del mirror, raw_dir, report
        calls.append(staging)
        for item in config.PROCESSED_DIR.iterdir():
            if item.is_file():
                shutil.copy2(item, staging / item.name)
        manifest = _manifest(config.PROCESSED_DIR) | {
            "fingerprint": build.fingerprint(),
            "built_at": "rebuilt",
        }
        (staging / reader.MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
        return 1

    monkeypatch.setattr(build, "_build_into", build_into)
    yield calls


# --- raw files and the mirror -------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["truncated", "corrupt"])
def test_a_damaged_raw_file_is_fetched_again_and_verified(
    first_source: sources.Source, mirror: Path, tmp_path: Path, damage: str
) -> None:
    raw = tmp_path / "raw"
    good = sources.fetch(first_source, mirror=mirror, raw_dir=raw)
    data = good.read_bytes()
    good.write_bytes(data[: len(data) // 2] if damage == "truncated" else b"not the file" + data[12:])
    again = sources.fetch(first_source, mirror=mirror, raw_dir=raw)
    assert again == good and _sha256(again) == first_source.sha256


def test_a_damaged_raw_file_is_not_trusted_when_it_cannot_be_fetched_again(
    first_source: sources.Source, mirror: Path, tmp_path: Path
) -> None:
    raw = tmp_path / "raw"
    good = sources.fetch(first_source, mirror=mirror, raw_dir=raw)
    good.write_bytes(good.read_bytes()[:100])
    with pytest.raises(sources.SourceError) as caught:
        sources.fetch(first_source, mirror=tmp_path / "empty-mirror", raw_dir=raw)
    _one_sentence(str(caught.value))
    assert "does not exist" in str(caught.value)


def test_a_hash_mismatch_in_the_mirror_fails_the_build_naming_the_file_and_keeps_the_store(
    first_source: sources.Source, mirror: Path, previous_store: Path, tmp_path: Path
) -> None:
    bad_mirror = tmp_path / "mirror"
    copy = bad_mirror / first_source.relative_path
    copy.parent.mkdir(parents=True)
    original = (mirror / first_source.relative_path).read_bytes()
    copy.write_bytes(original.replace(b"a", b"b", 1) if b"a" in original else original + b" ")
    before = _manifest(previous_store)
    with pytest.raises(build.BuildError) as caught:
        build.build(mirror=bad_mirror, directory=previous_store, raw_dir=tmp_path / "raw", force=True)
    message = str(caught.value)
    _one_sentence(message)
    assert first_source.path in message and "sha256" in message and "previous data store was kept" in message
    assert not (tmp_path / "raw" / first_source.relative_path).exists(), "a file that failed was kept"
    _assert_still_serving(previous_store, before)


def test_a_missing_mirror_directory_is_one_sentence(first_source: sources.Source, tmp_path: Path) -> None:
    with pytest.raises(sources.SourceError) as caught:
        sources.fetch(first_source, mirror=tmp_path / "nowhere", raw_dir=tmp_path / "raw")
    _one_sentence(str(caught.value))
    assert "nowhere" in str(caught.value) and "does not exist" in str(caught.value)


def test_a_file_missing_from_the_mirror_is_named(first_source: sources.Source, tmp_path: Path) -> None:
    (tmp_path / "mirror").mkdir()
    with pytest.raises(sources.SourceError) as caught:
        sources.fetch(first_source, mirror=tmp_path / "mirror", raw_dir=tmp_path / "raw")
    _one_sentence(str(caught.value))
    assert first_source.path in str(caught.value)


def test_no_mirror_and_no_network_is_one_sentence_and_keeps_the_store(
    first_source: sources.Source,
    previous_store: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Nothing listens on the discard port of the loopback address: the fetch fails at once.
    monkeypatch.setattr(config, "PUBLIC_BASE_URL", "http://127.0.0.1:9")
    monkeypatch.setattr(config, "resolve_mirror", lambda explicit=None: None)
    with pytest.raises(sources.SourceError) as caught:
        sources.fetch(first_source, mirror=None, raw_dir=tmp_path / "raw")
    _one_sentence(str(caught.value))
    assert "no local mirror" in str(caught.value) and "could not be reached" in str(caught.value)
    before = _manifest(previous_store)
    with pytest.raises(build.BuildError) as failed:
        build.build(directory=previous_store, raw_dir=tmp_path / "raw", force=True)
    _one_sentence(str(failed.value))
    assert "could not be reached" in str(failed.value)
    _assert_still_serving(previous_store, before)


# --- the store ---------------------------------------------------------------------------------


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_a_missing_store_is_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "processed"
    state = reader.status(missing)
    assert not state.ready and state.reason == "missing"
    assert "trafford_dash build" in _values_refused(missing)
    monkeypatch.setattr(config, "PROCESSED_DIR", missing)
    code, out, err = _cli("export", "--indicator", "population", "--level", "ward")
    assert code == 1 and out == ""
    _one_sentence(err)


def test_a_stale_store_is_rebuilt(previous_store: Path, fake_build: list[Path]) -> None:
    manifest = _manifest(previous_store) | {"fingerprint": "from older inputs"}
    (previous_store / reader.MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    checks.seal(previous_store)  # an intact store, built from older inputs
    assert reader.status(previous_store).ready and not build.is_current(previous_store)
    result = build.build(directory=previous_store)
    assert result.rebuilt and len(fake_build) == 1
    assert build.is_current(previous_store)
    again = build.build(directory=previous_store)
    assert not again.rebuilt and len(fake_build) == 1, "an up-to-date store is not rebuilt"


def test_a_store_from_an_older_version_is_refused_and_rebuilt(
    previous_store: Path, fake_build: list[Path]
) -> None:
    manifest = _manifest(previous_store) | {"schema_version": config.STORE_SCHEMA_VERSION - 1}
    (previous_store / reader.MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    state = reader.status(previous_store)
    assert not state.ready and state.reason == "incompatible"
    assert "another version" in _values_refused(previous_store)
    assert build.build(directory=previous_store).rebuilt
    assert reader.status(previous_store).ready and len(fake_build) == 1


@pytest.mark.parametrize("damage", ["truncated values", "garbled manifest", "missing table"])
def test_a_damaged_store_is_detected_and_rebuilt(
    previous_store: Path, fake_build: list[Path], damage: str
) -> None:
    if damage == "truncated values":
        path = previous_store / reader.VALUES_FILE
        path.write_bytes(path.read_bytes()[:1000])
    elif damage == "garbled manifest":
        (previous_store / reader.MANIFEST_FILE).write_text("{not json", encoding="utf-8")
    else:
        (previous_store / reader.AREAS_FILE).unlink()
    state = reader.status(previous_store)
    assert not state.ready
    _one_sentence(state.message)
    _values_refused(previous_store)
    assert build.build(directory=previous_store).rebuilt
    assert reader.status(previous_store).ready


def test_a_table_damaged_after_the_check_is_a_store_error(previous_store: Path) -> None:
    path = previous_store / "lsoa_to_ward.parquet"
    path.write_bytes(b"PAR1" + b"\0" * 64 + b"PAR1")
    with pytest.raises(reader.StoreError) as caught:
        reader.load_table("lsoa_to_ward", directory=previous_store)
    _one_sentence(str(caught.value))
    assert "trafford_dash build" in str(caught.value)


# --- interrupted builds ------------------------------------------------------------------------


@pytest.mark.parametrize("interruption", [RuntimeError("simulated crash"), KeyboardInterrupt()])
def test_an_interrupted_build_keeps_the_previous_store(
    previous_store: Path, monkeypatch: pytest.MonkeyPatch, interruption: BaseException
) -> None:
    staged: list[Path] = []

    def crash(paths: Any, out_dir: Path) -> Any:
        del paths
        staged.append(out_dir)
        (out_dir / "half-written.parquet").write_bytes(b"PAR1")
        raise interruption

    monkeypatch.setattr(areas, "build_geography", crash)
    before = _manifest(previous_store)
    expected = build.BuildError if isinstance(interruption, Exception) else KeyboardInterrupt
    with pytest.raises(expected) as caught:
        build.build(directory=previous_store, force=True)
    if expected is build.BuildError:
        _one_sentence(str(caught.value))
        assert "previous data store was kept" in str(caught.value)
    assert staged and not staged[0].exists(), "the half-built store was left behind"
    _assert_still_serving(previous_store, before)


def test_a_crash_between_the_two_renames_is_recovered(previous_store: Path) -> None:
    backup = previous_store.with_name(previous_store.name + ".old")
    previous_store.rename(backup)
    lock = reader.lock_path(previous_store)
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        # While a build holds the lock the rename is its own: leave it alone.
        assert reader.processed_dir(previous_store) == previous_store and not previous_store.exists()
        fcntl.flock(handle, fcntl.LOCK_UN)
    assert reader.status(previous_store).ready and not backup.exists()


def test_cli_build_failure_is_one_sentence(
    first_source: sources.Source, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "PROCESSED_DIR", tmp_path / "processed")
    monkeypatch.setattr(config, "RAW_DIR", tmp_path / "raw")
    code, _, err = _cli("build", "--quiet", "--mirror", str(tmp_path / "no-mirror"))
    assert code == 1
    _one_sentence(err)
    assert "does not exist" in err and not (tmp_path / "processed").exists()


def test_cli_interrupt_is_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> pd.DataFrame:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.catalogue, "load_catalogue", interrupted)
    code, _, err = _cli("indicators")
    assert code == 130
    _one_sentence(err)
