"""The profile page's deprivation, wards and services sections (one function per tab)."""

from __future__ import annotations

import streamlit as st

from trafford_dash.core import formatting
from trafford_dash.core import services as area_services
from trafford_dash.core.areas import ProfileArea
from trafford_dash.core.provenance import BOUNDARIES, IOD_SOURCE, OGL_LICENCE
from trafford_dash.core.ui import choices, components
from trafford_dash.profile import deprivation
from trafford_dash.profile import indicators as profiles
from trafford_dash.profile.ui import data
from trafford_dash.profile.ui import places as profile_places
from trafford_dash.profile.ui.page import (
    DEFAULT_RANK,
    chart,
    download_csv,
    drawable,
    rank_choices,
    section_block,
)
from trafford_dash.store import export


def deprivation_tab(area: ProfileArea) -> None:
    """Residents by national IMD decile, and the LSOA map of the area on a chosen domain."""
    st.markdown("**Residents by national deprivation decile (IoD 2019)**")
    st.caption(profiles.edition_notes(data.indicators(area).table)[1])
    section = data.deciles(area)
    if drawable(
        section, "No deprivation breakdown is available for this area; try the other ward boundaries."
    ):
        frame = section.table
        section_block(
            section,
            ("prof_deciles", "prof_table_deciles", "prof_csv_deciles"),
            f"{frame['note'].iloc[0]} Period: {frame['period'].iloc[0]}. Source: {IOD_SOURCE}; ONS mid-year "
            "population estimates (OGL v3.0).",
            "Table of the deciles",
            frame.assign(area=area.name, source=IOD_SOURCE, licence=OGL_LICENCE),
            f"trafford_deprivation_deciles_{area.code}.csv",
        )
    st.markdown("**Small areas (LSOAs) in the area**")
    domain = choices.labelled(st.selectbox, "Domain", deprivation.DOMAINS, "prof_dom")
    lsoas = data.lsoas(area, domain)
    if not drawable(lsoas, "No LSOAs are assigned to this area."):
        return
    section_block(
        lsoas,
        ("prof_lsoa_map", "prof_table_lsoas", "prof_csv_lsoa"),
        "2011 LSOAs assigned whole to wards by best fit, so their edges may not follow the area's outline "
        f"(black line) exactly. Decile 1 = the most deprived 10% of England's LSOAs. IoD 2019; source: "
        f"{IOD_SOURCE} (OGL v3.0). {BOUNDARIES}",
        "Table of the LSOAs",
        lsoas.table.assign(
            domain=deprivation.DOMAINS[domain], period="2019", source=IOD_SOURCE, licence=OGL_LICENCE
        ),
        f"trafford_lsoa_{domain}_{area.code}.csv",
    )


def wards_tab(area: ProfileArea) -> None:
    """The wards of the area's neighbourhood ranked on a chosen indicator."""
    titles = rank_choices(area.vintage)
    ids = list(titles)
    index = ids.index(DEFAULT_RANK) if DEFAULT_RANK in ids else 0
    indicator = choices.labelled(st.selectbox, "Rank the wards on", titles, "prof_rank", index=index)
    section = data.ranking(area, indicator)
    if not drawable(
        section, "No ward figures for this indicator on these boundaries; choose another indicator."
    ):
        return
    meta = data.indicator_meta(indicator)
    section_block(
        section,
        ("prof_ranking", "prof_table_wards", "prof_csv_wards"),
        "Bars coloured and marked by significance against Trafford (▲ better, ▼ worse, △ higher, ▽ lower, "
        "● similar, ○ not compared) at 95%; whiskers are 95% confidence intervals where published. Dashed "
        f"line: Trafford; dotted: {area.neighbourhood}. "
        f"{formatting.provenance(meta, section.table['period'].iloc[0])}",
        "Table of the ranked wards",
        export.with_meta(section.table, meta),
        f"trafford_wards_{indicator}_{area.neighbourhood.lower()}.csv",
    )


def services_tab(area: ProfileArea) -> None:
    """GP practices (with list sizes), pharmacies, hospitals and care homes in the area, and its PCNs."""
    section = data.services(area)
    st.write(section.sentences[0])
    pcns = section.extra
    if pcns is not None and not pcns.empty:
        st.markdown(f"**Primary Care Networks serving {area.neighbourhood}:** " + ", ".join(pcns["pcn"]))
        st.caption(
            f"{pcns['note'].iloc[0]} Source: Trafford Together Locality Plan ({pcns['source_key'].iloc[0]})."
        )
    if drawable(section, "No GP practice, pharmacy, hospital or care home lies inside this area."):
        chart(section.figure, "prof_services_map")
    st.caption(
        f"{area_services.SOURCE}. GP marker area is proportional to list size. Each service is placed in the "
        f"area whose boundary contains it. {BOUNDARIES}"
    )
    components.text_table(section.table.drop(columns=["lon", "lat", "source", "licence"]))
    download_csv(section.table, f"trafford_services_{area.code}.csv", "prof_csv_services")
    profile_places.show(area)
