"""The open-data source registry and verified fetching of each file.

Every file the pipeline reads is named in ``data/sources.csv`` by its public address (owner,
repository, commit, path) and pinned by sha256. Files are fetched from
``https://raw.githubusercontent.com/{owner}/{repo}/{commit}/{path}`` or, when a mirror is
configured, copied from ``{mirror}/{owner}/{repo}/{commit}/{path}``. Either way pooch checks the
hash before the file is moved into ``data/raw``, so a file that fails its hash never replaces a
good one, and a verified copy that was later altered or truncated is fetched again and re-verified.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from trafford_dash.core import config


class SourceError(RuntimeError):
    """A source file could not be fetched or failed verification; the message says what to do."""


@dataclass(frozen=True)
class Source:
    """One pinned open-data file."""

    key: str
    owner: str
    repo: str
    commit: str
    path: str
    sha256: str
    licence: str
    attribution: str

    @property
    def url(self) -> str:
        return f"{config.PUBLIC_BASE_URL}/{self.owner}/{self.repo}/{self.commit}/{self.path}"

    @property
    def relative_path(self) -> Path:
        return Path(self.owner) / self.repo / self.commit / self.path

    def local_path(self, raw_dir: Path | None = None) -> Path:
        return (raw_dir or config.RAW_DIR) / self.relative_path


@lru_cache(maxsize=4)
def _registry(path: Path) -> dict[str, Source]:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return {
        row["key"]: Source(
            key=row["key"],
            owner=row["owner"],
            repo=row["repo"],
            commit=row["commit"],
            path=row["path"],
            sha256=row["sha256"],
            licence=row["licence"],
            attribution=row["attribution"],
        )
        for row in frame.to_dict("records")
    }


def registry(path: Path | None = None) -> dict[str, Source]:
    """All registered sources by key (``repo:path``, ward data as ``ward_data_2022:…``)."""
    return _registry(path or config.SOURCES_CSV)


def get(key: str) -> Source:
    """Look up one source by key, with a clear error for a key that is not registered."""
    try:
        return registry()[key]
    except KeyError:
        raise SourceError(f"'{key}' is not in data/sources.csv; add it there with its sha256.") from None


def _mirror_downloader(mirror: Path, source: Source) -> Callable[..., None]:
    def download(url: str, output_file: Any, pooch_obj: Any = None, check_only: bool = False) -> Any:
        del url, pooch_obj
        origin = mirror / source.relative_path
        if check_only:
            return origin.is_file()
        if not mirror.is_dir():
            raise SourceError(
                f"The mirror directory {mirror} does not exist, so {source.relative_path} could not be "
                f"fetched; point --mirror or {config.MIRROR_ENV} at a copy of the open data, or unset both "
                "to fetch from the web."
            )
        if not origin.is_file():
            raise SourceError(
                f"The mirror at {mirror} has no copy of {source.relative_path}; "
                "point --mirror or TRAFFORD_DASH_MIRROR at a complete mirror."
            )
        if isinstance(output_file, str | Path):
            shutil.copyfile(origin, output_file)
        else:
            with origin.open("rb") as handle:
                shutil.copyfileobj(handle, output_file)
        return None

    return download


def fetch(
    source: Source,
    mirror: Path | None = None,
    raw_dir: Path | None = None,
) -> Path:
    """Return the verified local path of ``source``, fetching it when missing or altered.

    Parameters
    ----------
    source
        The registered file.
    mirror
        A directory laid out like the public address (``owner/repo/commit/path``); ``None``
        fetches from the web.
    raw_dir
        Where verified files are kept (default ``data/raw``).

    Raises
    ------
    SourceError
        With one sentence naming the file when it cannot be had or fails its sha256.
    """
    import pooch  # only needed when fetching; keeps the app's start-up light

    target = source.local_path(raw_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    # pooch announces every download at INFO; the build reports its own progress instead.
    pooch.get_logger().setLevel("WARNING")
    downloader = _mirror_downloader(mirror, source) if mirror is not None else None
    try:
        path = pooch.retrieve(
            url=source.url,
            known_hash=f"sha256:{source.sha256}",
            fname=target.name,
            path=target.parent,
            downloader=downloader,
            progressbar=False,
        )
    except SourceError:
        raise
    except ValueError as error:
        if "hash" in str(error).lower():
            where = f"the mirror at {mirror}" if mirror else "its public address"
            raise SourceError(
                f"{source.relative_path} from {where} does not match its pinned sha256, "
                "so it was not used; restore the original file or update data/sources.csv."
            ) from error
        raise
    except Exception as error:  # OSError, requests' errors and pooch's own
        raise SourceError(_unreachable(source, mirror, error)) from error
    return Path(path)


def _unreachable(source: Source, mirror: Path | None, error: Exception) -> str:
    kind = error.__class__.__name__
    if mirror is not None:
        return (
            f"Could not copy {source.relative_path} from the mirror at {mirror} ({kind}); "
            "check that the mirror is complete and readable."
        )
    return (
        f"There is no local mirror and {source.url} could not be reached ({kind}); connect to the "
        f"internet, or point --mirror or {config.MIRROR_ENV} at a copy of the open data."
    )


def fetch_all(
    keys: Iterable[str],
    mirror: Path | None = None,
    raw_dir: Path | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> dict[str, Path]:
    """Fetch and verify several sources, reporting ``(done, total, key)`` to ``progress``."""
    wanted = list(dict.fromkeys(keys))
    paths: dict[str, Path] = {}
    for done, key in enumerate(wanted, start=1):
        paths[key] = fetch(get(key), mirror=mirror, raw_dir=raw_dir)
        if progress is not None:
            progress(done, len(wanted), key)
    return paths
