"""CSV exports neutralise spreadsheet formulas and keep numbers as numbers."""

from __future__ import annotations

import pandas as pd

from trafford_dash.store import export


def test_formula_cells_are_neutralised() -> None:
    frame = pd.DataFrame(
        {"label": ["=HYPERLINK(1)", "+SUM(A1)", "@cmd", "plain", "-2.5"], "n": [1, 2, 3, 4, 5]}
    )
    text = export.to_csv(frame)
    assert "'=HYPERLINK(1)" in text and "'+SUM(A1)" in text and "'@cmd" in text
    assert "\nplain," in text and "\n-2.5," in text  # negative numbers are data


def test_default_vintage_prefers_exact_then_newest() -> None:
    rows = pd.DataFrame({"vintage": ["2022", "2023", "2023"], "approximate": [False, True, True]})
    assert export.default_vintage(rows) == "2022"
    rows = pd.DataFrame({"vintage": ["2022", "2023"], "approximate": [False, False]})
    assert export.default_vintage(rows) == "2023"
