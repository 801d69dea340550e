"""Checksums of the store's files: recorded in the manifest by the build, verified before the store is read.

The manifest lists the sha256 of every other file in the store and carries a checksum of its own
content. A file is hashed again only when its stat changes (inode, size, modification or change
time), so checking the store on every page view costs a few ``stat`` calls.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

MANIFEST_FILE = "manifest.json"
CHECKSUMS = "checksums"
MANIFEST_CHECKSUM = "manifest_sha256"


def file_sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _content_sha256(manifest: dict[str, Any]) -> str:
    content = {key: value for key, value in manifest.items() if key != MANIFEST_CHECKSUM}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def checksums(directory: Path) -> dict[str, str]:
    """The sha256 of every file under ``directory`` but the manifest, by relative POSIX path."""
    files = sorted(p for p in directory.rglob("*") if p.is_file() and p.name != MANIFEST_FILE)
    return {path.relative_to(directory).as_posix(): file_sha256(path) for path in files}


def seal(directory: Path) -> None:
    """Record the checksums of a finished store in its manifest (written to a temporary file, renamed)."""
    path = directory / MANIFEST_FILE
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    manifest[CHECKSUMS] = checksums(directory)
    manifest[MANIFEST_CHECKSUM] = _content_sha256(manifest)
    written = path.with_name(path.name + ".tmp")
    written.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    os.replace(written, path)


def is_sealed(manifest: dict[str, Any]) -> bool:
    """True when the manifest records checksums (stores built before they were recorded do not)."""
    return isinstance(manifest.get(CHECKSUMS), dict) and MANIFEST_CHECKSUM in manifest


def manifest_intact(manifest: dict[str, Any]) -> bool:
    return manifest.get(MANIFEST_CHECKSUM) == _content_sha256(manifest)


def identity(path: Path) -> tuple[int, int, int, int] | None:
    """What changes whenever a file is written or replaced: inode, size, modification and change time."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


@functools.lru_cache(maxsize=512)
def _matches(path: str, version: tuple[int, int, int, int], expected: str) -> bool:
    del version  # part of the cache key only
    try:
        return file_sha256(Path(path)) == expected
    except OSError:
        return False


def problems(
    directory: Path, recorded: Mapping[str, str], only: Iterable[str] | None = None
) -> tuple[list[str], list[str]]:
    """The recorded files (or those of ``only``) that are missing, and those that fail their checksum.

    A file in ``only`` that has no recorded checksum counts as missing.
    """
    wanted: Mapping[str, str | None] = (
        recorded if only is None else {name: recorded.get(name) for name in only}
    )
    missing, damaged = [], []
    for name, expected in wanted.items():
        path = directory / name
        if expected is None:
            missing.append(name)
            continue
        now = identity(path)
        if now is None:
            missing.append(name)
        elif not _matches(str(path), now, expected):
            damaged.append(name)
    return missing, damaged
