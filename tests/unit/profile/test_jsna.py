"""The JSNA summary grid and its printable page (trafford_dash.profile.jsna, jsna_print)."""

from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser

import pandas as pd
import pytest

from tests.unit.core.test_profile_comparators import gm_row, north_table
from trafford_dash.core import config
from trafford_dash.profile import coverage, jsna, jsna_print, table_columns

WHEN = datetime(2026, 12, 5)


def grid_columns(area_name: str) -> list[str]:
    """The grid's headings, as the page shows them."""
    comparators = ["Trafford", "GM", "England", "vs Trafford", "vs GM"]
    return ["Indicator", "Period", f"{area_name} (95% CI)", *comparators]


def grid_table() -> pd.DataFrame:
    return north_table([gm_row(7.0, 6.8, 7.2)])


def test_grid_rows_give_unit_period_interval_comparators_and_marks() -> None:
    grid = jsna.summary_grid(grid_table(), "North")
    assert list(grid.columns) == grid_columns("North")
    first = grid.iloc[0].to_dict()
    assert first["Indicator"] == "Bad health (%)"
    assert first["Period"] == "2021"
    assert first["North (95% CI)"] == "6.0% (95% CI 5.5 to 6.5)"
    assert (first["Trafford"], first["GM"], first["England"]) == ("5.0", "7.0", "6.2")
    assert (first["vs Trafford"], first["vs GM"]) == ("▼ Worse", "▲ Better")
    second = grid.iloc[1].to_dict()
    assert second["Indicator"] == "Life expectancy (years)"
    assert (second["GM"], second["England"], second["vs GM"]) == ("", "", "○ Not compared")


def test_significance_cells_are_tinted_by_label_and_not_compared_is_plain() -> None:
    assert jsna.badge_colour("▲ Better").startswith("background-color: #0072B2")
    assert jsna.badge_colour("▼ Worse").startswith("background-color: #D55E00")
    assert jsna.badge_colour("○ Not compared") == ""
    assert jsna.badge_colour("6.0") == ""


def test_notes_say_once_which_comparators_have_no_figure() -> None:
    notes = jsna.grid_notes(grid_table())
    assert sum("England: no figure for 1 of the 2 indicators" in note for note in notes) == 1
    assert sum(note.startswith("GM: no figure") for note in notes) == 1
    assert not any(note.startswith("Trafford: no figure") for note in notes)


def test_csv_has_source_period_and_licence_on_every_row() -> None:
    frame = jsna.grid_csv(grid_table())
    assert list(frame.columns) == jsna.CSV_COLUMNS
    assert set(jsna.CSV_COLUMNS) <= set(table_columns.TABLE_COLUMNS)
    assert frame[["source", "period", "licence"]].notna().all().all()
    assert list(frame["sig_gm"]) == ["Better", "Not compared"]


class _Text(HTMLParser):
    """Collects the page's elements and visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_printable_page_escapes_outside_text_and_is_one_page() -> None:
    table = grid_table()
    table.loc[0, "indicator"] = '<script>alert("x")</script> & <b>bold</b>'
    table.loc[0, "source"] = "<img src=x onerror=alert(1)>"
    page = jsna_print.printable("North <neighbourhood>: JSNA summary", table, "North", WHEN)
    parsed = _Text()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "b" not in parsed.tags
    text = "".join(parsed.text)
    assert '<script>alert("x")</script> & <b>bold</b> (%)' in text
    assert "North <neighbourhood>: JSNA summary" in text
    assert page.count('class="page"') == 1
    assert "@page { size: A4 landscape" in page
    assert "05 December 2026" in text
    assert "Sources: <img src=x onerror=alert(1)> (OGL); PHE (OGL)." in text
    assert 'style="background-color: #D55E00' in page  # Worse against Trafford, tinted and worded


@pytest.mark.parametrize("vintage", config.WARD_VINTAGES)
def test_every_neighbourhood_prints_one_page_from_the_built_store(built_store: None, vintage: str) -> None:
    for name in config.NEIGHBOURHOODS:
        table = coverage.neighbourhood_table(name, vintage)
        key = table[table["indicator_id"].isin(table_columns.KEY_INDICATORS)]
        page = jsna_print.printable(f"{name} neighbourhood: JSNA summary", key, name, WHEN)
        rows = re.findall(r"<tr>", page)
        # The header and one row per key indicator: at most 29 rows fit one A4 landscape sheet at 8pt.
        assert len(key) + 1 == len(rows) <= len(table_columns.KEY_INDICATORS) + 1, name
        assert page.count('class="page"') == 1
        assert (key["source"].astype(str) != "").all()
