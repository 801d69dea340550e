"""Places that serve people: GP practices, pharmacies, hospitals, care homes and the places read by
:mod:`places` (dentists, schools, libraries, council land and more), each placed in a ward.

Every place gets the ward of each vintage (May-2023 and pre-May-2023) whose polygon (full
resolution) contains its point, and that ward's neighbourhood from ``data/ward_neighbourhoods.csv``;
the wards printed in the source files are not used, so every kind is placed the same way. Each row
carries its source's date (:data:`places.SOURCE_DATES`).

* GP practices: points from the practices GeoJSON; ``list_size`` is the number of registered
  patients from the registrations file, matched on practice name and postcode (see
  :func:`match_practices`); ``detail`` holds the practice code.
* Pharmacies: ``detail`` holds the ODS code and whether it opens on Sundays.
* Hospitals: the source holds building footprints (several per site); each named site becomes one
  point, a representative point of the union of its buildings (always inside a building).
* Care homes: ``detail`` holds the CQC service type(s), provider and last inspection date. The file
  has no CQC rating. A home registered twice at one site (same name and postcode, e.g. after a
  change of provider) is kept once, the most recent registration (highest CQC location id).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from trafford_dash.pipeline.geography.checks import read_ward_table
from trafford_dash.pipeline.geography.files import (
    BRITISH_NATIONAL_GRID,
    WGS84,
    GeographyError,
    read_layer,
    source_path,
)
from trafford_dash.pipeline.geography.lookups import locate_points
from trafford_dash.pipeline.loaders import places
from trafford_dash.store import schema

log = logging.getLogger(__name__)

GP_KEY = "open_data:general_practice/trafford_general_practices.geojson"
GP_REGISTRATIONS_KEY = (
    "open_data:general_practice/patient_registrations/trafford_gp_patient_registrations.csv"
)
PHARMACIES_KEY = "open_data:pharmacies/trafford_pharmacies.geojson"
HOSPITALS_KEY = "open_data:hospitals/trafford_hospitals.geojson"
CARE_HOMES_KEY = "open_data:care_homes/trafford_care_homes.geojson"
WARDS_2023_KEY = "spatial_data:ward/2023/trafford_ward_full_resolution.geojson"
WARDS_2022_KEY = "spatial_data:ward/2022/trafford_ward_full_resolution.geojson"

SERVICES_SOURCE_KEYS: list[str] = [
    GP_KEY,
    GP_REGISTRATIONS_KEY,
    PHARMACIES_KEY,
    HOSPITALS_KEY,
    CARE_HOMES_KEY,
    WARDS_2023_KEY,
    WARDS_2022_KEY,
    *places.PLACES_SOURCE_KEYS,
]
SERVICE_COLUMNS = list(schema.Services.to_schema().columns)


def normalise_name(name: object) -> str:
    """Lower-case a practice name, with ``&`` as ``and`` and punctuation and spacing removed."""
    text = str(name).lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def normalise_postcode(postcode: object) -> str:
    """Upper-case a postcode without spaces (``"wa15 7xr"`` → ``"WA157XR"``)."""
    return re.sub(r"\s+", "", str(postcode)).upper()


def match_practices(practices: pd.DataFrame, registrations: pd.DataFrame) -> pd.DataFrame:
    """Attach ``practice_code`` and ``registered_patients`` to each practice.

    Practices are matched on normalised name *and* postcode, because two practices can share a
    building (same postcode) and names are written slightly differently between files. A practice
    left over is matched on postcode alone when exactly one unmatched registration has that
    postcode, then on name alone when exactly one has that name.

    Parameters
    ----------
    practices
        ``name`` and ``postcode`` per practice.
    registrations
        ``practice_code``, ``practice_name``, ``practice_postcode``, ``registered_patients``.

    Returns
    -------
    DataFrame
        ``practices`` with ``practice_code`` and ``registered_patients`` (NaN where unmatched).
    """
    regs = registrations.assign(
        _name=registrations["practice_name"].map(normalise_name),
        _postcode=registrations["practice_postcode"].map(normalise_postcode),
    ).reset_index(drop=True)
    names = practices["name"].map(normalise_name)
    postcodes = practices["postcode"].map(normalise_postcode)
    chosen: dict[int, int] = {}
    passes = (
        lambda i: (regs["_name"] == names[i]) & (regs["_postcode"] == postcodes[i]),
        lambda i: regs["_postcode"] == postcodes[i],
        lambda i: regs["_name"] == names[i],
    )
    for candidates in passes:
        for i in practices.index:
            if i in chosen:
                continue
            free = candidates(i) & ~regs.index.isin(list(chosen.values()))
            if int(free.sum()) == 1:
                chosen[i] = int(regs.index[free][0])
    out = practices.copy()
    codes = {i: regs.at[j, "practice_code"] for i, j in chosen.items()}
    patients = {i: regs.at[j, "registered_patients"] for i, j in chosen.items()}
    out["practice_code"] = pd.Series(codes, dtype=object).reindex(out.index)
    out["registered_patients"] = pd.to_numeric(
        pd.Series(patients, dtype=object).reindex(out.index), errors="coerce"
    ).astype(float)
    unmatched = out.loc[out["practice_code"].isna(), "name"].tolist()
    if unmatched:
        log.warning(
            "No registration row matched GP practice(s) %s; their list size is left empty.", unmatched
        )
    return out


def hospital_sites(buildings: gpd.GeoDataFrame, name_column: str = "DISTNAME") -> gpd.GeoDataFrame:
    """One point per named hospital site: a representative point of the union of its buildings.

    Returns
    -------
    GeoDataFrame
        ``name``, ``buildings`` (footprints in the site), point geometry in EPSG:4326.
    """
    projected = buildings.to_crs(BRITISH_NATIONAL_GRID)
    rows = []
    for name, site in projected.groupby(name_column, sort=True):
        union = shapely.union_all(site.geometry.to_numpy())
        rows.append(
            {"name": str(name).strip(), "buildings": len(site), "geometry": union.representative_point()}
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=BRITISH_NATIONAL_GRID).to_crs(WGS84)


def _points_frame(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    frame = frame.to_crs(WGS84) if frame.crs is not None else frame.set_crs(WGS84)
    return frame.assign(lon=frame.geometry.x, lat=frame.geometry.y)


def _gp_practices(paths: Mapping[str, Path]) -> pd.DataFrame:
    practices = _points_frame(gpd.read_file(source_path(paths, GP_KEY)))
    registrations = pd.read_csv(source_path(paths, GP_REGISTRATIONS_KEY), dtype=str, keep_default_na=False)
    matched = match_practices(practices, registrations)
    return matched.assign(
        service_type="gp_practice",
        list_size=matched["registered_patients"].astype(float),
        detail=matched["practice_code"].map(lambda c: f"Practice code {c}" if isinstance(c, str) else None),
        source_key=GP_KEY,
    )


def _pharmacies(paths: Mapping[str, Path]) -> pd.DataFrame:
    frame = _points_frame(gpd.read_file(source_path(paths, PHARMACIES_KEY)))
    sunday = frame.get("opening_hours_sunday", pd.Series("", index=frame.index)).fillna("").astype(str)
    opens_sunday = sunday.str.strip().ne("") & sunday.str.upper().ne("CLOSED")
    detail = "ODS code " + frame["organisation_data_service_code"].astype(str) + "; open on Sundays: "
    return frame.assign(
        service_type="pharmacy",
        name=frame["pharmacy_name"],
        detail=detail + opens_sunday.map({True: "yes", False: "no"}),
        list_size=float("nan"),
        source_key=PHARMACIES_KEY,
    )


def _hospitals(paths: Mapping[str, Path]) -> pd.DataFrame:
    sites = hospital_sites(gpd.read_file(source_path(paths, HOSPITALS_KEY)))
    sites = _points_frame(sites)
    return sites.assign(
        service_type="hospital",
        address=None,
        postcode=None,
        detail=sites["buildings"].map(
            lambda n: f"Hospital site ({n} building footprint{'s' if n != 1 else ''})"
        ),
        list_size=float("nan"),
        source_key=HOSPITALS_KEY,
    )


def _care_homes(paths: Mapping[str, Path]) -> pd.DataFrame:
    frame = _points_frame(gpd.read_file(source_path(paths, CARE_HOMES_KEY)))
    frame["_id_number"] = pd.to_numeric(frame["cqc_id"].astype(str).str.replace(r"\D", "", regex=True))
    frame["_site"] = frame["name"].map(normalise_name) + "|" + frame["postcode"].map(normalise_postcode)
    frame["_registrations"] = frame.groupby("_site")["cqc_id"].transform("size")
    frame = frame.sort_values("_id_number", ascending=False).drop_duplicates("_site", keep="first")
    inspected = pd.to_datetime(frame["inspection_date"], errors="coerce")
    inspected_text = inspected.dt.strftime("%Y-%m-%d").fillna("none published")
    types = frame["type"].fillna("").astype(str).str.replace("|", "; ", regex=False)
    detail = types + "; provider " + frame["provider"].fillna("not given").astype(str)
    detail = detail + "; last CQC inspection " + inspected_text
    twice = frame["_registrations"] > 1
    repeats = "; " + frame["_registrations"].astype(str) + " CQC registrations at this site"
    detail = detail.where(~twice, detail + repeats)
    return frame.assign(
        service_type="care_home", detail=detail, list_size=float("nan"), source_key=CARE_HOMES_KEY
    )


HEALTH_KINDS = ("gp_practice", "pharmacy", "hospital", "care_home")


def _drop_places_outside(services: pd.DataFrame) -> pd.DataFrame:
    """Health services outside every ward are kept without one; other places there (Council land
    beyond the borough) are left out, as the map and the counts are of Trafford."""
    outside = services["ward_code"].isna() & services["ward_code_2022"].isna()
    kept = outside & services["service_type"].isin(HEALTH_KINDS)
    if kept.any():
        log.warning(
            "Services outside every Trafford ward (kept without a ward): %s",
            services.loc[kept, "name"].tolist(),
        )
    dropped = outside & ~kept
    if dropped.any():
        log.info(
            "Left out %d places outside Trafford: %s", dropped.sum(), services.loc[dropped, "name"].tolist()
        )
    return services[~dropped].reset_index(drop=True)


def load_services(
    paths: Mapping[str, Path],
    wards: gpd.GeoDataFrame | None = None,
    ward_table: pd.DataFrame | None = None,
    wards_2022: gpd.GeoDataFrame | None = None,
) -> pd.DataFrame:
    """Every place, each in its ward and neighbourhood on both ward vintages.

    Parameters
    ----------
    paths
        Registry key → verified local file for every key in :data:`SERVICES_SOURCE_KEYS`.
    wards, wards_2022
        May-2023 and pre-May-2023 ward polygons (``area_code``, geometry); read from the registered
        full-resolution files when not given.
    ward_table
        The checked ward → neighbourhood table; ``data/ward_neighbourhoods.csv`` when not given.

    Returns
    -------
    DataFrame
        Valid against :class:`schema.Services`, sorted by service type and name.
    """
    if wards is None:
        wards = read_layer(source_path(paths, WARDS_2023_KEY))
    if wards_2022 is None:
        wards_2022 = read_layer(source_path(paths, WARDS_2022_KEY))
    table = ward_table if ward_table is not None else read_ward_table()
    frames = [_gp_practices(paths), _pharmacies(paths), _hospitals(paths), _care_homes(paths)]
    services = pd.concat([pd.DataFrame(f) for f in frames], ignore_index=True)
    services = pd.concat([services, places.load_places(paths)], ignore_index=True)
    points = gpd.GeoDataFrame(
        services, geometry=gpd.points_from_xy(services["lon"], services["lat"]), crs=WGS84
    )
    for suffix, vintage, polygons in (("", "2023", wards), ("_2022", "2022", wards_2022)):
        membership = table[table["vintage"].astype(str) == vintage].set_index("ward_code")["neighbourhood"]
        services["ward_code" + suffix] = locate_points(points, polygons)
        services["neighbourhood" + suffix] = services["ward_code" + suffix].map(membership)
    services = _drop_places_outside(services)
    services["source_date"] = services["source_key"].map(places.SOURCE_DATES).fillna(places.NOT_STATED)
    for column in ("address", "postcode", "detail", "category", "tenure"):
        services[column] = services[column].astype(object).where(services[column].notna(), None)
    services["name"] = services["name"].astype(str).str.strip()
    services = services[SERVICE_COLUMNS].sort_values(["service_type", "name"]).reset_index(drop=True)
    services = services.astype(object).where(services.notna(), None)
    services["list_size"] = pd.to_numeric(services["list_size"]).astype(float)
    if services.empty:
        raise GeographyError("No service locations were read; check the service source files.")
    return schema.Services.validate(services)


def place_areas(paths: Mapping[str, Path]) -> pd.DataFrame:
    """The places drawn as areas (air quality management areas), with the wards of each vintage they touch."""
    wards = {
        vintage: read_layer(source_path(paths, key))
        for vintage, key in (("2023", WARDS_2023_KEY), ("2022", WARDS_2022_KEY))
    }
    return places.aqma_areas(paths, wards)
