"""What each endpoint answers, as data frames read from the built store (no web code here).

``values`` returns the store's tidy rows exactly as the pages read them, with each indicator's title,
unit, source, licence and attribution, and figures at their published precision (as every download).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from trafford_dash.core import config, provenance
from trafford_dash.store import export, reader

LATEST = "latest"
ALL = "all"
LEVEL_PARENTS = {
    "neighbourhood": "E08000009",  # Trafford
    "borough": "E47000001",  # Greater Manchester
    "local_authority": "E47000001",
}
INDICATOR_COLUMNS = [
    "indicator_id",
    "title",
    "definition",
    "theme",
    "pillars",
    "polarity",
    "value_type",
    "unit",
    "multiplier",
    "ci_method",
    "aggregation",
    "levels",
    "ward_vintages",
    "period",
    "source",
    "licence",
    "attribution",
    "fingertips_id",
]
GROUPED_BY = ["indicator_id", "level", "vintage"]
AREA_COLUMNS = ["area_code", "area_name", "level", "vintage"]


def catalogue() -> pd.DataFrame:
    return reader.load_table("catalogue")


def indicators() -> pd.DataFrame:
    """The catalogue: one row per indicator with its definition, unit, polarity, method and source."""
    table = catalogue()
    return table[[c for c in INDICATOR_COLUMNS if c in table.columns]].sort_values("indicator_id")


def areas() -> pd.DataFrame:
    """Every area the store holds figures or boundaries for: code, name, level, vintage and the code of
    the area it sits in.

    Wards sit in their neighbourhood, LSOAs and MSOAs in the ward the build assigned them to,
    neighbourhoods in Trafford, Trafford and the other Greater Manchester boroughs in Greater
    Manchester, Greater Manchester in England. Other local authorities and peer groups have no parent.
    """
    table = reader.load_table("areas")
    parent = table["level"].map(LEVEL_PARENTS)
    parent = parent.mask(table["level"] == "local_authority", config.GM_CODE)
    parent = parent.mask(table["level"].isin(["lsoa", "msoa"]), table["ward_code"])
    parent = parent.mask(table["level"] == "ward", table["neighbourhood"].map(_neighbourhood_code))
    out = table[AREA_COLUMNS].assign(parent_code=parent)
    others = _areas_with_values()
    others = others[~others["area_code"].isin(out["area_code"])].assign(parent_code=None)
    out = pd.concat([out, others], ignore_index=True)
    order = {level: rank for rank, level in enumerate(config.LEVELS)}
    out["_order"] = out["level"].map(order)
    out = out.sort_values(["_order", "vintage", "area_code"], na_position="first")
    return out.drop(columns="_order").reset_index(drop=True)


def _areas_with_values() -> pd.DataFrame:
    """Distinct areas in the values file (every English local authority, peer groups), read alone."""
    path = reader.require(None, reader.VALUES_FILE) / reader.VALUES_FILE
    table = pq.read_table(path, columns=AREA_COLUMNS).to_pandas()
    return table.drop_duplicates("area_code").astype(object)


def _neighbourhood_code(name: object) -> str | None:
    return config.neighbourhood_code(str(name)) if isinstance(name, str) and name else None


def levels() -> list[str]:
    """The levels the store holds, lowest first."""
    held = set(reader.load_table("areas")["level"]) | {"peer_group"}
    return [level for level in config.LEVELS if level in held]


def latest_only(rows: pd.DataFrame) -> pd.DataFrame:
    """Each indicator's latest period at each level and vintage (by end year, then label)."""
    if rows.empty:
        return rows
    ordered = rows.sort_values(["year", "period"])
    last = ordered.groupby(GROUPED_BY, dropna=False)["period"].transform("last")
    return rows[rows["period"] == last.reindex(rows.index)]


def values(
    indicator: Sequence[str] | None = None,
    level: Sequence[str] | None = None,
    area: Sequence[str] | None = None,
    period: str | None = None,
    vintage: Sequence[str] | None = None,
    sex: Sequence[str] | None = None,
    age: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Tidy rows of the values store matching every filter given.

    ``period`` is a label, ``latest`` (each indicator's latest period at each level and vintage) or
    ``all`` (the default).
    """
    rows = reader.load_values(indicator_id=indicator, level=level, vintage=vintage, area_code=area)
    if sex:
        rows = rows[rows["sex"].isin(sex)]
    if age:
        rows = rows[rows["age"].isin(age)]
    if period == LATEST:
        rows = latest_only(rows)
    elif period not in (None, ALL):
        rows = rows[rows["period"] == period]
    order = {level: rank for rank, level in enumerate(config.LEVELS)}
    rows = rows.assign(_order=rows["level"].map(order)).sort_values(
        ["indicator_id", "_order", "vintage", "area_code", "year", "period", "sex", "age"]
    )
    rows = rows.drop(columns=["_order", "year"]).reset_index(drop=True)
    return export.with_provenance(rows, catalogue())


PAYMENT_DIMENSIONS = ("year", "month", "unit", "category", "plan_category", "pillar", "supplier")
PAYMENTS_SOURCE = (
    "Trafford Council payments to suppliers (transparency code), published by Trafford Data Lab; "
    "Open Government Licence v3.0."
)


def payment_years() -> list[str]:
    from trafford_dash.store import payments

    return [str(year) for year in payments.years()["financial_year"]]


def payments(by: Sequence[str] | None = None, year: Sequence[str] | None = None) -> pd.DataFrame:
    """Net payments grouped by ``by`` in the chosen years, each row with the part-year note where one
    applies and the source, licence and attribution."""
    from trafford_dash.store import payments as store_payments

    groups = list(by or ())
    rows = store_payments.totals(groups, year=list(year) if year else None)
    chosen = list(year) if year else payment_years()
    notes = [store_payments.part_year_note(y) for y in chosen]
    rows["note"] = " ".join(note for note in notes if note)
    rows["source"] = PAYMENTS_SOURCE
    rows["licence"] = provenance.OGL_LICENCE
    rows["attribution"] = f"{provenance.OGL} Source: Trafford Council. Published by Trafford Data Lab."
    return rows


def meta() -> dict[str, Any]:
    """What a result can be cited by: the store's build time and version and every pinned source."""
    manifest = reader.read_manifest()
    registry = pd.read_csv(config.DATA_DIR / "sources.csv", dtype=str)
    used = registry[registry["key"].isin(manifest.get("sources", {}))]
    return {
        "store": {
            "built_at": manifest.get("built_at"),
            "version": manifest.get("version"),
            "schema_version": manifest.get("schema_version"),
            "fingerprint": manifest.get("fingerprint"),
            "manifest_sha256": manifest.get("manifest_sha256"),
            "rows": manifest.get("rows"),
        },
        "sources": [
            {
                "key": row.key,
                "url": f"https://raw.githubusercontent.com/{row.owner}/{row.repo}/{row.commit}/{row.path}",
                "commit": row.commit,
                "sha256": row.sha256,
                "licence": row.licence,
            }
            for row in used.itertuples()
        ],
    }
