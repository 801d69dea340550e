"""The spend page's actual-spend section: the Council's payments for a chosen year, month by month, by
pillar and plan category (with drill-down to service units and suppliers), year on year, then and now,
and per resident.

Every figure comes from the payments store through the cached DuckDB queries in
:mod:`trafford_dash.store.cached`; the page never loads the payments themselves. Only the chosen tab is
drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from trafford_dash.core.ui import components
from trafford_dash.spend import actual, actual_pack
from trafford_dash.spend.board_pack import PackSection
from trafford_dash.spend.ui import actual_views as views
from trafford_dash.store import cached, reader
from trafford_dash.store.payment_schema import PAYMENTS_FILE

YEAR_KEY = "spend_pay_year"
TABS_KEY = "spend_pay_tab"
TABS = ("By month", "By pillar", "By plan category", "Year on year", "Then and now", "Per resident")
PACK_SOURCE = f"{actual.SOURCE}. Contains public sector information licensed under the {actual.OGL_LICENCE}."


@dataclass(frozen=True)
class ActualView:
    """The chosen payments year and what the section needs to say about it (for the board pack too)."""

    year: str
    part_note: str
    years: pd.DataFrame

    @property
    def period(self) -> str:
        row = self.years.set_index("financial_year").loc[self.year]
        first, last = (
            actual.month_label(str(row["first_month"])),
            actual.month_label(str(row["last_full_month"])),
        )
        return f"{self.year} (payments {first} to {last}{', a part year' if self.part_note else ''})"


def part_note(years: pd.DataFrame, year: str) -> str:
    row = years.set_index("financial_year").loc[year]
    if not bool(row["part_year"]):
        return ""
    first = actual.month_label(str(row["first_month"]))
    last = actual.month_label(str(row["last_full_month"]))
    return f"{year} is a part year: its payments run from {first} to {last} only."


def _choose_year(years: pd.DataFrame) -> str:
    """The payments year from the address bar or the box; by default the latest full year."""
    full = years.loc[~years["part_year"].astype(bool), "financial_year"]
    default = str(full.iloc[-1]) if not full.empty else str(years["financial_year"].iloc[-1])
    options = [str(year) for year in years["financial_year"]][::-1]
    components.link_notice(YEAR_KEY, "payments year", options)
    return str(
        st.selectbox(
            "Financial year of payments",
            options,
            index=options.index(default),
            key=YEAR_KEY,
            bind="query-params",
            help="The latest full year is chosen at first. A part year says so, and is compared with the "
            "same months a year earlier.",
        )
    )


def actual_section() -> ActualView | None:
    """The whole section; returns the chosen year (or None when the store has no payments)."""
    if not (reader.processed_dir() / PAYMENTS_FILE).is_file():  # a store built before payments
        st.info("The data store has no payments table yet: run `python -m trafford_dash build` to add it.")
        return None
    years = cached.payment_years()
    year = _choose_year(years)
    view = ActualView(year, part_note(years, year), years)
    if view.part_note:
        st.info(view.part_note, icon=":material/calendar_month:")
    views.headline(view.year, view.period)
    tabs = st.tabs(list(TABS), key=TABS_KEY, on_change="rerun")
    draw = (
        views.by_month,
        views.by_pillar,
        views.by_plan_category,
        views.year_on_year,
        views.then_and_now,
        views.per_resident,
    )
    for tab, drawer in zip(tabs, draw, strict=True):
        if tab.open:
            with tab:
                drawer(view.year, view.period, view.part_note, years)
    return view


def pack_sections(view: ActualView) -> list[PackSection]:
    """The board pack's actual-spend sections for the chosen year (worked out when the pack is made)."""
    change, compared = views.change_table(view.year, view.part_note)
    return actual_pack.sections(
        actual_pack.ActualPackInputs(
            year=view.year,
            period=view.period,
            part_note=view.part_note,
            months=views.month_table(view.years),
            by_pillar=views.grouped("pillar", view.year),
            then_and_now=views.then_and_now_table(view.year),
            change=change,
            compared=compared,
        )
    )
