"""Streamlit parts of the neighbourhood and ward profile page: controls, headline, indicators, population.

Controls are bound to query parameters (prefix ``prof_``): ward vintage, neighbourhood, ward, tab and
each tab's options, so a link reproduces the view. Only the open tab runs, which keeps the page fast;
every figure and table is cached on string keys.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from trafford_dash.core import areas as profile_areas
from trafford_dash.core import config, formatting
from trafford_dash.core import profile_comparators as comparators
from trafford_dash.core.areas import ProfileArea
from trafford_dash.core.charts import CHART_CONFIG
from trafford_dash.core.provenance import OGL_LICENCE
from trafford_dash.core.ui import blocks, choices, components
from trafford_dash.profile import deprivation as area_deprivation
from trafford_dash.profile import indicators as profiles
from trafford_dash.profile import jsna, jsna_print, population_change, spine, table_columns
from trafford_dash.profile.ui import data
from trafford_dash.profile.ui.composition import composition_link_notice, composition_section
from trafford_dash.store import cached, export

TABS = ["Indicators", "JSNA summary", "Population", "Deprivation", "Wards", "Services"]
BANDS = {"5": "5-year bands", "1": "Single years"}
DEFAULT_RANK = "bad_health"


# --------------------------------------------------------------------------------------------- controls
def _fix_link(areas: pd.DataFrame) -> None:
    """Read the link before the controls exist: follow a ward to its vintage and neighbourhood, or say
    plainly which part of the link is unknown (Streamlit then drops it and shows the default)."""
    params = st.query_params
    vintage_labels = {label: code for code, label in profile_areas.VINTAGE_OPTIONS.items()}
    raw_vin, raw_nbh, raw_ward = params.get("prof_vin"), params.get("prof_nbh"), params.get("prof_ward")
    components.link_notice("prof_vin", "ward boundaries", vintage_labels)
    components.link_notice("prof_nbh", "neighbourhood", config.NEIGHBOURHOODS)
    components.link_notice("prof_tab", "section", TABS)
    if not raw_ward:
        return
    vintage = vintage_labels.get(str(raw_vin), "2022")
    nbh = raw_nbh if raw_nbh in config.NEIGHBOURHOODS else None
    here = profile_areas.find_ward(areas, raw_ward, vintage)
    if nbh is not None and (here["neighbourhood"] == nbh).any():
        return
    anywhere = profile_areas.find_ward(areas, raw_ward)
    if anywhere.empty:
        wards = sorted(set(areas.loc[areas["level"] == "ward", "area_name"]))
        components.unrecognised_notice("prof_ward", "ward", [raw_ward], wards)
        return
    match = here.iloc[0] if not here.empty else anywhere.iloc[0]
    if raw_vin is None and "prof_vin" not in st.session_state:
        st.session_state["prof_vin"] = str(match["vintage"])
    if raw_nbh is None and "prof_nbh" not in st.session_state:
        st.session_state["prof_nbh"] = str(match["neighbourhood"])
    if str(match["vintage"]) != vintage and raw_vin is not None:
        st.info(
            f"{match['area_name']} is not a ward on the boundaries in the link; showing the whole "
            "neighbourhood."
        )


def rank_choices(vintage: str) -> dict[str, str]:
    """Indicators the wards can be ranked on (id → title, by title) on a ward vintage."""
    catalogue = cached.catalogue()
    titles = catalogue.set_index("indicator_id")["title"].to_dict()
    ids = profiles.indicators_for(catalogue, vintage, show_all=True)
    return {i: str(titles[i]) for i in sorted(ids, key=lambda i: str(titles[i]).lower())}


def _tab_link_notices(area: ProfileArea) -> None:
    """Notices for the tabs' own link values, whichever tab is open (each tab's widget drops them)."""
    components.link_notice("prof_all", "indicator list", components.ON_OFF, accepts=components.is_on_off)
    components.link_notice("prof_band", "age groups", BANDS.values())
    components.link_notice("prof_dom", "deprivation domain", area_deprivation.DOMAINS.values())
    components.link_notice("prof_rank", "ranking indicator", rank_choices(area.vintage).values())
    composition_link_notice(area)


def controls() -> ProfileArea:
    """Ward vintage, neighbourhood and ward selectors; returns the area to profile."""
    areas = cached.table("areas")
    _fix_link(areas)
    left, middle, right = st.columns([1.2, 1, 1.4])
    with left:
        vintage = left.radio(
            "Ward boundaries",
            list(profile_areas.VINTAGE_OPTIONS),
            format_func=profile_areas.VINTAGE_OPTIONS.__getitem__,
            key="prof_vin",
            bind="query-params",
            horizontal=True,
            help=(
                "The plan's neighbourhoods were drawn on the wards in use before May 2023. The May-2023 "
                "wards regroup the same places; a profile uses one set throughout."
            ),
        )
    with middle:
        neighbourhood = middle.selectbox(
            "Neighbourhood", list(config.NEIGHBOURHOODS), key="prof_nbh", bind="query-params"
        )
    names = profile_areas.ward_names(areas, neighbourhood, vintage)
    with right:
        ward = right.selectbox(
            "Ward",
            [profile_areas.WHOLE_NEIGHBOURHOOD, *names],
            format_func=lambda code: names.get(code, "Whole neighbourhood"),
            key="prof_ward",
            bind="query-params",
        )
    area = profile_areas.resolve(areas, neighbourhood, ward, vintage)
    _tab_link_notices(area)
    return area


def download_csv(frame: pd.DataFrame, name: str, key: str, label: str = "Download CSV") -> None:
    components.download(label, lambda: export.to_csv(frame), name, "text/csv", key)


def chart(figure: go.Figure, key: str) -> None:
    st.plotly_chart(figure, key=key, config=CHART_CONFIG, width="stretch")


def drawable(section: data.Section, notice: str) -> bool:
    """Whether the section has a figure to draw; when it has none, ``notice`` says so."""
    if section.frozen is None:
        st.info(notice)
        return False
    return True


def section_block(
    section: data.Section,
    keys: tuple[str, str, str],
    caption: str,
    table_title: str,
    csv: pd.DataFrame,
    filename: str,
) -> None:
    """A section's chart with its first sentence and caption, its table and its CSV ``csv``.

    ``keys`` are those of the chart, the table and the download."""
    chart_key, table_key, csv_key = keys
    blocks.chart_block(
        section.figure,
        chart_key,
        caption,
        sentence=section.sentences[0],
        table=blocks.TableView(section.table, table_title, table_key),
        csv=blocks.CsvFile(csv, filename, csv_key),
    )


# ------------------------------------------------------------------------------------------- sections
def headline(area: ProfileArea) -> None:
    """Residents, change since the previous estimate and significance counts, with periods."""
    change = data.population_change(area)
    table = data.indicators(area).table
    period = f"mid-{population_change.profile_period(area.vintage)[:4]}"
    delta = None
    if population_change.same_boundaries_as_profile(change, area):
        first = change.iloc[0]
        delta = f"{first['change_pct']:+.1f}% since mid-{first['from_period'][:4]}"
    worse = int((table["sig_trafford"] == "Worse").sum())
    tested = int((table["sig_trafford"] != "Not compared").sum())
    a, b, c = st.columns(3)
    people = formatting.format_number(data.residents(area), 0)
    a.metric(f"Residents ({period})", people, delta, delta_color="off")
    b.metric(
        "Significantly worse than Trafford", f"{worse} of {tested} tested", help="95% confidence intervals."
    )
    if area.is_neighbourhood:
        c.metric(
            "Wards", len(profile_areas.wards_of(cached.table("areas"), area.neighbourhood, area.vintage))
        )
    else:
        c.metric("Neighbourhood", area.neighbourhood)
    st.caption(
        f"Residents: ONS mid-year population estimate, {period}, via Trafford Data Lab (OGL v3.0). "
        + population_change.change_sentence(change, area.name)
    )


def indicators_tab(area: ProfileArea) -> None:
    """Summary sentences, the spine chart, the profile table and its numbers."""
    show_all = st.toggle("Show every indicator with ward figures", key="prof_all", bind="query-params")
    section = data.indicators(area, show_all)
    if section.table.empty or section.frozen is None:
        st.info("No indicator has a value for this area on these ward boundaries; try the other boundaries.")
        return
    st.markdown("**Summary**")
    for sentence in section.sentences:
        st.write(sentence)
    chart(section.figure, "prof_spine")
    st.caption(spine.spine_note())
    if section.extra is not None:
        components.text_table(section.extra)
    st.caption(
        "≈ marks an approximation: a population-weighted mean of ward values where the source publishes "
        "no counts, or Census counts fitted to May-2023 wards; each indicator's method note is in the "
        "download. Significance at 95% for the same period: against Trafford and Greater Manchester (GM) "
        "the two confidence intervals do not overlap; against England, England's value lies outside the "
        "area's interval (Fingertips' method). ○ not compared means no interval or no comparator figure is "
        "published. Each row gives its period and source; licences are in the download. "
        + profiles.edition_notes(section.table)[0]
    )
    gaps = [comparators.missing_note(section.table, p, n) for p, n in (("gm", "GM"), ("england", "England"))]
    if any(gaps):
        st.caption(" ".join(g for g in gaps if g))
    with components.lazy_expander(
        "Numbers behind the chart and table", key="prof_table_numbers", icon=":material/table:"
    ) as is_open:
        if is_open:
            st.dataframe(section.table[table_columns.NUMBER_COLUMNS], hide_index=True, width="stretch")
    download_csv(
        export.published_figures(section.table, cached.catalogue()),
        f"trafford_profile_{area.code}_{area.vintage}.csv",
        "prof_csv_indicators",
    )


def jsna_tab(area: ProfileArea) -> None:
    """The JSNA summary grid of the key indicators, its printable page and its CSV."""
    table = data.indicators(area).table
    grid = jsna.summary_grid(table, area.name)
    if grid.empty:
        st.info("No key indicator has a value for this area on these ward boundaries.")
        return
    st.write(
        f"{area.description} against Trafford, Greater Manchester (GM) and England on the profile's key "
        "indicators, each for its latest period."
    )
    styled = grid.style.map(jsna.badge_colour, subset=list(jsna.SIGNIFICANCE_COLUMNS))
    components.text_table(styled, scroll_after=len(grid))
    st.caption(" ".join(jsna.grid_notes(table)) + " " + jsna_print.sources_line(table))
    with st.container(horizontal=True):
        components.download(
            "Printable summary (HTML, one page)",
            lambda: jsna_print.printable(
                jsna_print.title(area),
                [jsna_print.PrintedArea(jsna_print.title(area), table, area.name)],
                datetime.now(),
            ),
            f"trafford_jsna_summary_{area.code}_{area.vintage}.html",
            "text/html",
            key="prof_jsna_print",
            icon=":material/print:",
        )
        components.download(
            "All four neighbourhoods (HTML, one page each)",
            lambda: jsna_print.printable(
                "Trafford's neighbourhoods: JSNA summaries",
                jsna_print.neighbourhood_pages(
                    cached.table("profiles"), cached.table("areas"), cached.catalogue(), area.vintage
                ),
                datetime.now(),
            ),
            f"trafford_jsna_summaries_{area.vintage}.html",
            "text/html",
            key="prof_jsna_print_all",
            icon=":material/print:",
        )
        download_csv(
            export.published_figures(jsna.grid_csv(table), cached.catalogue()),
            f"trafford_jsna_summary_{area.code}_{area.vintage}.csv",
            "prof_csv_jsna",
            "Download the summary (CSV)",
        )


POPULATION_SOURCE = "ONS mid-year population estimates via Trafford Data Lab"


def population_tab(area: ProfileArea) -> None:
    """The population pyramid against Trafford's shape, and the change since the previous estimate."""
    band = choices.labelled(st.radio, "Age groups", BANDS, "prof_band", horizontal=True)
    section = data.age_structure(area, int(band))
    if drawable(
        section, "No age breakdown is published for this area on these boundaries; try the other boundaries."
    ):
        frame = section.table
        section_block(
            section,
            ("prof_pyramid", "prof_table_pyramid", "prof_csv_pyramid"),
            f"Bars: {area.name}'s residents by age and sex as a % of all its residents; black lines: "
            f"Trafford's shape. ONS mid-year estimate, mid-{str(frame['period'].iloc[0])[:4]}, via Trafford "
            "Data Lab (OGL v3.0).",
            "Table of the pyramid",
            frame.assign(area=area.name, source=POPULATION_SOURCE, licence=OGL_LICENCE),
            f"trafford_age_structure_{area.code}.csv",
        )
    st.markdown("**Change since the previous estimate**")
    change = data.population_change(area)
    st.write(population_change.change_sentence(change, area.name))
    shown = population_change.change_display(change)
    components.text_table(shown)
    st.caption(
        "Only estimates on the same boundaries are compared. Neighbourhood figures on the plan's wards exist "
        "for mid-2020 only; the comparable change uses the same neighbourhood on the May-2023 wards."
    )
    download_csv(
        shown.assign(source=POPULATION_SOURCE, licence=OGL_LICENCE),
        f"trafford_population_change_{area.code}.csv",
        "prof_csv_change",
    )
    composition_section(area)
