"""The profile page's deprivation, wards and services sections (one function per tab)."""

from __future__ import annotations

import streamlit as st

from trafford_dash.core import formatting
from trafford_dash.core import services as area_services
from trafford_dash.core.areas import ProfileArea
from trafford_dash.core.provenance import BOUNDARIES, IOD_SOURCE, OGL_LICENCE
from trafford_dash.core.ui import blocks, choices, components
from trafford_dash.profile import deprivation
from trafford_dash.profile import indicators as profiles
from trafford_dash.profile.ui import data
from trafford_dash.profile.ui.page import DEFAULT_RANK, chart, download_csv, rank_choices
from trafford_dash.store import export


def deprivation_tab(area: ProfileArea) -> None:
    """Residents by national IMD decile, and the LSOA map of the area on a chosen domain."""
    st.markdown("**Residents by national deprivation decile (IoD 2019)**")
    st.caption(profiles.edition_notes(data.indicators(area).table)[1])
    section = data.deciles(area)
    if section.frozen is None:
        st.info("No deprivation breakdown is available for this area; try the other ward boundaries.")
    else:
        frame = section.table
        blocks.chart_block(
            section.figure,
            "prof_deciles",
            f"{frame['note'].iloc[0]} Period: {frame['period'].iloc[0]}. Source: {IOD_SOURCE}; ONS mid-year "
            "population estimates (OGL v3.0).",
            sentence=section.sentences[0],
            table=blocks.TableView(frame, "Table of the deciles", "prof_table_deciles"),
            csv=blocks.CsvFile(
                frame.assign(area=area.name, source=IOD_SOURCE, licence=OGL_LICENCE),
                f"trafford_deprivation_deciles_{area.code}.csv",
                "prof_csv_deciles",
            ),
        )
    st.markdown("**Small areas (LSOAs) in the area**")
    domain = choices.labelled(st.selectbox, "Domain", deprivation.DOMAINS, "prof_dom")
    lsoas = data.lsoas(area, domain)
    if lsoas.frozen is None:
        st.info("No LSOAs are assigned to this area.")
        return
    blocks.chart_block(
        lsoas.figure,
        "prof_lsoa_map",
        "2011 LSOAs assigned whole to wards by best fit, so their edges may not follow the area's outline "
        f"(black line) exactly. Decile 1 = the most deprived 10% of England's LSOAs. IoD 2019; source: "
        f"{IOD_SOURCE} (OGL v3.0). {BOUNDARIES}",
        sentence=lsoas.sentences[0],
        table=blocks.TableView(lsoas.table, "Table of the LSOAs", "prof_table_lsoas"),
        csv=blocks.CsvFile(
            lsoas.table.assign(
                domain=deprivation.DOMAINS[domain], period="2019", source=IOD_SOURCE, licence=OGL_LICENCE
            ),
            f"trafford_lsoa_{domain}_{area.code}.csv",
            "prof_csv_lsoa",
        ),
    )


def wards_tab(area: ProfileArea) -> None:
    """The wards of the area's neighbourhood ranked on a chosen indicator."""
    titles = rank_choices(area.vintage)
    ids = list(titles)
    index = ids.index(DEFAULT_RANK) if DEFAULT_RANK in ids else 0
    indicator = choices.labelled(st.selectbox, "Rank the wards on", titles, "prof_rank", index=index)
    section = data.ranking(area, indicator)
    if section.frozen is None:
        st.info("No ward figures for this indicator on these boundaries; choose another indicator.")
        return
    meta = data.indicator_meta(indicator)
    blocks.chart_block(
        section.figure,
        "prof_ranking",
        "Bars coloured and marked by significance against Trafford (▲ better, ▼ worse, △ higher, ▽ lower, "
        "● similar, ○ not compared) at 95%; whiskers are 95% confidence intervals where published. Dashed "
        f"line: Trafford; dotted: {area.neighbourhood}. "
        f"{formatting.provenance(meta, section.table['period'].iloc[0])}",
        sentence=section.sentences[0],
        table=blocks.TableView(section.table, "Table of the ranked wards", "prof_table_wards"),
        csv=blocks.CsvFile(
            export.with_meta(section.table, meta),
            f"trafford_wards_{indicator}_{area.neighbourhood.lower()}.csv",
            "prof_csv_wards",
        ),
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
    if section.frozen is None:
        st.info("No GP practice, pharmacy, hospital or care home lies inside this area.")
    else:
        chart(section.figure, "prof_services_map")
    st.caption(
        f"{area_services.SOURCE}. GP marker area is proportional to list size. Each service is placed in the "
        f"area whose boundary contains it. {BOUNDARIES}"
    )
    components.text_table(section.table.drop(columns=["lon", "lat", "source", "licence"]))
    download_csv(section.table, f"trafford_services_{area.code}.csv", "prof_csv_services")
