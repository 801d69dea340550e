"""Check one row of an uploaded budget: its year, body, category, numbers and pillars.

:func:`parse_row` returns the row's cleaned values and one plain sentence per problem; the whole-file
checks (header, groups, totals) stay in :mod:`trafford_dash.spend.budget`.
"""

from __future__ import annotations

import re

from trafford_dash.core import upload_checks
from trafford_dash.core.upload_checks import quote
from trafford_dash.spend.finance import BODIES
from trafford_dash.store.plan import pillars_ok
from trafford_dash.store.schema import PILLARS

MAX_AMOUNT_GBP_M = 5_000.0
"""Largest amount accepted for one spend area, £5bn: above ten times the plan's whole pooled budget
(£459m, 2019/20). Amounts typed in pounds or thousands instead of £ million land far above it."""
MAX_TEXT = 80
"""Longest category name accepted, in characters."""
NUMERIC = ("amount_gbp_m", "share_pct")
NHS_NAMES = ("CCG", "ICB", "NHS Greater Manchester (Trafford)")
"""What an upload may call the NHS body; each is stored as ``CCG``, the plan's name for it."""

_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BODY_LOOKUP = {body.lower(): body for body in BODIES} | {name.lower(): "CCG" for name in NHS_NAMES}


def parse_number(cell: str, column: str) -> float | None:
    """A number from a cell (``""`` → ``None``); ``£``, ``%`` and thousands commas are allowed.

    Raises
    ------
    ValueError
        When the cell holds text, or a value that is not a finite number.
    """
    text = cell.strip()
    if not text:
        return None
    cleaned = text.replace(",", "").replace(" ", "")
    if column == "amount_gbp_m":
        cleaned = cleaned.removeprefix("£").removesuffix("m")
    if column == "share_pct":
        cleaned = cleaned.removesuffix("%")
    number = upload_checks.finite_number(cleaned)
    if number is None:
        raise ValueError(text)
    return number


def clean_text(cell: str) -> str:
    """A cell as one line: control characters dropped, runs of spaces made one."""
    return " ".join(_CONTROL.sub("", cell).split())


def _check_year(year: str) -> bool:
    match = _YEAR.match(year)
    if match is None:
        return False
    return (int(match.group(1)) + 1) % 100 == int(match.group(2))


def _number_problems(line: int, column: str, value: float | None) -> list[str]:
    """The range problems of a parsed number in ``column`` (none for an empty cell)."""
    if value is None:
        return []
    problems = []
    if value < 0:
        problems.append(
            f"Row {line}: {column} is negative ({value:g}); amounts and shares must be 0 or more."
        )
    if column == "share_pct" and value > 100:
        problems.append(f"Row {line}: share_pct is {value:g}, above 100%.")
    if column == "amount_gbp_m" and value > MAX_AMOUNT_GBP_M:
        problems.append(
            f"Row {line}: amount_gbp_m is {value:,g}, above the £{MAX_AMOUNT_GBP_M:,.0f}m accepted for "
            "one spend area; give amounts in £ million (12.5 for £12.5m)."
        )
    return problems


def _numbers(line: int, record: dict[str, str]) -> tuple[dict[str, float | None], list[str]]:
    """The row's amount and share (``None`` where empty or unreadable) and their problems."""
    numbers: dict[str, float | None] = {}
    problems: list[str] = []
    for column in NUMERIC:
        try:
            numbers[column] = parse_number(record.get(column, ""), column)
        except ValueError as error:
            problems.append(
                f"Row {line}: {column} {quote(error)} is not a number; write digits only, e.g. 12.5."
            )
            numbers[column] = None
            continue
        problems += _number_problems(line, column, numbers[column])
    return numbers, problems


def _names(line: int, record: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The row's year, body (as written when unknown) and category, and their problems."""
    problems = []
    year = clean_text(record.get("year", ""))
    if not _check_year(year):
        problems.append(f"Row {line}: year {quote(year)} is not a financial year written like 2024/25.")
    body_text = clean_text(record.get("body", ""))
    body = _BODY_LOOKUP.get(body_text.lower())
    if body is None:
        problems.append(
            f"Row {line}: body {quote(body_text)} is not known; use Council, or for the NHS one of "
            f"{', '.join(NHS_NAMES[:-1])} or {NHS_NAMES[-1]}."
        )
    category = clean_text(record.get("category", ""))
    if not category:
        problems.append(f"Row {line} has no category name.")
    elif len(category) > MAX_TEXT:
        problems.append(
            f"Row {line}: the category name is {len(category)} characters; the limit is {MAX_TEXT}."
        )
    return {"year": year, "body": body or body_text, "category": category}, problems


def parse_row(line: int, cells: list[str], header: list[str]) -> tuple[dict[str, object], list[str]]:
    """One data row's cleaned values (keyed by column, plus ``line`` and ``key``) and its problems."""
    problems: list[str] = []
    if len(cells) > len(header):
        problems.append(
            f"Row {line} has {len(cells)} values but the header has {len(header)} columns; "
            "put commas inside a category name in quotes."
        )
    record = dict(zip(header, [*cells, *[""] * (len(header) - len(cells))], strict=False))
    names, name_problems = _names(line, record)
    numbers, number_problems = _numbers(line, record)
    pillars = ";".join(
        part.strip() for part in clean_text(record.get("pillars", "")).split(";") if part.strip()
    )
    problems += name_problems + number_problems
    if pillars and not pillars_ok(pillars):
        problems.append(
            f"Row {line}: pillars {quote(pillars)} names something other than the plan's six pillars "
            f"({'; '.join(PILLARS)})."
        )
    parsed: dict[str, object] = {
        "line": line,
        **names,
        "key": names["category"].casefold(),
        "share_pct": numbers["share_pct"],
        "amount_gbp_m": numbers["amount_gbp_m"],
        "pillars": pillars,
        "note": clean_text(record.get("note", ""))[:300],
    }
    return parsed, problems
