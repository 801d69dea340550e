"""The spend page under AppTest: the plan's figures on screen, state in the URL, uploads and pillars."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app_runs import figures, run_app
from tests.link_params import names
from trafford_dash.spend import budget, finance
from trafford_dash.spend.ui.budget import SESSION_BUDGET, SESSION_META

GOOD = b"year,body,category,amount_gbp_m,share_pct\n2024/25,CCG,Acute,150,\n2024/25,CCG,Community,50,\n"


def open_page(params: dict[str, str] | None = None) -> AppTest:
    return run_app("app_pages/spend.py", params)


def treemaps(app: AppTest) -> list[dict[str, Any]]:
    return [f["data"][0] for f in figures(app) if f["data"][0]["type"] == "treemap"]


def title(figure: dict[str, Any]) -> str:
    return str(figure["layout"].get("title", {}).get("text", ""))


def plain(text: str) -> str:
    """Markdown text without its backslash escapes (the page escapes punctuation in generated text)."""
    return re.sub(r"\\(.)", r"\1", text)


def texts(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption] + [i.value for i in app.info]
    return plain(" ".join(parts))


def test_default_view_shows_the_plans_splits_exactly(built_store: None) -> None:
    app = open_page()
    assert app.title[0].value.startswith("Spend")
    trees = treemaps(app)
    assert [t["ids"][0] for t in trees] == ["CCG", "Council"]
    splits = finance.load_finance_splits()
    for trace in trees:
        body = trace["ids"][0]
        published = splits[splits["body"] == body]
        shown = dict(zip(trace["ids"][1:], trace["values"][1:], strict=True))
        assert shown == {
            f"{body}: {c}": v for c, v in zip(published["category"], published["share_pct"], strict=True)
        }
        assert trace["values"][0] == published["share_pct"].sum()
        assert not any("£" in text for text in trace["text"])
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Combined health and social care resource, 2019/20"] == "£459m"
    assert metrics["Estimated health and social care spend in Trafford, 2021/22"] == "£512m"
    all_text = texts(app)
    assert "CCG shares add up to 101%" in all_text
    assert "label not published" in all_text
    assert "No spend area is chosen yet" in all_text


def test_view_state_comes_from_the_url(built_store: None) -> None:
    app = open_page(
        {"spend_body": "CCG", "spend_area": "CCG: Acute", "spend_ccg_m": "300", "spend_interp": "true"}
    )
    trees = treemaps(app)
    assert len(trees) == 1 and trees[0]["ids"][0] == "CCG"
    acute = trees[0]["ids"].index("CCG: Acute")
    assert "£163.4m" in trees[0]["text"][acute]
    assert "▶ selected" in trees[0]["text"][acute]
    tabs = [tab.label for tab in app.tabs]
    assert "Planned Care" in tabs and "Urgent Care" in tabs
    outcome_tables = [df.value for df in app.dataframe if "badge" in getattr(df.value, "columns", [])]
    assert outcome_tables, "no outcome table shown"
    first = outcome_tables[0]
    assert first["badge"].str.match(r"^[▲▼●△▽○] \w").all()
    assert first["period"].str.len().gt(0).all()
    assert "95% confidence" in texts(app)
    money = next(f for f in figures(app) if "deficit" in title(f))
    deficit = [t["name"] for t in money["data"] if t.get("meta") == "ccg_deficit"]
    assert set(deficit) == {"Stated in the plan", "Interpolated (assumption)"}


def test_clicking_an_area_shows_its_pillars_indicators(built_store: None) -> None:
    app = open_page({"spend_body": "Council"})
    assert "No spend area is chosen yet" in texts(app)
    app.selectbox(key="spend_area").set_value("Council: Adult Client Costs").run()
    assert not app.exception
    assert "Living Well at Home" in [tab.label for tab in app.tabs]
    assert any("Living Well at Home" in m.value for m in app.markdown)
    app.selectbox(key="spend_area").set_value("Council: Other (label not published) A").run()
    assert "is not linked to a pillar" in texts(app)


def test_unknown_url_values_get_a_one_line_notice(built_store: None) -> None:
    app = open_page(
        {
            "spend_year": "2030/31",
            "spend_area": "CCG: Nothing",
            "spend_ccg_m": "lots",
            "spend_interp": "maybe",
        }
    )
    notices = " ".join(i.value for i in app.info)
    assert names(notices, "spend_year", "2030/31")
    assert names(notices, "spend_area", "CCG: Nothing")
    assert names(notices, "spend_ccg_m", "lots") and "a number of £ million" in notices
    assert names(notices, "spend_interp", "maybe")
    assert app.selectbox(key="spend_year").value == "2019/20"


def test_upload_rejections_change_nothing_and_reset_restores_the_plan(built_store: None) -> None:
    app = open_page()
    app.file_uploader(key="spend_upload").set_value(("budget.csv", GOOD, "text/csv")).run()
    assert app.success and "Accepted `budget.csv`" in app.success[0].value
    accepted = app.session_state[SESSION_BUDGET].copy()
    assert app.selectbox(key="spend_year").options == ["2019/20", "2024/25"]
    assert app.selectbox(key="spend_year").value == "2024/25", "the page switches to the uploaded year"
    assert "the page above now shows 2024/25" in plain(app.success[0].value)
    tree = treemaps(app)[0]
    assert tree["values"][1:] == [75.0, 25.0]
    assert "£150.0m" in tree["text"][1]
    change = next(
        f
        for f in figures(app)
        if str(f["layout"].get("xaxis", {}).get("title", {}).get("text", "")).startswith("Change")
    )
    assert "+20.0 pp" in change["data"][0]["text"]

    # Every invalid case is checked against the session state in tests/unit/spend/test_budget.py;
    # here three of them go through the real page.
    bad_files = {
        "shares.csv": (
            b"year,body,category,share_pct\n2024/25,CCG,A,50\n2024/25,CCG,B,20\n",
            "add up to 70%",
        ),
        "text.csv": (b"year,body,category,share_pct\n2024/25,CCG,A,lots\n", "is not a number"),
        "budget.xlsx": (b"PK\x03\x04rest", "not a CSV file"),
    }
    for name, (data, message) in bad_files.items():
        app.file_uploader(key="spend_upload").set_value((name, data, "text/csv")).run()
        assert app.error, name
        error, details = app.error[0].value, next(t.value for t in app.text if t.value.startswith("•"))
        assert "have not changed" in error and message in details, (name, error, details)
        pd.testing.assert_frame_equal(app.session_state[SESSION_BUDGET], accepted)
        assert app.selectbox(key="spend_year").value == "2024/25"

    app.button(key="spend_reset").click().run()
    assert SESSION_BUDGET not in app.session_state
    assert app.selectbox(key="spend_year").options == ["2019/20"]
    assert app.selectbox(key="spend_year").value == "2019/20"
    assert "Reset: the page shows the plan's published figures again." in texts(app)


def test_the_uploader_states_one_size_limit_its_own(built_store: None) -> None:
    uploader = open_page().file_uploader(key="spend_upload")
    assert uploader.proto.max_upload_size_mb == budget.MAX_UPLOAD_MB
    assert not re.search(r"\d\s*(KB|MB)", uploader.proto.label), "the widget itself shows its limit"


def test_each_session_shows_its_own_upload_of_the_same_file(built_store: None) -> None:
    sources = []
    for name in ("first.csv", "second.csv"):
        app = open_page()
        app.file_uploader(key="spend_upload").set_value((name, GOOD, "text/csv")).run()
        app.session_state["spend_table_area"] = True
        app.run()
        table = next(df.value for df in app.dataframe if "source" in getattr(df.value, "columns", []))
        sources.append(" ".join(table["source"].astype(str)))
        meta = app.session_state[SESSION_META]
        assert f"{name}, accepted {meta['at']}" in sources[-1]
    assert "second.csv" not in sources[0] and "first.csv" not in sources[1]


def test_a_refusal_quotes_the_file_as_plain_text(built_store: None) -> None:
    app = open_page()
    hostile = b'year,body,category,share_pct\n2024/25,"<img src=x> [a](http://e.org) \\ \n:red[b]",A,100\n'
    app.file_uploader(key="spend_upload").set_value(("bad\n<b>.csv", hostile, "text/csv")).run()
    shown = app.error[0].value
    assert shown.startswith("`bad <b>.csv` was not used"), "the file name is a code span"
    details = next(t.value for t in app.text if t.value.startswith("•"))
    assert "body '<img src=x> [a](http://e.org) \\ :red[b]' is not known" in details


def test_the_in_page_editor_uses_the_same_checks(built_store: None) -> None:
    app = open_page({"spend_body": "Council"})
    assert not app.dataframe, "tables and the editor are drawn only when their expanders are opened"
    app.session_state["spend_editor_open"] = True
    app.run()
    assert len(app.dataframe) == 1
    app.button(key="spend_apply_edits").click().run()
    assert app.success and "Your edited budget" in plain(app.success[0].value)
    assert "2024/25" in app.selectbox(key="spend_year").options
    assert app.selectbox(key="spend_year").value == "2024/25"


def test_pounds_add_up_to_the_users_totals(built_store: None) -> None:
    app = open_page({"spend_ccg_m": "300", "spend_council_m": "150"})
    app.session_state["spend_table_area"] = True
    app.run()
    table = next(df.value for df in app.dataframe if "amount_gbp_m" in getattr(df.value, "columns", []))
    sums = table.groupby("body")["amount_gbp_m"].sum()
    assert sums["CCG"] == pytest.approx(300.0)
    assert sums["Council"] == pytest.approx(150.0)
    assert "Your totals add up to £450.0m; the plan's combined resource for 2019/20 is £459.0m" in texts(app)


def test_an_uploaded_budgets_words_never_reach_markdown(built_store: None) -> None:
    # Escaping is not enough: a bare web address in escaped Markdown still becomes a link.
    hostile = b"year,body,category,amount_gbp_m,share_pct\n2024/25,CCG,see www.evil.org now,150,\n"
    app = open_page()
    app.file_uploader(key="spend_upload").set_value(("budget.csv", hostile, "text/csv")).run()
    assert not app.exception, [e.value for e in app.exception]
    markdown = " ".join(
        [m.value for m in app.markdown] + [c.value for c in app.caption] + [i.value for i in app.info]
    )
    assert "evil" not in markdown
    assert any("www.evil.org" in t.value for t in app.text), "the sentence is shown as plain text"
