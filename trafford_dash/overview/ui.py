"""Streamlit pieces of the landing page: the plan's structure, key facts, neighbourhood map, exceptions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from trafford_dash.core import figure_age, provenance, svg_map, trends
from trafford_dash.core.ui import components
from trafford_dash.overview import facts as overview
from trafford_dash.overview import headlines
from trafford_dash.pillars import exceptions, tile_text
from trafford_dash.pillars.ui.data import newest as pillar_newest
from trafford_dash.pillars.ui.data import open_exceptions
from trafford_dash.store import cached, export

PILLARS_PAGE = "app_pages/pillars.py"
MAP_LAYER = "neighbourhood_2023"
# Cards reflow to fewer columns below this width, so a long word ("neighbourhoods") is never split.
CARD_WIDTH = 260


def aspirations() -> None:
    """The plan's three aspirations side by side."""
    table = cached.plan_table("aspirations").sort_values("order")
    cards = st.grid(len(table), min_column_width=CARD_WIDTH, border=True)
    for row in table.to_dict("records"):
        cards.markdown(f"**{row['aspiration']}**  \n:small[{row['description']}]")
    st.caption(f"Source: {overview.cite(table['source_key'].iloc[0])}.")


@cached.on_store(max_entries=4, plan_files=True)
def _pillar_cards() -> list[dict[str, Any]]:
    cards = overview.pillar_cards(
        cached.plan_table("pillars"),
        cached.catalogue(),
        cached.plan_table("planned_care_gaps"),
        open_exceptions(),
    )
    return [{str(k): v for k, v in card.items()} for card in cards.to_dict("records")]


def pillar_cards() -> None:
    """The six pillars, each with its counts (open indicators, exceptions, gaps) and a link to its tiles."""
    records = _pillar_cards()
    cards = st.grid(3, min_column_width=CARD_WIDTH, border=True)
    for card in records:
        with cards.cell():
            st.markdown(f"**{card['pillar']}**  \n:small[{card['summary']}]")
            counts = [f"{card['n_indicators']} open indicators"]
            if card["n_worse"]:
                counts.append(
                    f"{tile_text.badge_markdown('Worse')} {card['n_worse']} worse and getting worse"
                )
            if card["n_better"]:
                counts.append(f"{tile_text.badge_markdown('Better')} {card['n_better']} better and improving")
            if card["n_gaps"]:
                plural = "s" if card["n_gaps"] != 1 else ""
                counts.append(f"{card['n_gaps']} plan measure{plural} without open data")
            st.markdown("  \n".join(counts))
            st.caption(
                "Work programme: " + "; ".join(card["work_programme"]) + f". Source: {card['source_key']}."
            )
            st.page_link(
                PILLARS_PAGE,
                label=f"Open {card['pillar']}",
                icon=":material/arrow_forward:",
                query_params={"pillar": card["pillar"]},
            )


def priorities() -> None:
    """The seven Trafford system priorities."""
    table = cached.plan_table("priorities").sort_values("order")
    st.markdown(
        "\n".join(
            f"{row['order']}. **{row['priority']}**: {row['description']}" for row in table.to_dict("records")
        )
    )
    st.caption(f"Source: {overview.cite(table['source_key'].iloc[0])}.")


def key_facts() -> None:
    """Headline facts from the plan documents, each with its period and source."""
    facts = overview.headline_facts(cached.plan_table("key_facts"))
    cards = st.grid(4, min_column_width=CARD_WIDTH, border=True)
    for fact in facts:
        with cards.cell():
            value = f"{fact['shown']} {fact['unit']}".strip()
            st.markdown(f"#### {value}\n{fact['label']}")
            st.caption(overview.fact_caption(fact))


def services() -> None:
    """The five primary care networks and the Local Care Organisation."""
    pcns = cached.plan_table("pcns")
    st.markdown("\n".join(f"- **{row['pcn']}**: {row['neighbourhood']}" for row in pcns.to_dict("records")))
    source = overview.cite(str(pcns["source_key"].iloc[0]))
    st.caption(
        "Five GP networks of about 30,000–50,000 patients each, mirroring the neighbourhoods with two in the "
        f"South; all in place with clinical directors by August 2019. Source: {source}."
    )


@dataclass(frozen=True)
class NeighbourhoodMap:
    """Everything the map section shows, worked out once per store build."""

    table: pd.DataFrame  # the headline table (all headline indicators)
    population: pd.DataFrame  # its population rows
    shown: pd.DataFrame  # the map's rows with period, source and licence
    svg: str
    title: str
    period: str
    year: str


@cached.on_store(max_entries=4)
def _map_data() -> NeighbourhoodMap:
    catalogue = cached.catalogue()
    frames = {indicator: cached.values(indicator) for indicator, _ in headlines.HEADLINE_INDICATORS}
    table = headlines.headline_table(frames, catalogue)
    population = table[table["indicator_id"] == "population"]
    geo = cached.geojson(MAP_LAYER)
    nbh = population[population["area"] != "Trafford"]
    codes = {f["properties"]["area_name"]: f["id"] for f in geo["features"]}
    frame = pd.DataFrame(
        {"area_code": nbh["area"].map(codes), "area_name": nbh["area"], "value": nbh["value"]}
    )
    meta = {str(k): v for k, v in catalogue.set_index("indicator_id").loc["population"].to_dict().items()}
    period = str(population["period"].iloc[0]) if not population.empty else "unknown"
    year = period[:4]
    title = f"Map of Trafford's four neighbourhoods shaded by resident population, mid-{year}"
    svg = svg_map.choropleth_svg(
        geo,
        values=dict(zip(frame["area_code"], frame["value"], strict=True)),
        labels={f["id"]: f["properties"]["area_name"] for f in geo["features"]},
        title=title,
        key_title=f"Residents, mid-{year}",
    )
    shown = frame.assign(period=period, source=str(meta["source"]), licence=str(meta["licence"]))
    return NeighbourhoodMap(table, population, shown, svg, title, period, year)


def neighbourhood_map() -> pd.DataFrame:
    """The four neighbourhoods coloured by population, with headline figures beside; returns the table."""
    data = _map_data()
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.image(data.svg, alt=data.title, width="content")
        st.markdown(overview.population_sentence(data.shown, data.period))
        st.caption(
            f"Resident population, mid-{data.year}, neighbourhoods on the May-2023 wards. Source: ONS "
            "mid-year population estimates via Trafford Data Lab. " + provenance.BOUNDARIES
        )
        with components.lazy_expander("Table of the map", key="overview_map_table") as is_open:
            if is_open:
                st.dataframe(data.shown, hide_index=True, width="stretch")
        with st.container(horizontal=True):
            components.csv_download(
                data.shown, "trafford_neighbourhood_population.csv", key="overview_map_csv"
            )
            components.download(
                "Download the map (SVG)",
                data.svg,
                "trafford_neighbourhoods_map.svg",
                "image/svg+xml",
                key="overview_map_svg",
                icon=":material/map:",
            )
    with right:
        for row in data.population.itertuples():
            st.metric(str(row.area), str(row.shown), help=f"Mid-year estimate, {row.period}. {row.source}.")
    return data.table


def headline_table(table: pd.DataFrame) -> None:
    """The headline indicators for each neighbourhood and Trafford, with their download."""
    # A static table wraps its text, so all five areas stay in view at any width.
    st.table(headlines.wide(table), hide_index=True)
    st.caption(
        "\\* Approximation: the source gives ward values only, so a neighbourhood figure is the mean of "
        "its wards weighted by population. Census figures are computed exactly from summed counts, "
        "with 95% confidence intervals in the download. Neighbourhoods are built from the pre-May-2023 "
        "wards (the plan's) except population, which uses the May-2023 wards."
    )
    components.csv_download(
        lambda: export.published_figures(table, cached.catalogue()),
        "trafford_neighbourhood_headlines.csv",
        key="overview_download",
    )


def exception_list() -> pd.DataFrame:
    """Exceptions across all pillars (open indicators; see :mod:`trafford_dash.pillars.exceptions`)."""
    return open_exceptions()


def exception_links(found: pd.DataFrame) -> None:
    """The exceptions, each linking to its tile on the Pillars page."""
    st.markdown(exceptions.summary_sentence(found))
    newest = pillar_newest(found)
    for kind in exceptions.KINDS:
        mine = found[found["kind"] == kind]
        label = "Worse" if kind == exceptions.WORSE_AND_WORSENING else "Better"
        st.markdown(f"{tile_text.badge_markdown(label)} **{kind}**" + ("" if not mine.empty else ": none"))
        for row in trends.records(mine):
            dated = figure_age.dated_text(row, newest)
            when = figure_age.describe(row, date.today().year) + (f"; dated: {dated}" if dated else "")
            # A link's label stays on one line, so the figure and its age go underneath it.
            st.page_link(
                PILLARS_PAGE,
                label=str(row["title"]),
                icon=":material/arrow_forward:",
                query_params={"pillar": row["pillar"], "ind": row["indicator_id"]},
            )
            st.caption(f"{row['shown']} in {when} · {row['pillar']}")
    st.caption(
        "Against England: England outside Trafford's 95% interval, or OHID's published label where there "
        "is no interval; change from "
        "the period before, judged by each indicator's polarity (a difference in values, not a test). "
        f"“Dated” marks a figure more than {figure_age.DATED_AFTER_YEARS} years older than the newest from "
        "its source."
    )


def documents() -> None:
    """The plan documents every source key refers to."""
    table = cached.plan_table("documents")
    st.dataframe(
        table.rename(columns={"key": "Key", "title": "Document", "date": "Date", "description": "About"}),
        hide_index=True,
        width="stretch",
    )
