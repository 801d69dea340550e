"""Locally supplied indicators: a documented CSV template, checked in full before anything is replaced.

Plan measures with no open data (A&E four-hour performance, 52-week waits, delayed transfers …) can be
added by uploading a CSV in the shape of ``data/local_indicator_template.csv``: one row per indicator,
area and period, with the indicator's title, pillar, unit, polarity and source repeated on each row.
:func:`parse_upload` checks size, file type, encoding, columns, every cell and duplicate rows, and
raises :class:`LocalIndicatorError` with one sentence naming the first problem. Cells are checked a
whole column at a time, so the largest file accepted (:data:`MAX_ROWS` indicators) takes well under a
second; ``benchmarks/uploads.py`` measures it. A valid file becomes
rows in the values store's shape plus catalogue rows, marked as locally supplied. Text cells a
spreadsheet would run as formulas are neutralised; the pages show text from the file as plain text,
never as HTML or Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from trafford_dash.core import config, upload_checks
from trafford_dash.pillars import local_rows
from trafford_dash.pillars.local_cells import COLUMNS, OPTIONAL, REQUIRED, TEXT, check_cells, where
from trafford_dash.pillars.local_rows import META
from trafford_dash.store import export

TEMPLATE_PATH = config.DATA_DIR / "local_indicator_template.csv"
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
KEY = ["indicator_id", "area_code", "period", "sex", "age"]


LocalIndicatorError = upload_checks.UploadProblem
"""A local indicator file was refused; the message is one sentence naming the problem (the shared
upload error, under the name this module's callers know)."""


@dataclass(frozen=True)
class LocalIndicators:
    """An accepted upload: values-store rows and catalogue rows, marked as locally supplied."""

    values: pd.DataFrame
    catalogue: pd.DataFrame
    filename: str
    indicator_ids: tuple[str, ...] = field(default=())

    @property
    def rows(self) -> int:
        return len(self.values)


def escape_markdown(text: object) -> str:
    """Backslash-escape every character Markdown or HTML could act on, so text shows literally."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])", r"\\\1", str(text))


def known_areas(areas: pd.DataFrame) -> dict[str, tuple[str, str, str]]:
    """Area code → (name, level, vintage) for the areas an upload may use.

    Trafford, Greater Manchester, England, the four neighbourhoods and Trafford's wards (both
    vintages; a code in both keeps the newer vintage).
    """
    wanted = areas[areas["level"].isin(["borough", "region", "country", "neighbourhood", "ward"])]
    wanted = wanted.sort_values("vintage", kind="stable")
    out: dict[str, tuple[str, str, str]] = {}
    for row in wanted.to_dict("records"):
        vintage = "" if row["level"] == "neighbourhood" else str(row["vintage"] or "")
        out[str(row["area_code"])] = (str(row["area_name"]), str(row["level"]), vintage)
    return out


def _quote(value: object, limit: int = 40) -> str:
    return upload_checks.quote(value, limit)


def _file_rules(max_bytes: int) -> upload_checks.FileRules:
    """This reader's file checks (:func:`trafford_dash.core.upload_checks.decode_csv`) and sentences."""
    return upload_checks.FileRules(
        max_bytes=max_bytes,
        too_big=(
            "{name} is {size_mb:.1f} MB, over the {limit_mb:.0f} MB limit; "
            "remove rows you do not need or split it into several files."
        ),
        not_csv="{name} is not a CSV file; save it as CSV (comma-separated values) and upload it again.",
        utf16="{name} is UTF-16 text; save it as UTF-8 CSV ('CSV UTF-8') and upload it again.",
        binary=(
            "{name} is not a CSV file (it holds binary data, as a spreadsheet or PDF does); "
            "save it as CSV and upload it again."
        ),
        not_utf8=(
            "{name} is not UTF-8 text (byte 0x{byte:02X} at position {position} is not "
            "valid UTF-8); save it as 'CSV UTF-8' and upload it again."
        ),
        binary_scan=8192,
    )


def _read(text: str, name: str) -> tuple[list[str], list[list[str]]]:
    reader = upload_checks.csv_rows(text, name + " could not be read as CSV ({error}).")
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        raise LocalIndicatorError(f"{name} is empty; it needs the template's header row and data rows.")
    header = [cell.strip().lower() for cell in header]
    rows = []
    for number, row in enumerate(reader):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise LocalIndicatorError(
                f"{where(number)} has {len(row)} fields but the header has {len(header)}; put quotes "
                "around any cell that contains a comma."
            )
        rows.append([cell.strip() for cell in row])
        if len(rows) > MAX_ROWS:
            raise LocalIndicatorError(f"{name} has more than {MAX_ROWS:,} rows; split it into smaller files.")
    return header, rows


def _check_columns(header: list[str]) -> None:
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise LocalIndicatorError(
            f"The column {_quote(repeated[0])} appears more than once in the header row."
        )
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        names = ", ".join(missing)
        raise LocalIndicatorError(
            f"The file lacks the column{'s' if len(missing) > 1 else ''} {names}; "
            "download the template to see the columns it needs."
        )
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise LocalIndicatorError(
            f"The file has a column {_quote(unknown[0])} that the template does not have; "
            f"remove or rename it (allowed columns: {', '.join(COLUMNS)})."
        )


def _check_duplicates(frame: pd.DataFrame) -> None:
    repeats = frame[frame.duplicated(KEY, keep=False)]
    if repeats.empty:
        return
    first = repeats.iloc[0]
    same = repeats[(repeats[KEY] == first[KEY]).all(axis=1)].index[:2]
    a, b = (int(str(i)) for i in same)
    raise LocalIndicatorError(
        f"Rows {a + 1} and {b + 1} (lines {a + 2} and {b + 2}) are duplicates: both give "
        f"{_quote(first['indicator_id'])} for area {_quote(first['area_code'])} in period "
        f"{_quote(first['period'])}; keep one of them."
    )


def _check_consistent(frame: pd.DataFrame) -> None:
    """Every row of an indicator carries the same metadata (compared with its first row)."""
    firsts = frame.groupby("indicator_id", sort=False)[META].transform("first")
    differs = frame[META].ne(firsts)
    if not differs.to_numpy().any():
        return
    bad_ids = set(frame.loc[differs.any(axis=1), "indicator_id"])
    first_rows = frame.index[~frame["indicator_id"].duplicated()]
    first = next(i for i in first_rows if frame.at[i, "indicator_id"] in bad_ids)
    indicator_id = frame.at[first, "indicator_id"]
    own = differs[frame["indicator_id"] == indicator_id]
    column = next(c for c in META if own[c].any())
    other = own.index[own[column].to_numpy()][0]
    raise LocalIndicatorError(
        f"Indicator {_quote(indicator_id)} has more than one {column} (row {int(str(first)) + 1} and row "
        f"{int(str(other)) + 1}); give every row of an indicator the same title, pillar, unit, polarity, "
        "source and definition."
    )


def parse_upload(
    data: bytes,
    filename: str,
    areas: Mapping[str, tuple[str, str, str]],
    reserved_ids: Collection[str] = (),
    max_bytes: int = MAX_BYTES,
) -> LocalIndicators:
    """Validate an uploaded local indicator file completely and return its rows.

    Parameters
    ----------
    data
        The file's bytes.
    filename
        The name it was uploaded with (used in messages, and it must end ``.csv``).
    areas
        Allowed area codes (see :func:`known_areas`).
    reserved_ids
        Indicator ids already used by open data; a local indicator may not reuse one.
    max_bytes
        Size limit (2 MB by default).

    Raises
    ------
    LocalIndicatorError
        With one sentence naming the first problem found; nothing is returned, so callers keep
        whatever they held before.
    """
    name = upload_checks.quote(Path(filename).name, 80)
    text = upload_checks.decode_csv(data, filename, name, _file_rules(max_bytes))
    header, rows = _read(text, name)
    _check_columns(header)
    if not rows:
        raise LocalIndicatorError(f"{name} has a header row but no data rows.")
    frame = pd.DataFrame(rows, columns=header, dtype=str)
    for column in OPTIONAL:
        if column not in frame:
            frame[column] = ""
    frame = check_cells(frame[COLUMNS], areas, set(reserved_ids))
    _check_duplicates(frame)
    _check_consistent(frame)
    frame[TEXT] = export.neutralise_formulas(frame[TEXT])
    source_key = f"local:{Path(filename).name[:80]}"
    values = local_rows.to_values(frame, areas, source_key)
    return LocalIndicators(
        values=values,
        catalogue=local_rows.to_catalogue(frame, values, Path(filename).name[:80]),
        filename=Path(filename).name[:80],
        indicator_ids=tuple(dict.fromkeys(frame["indicator_id"])),
    )


def template_bytes() -> bytes:
    """The documented template file, for download."""
    return TEMPLATE_PATH.read_bytes()
