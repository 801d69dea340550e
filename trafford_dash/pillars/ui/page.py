"""Streamlit pieces of the Pillars page: the URL-bound selectors, plan content, tiles, exceptions, gaps.

Data comes from :mod:`trafford_dash.pillars.ui.data`; an opened tile is drawn by
:mod:`trafford_dash.pillars.ui.detail`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import pandas as pd
import streamlit as st

from trafford_dash.core import figure_age, provenance, trends
from trafford_dash.core.ui import components
from trafford_dash.pillars import exceptions, tile_text
from trafford_dash.pillars import tile_card as card
from trafford_dash.pillars import tiles as pillars
from trafford_dash.pillars.ui.data import newest as newest_periods
from trafford_dash.pillars.ui.data import tile_for
from trafford_dash.pillars.ui.detail import VIEW_KEY, VIEWS, render_detail
from trafford_dash.store import cached, reader

PILLAR_KEY = "pillar"

IND_KEY = "ind"

COLUMNS_PER_ROW = 3
TILE_WIDTH = 280  # narrowest tile before a row reflows: its change line stays on one line

TILES_FIRST_SHOWN = 12  # a long theme shows four rows until "Show all" is pressed

DELTA_COLOURS: dict[str, Literal["blue", "orange"]] = {trends.IMPROVING: "blue", trends.WORSENING: "orange"}

ARROWS: dict[str, Literal["up", "down"]] = {"up": "up", "down": "down"}


def theme_key(theme: str) -> str:
    """Session key of a theme group's (lazy) expander."""
    return f"pil_theme_{theme}"


def show_all_key(theme: str) -> str:
    """Session key set when every tile of a long theme group is to be shown."""
    return f"pil_all_{theme}"


AGE_NOTE = (
    "Each figure says how old it is (years since its period ended); **dated** marks one more than "
    f"{figure_age.DATED_AFTER_YEARS} years older than the newest figure from the same source."
)

EXC_OPEN_KEY = "pil_exc_open"  # the indicator whose details are open under its exceptions row

DRAWN_ABOVE_KEY = "_pil_detail_above"  # set during a run when those details were drawn there


def _open(indicator_id: str | None, pillar: str | None = None, from_exceptions: bool = False) -> None:
    if pillar is not None:
        st.session_state[PILLAR_KEY] = pillar
    st.session_state[EXC_OPEN_KEY] = indicator_id if from_exceptions else None
    st.session_state[IND_KEY] = indicator_id


def pillar_selector() -> str:
    """The URL-bound pillar selector (``?pillar=``); an unknown value gets a one-line notice."""
    components.link_notice(PILLAR_KEY, "pillar", pillars.pillar_order())
    # No default once the session holds a value (a tile link may have set it), to keep one source of truth.
    default = None if st.session_state.get(PILLAR_KEY) else pillars.pillar_order()[0]
    choice = st.segmented_control(
        "Pillar",
        pillars.pillar_order(),
        default=default,
        required=True,
        key="pillar",  # = PILLAR_KEY; a literal so tools can list the page's URL parameters
        bind="query-params",
    )
    return str(choice or pillars.pillar_order()[0])


def indicator_selector(tiles: pd.DataFrame) -> str | None:
    """The URL-bound selected indicator (``?ind=``), one of the pillar's indicator ids."""
    options = tiles["indicator_id"].tolist() if not tiles.empty else []
    components.link_notice(
        IND_KEY,
        "indicator on this pillar",
        options,
        note="Locally supplied indicators last only for the session that uploaded them.",
    )
    components.link_notice(VIEW_KEY, "view of the opened indicator", VIEWS)
    chosen = st.selectbox(
        "Open an indicator (its id is kept in the page address)",
        options,
        index=None,
        key="ind",  # = IND_KEY
        bind="query-params",
        placeholder="Choose an indicator, or use a tile's “Trend and benchmarks” button",
        on_change=st.session_state.__setitem__,
        args=(EXC_OPEN_KEY, None),
        help="Indicators are listed by id; the page address keeps the id so the view can be shared.",
    )
    return str(chosen) if chosen else None


def pillar_header(pillar: str) -> None:
    """The pillar's summary, work programme, outcome statements and the plan's own notes, with sources."""
    row = cached.plan_table("pillars").set_index("pillar").loc[pillar]
    st.markdown(f"**{pillar}.** {row['summary']}")
    programme = [p.strip() for p in str(row["work_programme"]).split(";") if p.strip()]
    statements = cached.plan_table("i_statements")
    mine = statements[statements["pillars"].str.contains(pillar, regex=False)]
    notes = cached.plan_table("context_statements")
    notes = notes[notes["pillar"] == pillar]
    left, right = st.columns(2)
    with left:
        st.markdown("**Work programme**\n\n" + "\n".join(f"- {p}" for p in programme))
        st.caption(f"Source: {row['source_key']} (Trafford Together Locality Plan).")
    with right:
        if not mine.empty:
            st.markdown(
                "**Outcomes residents should feel**\n\n" + "\n".join(f"- “{s}”" for s in mine["statement"])
            )
            st.caption(f"Source: {'; '.join(sorted(set(mine['source_key'])))} (the plan's “I statements”).")
        if not notes.empty:
            st.markdown(
                "**What the plan noted**\n\n"
                + "\n".join(
                    f"- {s} ({k})" for s, k in zip(notes["statement"], notes["source_key"], strict=True)
                )
            )


def legend() -> None:
    """How significance and approximations are shown, in one caption."""
    st.caption(tile_text.significance_legend())


def render_tile(tile: Mapping[str, Any], selected: bool, newest: figure_age.Newest) -> None:
    """One tile: value, period, change, England badge, GM and peers, neighbourhoods, provenance, button.

    A locally supplied tile shows the file's words as plain text, never as Markdown.
    """
    local = bool(tile.get("local"))
    period, dated = card.period_words(tile, newest)
    with st.container(border=True):
        if local:
            st.markdown(card.LOCAL_BADGE)
            st.text(f"{tile['title']}\n{tile['unit']} · {period}" + (f"\nDated: {dated}" if dated else ""))
        else:
            dated_line = f"  \n:small[**dated**: {dated}]" if dated else ""
            st.markdown(f"**{tile['title']}**  \n:small[:gray[{tile['unit']} · {period}]]{dated_line}")
        direction = tile.get("change_direction")
        st.metric(
            "Latest value" if local else str(tile["title"]),
            card.headline_figure(tile),
            delta=card.metric_delta(tile),
            delta_color=DELTA_COLOURS.get(str(tile.get("change_judgement")), "gray"),
            delta_arrow=ARROWS.get(str(direction), "off"),
            label_visibility="collapsed",
        )
        if local:
            badge = tile_text.badge_markdown(str(tile["significance"]))
            st.markdown(f"{badge} {'vs' if card.england_figure(tile) else 'with'} England")
            st.text(card.local_tile_text(tile))
        else:
            body, note = card.tile_markdown(tile)
            st.markdown(body, help=note or None)
        label = "Hide details" if selected else "Trend and benchmarks"
        st.button(
            label,
            key=f"pil_open_{tile['indicator_id']}",
            on_click=_open,
            args=(None if selected else str(tile["indicator_id"]),),
            icon=":material/expand_less:" if selected else ":material/show_chart:",
        )


def tile_grid(tiles: pd.DataFrame, selected: str | None, pillar: str) -> None:
    """Tiles grouped by theme, three to a row; the opened tile's detail sits under its row."""
    above = st.session_state.pop(DRAWN_ABOVE_KEY, None)
    newest = newest_periods(tiles)
    if tiles.empty:
        st.info(f"No indicators are mapped to {pillar} yet; see the plan measures without open data below.")
        return
    themes = list(dict.fromkeys(tiles["theme"]))
    few = len(tiles) <= 12
    for number, theme in enumerate(themes):
        group = tiles[tiles["theme"] == theme]
        label = pillars.THEME_LABELS.get(theme, theme.replace("_", " ").capitalize())
        expanded = few or number == 0 or (selected in set(group["indicator_id"]))
        box = st.expander(
            f"{label} ({len(group)} indicator{'s' if len(group) != 1 else ''})",
            expanded=expanded,
            key=theme_key(theme),
            on_change="rerun",
        )
        if not box.open:
            continue
        with box:
            records = group.to_dict("records")
            shown = records[: _shown_count(records, selected, theme)]
            ids = [tile["indicator_id"] for tile in shown]
            # The opened tile's detail goes under its row: the tiles are split into two grids there.
            cut = len(shown)
            if selected in ids:
                cut = min(cut, (ids.index(selected) // COLUMNS_PER_ROW + 1) * COLUMNS_PER_ROW)
            for part in (shown[:cut], shown[cut:]):
                if not part:
                    continue
                # A grid rather than columns: on a narrow screen it reflows to fewer, wider tiles.
                cells = st.grid(COLUMNS_PER_ROW, min_column_width=TILE_WIDTH)
                for tile in part:
                    with cells.cell():
                        render_tile(tile, tile["indicator_id"] == selected, newest)
                chosen = [tile for tile in part if tile["indicator_id"] == selected]
                if chosen and chosen[0]["indicator_id"] == above:
                    st.caption(
                        "Its trend and benchmarks are open above, under its row in the exceptions list."
                    )
                elif chosen:
                    render_detail(chosen[0])
            if len(shown) < len(records):
                st.button(
                    f"Show all {len(records)} {label.lower()} indicators ({len(records) - len(shown)} more)",
                    key=f"pil_more_{theme}",
                    on_click=st.session_state.__setitem__,
                    args=(show_all_key(theme), True),
                    icon=":material/expand_more:",
                )


def _shown_count(records: list[dict[str, Any]], selected: str | None, theme: str) -> int:
    """How many of a group's tiles to draw: all once asked for or when the chosen tile is further down."""
    ids = [str(r["indicator_id"]) for r in records]
    if st.session_state.get(show_all_key(theme)) or (
        selected in ids and ids.index(selected) >= TILES_FIRST_SHOWN
    ):
        return len(records)
    return min(len(records), TILES_FIRST_SHOWN)


def exceptions_label(found: pd.DataFrame) -> str:
    """The exceptions expander's label, with its counts."""
    worse = int((found["kind"] == exceptions.WORSE_AND_WORSENING).sum()) if not found.empty else 0
    better = int((found["kind"] == exceptions.BETTER_AND_IMPROVING).sum()) if not found.empty else 0
    return (
        f"Exceptions across all pillars: {worse} worse than England and getting worse, "
        f"{better} better and improving"
    )


def exceptions_section(found: pd.DataFrame) -> None:
    """The exceptions across all pillars; "Open" draws the tile's trend and benchmarks under its row."""
    st.markdown(exceptions.summary_sentence(found))
    newest = newest_periods(found)
    opened = st.session_state.get(EXC_OPEN_KEY)
    if opened != st.session_state.get(IND_KEY):
        opened = None
    for kind in exceptions.KINDS:
        label = "Worse" if kind == exceptions.WORSE_AND_WORSENING else "Better"
        st.markdown(f"{tile_text.badge_markdown(label)} **{kind}**")
        mine = found[found["kind"] == kind]
        if mine.empty:
            st.caption("None at the latest period.")
        for row in trends.records(mine):
            is_open = row["indicator_id"] == opened
            words, button = st.columns([5, 1], vertical_alignment="center")
            period, dated = card.period_words(row, newest)
            if row["local"]:  # the file's words, as plain text
                words.markdown(card.LOCAL_BADGE)
                dated_words = f"; dated: {dated}" if dated else ""
                words.text(f"{row['title']}: {row['shown']} in {period}{dated_words}")
                words.text(f"{row['change']} · {row['pillar']}")
            else:
                dated_words = f"; **dated**: {dated}" if dated else ""
                words.markdown(
                    f"**{row['title']}**: {row['shown']} in {period}{dated_words}  \n"
                    f":small[:gray[{row['change']} · {row['pillar']}]]"
                )
            button.button(
                "Close" if is_open else "Open",
                key=f"pil_exc_{row['indicator_id']}",
                on_click=_open,
                args=(None, None) if is_open else (row["indicator_id"], row["pillar"], True),
                help=f"Shows its trend and benchmarks here and picks the {row['pillar']} pillar below. "
                f"{row['significance_method']}",
                icon=":material/expand_less:" if is_open else ":material/expand_more:",
                type="tertiary",
            )
            tile = tile_for(str(row["indicator_id"])) if is_open else None
            if tile is not None:
                render_detail(tile)
                st.session_state[DRAWN_ABOVE_KEY] = row["indicator_id"]
    st.caption(
        "Significance against England at Trafford's latest period (England outside Trafford's 95% "
        "interval, or OHID's published label where there is no interval) and the direction of change "
        "from the period before, judged by the indicator's polarity. The change is a difference in "
        "values, not a significance test. " + AGE_NOTE
    )


def gaps_section(pillar: str, n_open: int) -> None:
    """Plan measures for this pillar that have no open data yet."""
    gaps = cached.plan_table("planned_care_gaps")
    mine = gaps[gaps["pillar"] == pillar]
    if mine.empty:
        st.caption(f"Every measure the plan names for {pillar} has at least one open indicator above.")
        return
    sentence = (
        f"{pillar} has {n_open} open indicator{'s' if n_open != 1 else ''} in this dashboard; "
        f"{len(mine)} of the measures the plan names for it are not yet available as open data."
    )
    (st.warning if n_open < 10 else st.markdown)(sentence)
    table = mine[["measure", "ambition", "note", "source_key"]].rename(
        columns={
            "measure": "Plan measure",
            "ambition": "Ambition",
            "note": "Why it is missing",
            "source_key": "Source",
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption("Add your own figures for these measures as a locally supplied indicator file below.")


def data_as_at() -> None:
    """The store's 'data as at' line."""
    try:
        st.caption(reader.data_as_at() + ". " + provenance.OGL)
    except reader.StoreError as error:
        st.caption(str(error))
