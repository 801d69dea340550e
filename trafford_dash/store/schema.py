"""Schema contracts for every table in the built store and for the reference data in ``data/``.

The values table follows the tidy shape of OHID Fingertips' health measures: one row per area,
indicator, period, sex and age, with the value, its 95% and 99.8% confidence limits, the count and
denominator where known, the published significance against England, and a note.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from trafford_dash.core import config, places
from trafford_dash.core.config import PILLARS
from trafford_dash.store.columns import VALUE_COLUMNS

SIGNIFICANCE_LABELS = [
    "Better",
    "Similar",
    "Worse",
    "Higher",
    "Lower",
    "Not compared",
]
SEXES = ["Persons", "Male", "Female"]
VALUE_TYPES = ["proportion", "rate", "ratio", "years", "score", "count", "rank", "decile", "other"]
POLARITIES = ["higher_is_better", "lower_is_better", "no_judgement"]
CI_METHODS = ["wilson", "byar", "none", "published"]
AGGREGATIONS = ["sum", "ratio_of_sums", "population_weighted_mean", "none"]


class IndicatorValues(pa.DataFrameModel):
    """The tidy values store: ``data/processed/values.parquet``."""

    area_code: Series[str] = pa.Field(str_length={"min_value": 1})
    area_name: Series[str] = pa.Field(str_length={"min_value": 1})
    level: Series[str] = pa.Field(isin=list(config.LEVELS))
    vintage: Series[str] = pa.Field(isin=["", "2011", "2021", "2022", "2023"])
    indicator_id: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*$")
    period: Series[str] = pa.Field(str_length={"min_value": 1})
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1990, le=2100)
    sex: Series[str] = pa.Field(isin=SEXES)
    age: Series[str] = pa.Field(str_length={"min_value": 1})
    value: Series[float] = pa.Field(nullable=True)
    lower_ci_95: Series[float] = pa.Field(nullable=True)
    upper_ci_95: Series[float] = pa.Field(nullable=True)
    lower_ci_998: Series[float] = pa.Field(nullable=True)
    upper_ci_998: Series[float] = pa.Field(nullable=True)
    count: Series[float] = pa.Field(nullable=True, ge=0)
    denominator: Series[float] = pa.Field(nullable=True, ge=0)
    significance_england: Series[str] = pa.Field(nullable=True, isin=SIGNIFICANCE_LABELS)
    value_note: Series[str]
    approximate: Series[bool]
    suppressed: Series[bool]
    source_key: Series[str]

    @pa.dataframe_check
    @classmethod
    def ci_brackets_value(cls, frame: pd.DataFrame) -> pd.Series[bool]:
        """Where a 95% interval exists it contains the value (to rounding)."""
        has = frame["lower_ci_95"].notna() & frame["upper_ci_95"].notna() & frame["value"].notna()
        tolerance = 1e-6 + 1e-9 * frame["value"].abs()
        inside = (frame["lower_ci_95"] <= frame["value"] + tolerance) & (
            frame["value"] <= frame["upper_ci_95"] + tolerance
        )
        return ~has | inside

    @pa.dataframe_check
    @classmethod
    def unique_rows(cls, frame: pd.DataFrame) -> bool:
        key = ["area_code", "level", "vintage", "indicator_id", "period", "sex", "age"]
        return not frame.duplicated(key).any()

    class Config:
        strict = True
        coerce = True


class Areas(pa.DataFrameModel):
    """Every area in the store with its place in the hierarchy: ``areas.parquet``."""

    area_code: Series[str]
    area_name: Series[str]
    level: Series[str] = pa.Field(isin=list(config.LEVELS))
    vintage: Series[str] = pa.Field(isin=["", "2011", "2021", "2022", "2023"])
    ward_code: Series[str] = pa.Field(nullable=True)
    neighbourhood: Series[str] = pa.Field(nullable=True, isin=[*config.NEIGHBOURHOODS])

    @pa.dataframe_check
    @classmethod
    def unique_areas(cls, frame: pd.DataFrame) -> bool:
        return not frame.duplicated(["area_code", "level", "vintage"]).any()

    class Config:
        strict = True
        coerce = True


class Services(pa.DataFrameModel):
    """Service locations: ``services.parquet``."""

    service_type: Series[str] = pa.Field(isin=[*places.KINDS])
    name: Series[str]
    address: Series[str] = pa.Field(nullable=True)
    postcode: Series[str] = pa.Field(nullable=True)
    lon: Series[float] = pa.Field(ge=-2.6, le=-2.1)
    lat: Series[float] = pa.Field(ge=53.3, le=53.6)
    ward_code: Series[str] = pa.Field(nullable=True)
    neighbourhood: Series[str] = pa.Field(nullable=True, isin=[*config.NEIGHBOURHOODS])
    list_size: Series[float] = pa.Field(nullable=True, ge=0)
    detail: Series[str] = pa.Field(nullable=True)
    source_key: Series[str]
    # Added with the places beyond health services; optional so older synthetic tables still validate.
    category: Series[str] | None = pa.Field(nullable=True)
    tenure: Series[str] | None = pa.Field(nullable=True, isin=[*places.LAND_TENURES])
    ward_code_2022: Series[str] | None = pa.Field(nullable=True)
    neighbourhood_2022: Series[str] | None = pa.Field(nullable=True, isin=[*config.NEIGHBOURHOODS])
    source_date: Series[str] | None

    class Config:
        strict = True
        coerce = True


class PlaceAreas(pa.DataFrameModel):
    """Places drawn as areas (air quality management areas): ``place_areas.parquet``."""

    name: Series[str]
    description: Series[str]
    geometry: Series[str] = pa.Field(str_startswith="{")  # a GeoJSON FeatureCollection
    wards_2023: Series[str]
    wards_2022: Series[str]
    source_key: Series[str]
    source_date: Series[str]

    class Config:
        strict = True
        coerce = True


class Grants(pa.DataFrameModel):
    """The Council's grants to voluntary and community organisations (360Giving): ``grants.parquet``."""

    identifier: Series[str] = pa.Field(unique=True)
    title: Series[str]
    amount_awarded: Series[float] = pa.Field(gt=0)
    award_date: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}$")
    financial_year: Series[str] = pa.Field(str_matches=r"^\d{4}/\d{2}$")
    programme: Series[str]
    recipient_id: Series[str]
    recipient_name: Series[str]
    source_key: Series[str]

    class Config:
        strict = True
        coerce = True


class PeerGroups(pa.DataFrameModel):
    """Trafford's comparator groups: ``peer_groups.parquet``."""

    group_id: Series[str] = pa.Field(isin=["cipfa", "nhs_near_neighbours", "childrens_services", "gm"])
    area_code: Series[str] = pa.Field(str_matches=r"^E0[6-9]\d{6}$|^E10\d{6}$")
    area_name: Series[str]

    class Config:
        strict = True
        coerce = True


class CensusCategories(pa.DataFrameModel):
    """Census 2021 tables by category and area: ``census_categories.parquet`` (composition charts)."""

    topic: Series[str] = pa.Field(str_length={"min_value": 1})
    table: Series[str] = pa.Field(str_matches=r"^TS\d{3}$")
    title: Series[str] = pa.Field(str_length={"min_value": 1})
    group: Series[str] = pa.Field(str_length={"min_value": 1})
    universe: Series[str] = pa.Field(str_length={"min_value": 1})
    category: Series[str] = pa.Field(str_length={"min_value": 1})
    category_order: Series[int] = pa.Field(ge=0)
    area_code: Series[str] = pa.Field(str_length={"min_value": 1})
    area_name: Series[str] = pa.Field(str_length={"min_value": 1})
    level: Series[str] = pa.Field(isin=["ward", "neighbourhood", "borough", "local_authority", "region"])
    vintage: Series[str] = pa.Field(isin=["", "2022", "2023"])
    count: Series[float] = pa.Field(ge=0)
    denominator: Series[float] = pa.Field(ge=0)
    approximate: Series[bool]
    source_key: Series[str] = pa.Field(str_length={"min_value": 1})

    @pa.dataframe_check
    @classmethod
    def one_row_per_category(cls, frame: pd.DataFrame) -> bool:
        return not frame.duplicated(["topic", "category", "area_code", "level", "vintage"]).any()

    @pa.dataframe_check
    @classmethod
    def counts_add_up_to_the_total(cls, frame: pd.DataFrame) -> bool:
        totals = frame.groupby(["topic", "area_code", "level", "vintage"])
        return bool((totals["count"].sum() == totals["denominator"].first()).all())

    class Config:
        strict = True
        coerce = True


class Catalogue(pa.DataFrameModel):
    """The indicator catalogue, ``data/indicators.csv``: one row per indicator."""

    indicator_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z][a-z0-9_]*$")
    title: Series[str]
    definition: Series[str] = pa.Field(str_length={"min_value": 10})
    pillars: Series[str] = pa.Field(nullable=True)
    priority: Series[str] = pa.Field(nullable=True)
    theme: Series[str]
    polarity: Series[str] = pa.Field(isin=POLARITIES)
    value_type: Series[str] = pa.Field(isin=VALUE_TYPES)
    unit: Series[str]
    multiplier: Series[float] = pa.Field(gt=0)
    ci_method: Series[str] = pa.Field(isin=CI_METHODS)
    aggregation: Series[str] = pa.Field(isin=AGGREGATIONS)
    levels: Series[str]
    ward_vintages: Series[str] = pa.Field(nullable=True)
    period: Series[str]
    source: Series[str]
    licence: Series[str]
    attribution: Series[str]
    published: Series[str] = pa.Field(nullable=True)
    fingertips_id: Series[str] = pa.Field(nullable=True)

    @pa.check("pillars")
    @classmethod
    def pillars_known(cls, pillars: pd.Series[str]) -> pd.Series[bool]:
        def ok(cell: object) -> bool:
            if not isinstance(cell, str) or not cell:
                return True
            return all(part.strip() in PILLARS for part in cell.split(";"))

        return pillars.map(ok).astype(bool)

    class Config:
        strict = True
        coerce = True


class StoreCatalogue(Catalogue):
    """The catalogue as built into the store: ``data/indicators.csv`` plus each indicator's published
    decimal places (see :mod:`trafford_dash.store.precision`)."""

    decimals: Series[int] = pa.Field(ge=0, le=6)


def empty_values() -> pd.DataFrame:
    """An empty frame with the values columns, for loaders that find nothing."""
    return pd.DataFrame({column: pd.Series(dtype="object") for column in VALUE_COLUMNS})
