"""The spend page's voluntary and community sector grants under AppTest: a light default view, the
views by year, programme and organisation, the year choice, and downloads with source, period and
licence."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import Downloads
from tests.app_runs import array, figures, run_app
from trafford_dash.spend.ui import actual as actual_ui
from trafford_dash.spend.ui import grants as grants_ui
from trafford_dash.store import reader


def open_tab(tab: str, **state: object) -> AppTest:
    return run_app("app_pages/spend.py", state={grants_ui.TABS_KEY: tab, **state})


def store_grants() -> pd.DataFrame:
    return reader.load_table("grants")


def csv_frame(downloads: Downloads, name: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(downloads[name]()))


def test_default_view_says_how_old_the_latest_grant_is_and_draws_no_grant_chart(built_store: None) -> None:
    app = run_app("app_pages/spend.py")
    latest = pd.to_datetime(store_grants()["award_date"]).max()
    ages = [w.value for w in app.info if "latest grant in the file" in w.value]
    assert len(ages) == 1 and f"{latest.day} {latest:%B %Y}" in ages[0]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Organisations funded"] == f"{store_grants()['recipient_id'].nunique():,}"
    assert metrics["Grants"] == f"{len(store_grants()):,}"
    assert not [
        f
        for f in figures(app)
        if f["layout"]
        .get("xaxis", {})
        .get("title", {})
        .get("text", "")
        .startswith("Financial year of the award")
    ]


def test_by_year_chart_and_download_match_the_store(built_store: None, downloads: Downloads) -> None:
    app = open_tab("By year")
    table = store_grants().groupby("financial_year")["amount_awarded"].sum()
    bars = [f for f in figures(app) if "Financial year of the award" in str(f["layout"].get("xaxis"))]
    assert len(bars) == 1
    assert [round(v, 2) for v in array(bars[0]["data"][0]["y"])] == [round(v, 2) for v in table.tolist()]
    assert array(bars[0]["data"][0]["x"])[-1] == f"{table.index[-1]} (latest in file)"
    frame = csv_frame(downloads, "trafford_grants_by_year.csv")
    assert frame["amount_gbp"].round(2).tolist() == table.round(2).tolist()
    assert frame["licence"].eq("Open Government Licence v3.0").all()
    assert frame["source"].str.contains("360Giving").all()
    assert frame["period"].str.startswith("grants awarded ").all()


def test_by_programme_lists_every_programme(built_store: None, downloads: Downloads) -> None:
    app = open_tab("By programme")
    assert not app.exception
    frame = csv_frame(downloads, "trafford_grants_by_programme.csv")
    assert set(frame["programme"]) == set(store_grants()["programme"])
    assert frame["grants"].sum() == len(store_grants())


def test_organisations_for_a_chosen_year_show_only_names_from_the_store(
    built_store: None, downloads: Downloads
) -> None:
    grants = store_grants()
    year = sorted(grants["financial_year"].unique())[-3]
    app = open_tab("By organisation", **{grants_ui.YEAR_KEY: year, "spend_grants_table_organisation": True})
    in_year = grants[grants["financial_year"] == year]
    sentence = [t.value for t in app.text if "organisations received grants" in t.value]
    assert sentence and sentence[0].startswith(f"{in_year['recipient_id'].nunique()} organisations")
    frame = csv_frame(downloads, f"trafford_grants_by_organisation_{year.replace('/', '_')}.csv")
    assert set(frame["recipient"]) <= set(grants["recipient_name"])
    assert round(frame["amount_gbp"].sum(), 2) == round(in_year["amount_awarded"].sum(), 2)
    assert frame["period"].str.startswith(f"{year}, grants awarded").all()
    shown = [d.value for d in app.dataframe if "Organisation" in getattr(d.value, "columns", [])]
    assert shown and len(shown[0]) == in_year["recipient_id"].nunique()
    bars = [f for f in figures(app) if f["data"][0].get("orientation") == "h"]
    labels = array(bars[-1]["data"][0]["y"])
    assert len(labels) == min(15, in_year["recipient_id"].nunique())


def test_a_store_built_before_grants_says_how_to_add_them(synthetic_store: object) -> None:
    app = run_app("app_pages/spend.py")  # the synthetic store has payments but no grants table
    assert any("no grants table yet" in i.value for i in app.info)
    assert not any(m.label.startswith("Grants awarded") for m in app.metric)
    assert any(m.label.startswith("Net spend, ") for m in app.metric)


def test_a_store_built_before_payments_says_how_to_add_them(
    synthetic_store: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(actual_ui, "PAYMENTS_FILE", "payments_from_a_later_build.parquet")
    app = run_app("app_pages/spend.py")
    assert any("no payments table yet" in i.value for i in app.info)
    assert not any(m.label.startswith("Net spend, ") for m in app.metric)
