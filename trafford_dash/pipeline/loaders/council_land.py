"""Trafford Council's land and building assets (the Transparency Code list), as places on the map.

Each site keeps its tenure and a use class grouped from the published use (``OtherDetail``) and
holding type, so the map can filter them:

* **Use** (:data:`trafford_dash.core.places.LAND_USES`): schools and academies are "Schools"; parks,
  managed allotments and memorials are "Parks, allotments and memorials"; leisure is "Leisure"; town
  hall, commissioned services, management agreements and joint ventures are "Offices and services";
  anything else (no use given, "Land", "Undocumented Tenancy", "Being developed") is "Land (use not
  given)" or "Buildings (use not given)" by its holding type.
* **Tenure** (:data:`trafford_dash.core.places.LAND_TENURES`): from ``TenureDetail``: owner occupied,
  leased out, leased in, vacant, other.

Sites are placed at their published coordinates (one site with longitude and latitude swapped is put
right); a site without coordinates is placed at its postcode's centre when the postcode is a full
Trafford postcode, and left off the map otherwise (most give only a postcode district such as "M31").
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from trafford_dash.pipeline.geography.files import source_path
from trafford_dash.pipeline.loaders import places

log = logging.getLogger(__name__)

USE_CLASSES = {
    "School": "Schools",
    "Academy": "Schools",
    "Parks": "Parks, allotments and memorials",
    "Managed allotments": "Parks, allotments and memorials",
    "Memorial": "Parks, allotments and memorials",
    "Leisure": "Leisure",
    "Town Hall": "Offices and services",
    "Commissioned service": "Offices and services",
    "Management agreement": "Offices and services",
    "Part management agreement": "Offices and services",
    "Joint venture": "Offices and services",
}
TENURES = {
    "owner occupied": "Owner occupied",
    "leasehold out": "Leased out",
    "leasehold in": "Leased in",
    "vacant": "Vacant",
}


def use_class(use: object, holding: object) -> str:
    """The readable use class of one site from its published use and holding type."""
    if isinstance(use, str) and use.strip() in USE_CLASSES:
        return USE_CLASSES[use.strip()]
    if isinstance(holding, str) and holding.strip() == "Buildings":
        return "Buildings (use not given)"
    return "Land (use not given)"


def tenure(detail: object) -> str:
    """``"Leasehold out"`` → ``"Leased out"``; anything unlisted is ``"Other"``."""
    return TENURES.get(str(detail).strip().lower(), "Other")


def _coordinates(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Longitude and latitude, with any pair published the wrong way round swapped back."""
    x = pd.to_numeric(frame["GeoX"], errors="coerce")
    y = pd.to_numeric(frame["GeoY"], errors="coerce")
    swapped = (x > 50) & (y < 0)
    return x.where(~swapped, y), y.where(~swapped, x)


def load_land(paths: Mapping[str, Path], centres: pd.DataFrame) -> pd.DataFrame:
    """The Council's sites with a location, as place rows (``category`` = use class, plus ``tenure``)."""
    frame = pd.read_csv(source_path(paths, places.LAND_KEY), dtype=str, keep_default_na=False)
    frame = frame.replace({"": np.nan})
    lon, lat = _coordinates(frame)
    street = frame[["StreetNumber", "StreetName", "PostTown"]].apply(
        lambda row: ", ".join(str(v) for v in row.dropna()), axis=1
    )
    use = frame["OtherDetail"].fillna("not given")
    detail = (
        "Use: "
        + use
        + "; holding: "
        + frame["HoldingType"].fillna("not given")
        + "; tenure: "
        + frame["TenureType"].fillna("not given")
        + ", "
        + frame["TenureDetail"].fillna("not given")
        + "; listed "
        + frame["EffectiveDate"].fillna("date not given")
    )
    rows = pd.DataFrame(
        {
            "service_type": "council_land",
            "name": frame["PropertyName"].fillna("Unnamed site").str.strip(),
            "address": street.replace("", None),
            "postcode": frame["PostCode"],
            "lon": lon,
            "lat": lat,
            "category": [
                use_class(u, h) for u, h in zip(frame["OtherDetail"], frame["HoldingType"], strict=True)
            ],
            "tenure": frame["TenureDetail"].map(tenure),
            "detail": detail,
            "source_key": places.LAND_KEY,
        }
    )
    rows = places.place_at_postcodes(rows, centres)
    unplaced = int(rows["lon"].isna().sum())
    if unplaced:
        log.info(
            "%d of %d Council sites have no coordinates or full postcode; left off the map.",
            unplaced,
            len(rows),
        )
    return rows
