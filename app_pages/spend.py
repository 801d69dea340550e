"""Spend: where the plan's money goes, what each spend area buys, and the money challenge."""

from datetime import datetime

import streamlit as st

from trafford_dash.core.ui import components
from trafford_dash.spend import board_pack, links, trajectory
from trafford_dash.spend import breakdown as spend
from trafford_dash.spend import change as spend_change
from trafford_dash.spend import outcomes as spend_outcomes
from trafford_dash.spend.ui import budget as spend_budget
from trafford_dash.spend.ui import page, sections

st.title("Spend: where the money goes and what it buys")
st.markdown(
    "How NHS Trafford CCG and Trafford Council divide their health and care spend, as published in the "
    "Trafford Together Locality Plan, linked to the plan's six pillars and to the outcomes each pillar "
    "is meant to improve. Click a spend area to see its pillar's indicators for Trafford against England. "
    "To look at this year's figures, upload or edit a budget at the foot of the page."
)

budget = page.current_budget()
state = page.controls(budget)
table = page.chosen_breakdown(budget, state)
check = spend.combined_check(state.totals, state.year, page.plan_tables()["totals"])
if check:
    st.caption(check)

st.header("The totals", divider="gray")
page.headline_totals()

st.header(f"Where the money goes, {state.year}", divider="gray")
page.breakdown(table, state)

st.header("What it buys", divider="gray")
area = page.area_picker(table)
shown_outcomes = sections.pillar_outcomes(table, area)

st.header("Spend by pillar", divider="gray")
by_pillar = sections.pillar_spend(table, state)

st.header("Change since the plan's 2019/20 split", divider="gray")
plan_table = page.plan_breakdown(budget, state)
change = sections.change(table, plan_table, state)

st.header("The money challenge", divider="gray")
laid = sections.money_challenge()

st.header("Update the budget", divider="gray")
spend_budget.update_section()

st.header("Board pack", divider="gray")
points = page.plan_tables()["trajectories"]
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
