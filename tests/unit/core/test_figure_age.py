"""How old a figure is, and when it is dated (more than three years older than its source's newest)."""

from __future__ import annotations

import pandas as pd

from tests.unit.pillar_rows import frame, meta, row
from trafford_dash.core import config, figure_age
from trafford_dash.pillars import exceptions
from trafford_dash.pillars import tiles as pillars

T, E = config.TRAFFORD_CODE, config.ENGLAND_CODE


def tiles() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"indicator_id": "a", "source": "OHID", "year": 2026, "period": "2025/26"},
            {"indicator_id": "b", "source": "OHID", "year": 2018, "period": "2017/18"},
            {"indicator_id": "c", "source": "OHID", "year": 2023, "period": "2022/23"},
            {"indicator_id": "d", "source": "Census", "year": 2011, "period": "2011"},
            {"indicator_id": "e", "source": "Census", "year": None, "period": ""},
        ]
    )


def test_newest_period_per_source() -> None:
    assert figure_age.newest_by_source(tiles()) == {"OHID": (2026, "2025/26"), "Census": (2011, "2011")}
    merged = figure_age.merged({"OHID": (2020, "2020")}, {"OHID": (2024, "2024"), "DfE": (2019, "2019")})
    assert merged == {"OHID": (2024, "2024"), "DfE": (2019, "2019")}


def test_a_figure_more_than_three_years_behind_its_source_is_dated() -> None:
    newest = figure_age.newest_by_source(tiles())
    rows = tiles().set_index("indicator_id")
    text = {i: figure_age.dated_text(rows.loc[i].to_dict(), newest) for i in rows.index}
    assert text["b"] == "8 years older than this source's newest figures (2025/26)"
    assert text["a"] == "" and text["c"] == ""  # exactly three years behind is not dated
    assert text["d"] == "" and text["e"] == ""  # the newest of its own source; no year at all


def test_age_is_written_in_words() -> None:
    assert figure_age.describe({"period": "2017/18", "year": 2018}, 2026) == "2017/18, 8 years old"
    assert figure_age.describe({"period": "2025", "year": 2025}, 2026) == "2025, 1 year old"
    assert figure_age.describe({"period": "2026-03", "year": 2026}, 2026) == "2026-03, from this year"
    assert figure_age.describe({"period": "", "year": None}, 2026) == ""


def test_tiles_and_exceptions_carry_the_year_and_source() -> None:
    rows = frame(row(T, "2021/22", 12.0), row(T, "2022/23", 14.0), row(E, "2022/23", 10.0))
    tile = pillars.build_tile(meta(), rows)
    assert tile["year"] == 2022 and tile["source"]
    found = exceptions.exceptions(
        pd.DataFrame([tile | {"significance": "Worse", "change_judgement": "worsening"}])
    )
    assert {"year", "source"} <= set(found.columns)
