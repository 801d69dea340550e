"""Streamlit sections of the spend page below the breakdown: outcomes, pillars, change, money challenge."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from trafford_dash.core import palettes
from trafford_dash.core.ui import blocks, components
from trafford_dash.spend import breakdown, links, trajectory
from trafford_dash.spend import change as spend_change
from trafford_dash.spend import outcomes as spend_outcomes
from trafford_dash.spend.ui import page
from trafford_dash.store import cached


@cached.on_store(max_entries=8)
def outcomes(pillar: str) -> pd.DataFrame:
    """A pillar's outcome indicators for Trafford against England (cached on the store and pillar)."""
    catalogue = cached.catalogue()
    ids = spend_outcomes.pillar_indicator_ids(catalogue, pillar)
    if not ids:
        return pd.DataFrame()
    rows = cached.rows(indicator_id=ids, level=["borough", "country"])
    return spend_outcomes.outcome_table(rows, catalogue, pillar)


def _badge_style(badge: object) -> str:
    for style in palettes.SIGNIFICANCE_STYLE.values():
        if str(badge).endswith(style["text"]) and style["colour"] != "#ffffff":
            return f"color: {style['colour']}; font-weight: 600"
    return ""


def significance_legend() -> None:
    legend = " · ".join(f"{s['symbol']} {s['text']}" for s in palettes.SIGNIFICANCE_STYLE.values())
    st.caption(
        f"{legend}. {spend_outcomes.METHOD_NOTE} ≈ marks an approximation (see the table's method note)."
    )


def pillar_outcomes(table: pd.DataFrame, area: str | None) -> list[tuple[str, pd.DataFrame]]:
    """The chosen spend area's pillars and their indicators; returns what was shown (for the board pack)."""
    if area is None:
        st.info("No spend area is chosen yet: click a block in the treemap or a bar, or pick one above.")
        return []
    pillars, basis = links.pillars_for_area(table, area)
    outside = page.quotes_upload(table)
    if not pillars:
        if outside:
            st.text(f"{area} is not linked to a pillar. {basis}")
        else:
            st.info(f"{page.md(area)} is not linked to a pillar. {page.md(basis)}")
        return []
    if outside:
        st.text(f"{area} mainly funds {' and '.join(pillars)}. {basis}")
    else:
        md = page.md
        st.markdown(f"**{md(area)}** mainly funds **{md(' and '.join(pillars))}**. _{md(basis)}_")
    shown = []
    tabs = st.tabs(pillars, key=f"spend_outcome_tab_{area}", on_change="rerun")
    for tab, pillar in zip(tabs, pillars, strict=True):
        rows = outcomes(pillar)
        shown.append((pillar, rows))
        if not tab.open:
            continue  # drawn when its tab is chosen; the board pack still gets every pillar's rows
        with tab:
            if rows.empty:
                st.info(f"No indicator linked to {pillar} has a Trafford figure in the data reader.")
                continue
            st.markdown(page.md(spend_outcomes.outcome_sentence(rows, pillar)))
            view = rows[
                ["indicator", "trafford", "england", "period", "badge", "method", "value_note", "source"]
            ]
            st.dataframe(
                view.style.map(_badge_style, subset=["badge"]),
                hide_index=True,
                column_config={
                    "indicator": "Indicator",
                    "trafford": "Trafford",
                    "england": "England",
                    "period": "Period",
                    "badge": "Trafford vs England",
                    "method": "Comparison method",
                    "value_note": "Method note",
                    "source": "Source",
                },
            )
            significance_legend()
            components.csv_download(
                spend_outcomes.export_outcomes(rows, pillar),
                f"trafford_{pillar.lower().replace(' ', '_').replace(chr(39), '')}_outcomes.csv",
                key=f"spend_csv_outcomes_{pillars.index(pillar)}",
            )
    return shown


def pillar_spend(table: pd.DataFrame, state: page.ViewState) -> pd.DataFrame:
    """Each body's spend by pillar: chart, sentence, table and CSV; returns the table."""
    by_pillar = page.memo("by_pillar", page.view_key(state), lambda: links.spend_by_pillar(table))
    if by_pillar.empty:
        st.info("There is no spend to link to pillars for this choice.")
        return by_pillar
    st.markdown(page.md(links.pillar_sentence(by_pillar)))
    alt = "Bar chart of each body's spend by pillar, in % of its spend."
    page.chart(
        page.cached_figure("pillars", page.view_key(state), "", by_pillar),
        "spend_pillar_chart",
        alt,
    )
    st.caption(
        "† includes spend split equally between two pillars (hospital spend counts half to Planned Care and "
        "half to Urgent Care): an assumption, as the plan does not say how such spend divides. The links "
        "from spend areas to pillars are our judgement, kept in data/plan/spend_pillars.csv. "
        f"Period {table['year'].iloc[0]}. "
        "Source: " + "; ".join(breakdown.unique_sources(table)) + "."
    )
    with components.lazy_expander(
        "Table: spend by pillar, and how each area is linked", key="spend_table_pillars"
    ) as is_open:
        if is_open:
            st.dataframe(
                by_pillar,
                hide_index=True,
                column_config={
                    "share_pct": st.column_config.NumberColumn("Share of body's spend (%)", format="%.1f"),
                    "amount_gbp_m": st.column_config.NumberColumn("Amount (£m)", format="%.1f"),
                },
            )
            st.dataframe(
                table[["body", "category", "pillars", "pillar_basis"]],
                hide_index=True,
                column_config={"pillar_basis": "Why this link"},
            )
    components.csv_download(
        lambda: by_pillar.assign(
            period=by_pillar["year"],
            source="; ".join(breakdown.unique_sources(table)),
            licence=breakdown.PLAN_LICENCE,
            method="Multi-pillar areas split equally",
        ),
        "trafford_spend_by_pillar.csv",
        key="spend_csv_pillars",
    )
    return by_pillar


def change(table: pd.DataFrame, plan_table: pd.DataFrame, state: page.ViewState) -> pd.DataFrame:
    """Change in share since the plan's 2019/20 split (only for an uploaded year)."""
    if table.empty or (table["origin"] == "plan").all():
        st.info(
            "The plan's own 2019/20 split is shown, so there is nothing to compare yet: upload or edit this "
            "year's budget below, then pick its year above."
        )
        return pd.DataFrame()
    diff = spend_change.change_vs_plan(table, plan_table)
    page.say(spend_change.change_sentence(diff), quotes_outside=True)  # names the uploaded areas
    alt = f"Bar chart of the change in each area's share, {state.year} against 2019/20."
    page.chart(page.cached_figure("change", page.view_key(state), "", diff), "spend_change_chart", alt)
    st.caption(
        f"Percentage-point change in each area's share of its body's spend, {state.year} (your budget) "
        "against "
        f"2019/20 ({breakdown.PLAN_SOURCE}, LP2019 §7.7). Orange bars and + rose; purple bars and − fell. "
        "Shares "
        "are compared, not pounds: the plan's split has no pounds."
    )
    blocks.table_and_csv(
        blocks.TableView(diff, "Table: change since 2019/20", "spend_table_change", icon=None),
        blocks.CsvFile(
            diff.assign(period=f"{state.year} vs 2019/20", licence=breakdown.PLAN_LICENCE),
            "trafford_spend_change.csv",
            "spend_csv_change",
        ),
    )
    return diff


def money_challenge() -> pd.DataFrame:
    """The four trajectories in one small-multiple chart, with sentences, table and CSV; returns its data."""
    points = page.plan_tables()["trajectories"]
    interpolate = st.toggle(
        "Fill in the years the plan does not give (interpolated: an assumption)",
        value=False,
        key=page.INTERP_KEY,
        bind="query-params",
    )
    key = f"{page.view_key()}|{interpolate}"
    laid = page.memo("laid", key, lambda: trajectory.with_interpolation(points, interpolate))
    figure = page.cached_figure("trajectory", key, "", laid)
    alt = "Four small charts: " + "; ".join(layout.title for layout in trajectory.LAYOUTS.values())
    page.chart(figure, "spend_traj", alt)
    sentences = page.memo(
        "trajectory_sentences",
        page.view_key(),
        lambda: [trajectory.sentence(points, name) for name in trajectory.LAYOUTS],
    )
    st.markdown("\n".join(f"- {page.md(sentence)}" for sentence in sentences))
    assumptions = " ".join(layout.assumption for layout in trajectory.LAYOUTS.values())
    st.caption(
        "Solid diamonds and bars are the figures stated in the plan (LP2019 §7.8, §9). "
        + (
            "Hollow, dashed and hatched marks are interpolated: " + assumptions
            if interpolate
            else "Only the stated points are shown; switch on the toggle to see an interpolated path, "
            "labelled as an assumption."
        )
    )

    def points_table() -> pd.DataFrame:  # made only when the table is opened or the CSV downloaded
        return trajectory.export_points(laid)

    blocks.table_and_csv(
        blocks.TableView(points_table, "Table: the money challenge", "spend_table_traj", icon=None),
        blocks.CsvFile(points_table, "trafford_money_challenge.csv", "spend_csv_traj"),
    )
    return laid
