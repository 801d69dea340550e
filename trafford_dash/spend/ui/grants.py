"""The spend page's voluntary and community sector grants: the totals, the period covered, and views by
year, programme and organisation, each with its chart, table, sentence and CSV.

Only the chosen tab is drawn; its tables are worked out once per store. Organisation names are quoted as
plain text (``st.text``) or escaped for plotly, never read as Markdown.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from trafford_dash.core.ui import blocks
from trafford_dash.spend import grant_charts
from trafford_dash.spend import grants as spend_grants
from trafford_dash.store import cached, reader

TABS = ("Summary", "By year", "By programme", "By organisation")
YEAR_KEY = "spend_grants_year"
TABS_KEY = "spend_grants_tab"
LABELS = {
    "financial_year": "Financial year",
    "programme": "Programme",
    "recipient": "Organisation",
    "recipient_id": "360Giving identifier",
    "amount_gbp": "Awarded (£)",
    "grants": "Grants",
    "organisations": "Organisations funded",
    "years": "Years",
    "first_year": "First year",
    "last_year": "Latest year",
    "share_pct": "Share of the money (%)",
}


def _table(name: str, year: str = spend_grants.ALL_YEARS) -> pd.DataFrame:
    grants = cached.table("grants")
    makers = {
        "year": lambda: spend_grants.by_year(grants),
        "programme": lambda: spend_grants.by_programme(grants),
        "recipient": lambda: spend_grants.by_recipient(spend_grants.in_year(grants, year)),
    }
    return cached.memo("grants", f"{name}|{year}", makers[name])


def _shown(table: pd.DataFrame) -> pd.DataFrame:
    return table.round({"amount_gbp": 2, "share_pct": 1}).rename(columns=LABELS)


def grants_section(today: date | None = None) -> None:
    """The grants section: a light summary first; each other tab is drawn only when chosen."""
    if not (reader.processed_dir() / reader.GRANTS_FILE).is_file():  # a store built before grants
        st.info("The data store has no grants table yet: run `python -m trafford_dash build` to add it.")
        return
    grants = cached.table("grants")
    cover = spend_grants.coverage(grants, today or date.today())
    st.info(cover.age_sentence(), icon=":material/schedule:")
    tabs = st.tabs(list(TABS), key=TABS_KEY, on_change="rerun")
    draw = (_summary, _by_year, _by_programme, _by_organisation)
    for tab, drawer in zip(tabs, draw, strict=True):
        if tab.open:
            with tab:
                drawer(grants, cover)


def _caption(period: str, what: str) -> str:
    return (
        f"{what}. Period: {period} (financial years April to March, by award date). "
        f"Source: {spend_grants.SOURCE}. Licence: {spend_grants.OGL_LICENCE}."
    )


def _summary(grants: pd.DataFrame, cover: spend_grants.Coverage) -> None:
    with st.container(horizontal=True):
        st.metric(
            f"Grants awarded, {cover.first.year}–{cover.latest.year}",
            spend_grants.pounds(grants["amount_awarded"].sum()),
        )
        st.metric("Grants", f"{len(grants):,}")
        st.metric("Organisations funded", f"{grants['recipient_id'].nunique():,}")
    st.markdown(spend_grants.year_sentence(grants, _table("year")))
    st.caption(_caption(cover.period, "Trafford Council's grants to voluntary and community organisations"))


def _view(name: str, figure: go.Figure, caption: str, table: pd.DataFrame, period: str, file: str) -> None:
    """One grants view: the figure, its caption, its table and its CSV (with period, source and licence)."""
    blocks.chart_block(
        figure,
        f"spend_grants_{name}_chart",
        caption,
        table=blocks.TableView(_shown(table), f"Table: grants by {name}", f"spend_grants_table_{name}"),
        csv=blocks.CsvFile(
            lambda: spend_grants.with_provenance(table, period), file, f"spend_grants_csv_{name}"
        ),
    )


def _by_year(grants: pd.DataFrame, cover: spend_grants.Coverage) -> None:
    table = _table("year")
    latest = str(table["financial_year"].iloc[-1])
    st.markdown(spend_grants.year_sentence(grants, table))
    what = f"Grants awarded per financial year; {latest} is the latest year in the file (hatched)"
    figure = grant_charts.year_bars(table, latest)
    _view("year", figure, _caption(cover.period, what), table, cover.period, "trafford_grants_by_year.csv")


def _by_programme(grants: pd.DataFrame, cover: spend_grants.Coverage) -> None:
    table = _table("programme")
    st.markdown(spend_grants.programme_sentence(table))
    figure = grant_charts.horizontal_bars(
        table["programme"], table["amount_gbp"], table["grants"], "Grants awarded (£)"
    )
    caption = _caption(cover.period, "Grants awarded by programme")
    _view("programme", figure, caption, table, cover.period, "trafford_grants_by_programme.csv")


def _by_organisation(grants: pd.DataFrame, cover: spend_grants.Coverage) -> None:
    years = [spend_grants.ALL_YEARS, *sorted(grants["financial_year"].unique(), reverse=True)]
    year = st.selectbox("Financial year", years, key=YEAR_KEY)
    table = _table("recipient", year)
    top = table.head(spend_grants.TOP_RECIPIENTS)
    chosen = spend_grants.coverage(spend_grants.in_year(grants, year), cover.today).period
    period = chosen if year == spend_grants.ALL_YEARS else f"{year}, {chosen}"
    st.text(spend_grants.recipient_sentence(table, year))  # quotes organisation names: plain text
    figure = grant_charts.horizontal_bars(
        top["recipient"], top["amount_gbp"], top["grants"], "Grants awarded (£)"
    )
    caption = _caption(period, f"The {len(top)} organisations awarded the most")
    file = f"trafford_grants_by_organisation_{year.replace('/', '_').replace(' ', '_').lower()}.csv"
    _view("organisation", figure, caption, table, period, file)
