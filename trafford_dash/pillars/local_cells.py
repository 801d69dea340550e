"""Check every cell of an uploaded local indicator file, a whole column at a time.

:func:`check_cells` raises :class:`~trafford_dash.core.upload_checks.UploadProblem` naming the first
row with a problem and that row's first problem (the order a row-by-row check would find them), or
returns the table with pillar, polarity, sex and age written as the store writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

import numpy as np
import pandas as pd

from trafford_dash.core import config, upload_checks
from trafford_dash.core.periods import period_end_year
from trafford_dash.store.schema import PILLARS, POLARITIES, SEXES

MAX_TEXT = 200
REQUIRED = ["indicator_id", "title", "pillar", "unit", "polarity", "area_code", "period", "value", "source"]
OPTIONAL = ["lower_ci_95", "upper_ci_95", "count", "denominator", "sex", "age", "definition", "value_note"]
COLUMNS = REQUIRED + OPTIONAL
NUMERIC = ["value", "lower_ci_95", "upper_ci_95", "count", "denominator"]
TEXT = ["title", "unit", "period", "sex", "age", "source", "definition", "value_note"]
ID_PATTERN = r"[a-z][a-z0-9_]{0,59}"

Message = Callable[[Mapping[str, str]], str]
Checks = list[tuple[pd.Series, Message]]


def where(index: int) -> str:
    """How a sentence names the data row at ``index`` (0 is the row after the header)."""
    return f"Row {index + 1} (line {index + 2})"


def _says(text: str, column: str = "") -> Message:
    """A problem's sentence for a row: ``text`` with ``{cell}`` replaced by that row's ``column``, quoted."""
    return lambda row: text.replace("{cell}", upload_checks.quote(row[column])) if column else text


def _first_problem(shown: pd.DataFrame, checks: Checks) -> None:
    """Raise for the first row with any problem, naming that row's first problem in ``checks`` order.

    Each check is a boolean Series over all rows (True marks a problem) with its sentence, so a file is
    checked column by column, yet the message is the one a row-by-row check would give first.
    """
    masks = np.column_stack([mask.to_numpy(dtype=bool) for mask, _ in checks])
    bad = masks.any(axis=1)
    if not bad.any():
        return
    position = int(np.argmax(bad))
    problem = checks[int(np.argmax(masks[position]))][1]
    row = {str(column): str(cell) for column, cell in shown.iloc[position].items()}
    raise upload_checks.UploadProblem(f"{where(int(str(shown.index[position])))}: {problem(row)}")


def _numbers(column: pd.Series) -> pd.Series:
    """Each cell as a finite number, or NaN (empty cells too); worked out once per distinct cell."""
    return column.map({cell: upload_checks.finite_number(cell) for cell in column.unique()}).astype(float)


def _id_checks(frame: pd.DataFrame, reserved: Collection[str]) -> Checks:
    """Empty required cells, then ids that are malformed or already used by open data."""
    checks: Checks = [(frame[column] == "", _says(f"{column} is empty.")) for column in REQUIRED]
    return [
        *checks,
        (
            ~frame["indicator_id"].str.fullmatch(ID_PATTERN),
            _says(
                "indicator_id {cell} must be lower-case letters, digits and underscores, starting with a "
                "letter (at most 60 characters).",
                "indicator_id",
            ),
        ),
        (
            frame["indicator_id"].isin(list(reserved)),
            _says(
                "indicator_id {cell} is already an open-data indicator; choose another id for your local "
                "measure.",
                "indicator_id",
            ),
        ),
    ]


def _number_checks(frame: pd.DataFrame, numbers: Mapping[str, pd.Series]) -> Checks:
    """Numbers that are not numbers, and negative counts and denominators."""
    checks: Checks = []
    for column in NUMERIC:
        given = frame[column] != "" if column != "value" else pd.Series(True, index=frame.index)
        checks.append(
            (numbers[column].isna() & given, _says(f"{column} is {{cell}}, which is not a number.", column))
        )
        if column in ("count", "denominator"):
            checks.append((numbers[column] < 0, _says(f"{column} is {{cell}}, which is negative.", column)))
    return checks


def _code_checks(
    frame: pd.DataFrame, polarity: pd.Series, sex: pd.Series, areas: Mapping[str, object]
) -> Checks:
    """Pillar, polarity, sex, area code and period outside what the dashboard knows."""
    end_years = frame["period"].map({p: period_end_year(p) for p in frame["period"].unique()})
    return [
        (
            ~frame["pillar"].str.lower().isin([p.lower() for p in PILLARS]),
            _says(f"pillar {{cell}} is not one of the plan's pillars ({', '.join(PILLARS)}).", "pillar"),
        ),
        (
            ~polarity.isin(list(POLARITIES)),
            _says(f"polarity {{cell}} is not one of {', '.join(POLARITIES)}.", "polarity"),
        ),
        (
            ~sex.str.lower().isin([s.lower() for s in SEXES]),
            _says(f"sex {{cell}} is not one of {', '.join(SEXES)}.", "sex"),
        ),
        (
            ~frame["area_code"].isin(list(areas)),
            _says(
                "area code {cell} is not one the dashboard knows (use "
                f"Trafford {config.TRAFFORD_CODE}, Greater Manchester {config.GM_CODE}, England "
                f"{config.ENGLAND_CODE}, a neighbourhood such as nbh_north, or a Trafford ward code).",
                "area_code",
            ),
        ),
        (
            end_years.isna(),
            _says(
                "period {cell} has no year in it; write it as, for example, 2023/24, 2024 or 2024-03.",
                "period",
            ),
        ),
    ]


def _interval_checks(frame: pd.DataFrame, numbers: Mapping[str, pd.Series]) -> Checks:
    """A confidence interval given by half, or one that does not hold its value."""
    lower, upper, value = (numbers[c] for c in ("lower_ci_95", "upper_ci_95", "value"))
    has_lower, has_upper = frame["lower_ci_95"] != "", frame["upper_ci_95"] != ""
    return [
        (has_lower != has_upper, _says("give both lower_ci_95 and upper_ci_95, or neither.")),
        (
            has_lower & ~((lower <= value) & (value <= upper)),
            _says("the value is not inside its 95% confidence interval."),
        ),
    ]


def check_cells(
    frame: pd.DataFrame, areas: Mapping[str, tuple[str, str, str]], reserved: Collection[str]
) -> pd.DataFrame:
    """``frame`` (all :data:`COLUMNS`, as text) with its codes written as the store writes them.

    Raises
    ------
    UploadProblem
        For the first row with a problem, naming that row's first problem.
    """
    numbers = {column: _numbers(frame[column]) for column in NUMERIC}
    polarity = frame["polarity"].str.lower().str.replace(" ", "_").str.replace("-", "_")
    sex = frame["sex"].where(frame["sex"] != "", "Persons")
    checks = [
        *_id_checks(frame, reserved),
        *_number_checks(frame, numbers),
        *_code_checks(frame, polarity, sex, areas),
        *_interval_checks(frame, numbers),
        *[
            (frame[column].str.len() > MAX_TEXT, _says(f"{column} is longer than {MAX_TEXT} characters."))
            for column in TEXT
        ],
    ]
    _first_problem(frame.assign(sex=sex), checks)
    out = frame.copy()
    out["pillar"] = frame["pillar"].str.lower().map({p.lower(): p for p in PILLARS})
    out["polarity"] = polarity
    out["sex"] = sex.str.lower().map({s.lower(): s for s in SEXES})
    out["age"] = frame["age"].where(frame["age"] != "", "All ages")
    return out
