"""Spend: where the plan's money goes, what each spend area buys, and the money challenge."""

import streamlit as st

from trafford_dash.spend import breakdown as spend
from trafford_dash.spend.ui import actual as spend_actual
from trafford_dash.spend.ui import budget as spend_budget
from trafford_dash.spend.ui import grants as spend_grants
from trafford_dash.spend.ui import pack, page, sections

st.title("Spend: where the money goes and what it buys")
st.markdown(
    "How NHS Trafford CCG and Trafford Council divide their health and care spend, as published in the "
    "Trafford Together Locality Plan, linked to the plan's six pillars and to the outcomes each pillar "
    "is meant to improve. Click a spend area to see its pillar's indicators for Trafford against England. "
    "Further down, the Council's actual payments month by month are set against the plan and the pillars, "
    "with its grants to voluntary and community organisations. "
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

st.header("Actual spend: the Council's payments", divider="gray")
actual_view = spend_actual.actual_section()

st.header("The money challenge", divider="gray")
laid = sections.money_challenge()

st.header("Voluntary and community sector grants", divider="gray")
spend_grants.grants_section()

st.header("Update the budget", divider="gray")
spend_budget.update_section()

st.header("Board pack", divider="gray")
pack.board_pack_section(state, table, by_pillar, change, area, shown_outcomes, laid, actual_view)
