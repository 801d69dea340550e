"""The landing page under AppTest: the plan's structure, key facts with sources, map, exceptions and links."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_runs import run_app
from trafford_dash.core import config
from trafford_dash.pillars import exceptions, tiles
from trafford_dash.store import plan, reader
from trafford_dash.store.schema import PILLARS


@pytest.fixture(scope="module")
def app(built_store: None) -> AppTest:
    return run_app()


def text(app: AppTest) -> str:
    return " ".join(m.value for m in [*app.markdown, *app.caption])


def test_plan_structure_is_on_the_landing_page(app: AppTest) -> None:
    assert app.title[0].value.startswith("Trafford Together")
    body = text(app)
    for aspiration in plan.load_table("aspirations")["aspiration"]:
        assert aspiration in body
    for priority in plan.load_table("priorities")["priority"]:
        assert priority in body
    for pcn in plan.load_table("pcns")["pcn"]:
        assert pcn in body
    links = {link.proto.label: link.proto.query_string for link in app.get("page_link")}
    for pillar in PILLARS:
        assert links[f"Open {pillar}"] == urlencode({"pillar": pillar})


def test_key_facts_carry_their_period_and_source(app: AppTest) -> None:
    body = text(app)
    assert "#### £459m" in body and "Source: Locality Plan 2019–2024 (LP2019 §7.7)." in body
    assert "#### 5 networks" in body and "#### 34 services" in body
    assert "at least 1,300" in body and "over 24,000" in body


def test_neighbourhood_map_shows_the_four_populations(app: AppTest) -> None:
    images = app.get("image")
    svg = next(
        base64.b64decode(image.proto.imgs[0].url.split(",", 1)[1]).decode()
        if image.proto.imgs[0].url.startswith("data:")
        else image.proto.imgs[0].url
        for image in images
    )
    population = reader.load_values(indicator_id="population", level="neighbourhood", vintage="2023")
    latest = population[(population["sex"] == "Persons") & (population["age"] == "All ages")]
    latest = latest[latest["period"] == latest.sort_values("period")["period"].iloc[-1]]
    assert svg.count("<path ") == len(config.NEIGHBOURHOODS)
    for row in latest.itertuples():
        assert f">{row.area_name}<tspan" in svg and f">{row.value:,.0f}</tspan>" in svg
    assert 'role="img"' in svg and "Residents, mid-" in svg


def test_exceptions_link_to_their_tiles(app: AppTest) -> None:
    catalogue = reader.load_table("catalogue")
    ids = tiles.mapped_indicators(catalogue)
    rows = reader.load_values(indicator_id=ids, level=list(tiles.TILE_LEVELS))
    found = exceptions.exceptions(tiles.build_tiles(catalogue[catalogue["indicator_id"].isin(ids)], rows))
    assert exceptions.summary_sentence(found) in text(app)
    queries = [link.proto.query_string for link in app.get("page_link")]
    for row in found.to_dict("records"):
        assert any(f"ind={row['indicator_id']}" in q for q in queries), row["indicator_id"]
    assert any(
        link.proto.label.startswith("Emergency hospital admissions for falls")
        for link in app.get("page_link")
    )
    falls = next(c.value for c in app.caption if c.value.startswith("2,553"))
    assert "in 2017/18, " in falls and "years old; dated: " in falls  # how old, and dated in words


def test_secondary_tables_are_drawn_when_opened(built_store: None) -> None:
    page = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    page.run()
    before = len(page.dataframe)
    page.session_state["overview_map_table"] = True
    page.session_state["overview_documents"] = True
    page.run()
    assert not page.exception
    tables = [frame.value for frame in page.dataframe]
    assert len(tables) == before + 2
    map_table = next(t for t in tables if "area_code" in t.columns)
    assert sorted(map_table["area_name"]) == sorted(config.NEIGHBOURHOODS)
    assert {"period", "source", "licence"} <= set(map_table.columns)
    documents = next(t for t in tables if "Document" in t.columns)
    assert set(plan.load_table("documents")["key"]) == set(documents["Key"])
