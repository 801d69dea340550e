"""Streamlit pieces of the Pillars page: the URL-bound selectors, plan content, tiles, exceptions, gaps.

Data comes from :mod:`trafford_dash.ui.pillar_data`; an opened tile is drawn by
:mod:`trafford_dash.ui.pillar_detail`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import pandas as pd
import streamlit as st

from trafford_dash import exceptions, pillars, store, tile_text, trends
from trafford_dash.local_indicators import escape_markdown
from trafford_dash.ui import components
from trafford_dash.ui.pillar_data import load_plan
from trafford_dash.ui.pillar_detail import render_detail

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


def _open(indicator_id: str | None, pillar: str | None = None, theme: str | None = None) -> None:
    if pillar is not None:
        st.session_state[PILLAR_KEY] = pillar
    if theme is not None:
        st.session_state[theme_key(theme)] = True
        label = pillars.THEME_LABELS.get(theme, theme)
        st.toast(f"Opened on {pillar}, in the “{label}” group below.", icon=":material/arrow_downward:")
    st.session_state[IND_KEY] = indicator_id


def pillar_selector() -> str:
    """The URL-bound pillar selector (``?pillar=``); an unknown value gets a one-line notice."""
    asked = st.query_params.get(PILLAR_KEY)
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
    if asked and asked not in pillars.pillar_order():
        st.info(f"There is no pillar called “{escape_markdown(asked)}”; showing {choice}.")
    return str(choice or pillars.pillar_order()[0])


def indicator_selector(tiles: pd.DataFrame) -> str | None:
    """The URL-bound selected indicator (``?ind=``), one of the pillar's indicator ids."""
    options = tiles["indicator_id"].tolist() if not tiles.empty else []
    asked = st.query_params.get(IND_KEY)
    chosen = st.selectbox(
        "Open an indicator (its id is kept in the page address)",
        options,
        index=None,
        key="ind",  # = IND_KEY
        bind="query-params",
        placeholder="Choose an indicator, or use a tile's “Trend and benchmarks” button",
        help="Indicators are listed by id; the page address keeps the id so the view can be shared.",
    )
    if asked and asked not in options:
        st.info(
            f"The indicator “{escape_markdown(asked)}” is not on this pillar (locally supplied indicators "
            "last only for the session that uploaded them); choose one below."
        )
    return str(chosen) if chosen else None


def pillar_header(pillar: str) -> None:
    """The pillar's summary, work programme, outcome statements and the plan's own notes, with sources."""
    row = load_plan("pillars").set_index("pillar").loc[pillar]
    st.markdown(f"**{pillar}.** {row['summary']}")
    programme = [p.strip() for p in str(row["work_programme"]).split(";") if p.strip()]
    statements = load_plan("i_statements")
    mine = statements[statements["pillars"].str.contains(pillar, regex=False)]
    notes = load_plan("context_statements")
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


def tile_markdown(tile: Mapping[str, Any]) -> tuple[str, str]:
    """The tile's text under its figure as one Markdown block, and the tooltip with the full method note."""
    local = bool(tile.get("local"))

    def safe(text: object) -> str:
        return escape_markdown(text) if local else str(text)

    def small(text: object) -> str:
        return f":small[:gray[{safe(text)}]]"

    lines = []
    if tile.get("headline") == "spread":
        lines.append(small(tile.get("spread", "")))
    elif tile.get("change_direction") is None:
        lines.append(small(tile["change"]))
    badge = tile_text.badge_markdown(str(tile["significance"]))
    has_england = tile.get("headline") == "trafford" and not trends.missing(tile.get("england_value"))
    lines.append(
        f"{badge} vs England {safe(tile['england_shown'])}" if has_england else f"{badge} with England"
    )
    lines.append(small(tile["significance_method"]))
    if tile.get("headline") == "trafford":
        lines.append(small(tile_text.benchmark_line(tile)))
    if tile.get("neighbourhoods"):
        lines.append(small("Neighbourhoods: " + str(tile["neighbourhoods"])))
    lines.append(
        small(
            f"Period {tile.get('period')}. Source: {tile['source']}. Licence: {tile['licence']}. "
            f"Published: {tile['published']}."
        )
    )
    note = str(tile.get("value_note") or "")
    if tile.get("approximate") and note:
        lines.append(small(f"≈ {tile_text.first_clause(note)} (more under ?)"))
    return "  \n".join(lines), safe(note) if note else ""


def render_tile(tile: Mapping[str, Any], selected: bool) -> None:
    """One tile: value, period, change, England badge, GM and peers, neighbourhoods, provenance, button."""
    with st.container(border=True):
        direction = tile.get("change_direction")
        delta = str(tile["change"]).lstrip("↑↓→ ") if direction in ("up", "down", "same") else None
        unit = escape_markdown(tile["unit"]) if tile.get("local") else str(tile["unit"])
        badge = ":violet-badge[:material/upload_file: Locally supplied]  \n" if tile.get("local") else ""
        title = tile_text.display_title(tile)
        st.markdown(f"{badge}**{title}**  \n:small[:gray[{unit} · {tile.get('period')}]]")
        st.metric(
            title,
            str(tile.get("shown_short") or tile["shown"]),
            delta=delta,
            delta_color=DELTA_COLOURS.get(str(tile.get("change_judgement")), "gray"),
            delta_arrow=ARROWS.get(str(direction), "off"),
            label_visibility="collapsed",
        )
        body, note = tile_markdown(tile)
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
                        render_tile(tile, tile["indicator_id"] == selected)
                chosen = [tile for tile in part if tile["indicator_id"] == selected]
                if chosen:
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
    """The exceptions across all pillars, each with a button that opens its tile."""
    st.markdown(exceptions.summary_sentence(found))
    left, right = st.columns(2)
    for column, kind in zip((left, right), exceptions.KINDS, strict=True):
        with column:
            label = "Worse" if kind == exceptions.WORSE_AND_WORSENING else "Better"
            st.markdown(f"{tile_text.badge_markdown(label)} **{kind}**")
            mine = found[found["kind"] == kind]
            if mine.empty:
                st.caption("None at the latest period.")
            for row in mine.to_dict("records"):
                title = escape_markdown(row["title"]) if row["local"] else row["title"]
                text, button = st.columns([5, 1], vertical_alignment="center")
                text.markdown(
                    f"**{title}**: {row['shown']} in {row['period']}  \n"
                    f":small[:gray[{row['change']} · {row['pillar']}]]"
                )
                button.button(
                    "Open",
                    key=f"pil_exc_{row['indicator_id']}",
                    on_click=_open,
                    args=(row["indicator_id"], row["pillar"], row["theme"]),
                    help=f"Opens its tile on the {row['pillar']} pillar. {row['significance_method']}",
                    icon=":material/arrow_downward:",
                    type="tertiary",
                )
    st.caption(
        "Significance against England at Trafford's latest period (OHID's label, or England outside "
        "Trafford's 95% interval) and the direction of change from the period before, judged by the "
        "indicator's polarity. The change is a difference in values, not a significance test."
    )


def gaps_section(pillar: str, n_open: int) -> None:
    """Plan measures for this pillar that have no open data yet."""
    gaps = load_plan("planned_care_gaps")
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
        st.caption(store.data_as_at() + ". " + components.OGL)
    except store.StoreError as error:
        st.caption(str(error))
