"""The JSNA summary grid and its printable page (trafford_dash.profile.jsna, jsna_print)."""

from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser

import pandas as pd
import pytest

from tests.unit.core.test_profile_comparators import gm_row, north_table
from trafford_dash.core import config
from trafford_dash.profile import jsna, jsna_print, table_columns
from trafford_dash.store import reader

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
    heading = "North <neighbourhood>: JSNA summary"
    page = jsna_print.printable(heading, [jsna_print.PrintedArea(heading, table, "North")], WHEN)
    parsed = _Text()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags and "b" not in parsed.tags
    text = "".join(parsed.text)
    assert '<script>alert("x")</script> & <b>bold</b> (%)' in text
    assert "North <neighbourhood>: JSNA summary" in text
    assert page.count('class="page"') == 1
    assert "@page { size: A4 landscape" in page and ".page { break-after: page" in page
    assert "05 December 2026" in text
    assert "Sources: <img src=x onerror=alert(1)> (OGL); PHE (OGL)." in text
    assert 'style="background-color: #D55E00' in page  # Worse against Trafford, tinted and worded


@pytest.mark.parametrize("vintage", config.WARD_VINTAGES)
def test_the_four_neighbourhoods_print_one_page_each_from_the_built_store(
    built_store: None, vintage: str
) -> None:
    pages = jsna_print.neighbourhood_pages(
        reader.load_table("profiles"), reader.load_table("areas"), reader.load_table("catalogue"), vintage
    )
    assert [p.area_name for p in pages] == list(config.NEIGHBOURHOODS)
    document = jsna_print.printable("Trafford's neighbourhoods: JSNA summaries", pages, WHEN)
    sections = document.split('<section class="page">')[1:]
    assert len(sections) == 4
    assert ".page { break-after: page; break-inside: avoid; }" in document
    for page, section in zip(pages, sections, strict=True):
        assert f"<h1>{page.area_name} neighbourhood: JSNA summary" in section
        key = page.table
        assert set(key["indicator_id"]) <= set(table_columns.KEY_INDICATORS)
        # The header and one row per key indicator: at most 29 rows: 26 print 166 mm tall on a 194 mm sheet.
        assert len(key) + 1 == section.count("<tr>") <= len(table_columns.KEY_INDICATORS) + 1
        assert (key["source"].astype(str) != "").all() and "Sources: " in section
