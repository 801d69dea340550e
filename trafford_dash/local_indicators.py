"""Locally supplied indicators: a documented CSV template, checked in full before anything is replaced.

Plan measures with no open data (A&E four-hour performance, 52-week waits, delayed transfers …) can be
added by uploading a CSV in the shape of ``data/local_indicator_template.csv``: one row per indicator,
area and period, with the indicator's title, pillar, unit, polarity and source repeated on each row.
:func:`parse_upload` checks size, file type, encoding, columns, every cell and duplicate rows, and
raises :class:`LocalIndicatorError` with one sentence naming the first problem. A valid file becomes
rows in the values store's shape plus catalogue rows, marked as locally supplied. Text cells a
spreadsheet would run as formulas are neutralised; the pages show text from the file as plain text,
never as HTML or Markdown.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from trafford_dash import config, export
from trafford_dash.schema import PILLARS, POLARITIES, SEXES, VALUE_COLUMNS
from trafford_dash.tidy import period_end_year

TEMPLATE_PATH = config.DATA_DIR / "local_indicator_template.csv"
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
MAX_TEXT = 200
REQUIRED = ["indicator_id", "title", "pillar", "unit", "polarity", "area_code", "period", "value", "source"]
OPTIONAL = ["lower_ci_95", "upper_ci_95", "count", "denominator", "sex", "age", "definition", "value_note"]
COLUMNS = REQUIRED + OPTIONAL
NUMERIC = ["value", "lower_ci_95", "upper_ci_95", "count", "denominator"]
META = ["title", "pillar", "unit", "polarity", "source", "definition"]
KEY = ["indicator_id", "area_code", "period", "sex", "age"]
TEXT = ["title", "unit", "period", "sex", "age", "source", "definition", "value_note"]
_ID = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
LOCAL_LICENCE = "As stated by the supplier (not checked by the dashboard)"


class LocalIndicatorError(ValueError):
    """A local indicator file was refused; the message is one sentence naming the problem."""


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
    text = str(value)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _where(index: int) -> str:
    return f"Row {index + 1} (line {index + 2})"


def _number(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _decode(data: bytes, name: str, max_bytes: int) -> str:
    if len(data) > max_bytes:
        raise LocalIndicatorError(
            f"{name} is {len(data) / 1024 / 1024:.1f} MB, over the {max_bytes / 1024 / 1024:.0f} MB limit; "
            "remove rows you do not need or split it into several files."
        )
    if not name.lower().rstrip("'").endswith(".csv"):
        raise LocalIndicatorError(
            f"{name} is not a CSV file; save it as CSV (comma-separated values) and upload it again."
        )
    if b"\x00" in data[:8192]:
        raise LocalIndicatorError(
            f"{name} is not a CSV file (it holds binary data, as a spreadsheet or PDF does); "
            "save it as CSV and upload it again."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LocalIndicatorError(
            f"{name} is not UTF-8 text (byte 0x{data[error.start]:02X} at position {error.start} is not "
            "valid UTF-8); save it as 'CSV UTF-8' and upload it again."
        ) from None


def _read(text: str, name: str) -> tuple[list[str], list[list[str]]]:
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
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
                    f"{_where(number)} has {len(row)} fields but the header has {len(header)}; put quotes "
                    "around any cell that contains a comma."
                )
            rows.append([cell.strip() for cell in row])
            if len(rows) > MAX_ROWS:
                raise LocalIndicatorError(
                    f"{name} has more than {MAX_ROWS:,} rows; split it into smaller files."
                )
    except csv.Error as error:
        raise LocalIndicatorError(f"{name} could not be read as CSV ({error}).") from None
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


def _check_cells(
    frame: pd.DataFrame, areas: Mapping[str, tuple[str, str, str]], reserved: Collection[str]
) -> pd.DataFrame:
    pillars = {p.lower(): p for p in PILLARS}
    sexes = {s.lower(): s for s in SEXES}
    out = frame.copy()
    for index, row in frame.iterrows():
        where = _where(int(str(index)))
        for column in REQUIRED:
            if not row[column]:
                raise LocalIndicatorError(f"{where}: {column} is empty.")
        if not _ID.match(row["indicator_id"]):
            raise LocalIndicatorError(
                f"{where}: indicator_id {_quote(row['indicator_id'])} must be lower-case letters, digits and "
                "underscores, starting with a letter (at most 60 characters)."
            )
        if row["indicator_id"] in reserved:
            raise LocalIndicatorError(
                f"{where}: indicator_id {_quote(row['indicator_id'])} is already an open-data indicator; "
                "choose another id for your local measure."
            )
        for column in NUMERIC:
            cell = row[column]
            if cell == "" and column != "value":
                continue
            number = _number(cell)
            if number is None:
                raise LocalIndicatorError(f"{where}: {column} is {_quote(cell)}, which is not a number.")
            if column in ("count", "denominator") and number < 0:
                raise LocalIndicatorError(f"{where}: {column} is {_quote(cell)}, which is negative.")
        if row["pillar"].lower() not in pillars:
            raise LocalIndicatorError(
                f"{where}: pillar {_quote(row['pillar'])} is not one of the plan's pillars "
                f"({', '.join(PILLARS)})."
            )
        out.at[index, "pillar"] = pillars[row["pillar"].lower()]
        polarity = row["polarity"].lower().replace(" ", "_").replace("-", "_")
        if polarity not in POLARITIES:
            raise LocalIndicatorError(
                f"{where}: polarity {_quote(row['polarity'])} is not one of {', '.join(POLARITIES)}."
            )
        out.at[index, "polarity"] = polarity
        sex = row["sex"] or "Persons"
        if sex.lower() not in sexes:
            raise LocalIndicatorError(f"{where}: sex {_quote(sex)} is not one of {', '.join(SEXES)}.")
        out.at[index, "sex"] = sexes[sex.lower()]
        out.at[index, "age"] = row["age"] or "All ages"
        if row["area_code"] not in areas:
            raise LocalIndicatorError(
                f"{where}: area code {_quote(row['area_code'])} is not one the dashboard knows (use "
                f"Trafford {config.TRAFFORD_CODE}, Greater Manchester {config.GM_CODE}, England "
                f"{config.ENGLAND_CODE}, a neighbourhood such as nbh_north, or a Trafford ward code)."
            )
        if period_end_year(row["period"]) is None:
            raise LocalIndicatorError(
                f"{where}: period {_quote(row['period'])} has no year in it; write it as, for example, "
                "2023/24, 2024 or 2024-03."
            )
        lower, upper = row["lower_ci_95"], row["upper_ci_95"]
        if bool(lower) != bool(upper):
            raise LocalIndicatorError(f"{where}: give both lower_ci_95 and upper_ci_95, or neither.")
        if lower and not (float(lower) <= float(row["value"]) <= float(upper)):
            raise LocalIndicatorError(f"{where}: the value is not inside its 95% confidence interval.")
        for column in TEXT:
            if len(row[column]) > MAX_TEXT:
                raise LocalIndicatorError(f"{where}: {column} is longer than {MAX_TEXT} characters.")
    return out


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
    for indicator_id, group in frame.groupby("indicator_id", sort=False):
        for column in META:
            if group[column].nunique() > 1:
                rows = group.index[group[column] != group[column].iloc[0]]
                first, other = int(str(group.index[0])) + 1, int(str(rows[0])) + 1
                raise LocalIndicatorError(
                    f"Indicator {_quote(indicator_id)} has more than one {column} (row {first} and row "
                    f"{other}); give every row of an indicator the same title, pillar, unit, polarity, "
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
    name = f"'{Path(filename).name[:80]}'"
    text = _decode(data, name, max_bytes)
    header, rows = _read(text, name)
    _check_columns(header)
    if not rows:
        raise LocalIndicatorError(f"{name} has a header row but no data rows.")
    frame = pd.DataFrame(rows, columns=header, dtype=str)
    for column in OPTIONAL:
        if column not in frame:
            frame[column] = ""
    frame = _check_cells(frame[COLUMNS], areas, set(reserved_ids))
    _check_duplicates(frame)
    _check_consistent(frame)
    frame[TEXT] = export.neutralise_formulas(frame[TEXT])
    source_key = f"local:{Path(filename).name[:80]}"
    values = _to_values(frame, areas, source_key)
    return LocalIndicators(
        values=values,
        catalogue=_to_catalogue(frame, values, Path(filename).name[:80]),
        filename=Path(filename).name[:80],
        indicator_ids=tuple(dict.fromkeys(frame["indicator_id"])),
    )


def _to_values(
    frame: pd.DataFrame, areas: Mapping[str, tuple[str, str, str]], source_key: str
) -> pd.DataFrame:
    def number(column: str) -> pd.Series:
        return pd.to_numeric(frame[column].replace("", np.nan), errors="coerce").astype(float)

    values = pd.DataFrame(
        {
            "area_code": frame["area_code"],
            "area_name": frame["area_code"].map(lambda c: areas[c][0]),
            "level": frame["area_code"].map(lambda c: areas[c][1]),
            "vintage": frame["area_code"].map(lambda c: areas[c][2]),
            "indicator_id": frame["indicator_id"],
            "period": frame["period"],
            "year": pd.array([period_end_year(p) for p in frame["period"]], dtype="Int64"),
            "sex": frame["sex"],
            "age": frame["age"],
            "value": number("value"),
            "lower_ci_95": number("lower_ci_95"),
            "upper_ci_95": number("upper_ci_95"),
            "lower_ci_998": np.nan,
            "upper_ci_998": np.nan,
            "count": number("count"),
            "denominator": number("denominator"),
            "significance_england": None,
            "value_note": ("Locally supplied. " + frame["value_note"]).str.strip(),
            "approximate": False,
            "suppressed": False,
            "source_key": source_key,
        }
    )
    return values[VALUE_COLUMNS].reset_index(drop=True)


def _value_type(unit: str, values: pd.Series) -> str:
    if unit.strip() == "%":
        return "proportion"
    whole = bool(((values - values.round()).abs() < 1e-9).all())
    return "count" if whole else "other"


def _to_catalogue(frame: pd.DataFrame, values: pd.DataFrame, filename: str) -> pd.DataFrame:
    out = []
    for indicator_id, group in frame.groupby("indicator_id", sort=False):
        first = group.iloc[0]
        has_ci = bool((group["lower_ci_95"] != "").any())
        own = values[values["indicator_id"] == indicator_id]
        levels = [level for level in config.LEVELS if level in set(own["level"])]
        latest = group.iloc[int(np.argmax([period_end_year(p) or 0 for p in group["period"]]))]["period"]
        out.append(
            {
                "indicator_id": indicator_id,
                "title": first["title"],
                "definition": first["definition"]
                or "Locally supplied indicator; the file gave no definition.",
                "pillars": first["pillar"],
                "priority": "",
                "theme": "local",
                "polarity": first["polarity"],
                "value_type": _value_type(str(first["unit"]), own["value"]),
                "unit": first["unit"],
                "multiplier": 1.0,
                "ci_method": "published" if has_ci else "none",
                "aggregation": "none",
                "levels": ";".join(levels),
                "ward_vintages": "",
                "period": latest,
                "source": f"Locally supplied: {first['source']}",
                "licence": LOCAL_LICENCE,
                "attribution": f"Locally supplied data uploaded in this session from {filename}.",
                "published": "",
                "fingertips_id": "",
            }
        )
    return pd.DataFrame(out)


def template_bytes() -> bytes:
    """The documented template file, for download."""
    return TEMPLATE_PATH.read_bytes()
