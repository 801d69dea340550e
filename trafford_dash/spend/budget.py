"""Check a budget CSV that a board member uploads or edits, before it replaces anything.

The template (``data/budget_template.csv``) has one row per spend category::

    year,body,category,amount_gbp_m,share_pct,pillars,note
    2024/25,CCG,Acute,,55,,

``year`` is a financial year such as ``2024/25``; ``body`` is ``Council`` or the NHS body, written
``CCG``, ``ICB`` or ``NHS Greater Manchester (Trafford)`` (the integrated care board replaced the CCG
in July 2022; all three are stored as the plan's ``CCG`` body, see
:func:`trafford_dash.spend.breakdown.body_name`);
``category`` is the spend area; give ``amount_gbp_m`` (£ million, at most
:data:`~trafford_dash.spend.budget_rows.MAX_AMOUNT_GBP_M` for one area)
or ``share_pct`` (% of that body's spend), or both.
``pillars`` (optional) names the plan pillar(s) the category funds, separated by ``;``, overriding the
mapping in ``data/plan/spend_pillars.csv``; ``note`` is free text.

:func:`validate_budget` either accepts the whole file or rejects it with plain sentences naming the
row and the problem; it never returns a partly checked table, so a rejected upload changes nothing.
Text from the file is kept as text: it is never rendered as HTML, and formulas are neutralised when
the budget is downloaded again (:func:`trafford_dash.store.export.to_csv`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from trafford_dash.core import config, upload_checks
from trafford_dash.core.upload_checks import quote
from trafford_dash.spend.budget_rows import MAX_AMOUNT_GBP_M as MAX_AMOUNT_GBP_M
from trafford_dash.spend.budget_rows import MAX_TEXT as MAX_TEXT
from trafford_dash.spend.budget_rows import NUMERIC, clean_text, parse_row
from trafford_dash.spend.finance import SHARE_TOLERANCE_PCT

TEMPLATE_CSV = config.DATA_DIR / "budget_template.csv"
MAX_UPLOAD_MB = 1
"""Largest file accepted, in MB: the upload widget's own limit (its smallest), which it states itself."""
MAX_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_ROWS = 500
MAX_ERRORS = 12
"""At most this many problems are listed; the rest are counted."""

REQUIRED = ("year", "body", "category")
OPTIONAL = ("pillars", "note")
COLUMNS = (*REQUIRED, *NUMERIC, *OPTIONAL)
OUTPUT_COLUMNS = ["year", "body", "category", "share_pct", "amount_gbp_m", "pillars", "note"]
SHARE_AMOUNT_TOLERANCE_PP = 1.0
"""How far a given share may differ from the share implied by the amounts, in percentage points."""


@dataclass
class UploadResult:
    """The outcome of checking a budget: the accepted table, or the reasons for rejecting it."""

    budget: pd.DataFrame | None
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.budget is not None and not self.errors


def _reject(*errors: str) -> UploadResult:
    return UploadResult(budget=None, errors=list(errors))


FILE_RULES = upload_checks.FileRules(
    max_bytes=MAX_BYTES,
    empty="{name} is empty: fill in the template, one row per spend category, and upload it again.",
    too_big=(
        "{name} is {size}; the limit is {limit_mb:g} MB. A budget needs only a few "
        "dozen rows: remove other sheets or data and upload the budget rows alone."
    ),
    workbook=(
        "{name} is a spreadsheet workbook, not a CSV file: in your spreadsheet choose "
        "Save As → 'CSV UTF-8 (comma delimited)' and upload that file."
    ),
    not_csv=(
        "{name} is not a CSV file: save the budget as CSV (comma-separated values, file name "
        "ending .csv) using the template's columns."
    ),
    utf16=(
        "{name} is UTF-16 text; save it as UTF-8 CSV ('CSV UTF-8 (comma delimited)') and upload it again."
    ),
    binary="{name} contains binary data, so it is not a CSV text file; export the budget as CSV.",
    not_utf8=(
        "{name} is not in UTF-8 text encoding (a '£' or accented letter was saved in another "
        "encoding): in your spreadsheet choose 'CSV UTF-8 (comma delimited)' when saving."
    ),
    blank="{name} has no text in it: fill in the template and upload it again.",
)
"""The budget's file checks (:func:`trafford_dash.core.upload_checks.decode_csv`) and their sentences."""


def _read_rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header names (lower-cased) and ``(line number, cells)`` for each non-blank data row.

    Raises
    ------
    UploadProblem
        For a file separated by semicolons or tabs, one the CSV reader cannot parse, or one without rows.
    """
    first_line = text.lstrip().splitlines()[0]
    if "," not in first_line and (";" in first_line or "\t" in first_line):
        separator = "semicolons" if ";" in first_line else "tabs"
        raise upload_checks.UploadProblem(
            f"The file is separated by {separator}, not commas: save it as CSV with commas "
            "(the template's format)."
        )
    unreadable = "The file could not be read as CSV ({error}); check it against the template."
    rows = list(upload_checks.csv_rows(text, unreadable))
    if not rows:
        raise upload_checks.UploadProblem("The file has no header row: start from the template.")
    header = [clean_text(cell).lower() for cell in rows[0]]
    body = [
        (number, cells) for number, cells in enumerate(rows[1:], start=2) if any(c.strip() for c in cells)
    ]
    return header, body


def _check_header(header: list[str]) -> list[str]:
    problems = []
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        problems.append(
            f"The header lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
            f"the template's columns are {', '.join(COLUMNS)}."
        )
    if not any(column in header for column in NUMERIC):
        problems.append(
            "The file needs an amount_gbp_m (£ million) or a share_pct (% of the body's spend) column."
        )
    unknown = [column for column in header if column and column not in COLUMNS]
    if unknown:
        problems.append(
            f"The column{'s' if len(unknown) > 1 else ''} {', '.join(quote(c) for c in unknown)} "
            f"{'are' if len(unknown) > 1 else 'is'} not in the template; use {', '.join(COLUMNS)}."
        )
    repeated = sorted({column for column in header if column and header.count(column) > 1})
    if repeated:
        problems.append(f"The header repeats {', '.join(map(quote, repeated))}; each column may appear once.")
    return problems


def _check_groups(frame: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Duplicates, completeness and share totals per body and year; fills shares from amounts."""
    problems: list[str] = []
    notes: list[str] = []
    repeats = frame[frame.duplicated(["year", "body", "key"], keep="first")]
    for row in repeats.itertuples():
        first = frame[(frame["year"] == row.year) & (frame["body"] == row.body) & (frame["key"] == row.key)]
        problems.append(
            f"Row {row.line} repeats the category {quote(row.category)} for {row.body} in {row.year} "
            f"(first on row {int(first['line'].iloc[0])}); give each category once."
        )
    for (year, body), group in frame.groupby(["year", "body"], sort=True):
        amounts = group["amount_gbp_m"]
        shares = group["share_pct"]
        label = f"{body} in {year}"
        if amounts.notna().all():
            total = float(amounts.sum())
            if total <= 0:
                problems.append(f"The amounts for {label} add up to £0m, so no shares can be worked out.")
                continue
            implied = amounts / total * 100.0
            if shares.notna().any():
                gap = (shares - implied).abs().fillna(100.0).to_numpy()
                worst = int(gap.argmax())
                if float(gap.max()) > SHARE_AMOUNT_TOLERANCE_PP:
                    problems.append(
                        f"Row {int(group['line'].to_numpy()[worst])}: share_pct and amount_gbp_m disagree "
                        f"for {label} (the amounts imply {float(implied.to_numpy()[worst]):.1f}%); give one "
                        "or make them match."
                    )
                    continue
            else:
                frame.loc[group.index, "share_pct"] = implied
                notes.append(f"Shares for {label} were worked out from the amounts (total £{total:,.1f}m).")
            continue
        if amounts.notna().any():
            missing = group.loc[amounts.isna(), "line"].astype(int).tolist()
            problems.append(
                f"Some rows for {label} have an amount and others (row {', '.join(map(str, missing[:5]))}) "
                "do not; give amount_gbp_m for every category of a body and year, or for none."
            )
            continue
        if shares.isna().any():
            missing = group.loc[shares.isna(), "line"].astype(int).tolist()
            problems.append(
                f"Row {', '.join(map(str, missing[:5]))} for {label} has neither amount_gbp_m nor share_pct."
            )
            continue
        total_share = float(shares.sum())
        if abs(total_share - 100.0) > SHARE_TOLERANCE_PCT:
            problems.append(
                f"The {body} shares for {year} add up to {total_share:g}%, not 100% "
                f"(±{SHARE_TOLERANCE_PCT:g} is allowed for rounding); check for a missing or mistyped "
                "category."
            )
    return problems, notes


def validate_budget(data: bytes, filename: str) -> UploadResult:
    """Check an uploaded budget completely; accept all of it or none of it.

    Parameters
    ----------
    data
        The file's bytes.
    filename
        Its name, used for messages and to require a ``.csv`` file.

    Returns
    -------
    UploadResult
        ``budget`` has :data:`OUTPUT_COLUMNS` (shares in %, amounts in £ million, amounts empty
        where only shares were given) when accepted; otherwise ``budget`` is ``None`` and ``errors``
        holds one sentence per problem (at most :data:`MAX_ERRORS`, then a count).
    """
    name = upload_checks.plain(filename) or "The file"
    try:
        header, rows = _read_rows(upload_checks.decode_csv(data, filename, name, FILE_RULES))
    except upload_checks.UploadProblem as problem:
        return _reject(str(problem))
    header_problems = _check_header(header)
    if header_problems:
        return _reject(*header_problems)
    if not rows:
        return _reject("The file has a header row but no budget rows: add one row per spend category.")
    if len(rows) > MAX_ROWS:
        return _reject(f"The file has {len(rows)} rows; the limit is {MAX_ROWS} spend categories.")
    records: list[dict[str, object]] = []
    problems: list[str] = []
    for line, cells in rows:
        record, row_problems = parse_row(line, cells, header)
        records.append(record)
        problems.extend(row_problems)
    if problems:
        return _reject(*_trim(problems))
    frame = pd.DataFrame.from_records(records)
    frame["share_pct"] = frame["share_pct"].astype(float)
    frame["amount_gbp_m"] = frame["amount_gbp_m"].astype(float)
    group_problems, notes = _check_groups(frame)
    if group_problems:
        return _reject(*_trim(group_problems))
    budget = frame[OUTPUT_COLUMNS].reset_index(drop=True)
    return UploadResult(budget=budget, notes=notes)


def _trim(problems: list[str]) -> list[str]:
    if len(problems) <= MAX_ERRORS:
        return problems
    return [*problems[:MAX_ERRORS], f"… and {len(problems) - MAX_ERRORS} more problems."]


def to_template(budget: pd.DataFrame) -> pd.DataFrame:
    """A budget in the template's columns, ready to download and upload again."""
    out = budget.reindex(columns=list(COLUMNS)).copy()
    out["share_pct"] = out["share_pct"].round(4)
    for column in ("pillars", "note"):
        out[column] = out[column].fillna("")
    return out


def template_bytes(path: Path | None = None) -> bytes:
    """The documented template file, ``data/budget_template.csv``, as uploaded bytes."""
    return (path or TEMPLATE_CSV).read_bytes()


def template_frame(path: Path | None = None) -> pd.DataFrame:
    """The template as a typed table (its example rows: the plan's shares labelled 2024/25)."""
    result = validate_budget(template_bytes(path), "budget_template.csv")
    if not result.ok or result.budget is None:
        raise ValueError("data/budget_template.csv fails its own checks: " + " ".join(result.errors))
    return to_template(result.budget)
