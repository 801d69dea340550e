"""Project paths, geography codes and other constants shared by every module."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
# Where the built store lives: ``data/processed``, or the directory named by TRAFFORD_STORE_DIR (tests and
# benchmarks point it at a temporary store so they never touch the repository's own).
STORE_DIR_ENV = "TRAFFORD_STORE_DIR"
PROCESSED_DIR = Path(os.environ.get(STORE_DIR_ENV) or DATA_DIR / "processed")
SOURCES_CSV = DATA_DIR / "sources.csv"

MIRROR_ENV = "TRAFFORD_DASH_MIRROR"
DEFAULT_MIRROR = ROOT.parent / "shared" / "opendata"
PUBLIC_BASE_URL = "https://raw.githubusercontent.com"

# Bump when the layout or meaning of the built store changes; a store built by another
# version is refused and rebuilt rather than misread.
STORE_SCHEMA_VERSION = 1

TRAFFORD_CODE = "E08000009"
TRAFFORD_NAME = "Trafford"
GM_CODE = "E47000001"
GM_NAME = "Greater Manchester"
ENGLAND_CODE = "E92000001"
ENGLAND_NAME = "England"
GM_BOROUGH_CODES = tuple(f"E080000{i:02d}" for i in range(1, 11))

NEIGHBOURHOODS = ("North", "Central", "West", "South")
WARD_VINTAGES = ("2022", "2023")

PEER_GROUPS = {
    "cipfa": "CIPFA nearest neighbours",
    "nhs_near_neighbours": "NHS England near neighbours",
    "childrens_services": "Children's services statistical neighbours",
}
"""Trafford's published peer groups (code: name)."""

CONFIDENCE = "95"
"""The confidence level (%) significance is judged at unless a page offers a choice (Fingertips' default)."""

LEVELS = (
    "lsoa",
    "msoa",
    "ward",
    "neighbourhood",
    "borough",
    "local_authority",
    "peer_group",
    "region",
    "country",
)


def neighbourhood_code(name: str) -> str:
    """Return the stable area code used for a neighbourhood, e.g. ``nbh_north``."""
    return f"nbh_{name.lower()}"


def resolve_mirror(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """Pick the local mirror directory: argument, then environment, then ``../shared/opendata``.

    Returns ``None`` when no mirror is configured and the default does not exist, meaning
    files are fetched from their public addresses.
    """
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(MIRROR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    if DEFAULT_MIRROR.is_dir():
        return DEFAULT_MIRROR.resolve()
    return None


# The locality plan's six reform pillars, in the plan's order.
PILLARS = [
    "Prevention",
    "Children's Care",
    "Living Well at Home",
    "Planned Care",
    "Urgent Care",
    "Mental Health",
]
