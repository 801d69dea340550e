"""Whole copies of the store on disk: a build's staging folder, the swap into place, the last good copy.

A build writes into ``data/.processed.building-<pid>`` and renames it into place only when complete.
A build killed before then leaves its folder behind; the next build removes it once that process is
gone. After each successful build a copy is kept in ``data/processed.good``, to put back (once its
checksums are verified) when the store is found damaged and cannot be rebuilt.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from trafford_dash.store import reader

log = logging.getLogger(__name__)

STAGING_PURPOSES = ("building", "restoring", "copying")


def staging_dir(directory: Path, purpose: str = "building") -> Path:
    """This process's temporary folder beside ``directory`` (hidden, and ignored by git)."""
    return directory.with_name(f".{directory.name}.{purpose}-{os.getpid()}")


def good_copy_dir(directory: Path) -> Path:
    return directory.with_name(directory.name + ".good")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except (OverflowError, ValueError):
        return False
    return True


def remove_stale_staging(directory: Path) -> list[Path]:
    """Remove the staging folders of processes that are no longer running; returns what was removed."""
    removed = []
    prefix = f".{directory.name}."
    for folder in directory.parent.glob(f"{prefix}*-*"):
        purpose, _, pid = folder.name.removeprefix(prefix).rpartition("-")
        if purpose not in STAGING_PURPOSES or not pid.isdigit() or _alive(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def swap_in(staging: Path, directory: Path) -> None:
    """Replace ``directory`` with ``staging`` by two renames (see :func:`store.processed_dir` for a crash)."""
    backup = directory.with_name(directory.name + ".old")
    shutil.rmtree(backup, ignore_errors=True)
    if directory.exists():
        directory.rename(backup)
    staging.rename(directory)
    shutil.rmtree(backup, ignore_errors=True)


def keep_good_copy(directory: Path) -> None:
    """Copy a freshly built store to :func:`good_copy_dir`; a failure only costs the fallback."""
    staging = staging_dir(directory, "copying")
    try:
        shutil.copytree(directory, staging)
        swap_in(staging, good_copy_dir(directory))
    except OSError as error:
        log.warning("No copy of the data store was kept for a fallback: %s", error)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def restore_good_copy(directory: Path) -> str | None:
    """Put the last good copy in place of ``directory``; returns its build date, or ``None`` if there is none.

    A copy that fails its own checksums is never restored.
    """
    good = good_copy_dir(directory)
    if not reader.status(good).ready:
        return None
    staging = staging_dir(directory, "restoring")
    try:
        shutil.copytree(good, staging)
        if not reader.status(staging).ready:
            return None
        swap_in(staging, directory)
    except OSError as error:
        log.warning("The last good copy of the data store could not be restored: %s", error)
        return None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return str(reader.read_manifest(directory).get("built_at", ""))[:10]
