"""The profile's Census 2021 composition section: one table's categories for the area, Trafford and GM."""

from __future__ import annotations

import streamlit as st

from trafford_dash.core import areas as profile_areas
from trafford_dash.core import charts as plotly_cache
from trafford_dash.core.areas import ProfileArea
from trafford_dash.core.ui import blocks, choices, components
from trafford_dash.profile import composition
from trafford_dash.profile.ui import data
from trafford_dash.store import cached


@cached.on_store(max_entries=256)
def _section(neighbourhood: str, ward: str, vintage: str, topic: str) -> data.Section:
    area = profile_areas.resolve(cached.table("areas"), neighbourhood, ward, vintage)
    frame = composition.composition_frame(cached.census_categories(), area, topic)
    if frame.empty:
        return data.Section(frame, (), None)
    figure = plotly_cache.freeze(composition.composition_figure(frame, area))
    return data.Section(frame, (composition.composition_sentence(frame, area),), figure)


@cached.on_store(max_entries=8)
def _topics(level: str, vintage: str) -> tuple[dict[str, str], list[str]]:
    """The tables offered on areas of one level and ward vintage, and those published only elsewhere."""
    categories = cached.census_categories()
    return (
        composition.topic_choices(categories, level, vintage),
        composition.unavailable_titles(categories, level, vintage),
    )


def composition_link_notice(area: ProfileArea) -> None:
    """The notice for a link's Census table that this area cannot show (called whichever tab is open)."""
    components.link_notice("prof_census", "Census table", _topics(area.level, area.vintage)[0].values())


def composition_section(area: ProfileArea) -> None:
    """Who lives here and how: a chosen Census 2021 table against Trafford and Greater Manchester."""
    st.markdown("**Who lives here and how they live (Census 2021)**")
    topics, missing = _topics(area.level, area.vintage)
    if not topics:
        st.info("No Census 2021 breakdown is published for this area.")
        return
    ids = list(topics)
    index = ids.index(composition.DEFAULT_TOPIC) if composition.DEFAULT_TOPIC in ids else 0
    topic = choices.labelled(st.selectbox, "Census table", topics, "prof_census", index=index)
    ward = "" if area.is_neighbourhood else area.code
    section = _section(area.neighbourhood, ward, area.vintage, topic)
    if section.frozen is None:
        st.info("This table is not published for this area; choose another.")
        return
    frame = section.table
    note = f" Not published for this area's boundaries: {', '.join(missing)}." if missing else ""
    approx = (
        " The area is the sum of the 2021 LSOAs that best fit its May-2023 wards (≈, an approximation)."
        if bool(frame["approximate"].any())
        else ""
    )
    blocks.chart_block(
        section.figure,
        "prof_census_chart",
        f"Bars: % of {frame['universe'].iloc[0]} in each category; hatching tells the three places apart. "
        f"Period: {composition.PERIOD}. Source: {composition.source(frame)} (OGL v3.0). Greater "
        f"Manchester is the sum of its ten boroughs.{approx}{note}",
        sentence=section.sentences[0],
        table=blocks.TableView(
            lambda: composition.display_table(frame, area), "Table of the categories", "prof_table_census"
        ),
        csv=blocks.CsvFile(
            lambda: composition.download_table(frame, area),
            f"trafford_census_{topic}_{area.code}.csv",
            "prof_csv_census",
        ),
    )
