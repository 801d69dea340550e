"""Spend: where the plan's money goes, what each spend area buys, and the money challenge."""

from datetime import datetime

import streamlit as st

from trafford_dash import board_pack, spend, spend_change, spend_links, spend_outcomes, spend_trajectory
from trafford_dash.ui import components, spend_budget, spend_sections, spend_view

st.title("Spend: where the money goes and what it buys")
st.markdown(
    "How NHS Trafford CCG and Trafford Council divide their health and care spend, as published in the "
    "Trafford Together Locality Plan, linked to the plan's six pillars and to the outcomes each pillar "
    "is meant to improve. Click a spend area to see its pillar's indicators for Trafford against England. "
    "To look at this year's figures, upload or edit a budget at the foot of the page."
)

budget = spend_view.current_budget()
state = spend_view.controls(budget)
table = spend_view.chosen_breakdown(budget, state)
check = spend.combined_check(state.totals, state.year, spend_view.plan_tables()["totals"])
if check:
    st.caption(check)

st.header("The totals", divider="gray")
spend_view.headline_totals()

st.header(f"Where the money goes, {state.year}", divider="gray")
spend_view.breakdown(table, state)

st.header("What it buys", divider="gray")
area = spend_view.area_picker(table)
shown_outcomes = spend_sections.pillar_outcomes(table, area)

st.header("Spend by pillar", divider="gray")
by_pillar = spend_sections.pillar_spend(table, state)

st.header("Change since the plan's 2019/20 split", divider="gray")
plan_table = spend_view.plan_breakdown(budget, state)
change = spend_sections.change(table, plan_table, state)

st.header("The money challenge", divider="gray")
laid = spend_sections.money_challenge()

st.header("Update the budget", divider="gray")
spend_budget.update_section()

st.header("Board pack", divider="gray")
points = spend_view.plan_tables()["trajectories"]
meta = st.session_state.get(spend_budget.SESSION_META) or {}


def board_pack_html() -> str:
    """The board pack for the page as set up, written only when it is downloaded."""
    return board_pack.spend_board_pack(
        board_pack.SpendPackInputs(
            year=state.year,
            bodies=state.bodies,
            breakdown=spend.export_table(table),
            breakdown_sentence=spend.breakdown_sentence(table),
            by_pillar=by_pillar,
            pillar_sentence=spend_links.pillar_sentence(by_pillar),
            finance_totals=spend_view.plan_tables()["totals"],
            trajectories=spend_trajectory.export_points(laid),
            trajectory_sentences=[spend_trajectory.sentence(points, s) for s in spend_trajectory.LAYOUTS],
            documents=spend_view.plan_tables()["documents"],
            change=change,
            change_sentence=spend_change.change_sentence(change) if not change.empty else "",
            area=area,
            outcomes=[(p, rows, spend_outcomes.outcome_sentence(rows, p)) for p, rows in shown_outcomes],
            upload_label=f"Uploaded budget: {meta['name']}, accepted {meta['at']} (this session)"
            if meta
            else None,
            notes=spend.breakdown_notes(table),
        ),
        datetime.now(),
    )


st.markdown(
    "A print-ready copy of this page as you have set it up (year, bodies, spend area, your budget): "
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
