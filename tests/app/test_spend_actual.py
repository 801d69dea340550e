"""The spend page's actual spend from the Council's payments under AppTest: the chosen year's totals,
the monthly trend, drill-down from a pillar to a service unit's suppliers (names only as the store
holds them), downloads with source, period and licence, and the board pack's actual-spend section."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import Downloads
from tests.app_runs import array, figures, run_app
from trafford_dash.core import config
from trafford_dash.spend.ui import actual as actual_ui
from trafford_dash.spend.ui import actual_views

PILLAR = "Children's Care"


def payments() -> pd.DataFrame:
    """The store's payments, read directly (not through the page's queries)."""
    columns = [
        "financial_year",
        "month",
        "service_unit",
        "supplier",
        "pillar",
        "plan_category",
        "amount_pence",
    ]
    return pd.read_parquet(config.PROCESSED_DIR / "payments.parquet", columns=columns)


def payment_years() -> pd.DataFrame:
    return pd.read_parquet(config.PROCESSED_DIR / "payment_years.parquet")


def latest_full_year() -> str:
    years = payment_years()
    return str(years.loc[~years["part_year"], "financial_year"].max())


def open_tab(tab: str, **state: object) -> AppTest:
    return run_app("app_pages/spend.py", state={actual_ui.TABS_KEY: tab, **state})


def csv_frame(downloads: Downloads, name: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(downloads[name]()))


def provenance_ok(frame: pd.DataFrame, year: str) -> None:
    assert frame["licence"].eq("Open Government Licence v3.0").all()
    assert frame["source"].str.contains("Trafford Council, payments to suppliers").all()
    assert frame["period"].str.contains(year, regex=False).all()


def test_default_year_is_the_latest_full_one_and_its_totals_match_the_payments(built_store: None) -> None:
    app = run_app("app_pages/spend.py")
    year = latest_full_year()
    assert app.selectbox(key=actual_ui.YEAR_KEY).value == year
    rows = payments()
    rows = rows[rows["financial_year"] == year]
    total = rows["amount_pence"].sum() / 100
    metrics = {m.label: m.value for m in app.metric}
    assert metrics[f"Net spend, {year}"] == f"£{total / 1e6:,.1f}m"
    assert metrics["Payments"] == f"{len(rows):,}"
    mapped = rows.loc[rows["pillar"] != "Not mapped", "amount_pence"].sum() / 100
    assert metrics["Share matched to a pillar"] == f"{100 * mapped / total:.1f}%"
    unmapped = total - mapped
    assert any(f"£{unmapped / 1e6:,.1f}m is" in m.value.replace("\\", "") for m in app.markdown)


def test_the_monthly_trend_labels_the_latest_full_month(built_store: None, downloads: Downloads) -> None:
    app = open_tab("By month")
    months = payments().groupby("month")["amount_pence"].sum() / 100
    chart = [f for f in figures(app) if "Month of payment" in str(f["layout"].get("xaxis"))]
    assert len(chart) == 1
    assert [round(v, 4) for v in array(chart[0]["data"][0]["y"])] == [round(v / 1e6, 4) for v in months]
    last_full = str(payment_years()["last_full_month"].max())
    label = pd.Period(last_full, "M").strftime("%B %Y")
    assert any(f"Latest full month: {label}" in note["text"] for note in chart[0]["layout"]["annotations"])
    frame = csv_frame(downloads, "trafford_actual_spend_month.csv")
    assert frame["amount"].round(2).tolist() == months.round(2).tolist()
    assert frame["licence"].eq("Open Government Licence v3.0").all()


def test_a_part_year_says_so(built_store: None) -> None:
    years = payment_years()
    part = years.loc[years["part_year"], "financial_year"]
    if part.empty:
        pytest.skip("The payments store has no part year.")
    app = run_app(
        "app_pages/spend.py", {actual_ui.YEAR_KEY: str(part.iloc[0])}, {actual_ui.TABS_KEY: "Year on year"}
    )
    assert app.selectbox(key=actual_ui.YEAR_KEY).value == part.iloc[0]
    assert any(f"{part.iloc[0]} is a part year" in i.value for i in app.info)
    assert any("(the same months)" in c.value for c in app.caption)


def test_a_year_the_payments_do_not_have_gets_a_notice_and_the_default(built_store: None) -> None:
    app = run_app("app_pages/spend.py", {actual_ui.YEAR_KEY: "1999/00"})
    assert app.selectbox(key=actual_ui.YEAR_KEY).value == latest_full_year()
    assert any("`spend_pay_year`" in i.value and "1999/00" in i.value for i in app.info)


def test_drill_down_to_a_units_suppliers_shows_only_names_the_store_allows(
    built_store: None, downloads: Downloads
) -> None:
    year = latest_full_year()
    rows = payments()
    rows = rows[(rows["financial_year"] == year) & (rows["pillar"] == PILLAR)]
    unit = str(rows.groupby("service_unit")["amount_pence"].sum().idxmax())
    state = {
        actual_views.PICK_KEY.format("pillar"): PILLAR,
        actual_views.UNIT_KEY.format("pillar"): unit,
        "spend_pay_outcomes_pillar_0": True,
        "spend_pay_table_units_pillar": True,
    }
    app = open_tab("By pillar", **state)
    units = csv_frame(downloads, "trafford_actual_spend_units_pillar.csv")
    assert round(units["amount"].sum(), 2) == round(rows["amount_pence"].sum() / 100, 2)
    provenance_ok(units, year)
    suppliers = csv_frame(downloads, "trafford_actual_spend_suppliers_pillar.csv")
    allowed = set(payments()["supplier"])
    shown = [s for s in suppliers["supplier"] if not s.startswith("All other named suppliers (")]
    assert set(shown) <= allowed
    in_unit = rows[rows["service_unit"] == unit]
    assert round(suppliers["amount"].sum(), 2) == round(in_unit["amount_pence"].sum() / 100, 2)
    special = suppliers[suppliers["supplier"].isin(["Other suppliers", "Redacted"])]
    assert special["note"].str.len().gt(0).all()
    chart_labels = [array(f["data"][0]["y"]) for f in figures(app) if f["data"][0].get("orientation") == "h"]
    assert chart_labels, "no supplier chart"
    links = [link.proto for link in app.get("page_link")]
    assert any(PILLAR in link.label and "pillars" in link.page for link in links)
    tables = [d.value for d in app.dataframe if "Service unit" in getattr(d.value, "columns", [])]
    assert len(tables) == 1 and len(tables[0]) == rows["service_unit"].nunique()
    outcomes = [d.value for d in app.dataframe if "badge" in getattr(d.value, "columns", [])]
    assert outcomes, "the pillar's outcomes are not shown"


def test_views_download_with_source_period_and_licence(built_store: None, downloads: Downloads) -> None:
    year = latest_full_year()
    for tab, name in (
        ("By plan category", "plan_category"),
        ("Then and now", "then_and_now"),
        ("Per resident", "per_resident"),
        ("Year on year", "year_on_year_pillar"),
    ):
        open_tab(tab)
        provenance_ok(csv_frame(downloads, f"trafford_actual_spend_{name}.csv"), year)


def test_the_board_pack_has_an_actual_spend_section_for_the_chosen_year(
    built_store: None, downloads: Downloads
) -> None:
    run_app("app_pages/spend.py")
    year = latest_full_year()
    pack = next(text() for name, text in downloads.items() if name.startswith("trafford_spend_board_pack"))
    assert f"Actual spend, {year}: the Council&#x27;s payments by month" in pack
    assert f"Actual spend by pillar, {year}" in pack
    assert "payments to suppliers" in pack and "Open Government Licence v3.0" in pack


def test_the_mapping_reasons_account_for_every_pound(built_store: None, downloads: Downloads) -> None:
    year = latest_full_year()
    open_tab("By month", **{actual_views.REASONS_KEY: True})
    frame = csv_frame(downloads, "trafford_actual_spend_mapping_reasons.csv")
    rows = payments()
    rows = rows[rows["financial_year"] == year]
    assert round(frame["amount"].sum(), 2) == round(rows["amount_pence"].sum() / 100, 2)
    assert frame["reason"].str.len().gt(0).all()
    unmapped = frame[frame["pillar"] == "Not mapped"]["amount"].sum()
    assert round(unmapped, 2) == round(
        rows.loc[rows["pillar"] == "Not mapped", "amount_pence"].sum() / 100, 2
    )
    provenance_ok(frame, year)


def test_year_on_year_by_plan_category_and_the_first_year_has_nothing_before_it(
    built_store: None, downloads: Downloads
) -> None:
    year = latest_full_year()
    open_tab("Year on year", **{actual_views.YOY_KEY: "plan_category"})
    frame = csv_frame(downloads, "trafford_actual_spend_year_on_year_plan_category.csv")
    rows = payments()
    now = rows[rows["financial_year"] == year].groupby("plan_category")["amount_pence"].sum() / 100
    assert frame.set_index("plan_category")["amount"].round(2).to_dict() == now.round(2).to_dict()
    first = str(payment_years()["financial_year"].min())
    app = open_tab("Year on year", **{actual_ui.YEAR_KEY: first})
    assert any("There are no payments in" in i.value for i in app.info)
