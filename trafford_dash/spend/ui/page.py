"""Streamlit pieces of the spend page: view state in the URL, charts with their tables and downloads.

The view is defined by URL-bound widgets: ``spend_body``, ``spend_year``, ``spend_area``, the optional
body totals ``spend_ccg_m`` / ``spend_council_m`` and ``spend_interp``. Clicking a block of the
treemap or a bar copies its spend area into ``spend_area`` in the chart's ``on_select`` callback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from trafford_dash.core.charts import CHART_CONFIG
from trafford_dash.core.ui import components
from trafford_dash.spend import breakdown as spend
from trafford_dash.spend import charts, finance, links, trajectory
from trafford_dash.spend.ui import tables
from trafford_dash.spend.ui.budget import SESSION_BUDGET, SESSION_META, SESSION_SHOW_YEAR
from trafford_dash.store import cached

BODY_KEY, YEAR_KEY, AREA_KEY = "spend_body", "spend_year", "spend_area"
TOTAL_KEYS = {"CCG": "spend_ccg_m", "Council": "spend_council_m"}
INTERP_KEY = "spend_interp"
MAX_TOTAL_M = 100_000.0
CONTROL_WIDTH = 240  # px: room for "Council total, £m (optional)" and its help icon
TOTAL_WIDTH = 440
T = TypeVar("T")


@dataclass(frozen=True)
class ViewState:
    """What the page shows: bodies, year, body totals in £m (where given) and the chosen spend area."""

    body: str
    bodies: list[str]
    year: str
    totals: dict[str, float | None]


def md(text: object) -> str:
    """Generated text for markdown, with anything from an upload shown literally."""
    return spend.escape_markdown(text)


def quotes_upload(table: pd.DataFrame) -> bool:
    """True when the rows come from an uploaded budget, whose words could hold links or markup."""
    return bool((table["origin"] == "upload").any()) if "origin" in table else False


def say(text: str, quotes_outside: bool) -> None:
    """A generated sentence: plain text when it quotes an uploaded budget (Markdown would turn a bare web
    address in it into a link), otherwise Markdown."""
    if quotes_outside:
        st.text(text)
    else:
        st.markdown(md(text))


@cached.on_store(max_entries=4, plan_files=True)
def plan_tables() -> dict[str, pd.DataFrame]:
    """The plan's finance tables and documents (cached; re-read when a file in data/plan changes)."""
    return {
        "budget": spend.plan_budget(),
        "spend_pillars": finance.load_spend_pillars(),
        "totals": finance.load_finance_totals(),
        "trajectories": finance.load_finance_trajectories(),
        "documents": cached.plan_table("documents"),
    }


def memo(kind: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, worked out once per kind and data key (see :func:`view_key`) and then reused."""
    return cached.memo(kind, key, compute)


def current_budget() -> pd.DataFrame:
    """The plan's split with this session's accepted budget (if any) laid over it, pillars attached."""
    return memo("budget", view_key(), _current_budget)


def chosen_breakdown(budget: pd.DataFrame, state: ViewState) -> pd.DataFrame:
    """The spend areas for the chosen year and bodies, scaled to the chosen totals (cached on the view)."""
    return memo(
        "breakdown", view_key(state), lambda: spend.breakdown(budget, state.year, state.bodies, state.totals)
    )


def plan_breakdown(budget: pd.DataFrame, state: ViewState) -> pd.DataFrame:
    """The plan's own 2019/20 split for the chosen bodies, the baseline for change (cached on the view)."""
    return memo(
        "plan_breakdown",
        view_key(state),
        lambda: spend.breakdown(budget[budget["origin"] == "plan"], spend.PLAN_YEAR, state.bodies),
    )


def _current_budget() -> pd.DataFrame:
    tables = plan_tables()
    accepted = st.session_state.get(SESSION_BUDGET)
    meta = st.session_state.get(SESSION_META) or {}
    uploaded = None
    if isinstance(accepted, pd.DataFrame):
        label = f"{spend.UPLOAD_SOURCE}: {meta.get('name', 'budget')}, accepted {meta.get('at', '')}".rstrip(
            ", "
        )
        uploaded = spend.uploaded_budget(accepted, label)
    return links.attach_pillars(spend.combine(tables["budget"], uploaded), tables["spend_pillars"])


def _readable_total(value: str) -> bool:
    try:
        return 0 <= float(value) <= MAX_TOTAL_M
    except ValueError:
        return False


def controls(budget: pd.DataFrame) -> ViewState:
    """Body, year and optional body totals, all kept in the URL."""
    years = spend.years(budget)
    uploaded_years = sorted(budget.loc[budget["origin"] == "upload", "year"].unique())
    default_year = uploaded_years[-1] if uploaded_years else spend.PLAN_YEAR
    components.link_notice(BODY_KEY, "body", spend.BODY_CHOICES)
    components.link_notice(YEAR_KEY, "year", years)
    show_year = st.session_state.pop(SESSION_SHOW_YEAR, None)
    if show_year in years:
        st.session_state[YEAR_KEY] = show_year
    for name, key in TOTAL_KEYS.items():
        expected = f"Give a number of £ million from 0 to {MAX_TOTAL_M:,.0f}."
        components.link_notice(key, f"{name} total", accepts=_readable_total, note=expected)
    components.link_notice(
        INTERP_KEY, "interpolation setting", components.ON_OFF, accepts=components.is_on_off
    )
    # One wrapping row of natural widths: on a narrow screen the totals move under the year.
    with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
        body = st.segmented_control(
            "Body",
            spend.BODY_CHOICES,
            default=spend.BOTH,
            required=True,
            key=BODY_KEY,
            bind="query-params",
            help="The NHS body (NHS Trafford CCG; from 2022/23 NHS Greater Manchester (Trafford)), Trafford "
            "Council, or both side by side.",
        )
        year = st.selectbox(
            "Year",
            years,
            index=years.index(default_year) if default_year in years else 0,
            key=YEAR_KEY,
            bind="query-params",
            help="2019/20 is the plan's published split; other years come from a budget uploaded in this "
            "session.",
            width=CONTROL_WIDTH,
        )
        bodies = spend.bodies_for(body)
        totals: dict[str, float | None] = {}
        for name in bodies:
            totals[name] = st.number_input(
                f"{name} total, £m (optional)",
                min_value=0.0,
                max_value=MAX_TOTAL_M,
                value=None,
                step=1.0,
                format="%.1f",
                key=TOTAL_KEYS[name],
                bind="query-params",
                help="The plan does not say how the £459m divides between the CCG and the Council. "
                "Enter a body's total to see pounds; leave empty to see percentages only.",
                width=CONTROL_WIDTH,
            )
    return ViewState(body=str(body or spend.BOTH), bodies=bodies, year=str(year), totals=totals)


def headline_totals() -> None:
    """The published totals: £459m (2019/20) and £512m (2021/22), with their sources and caveats."""
    totals = plan_tables()["totals"].set_index("measure")
    # Side by side only where each long label fits on its line (a metric label does not wrap).
    cards = st.grid(2, min_column_width=TOTAL_WIDTH)
    resource, estimate = totals.loc["combined_resource"], totals.loc["estimated_expenditure"]
    cards.metric(
        f"Combined health and social care resource, {resource['year']}",
        f"£{resource['amount_gbp_m']:g}m",
        help=f"{resource['note']} Source: {spend.PLAN_SOURCE} ({resource['source_key']}).",
        border=True,
    )
    cards.metric(
        f"Estimated health and social care spend in Trafford, {estimate['year']}",
        f"£{estimate['amount_gbp_m']:g}m",
        help=f"{estimate['note']} Source: Trafford Council Executive report, 27 September 2021 "
        f"({estimate['source_key']}).",
        border=True,
    )
    st.caption(
        f"£{resource['amount_gbp_m']:g}m: {resource['year']}, {spend.PLAN_SOURCE} "
        f"({resource['source_key']}). £{estimate['amount_gbp_m']:g}m: {estimate['year']}, plan refresh "
        f"({estimate['source_key']}). The two are "
        "measured differently, so they are not a trend, and neither is split between the CCG and the Council."
    )


def _select_area(chart_key: str) -> None:
    state = st.session_state.get(chart_key)
    selection = state.get("selection") if state is not None else None
    label = spend.area_from_selection(selection)
    if label:
        st.session_state[AREA_KEY] = label


def view_key(state: ViewState | None = None) -> str:
    """A string naming the data behind the view: plan files, this session's budget, year, bodies, totals.

    The budget's name and acceptance time are part of it: they appear in the cached tables' source
    column, so two sessions uploading the same figures each see their own.
    """
    meta = st.session_state.get(SESSION_META) or {}
    parts = [cached.plan_stamp(), *(str(meta.get(item, "plan")) for item in ("digest", "name", "at"))]
    if state is not None:
        parts += [state.year, ",".join(state.bodies), repr(sorted(state.totals.items()))]
    return "|".join(parts)


@cached.shared(max_entries=64)
def cached_figure(
    kind: str, key: str, body: str, _frame: pd.DataFrame, selected: str | None = None
) -> go.Figure:
    """A figure built once per data key and shared (figures are never changed after building)."""
    del key
    builders: dict[str, Callable[[], go.Figure]] = {
        "tree": lambda: charts.treemap(_frame, body, selected),
        "bar": lambda: charts.bars(_frame, body, selected),
        "pillars": lambda: charts.pillar_bars(_frame),
        "change": lambda: charts.change_bars(_frame),
        "trajectory": lambda: trajectory.figure(_frame),
    }
    return builders[kind]()


def chart(figure: object, key: str, alt: str, clickable: bool = False) -> None:
    if clickable:
        st.plotly_chart(
            figure,
            key=key,
            on_select=lambda: _select_area(key),
            selection_mode="points",
            config=CHART_CONFIG,
            alt=alt,
        )
    else:
        st.plotly_chart(figure, key=key, config=CHART_CONFIG, alt=alt)


def breakdown(table: pd.DataFrame, state: ViewState) -> None:
    """Treemap (and bar-chart alternative) per body, the summary sentence, table and CSV."""
    if table.empty:
        st.info(f"There is no spend breakdown for {md(state.year)}; pick another year or body.")
        return
    sentence, notes, summary = memo(
        "breakdown_text",
        view_key(state),
        lambda: (spend.breakdown_sentence(table), spend.breakdown_notes(table), spend.body_summary(table)),
    )
    say(sentence, quotes_upload(table))
    # Only the open tab is drawn (the other is drawn when chosen): each holds one chart per body.
    tree_tab, bar_tab = st.tabs(["Treemap", "Bar chart"], key="spend_chart_tab", on_change="rerun")
    for tab, kind in ((tree_tab, "tree"), (bar_tab, "bar")):
        if not tab.open:
            continue
        with tab:
            # One chart per body, side by side only where each stays wide enough to label its blocks.
            cells = st.grid(len(state.bodies), min_column_width=TOTAL_WIDTH)
            for body in state.bodies:
                with cells.cell():
                    if (table["body"] == body).any():
                        selected = st.session_state.get(AREA_KEY) or st.query_params.get(AREA_KEY)
                        figure = cached_figure(kind, view_key(state), body, table, selected)
                        what = "Treemap" if kind == "tree" else "Bar chart"
                        name = spend.body_name(body, state.year)
                        alt = f"{what} of {name} spend by area, {state.year}; click an area."
                        chart(figure, f"spend_{kind}_{body.lower()}", alt, clickable=True)
                    else:
                        st.info(f"The {md(state.year)} budget has no rows for {body}.")
    st.caption(
        " ".join(notes) + " Blocks too small to label legibly are named in the bar chart and the table. "
        "Click a block or bar to see what that spend area buys, below."
    )
    tables.breakdown_tables(table, summary)
    components.csv_download(
        lambda: spend.export_table(table),
        f"trafford_spend_{state.year.replace('/', '-')}.csv",
        key="spend_csv_breakdown",
    )


def area_picker(table: pd.DataFrame) -> str | None:
    """The spend-area selector (also set by clicking a chart), bound to the URL."""
    options = (
        spend.area_options(table, str(table["year"].iloc[0]), table["body"].unique().tolist())
        if not table.empty
        else []
    )
    components.link_notice(AREA_KEY, "spend area", options)
    choice = st.selectbox(
        "Spend area",
        options,
        index=None,
        key=AREA_KEY,
        bind="query-params",
        placeholder="Click a block in the chart above, or pick a spend area here",
    )
    return str(choice) if choice else None
