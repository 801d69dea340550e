"""The spend page's board-pack section: assembles the page as set up into one print-ready download."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from trafford_dash.core.ui import components
from trafford_dash.spend import board_pack, links, trajectory
from trafford_dash.spend import breakdown as spend
from trafford_dash.spend import change as spend_change
from trafford_dash.spend import outcomes as spend_outcomes
from trafford_dash.spend.ui import actual as spend_actual
from trafford_dash.spend.ui import budget as spend_budget
from trafford_dash.spend.ui import page


def board_pack_section(
    state: page.ViewState,
    table: pd.DataFrame,
    by_pillar: pd.DataFrame,
    change: pd.DataFrame,
    area: str | None,
    shown_outcomes: list[tuple[str, pd.DataFrame]],
    laid: pd.DataFrame,
    actual_view: spend_actual.ActualView | None = None,
) -> None:
    """The board-pack download for the page as set up; the pack is written only when it is downloaded."""
    points = page.plan_tables()["trajectories"]
    meta = st.session_state.get(spend_budget.SESSION_META) or {}

    def board_pack_html() -> str:
        return board_pack.spend_board_pack(
            board_pack.SpendPackInputs(
                year=state.year,
                bodies=state.bodies,
                breakdown=spend.export_table(table),
                breakdown_sentence=spend.breakdown_sentence(table),
                by_pillar=by_pillar,
                pillar_sentence=links.pillar_sentence(by_pillar),
                finance_totals=page.plan_tables()["totals"],
                trajectories=trajectory.export_points(laid),
                trajectory_sentences=[trajectory.sentence(points, s) for s in trajectory.LAYOUTS],
                documents=page.plan_tables()["documents"],
                change=change,
                change_sentence=spend_change.change_sentence(change) if not change.empty else "",
                area=area,
                outcomes=[(p, rows, spend_outcomes.outcome_sentence(rows, p)) for p, rows in shown_outcomes],
                upload_label=f"Uploaded budget: {meta['name']}, accepted {meta['at']} (this session)"
                if meta
                else None,
                notes=spend.breakdown_notes(table),
                actual=spend_actual.pack_sections(actual_view) if actual_view else [],
                actual_sources=[spend_actual.PACK_SOURCE] if actual_view else [],
            ),
            datetime.now(),
        )

    st.markdown(
        "A print-ready copy of this page as you have set it up (year, bodies, spend area, your budget, and "
        "the actual spend for the payments year chosen above): "
        "tables and static charts, with sources and today's date. Open it and print, or save it as PDF."
    )
    components.download(
        "Download the board pack (HTML)",
        board_pack_html,
        f"trafford_spend_board_pack_{datetime.now():%Y-%m-%d}.html",
        "text/html",
        key="spend_board_pack",
        icon=":material/print:",
    )
