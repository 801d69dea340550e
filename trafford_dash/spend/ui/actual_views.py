"""One function per actual-spend tab: each draws its chart, sentence, table and CSV for the chosen year.

Text from the payments (service units, suppliers) is shown as plain text or escaped; sentences that
quote it go through ``st.text``.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from trafford_dash.core.ui import blocks, components
from trafford_dash.spend import actual, actual_charts
from trafford_dash.spend import outcomes as spend_outcomes
from trafford_dash.spend.ui import page, sections
from trafford_dash.store import cached
from trafford_dash.store.payment_mapping import NOT_MAPPED

UNIT_KEY = "spend_pay_unit_{}"
PICK_KEY = "spend_pay_pick_{}"
TOP_UNITS = 15
REASONS_KEY = "spend_pay_reasons"
YOY_KEY = "spend_pay_yoy_by"
LABELS = {
    "financial_year": "Financial year",
    "month": "Month",
    "unit": "Service unit",
    "supplier": "Supplier",
    "pillar": "Pillar",
    "plan_category": "Plan category",
    "amount": "Net spend (£)",
    "amount_before": "A year earlier (£)",
    "change": "Change (£)",
    "change_pct": "Change (%)",
    "payments": "Payments",
    "share_pct": "Share (%)",
    "plan_share_pct": "Plan 2019/20 (%)",
    "change_pp": "Change (points)",
    "complete": "Month complete",
    "note": "Note",
    "population": "Residents",
    "population_period": "Population estimate",
    "per_resident": "Per resident (£)",
}
DIMENSION_WORDS = {"pillar": "pillar", "plan_category": "plan category"}


def caption(period: str, what: str) -> str:
    return (
        f"{what}. Period: {period}. Net of refunds and corrections. Source: {actual.SOURCE}. "
        f"Licence: {actual.OGL_LICENCE}."
    )


def _shown(table: pd.DataFrame) -> pd.DataFrame:
    """A table for the screen: money to the penny, shares to 0.1, columns in words."""
    rounded = table.round({c: 2 for c in ("amount", "amount_before", "change", "per_resident")})
    return rounded.round({c: 1 for c in table.columns if c.endswith(("_pct", "_pp"))}).rename(columns=LABELS)


def _view(name: str, figure: go.Figure, what: str, table: pd.DataFrame, period: str) -> None:
    """A chart with its caption, its table (drawn when opened) and its CSV with period, source and licence."""
    blocks.chart_block(
        figure,
        f"spend_pay_{name}_chart",
        caption(period, what),
        table=blocks.TableView(
            _shown(table), f"Table: {what[0].lower()}{what[1:]}", f"spend_pay_table_{name}"
        ),
        csv=blocks.CsvFile(
            lambda: actual.with_provenance(table, period),
            f"trafford_actual_spend_{name}.csv",
            f"spend_pay_csv_{name}",
        ),
    )


def grouped(by: str, year: str, **filters: str) -> pd.DataFrame:
    return actual.shares(cached.payment_totals((by,), year=year, **filters), by)


def headline(year: str, period: str) -> None:
    """The year's net spend, payments and the share the mapping places, with the "Not mapped" total."""
    by_pillar = cached.payment_totals(("pillar",), year=year)
    by_plan = cached.payment_totals(("plan_category",), year=year)
    total = float(by_pillar["amount"].sum())

    def mapped(table: pd.DataFrame, column: str) -> str:
        unmapped = float(table.loc[table[column] == NOT_MAPPED, "amount"].sum())
        return f"{100 * (total - unmapped) / total:.1f}%" if total else "—"

    with st.container(horizontal=True):
        st.metric(f"Net spend, {year}", actual.money(total))
        st.metric("Payments", f"{int(by_pillar['payments'].sum()):,}")
        st.metric("Share matched to a pillar", mapped(by_pillar, "pillar"))
        st.metric("Share matched to a plan category", mapped(by_plan, "plan_category"))
    st.markdown(page.md(actual.mapped_sentence(by_pillar, "pillar", "one of the six pillars")))
    st.caption(caption(period, "The Council's published payments to suppliers") + " " + actual.MAPPING_NOTE)
    _reasons(year, period)


def _reasons(year: str, period: str) -> None:
    """Net spend by the mapping rule that placed it (or left it "Not mapped"), with each rule's reason."""
    with components.lazy_expander(
        "Why spend is or is not matched: the mapping's rules", key=REASONS_KEY
    ) as is_open:
        if is_open:
            table = cached.payment_mapping_reasons(year=year).drop(columns="amount_pence")
            st.dataframe(
                table,
                hide_index=True,
                column_config={
                    "mapping_rule": "Rule (0: none matched)",
                    "plan_category": "Plan category",
                    "pillar": "Pillar",
                    "reason": st.column_config.TextColumn("Why", width="large"),
                    "amount": st.column_config.NumberColumn("Net spend (£)", format="%,.2f"),
                    "payments": "Payments",
                },
            )
            components.csv_download(
                lambda: actual.with_provenance(table, period),
                "trafford_actual_spend_mapping_reasons.csv",
                key="spend_pay_csv_reasons",
            )


def month_table(years: pd.DataFrame) -> pd.DataFrame:
    return actual.monthly(cached.payment_totals(("month",)), years)


@cached.shared(max_entries=4)
def _month_figure(stamp: str, latest: str | None, _table: pd.DataFrame) -> go.Figure:
    """The monthly chart, built once per store (every payments year shares it; never changed after)."""
    del stamp
    return actual_charts.months(_table, latest)


def by_month(year: str, period: str, part_note: str, years: pd.DataFrame) -> None:
    table = month_table(years)
    latest = actual.latest_full_month(table)
    st.markdown(page.md(actual.year_sentence(table, year, part_note)))
    all_years = (
        f"{table['financial_year'].iloc[0]} to {table['financial_year'].iloc[-1]}"
        if not table.empty
        else year
    )
    _view(
        "month",
        _month_figure(cached.store_stamp(), latest, table),
        "Net spend by month, every year published",
        table,
        all_years,
    )


def _drill(dimension: str, year: str, period: str) -> None:
    """Inside one pillar or plan category: its service units, then one unit's largest suppliers."""
    table = grouped(dimension, year)
    chosen = st.selectbox(
        f"Look inside a {DIMENSION_WORDS[dimension]}",
        table[dimension].tolist(),
        key=PICK_KEY.format(dimension),
    )
    units = grouped("unit", year, **{dimension: chosen})
    st.text(
        f"{chosen}: {actual.money(float(units['amount'].sum()))} across {len(units):,} service units "
        f"in {year}."
    )
    _links(dimension, chosen)
    top = units.head(TOP_UNITS)
    _view(
        f"units_{dimension}",
        actual_charts.share_bars(top, "unit"),
        f"Service units in {chosen}, the {len(top)} largest charted",
        units,
        period,
    )
    unit = st.selectbox("Service unit", units["unit"].tolist(), key=UNIT_KEY.format(dimension))
    suppliers = actual.suppliers(
        cached.payment_totals(("supplier",), year=year, **{dimension: chosen, "unit": unit})
    )
    st.text(
        f"{unit}: {actual.money(float(suppliers['amount'].sum()))}. Suppliers who are not recognisably "
        'organisations are combined as "Other suppliers"; "Redacted" is what the Council withheld.'
    )
    _view(
        f"suppliers_{dimension}",
        actual_charts.share_bars(suppliers, "supplier"),
        f"The largest suppliers to {unit}",
        suppliers,
        period,
    )


def _links(dimension: str, chosen: str) -> None:
    """The pillar pages a pillar (or a plan category's pillars) links to, as today's spend areas do."""
    if dimension == "pillar":
        pillars = [chosen] if chosen != NOT_MAPPED else []
    else:
        mapping = page.plan_tables()["spend_pillars"]
        rows = mapping[(mapping["body"] == "Council") & (mapping["category"] == chosen)]
        pillars = [p.strip() for p in ";".join(rows["pillars"].fillna("")).split(";") if p.strip()]
    for number, pillar in enumerate(pillars):
        what = f"What {pillar} is meant to improve: its outcomes"
        with components.lazy_expander(what, key=f"spend_pay_outcomes_{dimension}_{number}") as is_open:
            if is_open:
                rows = sections.outcomes(pillar)
                if rows.empty:
                    st.info(f"No indicator linked to {pillar} has a Trafford figure in the data store.")
                else:
                    st.markdown(page.md(spend_outcomes.outcome_sentence(rows, pillar)))
                    st.dataframe(
                        rows[["indicator", "trafford", "england", "period", "badge", "source"]],
                        hide_index=True,
                        column_config={"badge": "Trafford vs England"},
                    )
                    sections.significance_legend()
            st.page_link(
                "app_pages/pillars.py",
                label=f"Open {pillar} on the Pillars page",
                icon=":material/arrow_forward:",
                query_params={"pillar": pillar},
            )


def by_pillar(year: str, period: str, part_note: str, years: pd.DataFrame) -> None:
    del part_note, years
    table = grouped("pillar", year)
    st.markdown(page.md(actual.largest_sentence(table, "pillar", "pillar")))
    _view("pillar", actual_charts.share_bars(table, "pillar"), "Net spend by pillar", table, period)
    _drill("pillar", year, period)


def by_plan_category(year: str, period: str, part_note: str, years: pd.DataFrame) -> None:
    del part_note, years
    table = grouped("plan_category", year)
    st.markdown(page.md(actual.largest_sentence(table, "plan_category", "plan category")))
    st.caption(actual.mapped_sentence(table, "plan_category", "one of the plan's Council spend categories"))
    _view(
        "plan_category",
        actual_charts.share_bars(table, "plan_category"),
        "Net spend by plan category",
        table,
        period,
    )
    _drill("plan_category", year, period)


def change_table(year: str, part_note: str, by: str = "pillar") -> tuple[pd.DataFrame, str]:
    """Net spend by ``by`` against the same months a year earlier, and what it is compared with."""
    before = actual.previous_months(cached.payment_values("month", year=year))
    compared = actual.previous_year(year) + (" (the same months)" if part_note else "")
    now = cached.payment_totals((by,), year=year)
    then = cached.payment_totals((by,), month=tuple(before))
    return actual.year_on_year(now, then, by), compared


def then_and_now_table(year: str) -> pd.DataFrame:
    plan = page.plan_tables()["budget"]
    return actual.then_and_now(plan, cached.payment_totals(("plan_category",), year=year))


def year_on_year(year: str, period: str, part_note: str, years: pd.DataFrame) -> None:
    del years
    by = st.segmented_control(
        "Compare by",
        list(DIMENSION_WORDS),
        default="pillar",
        key=YOY_KEY,
        format_func=DIMENSION_WORDS.__getitem__,
    )
    by = by or "pillar"
    table, compared = change_table(year, part_note, by)
    sentence = actual.change_sentence(table, by, year, compared)
    if float(table["amount_before"].sum()) <= 0:
        st.info(sentence)  # the first year published has nothing before it
        return
    st.markdown(page.md(sentence))
    _view(
        f"year_on_year_{by}",
        actual_charts.change_bars(table, by, compared),
        f"Change in net spend by {DIMENSION_WORDS[by]}, {year} against {compared}",
        table,
        f"{period} against {compared}",
    )


def then_and_now(year: str, period: str, part_note: str, years: pd.DataFrame) -> None:
    del part_note, years
    table = then_and_now_table(year)
    st.markdown(page.md(actual.then_and_now_sentence(table, year)))
    what = f"The plan's 2019/20 Council split (LP2019 §7.7) beside the payments of {year}"
    _view("then_and_now", actual_charts.then_and_now(table, year), what, table, f"2019/20 and {period}")
    st.caption(
        f"{actual.MAPPING_NOTE} {actual.PAYROLL_NOTE} The plan's two unlabelled segments have no "
        "counterpart in the payments."
    )


def per_resident(year: str, period: str, part_note: str, years: pd.DataFrame) -> None:
    del years
    table = actual.ordered(cached.payment_per_resident(year), "pillar", "per_resident")
    population, when = table["population"].iloc[0], table["population_period"].iloc[0]
    people = f"{population:,.0f} residents (mid-year estimate {when})"
    part = " Part-year spend: not comparable with a full year." if part_note else ""
    st.markdown(page.md(f"Net spend per resident in {year}, using Trafford's {people}.{part}"))
    _view(
        "per_resident", actual_charts.per_resident(table), "Net spend per resident by pillar", table, period
    )
