"""Places that serve people, beyond the health services: one reader per published file.

Each reader returns rows with ``service_type``, ``name``, ``address``, ``postcode``, ``lon``, ``lat``,
``category`` (the publisher's type), ``detail`` and ``source_key``; :func:`services.load_services`
places them in wards like every other service. Food banks are published without coordinates, so
each is put at its postcode's centre from the Trafford postcode file (``detail`` says so). Fire
stations are building footprints: footprints within 50 m of each other are one station, drawn at a
point inside it. Council
land and buildings are read by :mod:`council_land`.

:data:`SOURCE_DATES` is the data's own date for every file, as its folder README states it
(temporal coverage, else last updated); a test checks each against the README. Where the
publisher states no date, the date of the pinned copy is given and says so. An indicator's period
is the date's first word (:func:`period_of`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import pandas as pd

from trafford_dash.pipeline.geography.files import BRITISH_NATIONAL_GRID, WGS84, source_path
from trafford_dash.store import schema

DENTISTS_KEY = "open_data:dentists/trafford_dentists.csv"
SCHOOLS_KEY = "open_data:schools_and_colleges/trafford_schools_and_colleges.csv"
CHILDRENS_CENTRES_KEY = "open_data:childrens_centres/trafford_childrens_centres.csv"
FOOD_BANKS_KEY = "open_data:food_banks/trafford_food_banks.csv"
JOBCENTRES_KEY = "open_data:jobcentre_plus/trafford_jobcentreplus.csv"
FIRE_STATIONS_KEY = "open_data:fire_stations/trafford_fire_stations.geojson"
GREENSPACE_KEY = "open_data:greenspaces/trafford_greenspace_access_points.geojson"
FAST_FOOD_KEY = "open_data:fast_food_outlets/trafford_fast_food_outlets.csv"
GAMBLING_KEY = "open_data:gambling_premises/trafford_gambling_premises.csv"
AQMA_KEY = "open_data:AQMA/trafford_aqma.geojson"
COMMUNITY_HUBS_KEY = "council_open_data:assets/community_hubs/trafford_community_hubs.csv"
LEISURE_KEY = "council_open_data:assets/leisure_centres/trafford_leisure_centres.csv"
LIBRARIES_KEY = "council_open_data:assets/libraries/libraries.geojson"
LAND_KEY = "council_open_data:transparency_code/local_authority_land/trafford_land_and_building_assets.csv"
POSTCODES_KEY = "spatial_data:postcodes/trafford_postcodes.csv"
NOT_STATED = "not stated by the publisher"
# The publisher states no date for these files: the date of the pinned copy (the open_data commit).
PINNED_COPY = "2026-05 (date of the pinned copy; the publisher states none)"

SOURCE_DATES: dict[str, str] = {
    "open_data:general_practice/trafford_general_practices.geojson": "2026-01-23",
    "open_data:pharmacies/trafford_pharmacies.geojson": PINNED_COPY,
    "open_data:hospitals/trafford_hospitals.geojson": PINNED_COPY,
    "open_data:care_homes/trafford_care_homes.geojson": PINNED_COPY,
    DENTISTS_KEY: "2019-07-17",
    SCHOOLS_KEY: "2024-09-26",
    CHILDRENS_CENTRES_KEY: "2019-08-29",
    FOOD_BANKS_KEY: "2018-01",
    JOBCENTRES_KEY: "2018-09",
    FIRE_STATIONS_KEY: "2018-04",
    GREENSPACE_KEY: "2023-10",
    FAST_FOOD_KEY: "2023-08-07",
    GAMBLING_KEY: "2023-08",
    AQMA_KEY: "2018",
    COMMUNITY_HUBS_KEY: "2024-02-02",
    LEISURE_KEY: "2026-02",
    LIBRARIES_KEY: "2023-11-21",
    LAND_KEY: "2025-09-12",
}
HEALTH_FOLDERS = ("general_practice", "pharmacies", "hospitals", "care_homes")  # read by services.py
PLACES_SOURCE_KEYS = [
    *(key for key in SOURCE_DATES if key.split(":")[1].split("/")[0] not in HEALTH_FOLDERS),
    POSTCODES_KEY,
]


def period_of(source_key: str) -> str:
    """The period label of a source's data: ``"2026-05 (date of the pinned copy…)"`` → ``"2026-05"``."""
    return SOURCE_DATES.get(source_key, NOT_STATED).split(" ")[0]


def _text(series: pd.Series) -> pd.Series:
    """Strip text, with the source's ``NA`` and blanks as missing."""
    text = series.astype(str).str.strip()
    return text.where(series.notna() & ~text.isin(["", "NA", "nan"]), None)


def _from_csv(
    paths: Mapping[str, Path], key: str, kind: str, name: str = "name", category: str | None = "type"
) -> pd.DataFrame:
    frame = pd.read_csv(source_path(paths, key), dtype=str, keep_default_na=False)
    return pd.DataFrame(
        {
            "service_type": kind,
            "name": _text(frame[name]),
            "address": _text(frame["address"]) if "address" in frame else None,
            "postcode": _text(frame["postcode"]) if "postcode" in frame else None,
            "lon": pd.to_numeric(frame["lon"], errors="coerce"),
            "lat": pd.to_numeric(frame["lat"], errors="coerce"),
            "category": _text(frame[category]) if category else None,
            "detail": None,
            "source_key": key,
        }
    )


def _from_geojson(paths: Mapping[str, Path], key: str, kind: str) -> pd.DataFrame:
    frame = gpd.read_file(source_path(paths, key))
    frame = frame.set_crs(WGS84) if frame.crs is None else frame.to_crs(WGS84)
    if not (frame.geom_type == "Point").all():
        projected = frame.to_crs(BRITISH_NATIONAL_GRID)
        frame = frame.set_geometry(projected.representative_point().to_crs(WGS84))
    columns = frame.columns
    return pd.DataFrame(
        {
            "service_type": kind,
            "name": _text(frame["name"]) if "name" in columns else None,
            "address": _text(frame["address"]) if "address" in columns else None,
            "postcode": _text(frame["postcode"]) if "postcode" in columns else None,
            "lon": frame.geometry.x,
            "lat": frame.geometry.y,
            "category": _text(frame["type"]) if "type" in columns else None,
            "detail": None,
            "source_key": key,
        }
    )


def postcode_centres(paths: Mapping[str, Path]) -> pd.DataFrame:
    """``lon`` and ``lat`` of every Trafford postcode, indexed by the postcode without spaces."""
    table = pd.read_csv(source_path(paths, POSTCODES_KEY), usecols=["postcode", "lon", "lat"], dtype=str)
    table["postcode"] = table["postcode"].str.replace(r"\s+", "", regex=True).str.upper()
    table[["lon", "lat"]] = table[["lon", "lat"]].apply(pd.to_numeric, errors="coerce")
    return table.drop_duplicates("postcode").set_index("postcode")[["lon", "lat"]]


def place_at_postcodes(frame: pd.DataFrame, centres: pd.DataFrame) -> pd.DataFrame:
    """Fill missing ``lon``/``lat`` from the postcode's centre; ``detail`` says where that was done."""
    out = frame.copy()
    missing = out["lon"].isna() | out["lat"].isna()
    keys = out["postcode"].fillna("").astype(str).str.replace(r"\s+", "", regex=True).str.upper()
    found = missing & keys.isin(centres.index)
    out.loc[found, "lon"] = keys[found].map(centres["lon"])
    out.loc[found, "lat"] = keys[found].map(centres["lat"])
    note = "Placed at its postcode's centre (the source gives no coordinates)"
    old = out["detail"].astype(object)
    out["detail"] = old.where(~found, old.fillna("").astype(str).radd(note + "; ").str.rstrip("; "))
    return out


def _food_banks(paths: Mapping[str, Path]) -> pd.DataFrame:
    frame = pd.read_csv(source_path(paths, FOOD_BANKS_KEY), dtype=str, keep_default_na=False)
    place = _text(frame["Address"]).str.split(",").str[0].str.strip()
    names = _text(frame["Name"])
    rows = pd.DataFrame(
        {
            "service_type": "food_bank",
            "name": names.where(names != "Trussell Trust", "Trussell Trust food bank, " + place),
            "address": _text(frame["Address"]),
            "postcode": _text(frame["Postcode"]),
            "lon": float("nan"),
            "lat": float("nan"),
            "category": _text(frame["Referral method"]),
            "detail": "Opening times: " + _text(frame["Opening times"]).fillna("not given"),
            "source_key": FOOD_BANKS_KEY,
        }
    )
    return place_at_postcodes(rows, postcode_centres(paths))


def _fire_stations(paths: Mapping[str, Path]) -> pd.DataFrame:
    """One point per station: footprints within 50 m of each other are one site."""
    buildings = gpd.read_file(source_path(paths, FIRE_STATIONS_KEY)).to_crs(BRITISH_NATIONAL_GRID)
    sites = gpd.GeoSeries(buildings.buffer(50).union_all(), crs=BRITISH_NATIONAL_GRID).explode()
    points = sites.representative_point().to_crs(WGS84)
    return pd.DataFrame(
        {
            "service_type": "fire_station",
            "name": "Fire station",
            "address": None,
            "postcode": None,
            "lon": points.x.to_numpy(),
            "lat": points.y.to_numpy(),
            "category": "Fire station (from building footprints)",
            "detail": None,
            "source_key": FIRE_STATIONS_KEY,
        }
    )


def _greenspace(paths: Mapping[str, Path]) -> pd.DataFrame:
    frame = gpd.read_file(source_path(paths, GREENSPACE_KEY)).to_crs(WGS84)
    access = _text(frame["access_type"]).fillna("Not given")
    return pd.DataFrame(
        {
            "service_type": "greenspace_access",
            "name": "Green space entrance (" + access.str.lower() + ")",
            "address": None,
            "postcode": None,
            "lon": frame.geometry.x,
            "lat": frame.geometry.y,
            "category": access,
            "detail": None,
            "source_key": GREENSPACE_KEY,
        }
    )


def _schools(paths: Mapping[str, Path]) -> pd.DataFrame:
    frame = _from_csv(paths, SCHOOLS_KEY, "school")
    raw = pd.read_csv(source_path(paths, SCHOOLS_KEY), dtype=str, keep_default_na=False)
    ages = "ages " + raw["lowest_admission_age"] + " to " + raw["highest_admission_age"]
    rating = "; Ofsted: " + _text(raw["ofsted_rating"]).fillna("not given")
    return frame.assign(detail=ages + rating)


def _community_hubs(paths: Mapping[str, Path]) -> pd.DataFrame:
    frame = _from_csv(paths, COMMUNITY_HUBS_KEY, "community_hub", name="community_hub", category=None)
    return frame.assign(name=frame["name"] + " community hub")


def _gambling(paths: Mapping[str, Path]) -> pd.DataFrame:
    return _from_csv(paths, GAMBLING_KEY, "gambling", category="activity")


def load_places(paths: Mapping[str, Path]) -> pd.DataFrame:
    """Every place beyond the health services, with the columns named in the module doc."""
    from trafford_dash.pipeline.loaders import council_land

    frames = [
        _from_csv(paths, DENTISTS_KEY, "dentist"),
        _schools(paths),
        _from_csv(paths, CHILDRENS_CENTRES_KEY, "childrens_centre", category=None),
        _from_geojson(paths, LIBRARIES_KEY, "library"),
        _from_csv(paths, LEISURE_KEY, "leisure_centre", category="managed_by"),
        _community_hubs(paths),
        _food_banks(paths),
        _from_csv(paths, JOBCENTRES_KEY, "jobcentre", category=None),
        _fire_stations(paths),
        _from_csv(paths, FAST_FOOD_KEY, "fast_food"),
        _gambling(paths),
        _greenspace(paths),
        council_land.load_land(paths, postcode_centres(paths)),
    ]
    places = pd.concat([f for f in frames if not f.empty], ignore_index=True)
    return places.dropna(subset=["lon", "lat"]).reset_index(drop=True)


def aqma_areas(paths: Mapping[str, Path], wards: Mapping[str, gpd.GeoDataFrame]) -> pd.DataFrame:
    """The air quality management area within Trafford as an outline for the map.

    Returns one row per area: ``name``, ``description``, ``geometry`` (GeoJSON text, simplified to
    20 m), ``wards_<vintage>`` (the ward codes it touches, ``;``-separated), ``source_key`` and
    ``source_date``.
    """
    frame = gpd.read_file(source_path(paths, AQMA_KEY))
    frame = (frame.set_crs(WGS84) if frame.crs is None else frame).to_crs(BRITISH_NATIONAL_GRID)
    rows = []
    for _, area in frame.iterrows():
        shape = area.geometry.simplify(20)
        row = {
            "name": "Greater Manchester air quality management area (Trafford part)",
            "description": str(area.get("description") or "").strip(),
            "geometry": gpd.GeoSeries([shape], crs=BRITISH_NATIONAL_GRID).to_crs(WGS84).to_json(),
            "source_key": AQMA_KEY,
            "source_date": SOURCE_DATES[AQMA_KEY],
        }
        for vintage, polygons in wards.items():
            projected = polygons.to_crs(BRITISH_NATIONAL_GRID)
            touched = projected[projected.intersects(shape)]["area_code"].astype(str)
            row[f"wards_{vintage}"] = ";".join(sorted(touched))
        rows.append(row)
    return schema.PlaceAreas.validate(pd.DataFrame(rows))
