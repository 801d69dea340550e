"""Helpers for tests that damage a copy of the store or stand in for the build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from trafford_dash.core import config
from trafford_dash.pipeline import build, sources
from trafford_dash.store import checks, reader

RECORDED_KEYS = (checks.CHECKSUMS, checks.MANIFEST_CHECKSUM)
"""The manifest keys the store checks record (left out when a test rewrites the manifest)."""

MIDDLE_4KB = "4 KB overwritten in the middle"
ONE_BIT = "one bit flipped"


def damage(path: Path, how: str) -> None:
    """Change a file in place, as a failing disk would: 4 KB of zeros in the middle, or one flipped bit."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    if how == MIDDLE_4KB:
        data[middle : middle + 4096] = bytes(4096)
    else:
        data[middle] ^= 0x01
    with open(path, "r+b") as handle:
        handle.write(data)


def copy_the_built_store(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Make the build copy the real store's files instead of running the pipeline; returns its staging dirs.

    The copy's manifest loses its checksums, which the build records again.
    """
    calls: list[Path] = []

    def build_into(staging: Path, mirror: Path | None, raw_dir: Path | None, report: Any) -> int:
        del mirror, raw_dir, report
        calls.append(staging)
        shutil.copytree(config.PROCESSED_DIR, staging, dirs_exist_ok=True)
        manifest = json.loads((staging / reader.MANIFEST_FILE).read_text(encoding="utf-8"))
        manifest = {key: value for key, value in manifest.items() if key not in RECORDED_KEYS}
        manifest["fingerprint"] = build.fingerprint()
        (staging / reader.MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
        return 1

    monkeypatch.setattr(build, "_build_into", build_into)
    return calls


def no_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every build fail as it would with no mirror and no network."""

    def unreachable(*args: Any, **kwargs: Any) -> int:
        raise sources.SourceError("The open-data file x.csv could not be reached and no local mirror is set.")

    monkeypatch.setattr(build, "_build_into", unreachable)
