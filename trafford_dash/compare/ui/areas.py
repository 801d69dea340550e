"""The Compare page's "Areas" view: one indicator ranked across areas, with significance vs a benchmark."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from trafford_dash.compare import areas, common
from trafford_dash.compare.areas import PEER_AVERAGE
from trafford_dash.compare.common import LEVEL_CHOICES, PEER_GROUPS
from trafford_dash.compare.ui import widgets
from trafford_dash.core import config, formatting, iod_edition
from trafford_dash.core.ui import choices, components
from trafford_dash.store import cached, export

LEVELS = ("neighbourhood_2022", "neighbourhood_2023", "ward_2022", "ward_2023", "lsoa", "peers")
DEFAULT_INDICATOR = "bad_health"


def benchmarks(indicator_id: str, peer: str) -> dict[str, tuple[str, pd.DataFrame]]:
    """Benchmark name -> (area code, the indicator's rows at the benchmark's level); each Greater
    Manchester borough but Trafford is a benchmark by its name."""
    found: dict[str, tuple[str, pd.DataFrame]] = {
        name: (code, cached.values(indicator_id, level))
        for name, (level, code) in common.comparator_codes().items()
    }
    boroughs = {n: c for n, c in widgets.gm_boroughs().items() if n != config.TRAFFORD_NAME}
    if boroughs:
        authorities = cached.values(indicator_id, "local_authority")
        found |= {name: (code, authorities) for name, code in boroughs.items()}
    if peer == "gm":
        found[PEER_AVERAGE] = (config.GM_CODE, cached.values(indicator_id, "region"))
    else:
        found[PEER_AVERAGE] = (peer, cached.values(indicator_id, "peer_group"))
    return found


def area_rows(indicator_id: str, level_key: str, peer: str) -> pd.DataFrame:
    """The rows of the areas being compared: a level and vintage, or Trafford plus a peer group."""
    choice = LEVEL_CHOICES[level_key]
    if level_key != "peers":
        return cached.values(indicator_id, choice.level, choice.vintage)
    groups = cached.table("peer_groups")
    codes = groups.loc[groups["group_id"] == peer, "area_code"].tolist()
    return areas.peer_rows(
        cached.values(indicator_id, "local_authority"), cached.values(indicator_id, "borough"), codes
    )


@cached.on_store(max_entries=64)
def _result(
    indicator_id: str, level_key: str, peer: str, comparator: str, confidence: str, period: str
) -> tuple[areas.AreasResult, go.Figure | None, str]:
    info = widgets.meta(indicator_id)
    result = areas.compare_areas(
        area_rows(indicator_id, level_key, peer),
        benchmarks(indicator_id, peer),
        info,
        comparator,
        confidence,
        period or None,
        LEVEL_CHOICES[level_key].noun,
    )
    if result.refusal:
        return result, None, ""
    figure = areas.figure(result, info, show_998=confidence == "99.8")
    return result, figure, export.to_csv(areas.export_frame(result, info))


def result(
    indicator_id: str, level_key: str, peer: str, comparator: str, confidence: str = "95", period: str = ""
) -> tuple[areas.AreasResult, go.Figure | None, str]:
    """The comparison, its figure and CSV export (cached on the store stamp and the choices)."""
    return _result(indicator_id, level_key, peer, comparator, confidence, period)


def _periods(indicator_id: str, level_key: str, peer: str) -> list[str]:
    rows = area_rows(indicator_id, level_key, peer)
    selection = common.narrow(rows)
    sexed = rows[(rows["sex"] == selection.sex) & (rows["age"] == selection.age)]
    return list(reversed(common.ordered_periods(sexed[sexed["value"].notna()])))


@cached.unless_store_fails
def latest_period() -> None:
    """Callback: after the indicator, level or peer group changes, show the newest period again.

    A kept period would otherwise survive the change whenever the new options contain it.
    """
    state = st.session_state
    indicator_id = str(state.get("cmp_ind", DEFAULT_INDICATOR))
    level_key = str(state.get("cmp_level", widgets.DEFAULT_LEVEL))
    if indicator_id not in widgets.metas() or level_key not in LEVELS:
        return
    info = widgets.meta(indicator_id)
    if common.level_available(info, level_key):
        periods = _periods(indicator_id, level_key, str(state.get("cmp_peer", "cipfa")))
        if periods:
            state["cmp_period"] = periods[0]


def _edition_note(indicator_id: str, info: dict[str, Any], level_key: str, period: str) -> str:
    """For a deprivation indicator: its IoD edition here, and the levels whose latest figures use another."""
    shown = iod_edition.edition(info, period)
    if shown is None:
        return ""
    elsewhere: dict[str, str | None] = {}
    for key in common.available_levels(info, LEVELS):
        if key != level_key:
            periods = _periods(indicator_id, key, "cipfa")
            label = LEVEL_CHOICES[key].label
            label = label[0].lower() + label[1:] if label[1:2].islower() else label
            elsewhere[label] = iod_edition.edition(info, periods[0]) if periods else None
    return iod_edition.editions_note(shown, elsewhere)


def render() -> None:
    """Draw the view's controls, chart, table and download."""
    indicator_id, info, level_key, comparator = _choices()
    refusal = common.level_refusal(info, level_key, LEVELS)
    if refusal:
        st.info(refusal)
        return
    peer, period, confidence = _period_choices(indicator_id, level_key, comparator)
    found, figure, csv_text = result(indicator_id, level_key, peer, comparator, confidence, period)
    if found.refusal or figure is None:
        st.info(found.refusal or "Nothing to show for this choice.")
        return
    for note in found.notes:
        st.info(note)
    noun = LEVEL_CHOICES[level_key].noun
    st.subheader(f"{info['title']}: {LEVEL_CHOICES[level_key].label}, {found.period}")
    caption = _caption(found, info, indicator_id, level_key, comparator, confidence, peer)
    widgets.chart_block(
        figure,
        areas.summary(found, info, noun),
        areas.display_table(found, show_998=confidence == "99.8"),
        csv_text,
        f"trafford_compare_{indicator_id}_{level_key}.csv",
        "cmp_areas_view",
        caption,
    )


def _choices() -> tuple[str, dict[str, Any], str, str]:
    """The first row of controls: indicator, level of areas and comparator."""
    indicator_id, info, level_key, third = widgets.indicator_and_level(
        "cmp_ind", DEFAULT_INDICATOR, "Areas to compare", "cmp_level", LEVELS, on_change=latest_period
    )
    options = common.comparator_choices(info, widgets.gm_boroughs(), areas.COMPARATORS)
    with third:
        components.link_notice("cmp_vs", "comparator", options)
        comparator = str(
            st.selectbox(
                "Compare with",
                options,
                key="cmp_vs",
                bind="query-params",
                help="Greater Manchester and its boroughs are offered where the indicator has their figures.",
            )
        )
    return indicator_id, info, level_key, comparator


def _period_choices(indicator_id: str, level_key: str, comparator: str) -> tuple[str, str, str]:
    """The second row of controls: period, confidence and (for peers) the peer group."""
    fourth, fifth, sixth = st.columns([2, 2, 3])
    peer = "cipfa"
    with sixth:
        components.link_notice("cmp_peer", "peer group", PEER_GROUPS.values())
        if level_key == "peers" or comparator == PEER_AVERAGE:
            peer = str(
                choices.labelled(st.selectbox, "Peer group", PEER_GROUPS, "cmp_peer", on_change=latest_period)
            )
    periods = _periods(indicator_id, level_key, peer)
    with fourth:
        components.link_notice("cmp_period", "period", periods)
        period = st.selectbox("Period", periods, key="cmp_period", bind="query-params") if periods else ""
    with fifth:
        confidence = widgets.confidence_select()
    return peer, str(period or ""), confidence


def _caption(
    found: areas.AreasResult,
    info: dict[str, Any],
    indicator_id: str,
    level_key: str,
    comparator: str,
    confidence: str,
    peer: str,
) -> str:
    """Provenance, significance rule, error bars, benchmark lines, approximations, peers and IoD edition."""
    return " ".join(
        part
        for part in (
            formatting.provenance(info, found.period),
            widgets.significance_caption(
                comparator,
                confidence,
                "benchmark value outside the area's interval"
                if comparator in areas.POINT_BENCHMARKS
                else f"the two intervals do not overlap; {comparator}'s value where it has no interval",
            ),
            "Error bars: 95% intervals"
            + (", with 99.8% intervals in grey." if confidence == "99.8" else "."),
            "Vertical lines: benchmark values for the same period.",
            widgets.approximation_caption(found.table),
            f"Peers: {PEER_GROUPS[peer]}." if level_key == "peers" else "",
            _edition_note(indicator_id, info, level_key, str(found.period or "")),
        )
        if part
    )
