"""Cached data and figures behind the profile page, keyed on strings.

Each section's tables, sentences and figures are built once per area and option and then served from
the store's cache (:func:`trafford_dash.store.cached.on_store`): an area is keyed by its neighbourhood,
ward code ("" for the whole neighbourhood) and ward vintage, plus the store's build stamp so a rebuilt
store is picked up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from trafford_dash.core import areas as profile_areas
from trafford_dash.core import charts as plotly_cache
from trafford_dash.core import config, summaries
from trafford_dash.core import services as area_services
from trafford_dash.core.areas import ProfileArea
from trafford_dash.profile import deprivation as area_deprivation
from trafford_dash.profile import indicators as profiles
from trafford_dash.profile import population_change as popchange
from trafford_dash.profile import pyramid, spine, ward_ranking
from trafford_dash.store import cached


@dataclass(frozen=True)
class Section:
    """What a section draws: its table, sentences and figure (``None`` when there is nothing to draw).

    The figure is kept as a plain dict (:mod:`trafford_dash.core.charts`), which is cheap to cache.
    """

    table: pd.DataFrame
    sentences: tuple[str, ...]
    frozen: dict[str, Any] | None
    extra: pd.DataFrame | None = None

    @property
    def figure(self) -> go.Figure | None:
        """The section's figure, rebuilt from its cached dict without validating it again."""
        return plotly_cache.thaw(self.frozen) if self.frozen is not None else None


def _frozen(figure: go.Figure) -> dict[str, Any]:
    return plotly_cache.freeze(figure)


def _key(area: ProfileArea) -> tuple[str, str, str]:
    return area.neighbourhood, "" if area.is_neighbourhood else area.code, area.vintage


def _area(neighbourhood: str, ward: str, vintage: str) -> ProfileArea:
    return profile_areas.resolve(cached.table("areas"), neighbourhood, ward, vintage)


def indicator_meta(indicator_id: str) -> dict[str, Any]:
    """One indicator's catalogue row as a dict."""
    frame = cached.catalogue().set_index("indicator_id")
    return {str(k): v for k, v in frame.loc[indicator_id].to_dict().items()} | {"indicator_id": indicator_id}


@cached.on_store(max_entries=256)
def indicator_rows(indicator_id: str, vintage: str) -> pd.DataFrame:
    """One indicator's rows for a profile on one vintage: its areas, Trafford, GM and England."""
    rows = cached.rows(indicator_id=indicator_id, level=list(profiles.PROFILE_LEVELS))
    return rows[rows["vintage"].isin([vintage, ""])].reset_index(drop=True)


@cached.on_store(max_entries=128)
def _indicators(neighbourhood: str, ward: str, vintage: str, show_all: bool) -> Section:
    area = _area(neighbourhood, ward, vintage)
    ids = profiles.indicators_for(cached.catalogue(), vintage, show_all)
    # The build worked out every area's profile table; the page only picks the area's rows.
    table = profiles.stored_table(cached.table("profiles"), area, ids)
    sentences = (
        summaries.significance_sentence(table, area.name, "Trafford", "sig_trafford", "trafford_value"),
        summaries.significance_sentence(table, area.name, config.GM_NAME, "sig_gm", "gm_value"),
        summaries.significance_sentence(table, area.name, "England", "sig_england", "england_value"),
        summaries.untested_gaps_sentence(table, area.name),
    )
    frame = spine.spine_frame(table)
    figure = _frozen(spine.spine_figure(frame, area.name, area.neighbourhood)) if not frame.empty else None
    return Section(
        table, tuple(s for s in sentences if s), figure, profiles.display_table(table, area.neighbourhood)
    )


def indicators(area: ProfileArea, show_all: bool = False) -> Section:
    """The profile table (``table``), its screen version (``extra``), summary sentences and spine chart."""
    return _indicators(*_key(area), show_all)


@cached.on_store(max_entries=4)
def population_totals() -> pd.DataFrame:
    """Residents (Persons, All ages) of every ward, neighbourhood and Trafford, plus ward change rows."""
    rows = cached.rows(
        indicator_id=["population", "population_change"],
        level=["ward", "neighbourhood", "borough"],
        sex="Persons",
    )
    return rows[rows["age"] == "All ages"].reset_index(drop=True)


@cached.on_store(max_entries=128)
def _change(neighbourhood: str, ward: str, vintage: str) -> pd.DataFrame:
    return popchange.population_change(population_totals(), _area(neighbourhood, ward, vintage))


def population_change(area: ProfileArea) -> pd.DataFrame:
    """Change since the previous estimate (see :mod:`trafford_dash.profile.population_change`)."""
    return _change(*_key(area))


def residents(area: ProfileArea) -> float:
    """The area's residents at the profile's latest mid-year (mid-2020 or mid-2024)."""
    period = popchange.profile_period(area.vintage)
    totals = population_totals()
    return popchange.persons(totals, area.level, area.vintage, area.code, period)


@cached.on_store(max_entries=128)
def _pyramid(neighbourhood: str, ward: str, vintage: str, band: int) -> Section:
    area = _area(neighbourhood, ward, vintage)
    rows = cached.values("population", area.level, area.vintage)
    trafford = cached.values("population", "borough")
    frame = pyramid.pyramid_frame(rows, trafford, area.code, band)
    if frame.empty:
        return Section(frame, (), None)
    singles = pyramid.pyramid_frame(rows, trafford, area.code, 1)
    figure = _frozen(pyramid.pyramid_figure(frame, area.name))
    return Section(frame, (pyramid.pyramid_summary(singles, area.name),), figure)


def age_structure(area: ProfileArea, band: int) -> Section:
    """The population pyramid against Trafford's shape (bands of ``band`` years)."""
    return _pyramid(*_key(area), band)


@cached.on_store(max_entries=2)
def decile_shares(vintage: str) -> pd.DataFrame:
    """Residents by IMD 2019 decile: the store's table (pre-May-2023 wards) or computed (May-2023)."""
    table = cached.table("imd_decile_population")
    if vintage == "2022":
        return table
    population = cached.values("population", "lsoa", "2021")
    population = population[(population["sex"] == "Persons") & (population["age"] == "All ages")]
    population = population[population["period"] == population["period"].max()]
    parents = area_deprivation.parent_lsoas(cached.geojson("lsoa_2021"), cached.geojson("lsoa_2011"))
    computed = area_deprivation.decile_shares_2023(
        population,
        cached.values("imd_decile", "lsoa", "2011"),
        cached.table("lsoa_to_ward"),
        parents,
        cached.table("areas"),
    )
    return pd.concat([computed, table[table["level"] == "borough"]], ignore_index=True)


def feature(layer: str, code: str) -> dict[str, Any]:
    """One boundary as a FeatureCollection (the area's outline)."""
    geo = cached.geojson(layer)
    return {"type": "FeatureCollection", "features": [f for f in geo["features"] if f["id"] == code]}


@cached.on_store(max_entries=128)
def _deciles(neighbourhood: str, ward: str, vintage: str) -> Section:
    area = _area(neighbourhood, ward, vintage)
    frame = area_deprivation.decile_frame(decile_shares(vintage), area)
    if frame.empty:
        return Section(frame, (), None)
    summary = area_deprivation.decile_summary(frame, area.name)
    return Section(frame, (summary,), _frozen(area_deprivation.decile_figure(frame, area.name)))


def deciles(area: ProfileArea) -> Section:
    """Residents by national IMD 2019 decile, against Trafford."""
    return _deciles(*_key(area))


@cached.on_store(max_entries=128)
def _lsoas(neighbourhood: str, ward: str, vintage: str, domain: str) -> Section:
    area = _area(neighbourhood, ward, vintage)
    codes = area_deprivation.area_lsoas(cached.table("lsoa_to_ward"), area)
    values = pd.concat([cached.values(f"{domain}_{m}", "lsoa", "2011") for m in ("decile", "score", "rank")])
    geo = cached.geojson("lsoa_2011")
    names = {f["id"]: f["properties"].get("area_name", f["id"]) for f in geo["features"]}
    frame = area_deprivation.lsoa_frame(values, codes, names, domain)
    if frame.empty:
        return Section(frame, (), None)
    outline = feature(f"{area.level}_{area.vintage}", area.code)
    figure = _frozen(area_deprivation.lsoa_figure(geo, frame, outline, domain))
    return Section(frame, (area_deprivation.lsoa_summary(frame, area.name, domain),), figure)


def lsoas(area: ProfileArea, domain: str) -> Section:
    """The area's LSOAs on one IoD 2019 domain, as a table, a sentence and a map."""
    return _lsoas(*_key(area), domain)


@cached.on_store(max_entries=256)
def _ranking(neighbourhood: str, ward: str, vintage: str, indicator_id: str) -> Section:
    area = _area(neighbourhood, ward, vintage)
    meta = indicator_meta(indicator_id)
    rows = indicator_rows(indicator_id, vintage)
    members = profile_areas.wards_of(cached.table("areas"), neighbourhood, vintage)["area_code"]
    frame, trafford, nbh = ward_ranking.ranking_frame(rows, members, vintage, str(meta["polarity"]))
    if frame.empty:
        return Section(frame, (), None)
    own = nbh[nbh["area_code"] == config.neighbourhood_code(neighbourhood)]
    neighbourhood_row = summaries.records(own)[0] if not own.empty else None
    highlight = None if area.is_neighbourhood else area.code
    figure = _frozen(ward_ranking.ranking_figure(frame, meta, trafford, neighbourhood_row, highlight))
    summary = ward_ranking.ranking_summary(frame, meta, neighbourhood)
    return Section(ward_ranking.ranking_table(frame, meta), (summary,), figure)


def ranking(area: ProfileArea, indicator_id: str) -> Section:
    """The wards of the area's neighbourhood ranked on one indicator."""
    return _ranking(*_key(area), indicator_id)


@cached.on_store(max_entries=2)
def located(layer: str) -> pd.Series:
    """The code of the boundary (of ``layer``) that holds each service."""
    return area_services.assign_areas(cached.table("services"), cached.geojson(layer))


@cached.on_store(max_entries=128)
def _services(neighbourhood: str, ward: str, vintage: str) -> Section:
    area = _area(neighbourhood, ward, vintage)
    layer = f"{area.level}_{area.vintage}"
    inside = area_services.services_in(cached.table("services"), located(layer), [area.code])
    sentence = area_services.counts_sentence(inside, area.name, residents(area))
    outline = feature(layer, area.code)
    figure = None
    if not inside.empty:
        figure = _frozen(
            area_services.services_map(inside, outline, area_deprivation.feature_bounds(outline))
        )
    pcns = area_services.pcns_for(cached.plan_table("pcns"), neighbourhood)
    return Section(area_services.services_table(inside, {area.code: area.name}), (sentence,), figure, pcns)


def services(area: ProfileArea) -> Section:
    """Services inside the area (table, sentence, map) and its neighbourhood's PCNs (``extra``)."""
    return _services(*_key(area))
