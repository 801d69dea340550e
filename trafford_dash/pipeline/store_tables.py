"""The store's tables beside the values: each one built, validated and keyed by its file name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from trafford_dash.store import reader

if TYPE_CHECKING:
    from trafford_dash.pipeline.geography.areas import Geography

Progress = Callable[[float, str], None]


def side_tables(
    paths: dict[str, Path],
    geo: Geography,
    values: pd.DataFrame,
    indicators: pd.DataFrame,
    service_table: pd.DataFrame,
    report: Progress,
) -> dict[str, pd.DataFrame]:
    """Every table the build writes besides ``values.parquet``, validated, by file name.

    ``values`` and ``indicators`` are the validated values and the store's catalogue: the profile tables
    are worked out from them.
    """
    from trafford_dash.core import profile_table
    from trafford_dash.pipeline import census_categories
    from trafford_dash.pipeline.loaders import grants, imd_deciles, local_authority, payments, services
    from trafford_dash.store import schema

    areas = schema.Areas.validate(geo.areas)
    tables: dict[str, pd.DataFrame] = {
        reader.AREAS_FILE: areas,
        reader.SERVICES_FILE: schema.Services.validate(service_table),
        reader.PEER_GROUPS_FILE: schema.PeerGroups.validate(local_authority.peer_groups(paths)),
        reader.DECILES_FILE: imd_deciles.imd_decile_population(paths),
        reader.CATALOGUE_FILE: indicators,
        reader.CENSUS_CATEGORIES_FILE: schema.CensusCategories.validate(
            census_categories.load(paths, geo.ward_to_neighbourhood, geo.lsoa_to_ward, areas)
        ),
        "lsoa_to_ward.parquet": geo.lsoa_to_ward,
        reader.PROFILES_FILE: profile_table.all_profiles(values, indicators, areas),
        "place_areas.parquet": services.place_areas(paths),
        reader.GRANTS_FILE: grants.load_grants(paths),
    }
    report(0.93, "Reading the Council's payments and hiding individuals' names…")
    tables.update(payments.tables(paths))
    return tables


def row_counts(values: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    """The manifest's row counts of the main tables."""
    from trafford_dash.pipeline.loaders import payments

    return {
        "values": len(values),
        "areas": len(tables[reader.AREAS_FILE]),
        "services": len(tables[reader.SERVICES_FILE]),
        "grants": len(tables[reader.GRANTS_FILE]),
        "payments": len(tables[payments.PAYMENTS_FILE]),
    }
