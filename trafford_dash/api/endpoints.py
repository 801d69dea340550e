"""The endpoints under ``/api/v1/``: their parameters and the valid choices, read from the store."""

from __future__ import annotations

import functools

import pyarrow.parquet as pq

from trafford_dash.api import queries
from trafford_dash.api.parameters import Endpoint, Parameter, paging_parameters
from trafford_dash.store import reader

BASE = "/api/v1"


@functools.lru_cache(maxsize=4)
def _held(column: str, version: str) -> tuple[str, ...]:
    """Distinct values of one column of the values file (read alone, so cheap), per store version."""
    del version
    path = reader.require(None, reader.VALUES_FILE) / reader.VALUES_FILE
    values = pq.read_table(path, columns=[column]).column(column).unique().to_pylist()
    return tuple(sorted(str(value) for value in values if value is not None))


def store_version() -> str:
    return str(reader.read_manifest().get("manifest_sha256", ""))


def held(column: str) -> tuple[str, ...]:
    return _held(column, store_version())


def indicator_ids() -> list[str]:
    return list(queries.indicators()["indicator_id"])


def periods() -> list[str]:
    return [queries.LATEST, queries.ALL, *held("period")]


INDICATOR = Parameter(
    "indicator",
    "Indicator id(s), comma-separated; see /api/v1/indicators.",
    indicator_ids,
    several=True,
    example="bad_health",
    listed_at=f"{BASE}/indicators",
)
LEVEL = Parameter(
    "level", "Geographic level(s), comma-separated.", queries.levels, several=True, example="neighbourhood"
)
VALUES = Endpoint(
    f"{BASE}/values",
    "Tidy figures with intervals, counts, denominators and significance",
    (
        INDICATOR,
        LEVEL,
        Parameter(
            "area",
            "Area code(s), comma-separated (neighbourhoods are nbh_north, nbh_central, nbh_west, nbh_south).",
            lambda: held("area_code"),
            several=True,
            example="nbh_north,E08000009",
            listed_at=f"{BASE}/areas",
        ),
        Parameter(
            "period",
            "A period label as published (e.g. 2021, 2019-21, 2022/23), 'latest' (each indicator's latest "
            "period at each level and vintage) or 'all' (default).",
            periods,
            example="latest",
        ),
        Parameter(
            "vintage",
            "Ward vintage 2022 (pre-May-2023 wards) or 2023, or LSOA/MSOA vintage 2011 or 2021.",
            lambda: held("vintage"),
            several=True,
            example="2022",
        ),
        Parameter("sex", "Persons, Male or Female.", lambda: held("sex"), several=True, example="Persons"),
        Parameter("age", "Age band as published (e.g. All ages).", lambda: held("age"), several=True),
        *paging_parameters(),
    ),
    "Rows are sorted by indicator, level, vintage, area and period. Give an indicator or an area.",
    required_one_of=("indicator", "area"),
)
INDICATORS = Endpoint(
    f"{BASE}/indicators",
    "The indicator catalogue: definitions, units, polarity, methods, sources and licences",
    paging_parameters(),
)
AREAS = Endpoint(
    f"{BASE}/areas",
    "Every area: code, name, level, vintage and parent area",
    (
        Parameter("level", "Level(s), comma-separated.", queries.levels, several=True, example="ward"),
        *paging_parameters(),
    ),
)
PAYMENTS = Endpoint(
    f"{BASE}/payments",
    "The Council's payments to suppliers, net of refunds, grouped",
    (
        Parameter(
            "by",
            "Group by one or more of year, month (YYYY-MM), unit, category, plan_category, pillar, supplier "
            "(comma-separated); none gives the grand total.",
            lambda: list(queries.PAYMENT_DIMENSIONS),
            several=True,
            example="month",
        ),
        Parameter(
            "year",
            "Financial year(s), e.g. 2025/26 (comma-separated); all years when left out.",
            queries.payment_years,
            several=True,
            example="2025/26",
        ),
        *paging_parameters(),
    ),
    "Amounts in pounds (and exact pence), net of refunds, with the number of payments. Supplier names "
    "are shown only for organisations; individuals are grouped as 'Other suppliers' and withheld names "
    "as 'Redacted'. A part year says so in `note`.",
)
META = Endpoint(f"{BASE}/meta", "The store's build time and every pinned source, to cite a result", ())
OPENAPI = Endpoint(f"{BASE}/openapi.json", "This description", ())
ALL_ENDPOINTS = (INDICATORS, AREAS, VALUES, PAYMENTS, META)
