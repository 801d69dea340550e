"""The locality plan's reference tables in ``data/plan/``: pillars, priorities, PCNs, key facts.

Hand-written CSVs restating the plan documents listed in ``documents.csv``; every row cites one in
``source_key`` (``"LP2019 §7.7"``, several joined by ``"; "``). Loading validates each table against
its pandera model and turns a failure into a ``ValueError`` of one sentence naming the file, the row
and the problem. The finance tables are in :mod:`trafford_dash.spend.finance`, which reuses
:func:`read_table`.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from trafford_dash.core import config
from trafford_dash.store.schema import PILLARS

PLAN_DIR = config.DATA_DIR / "plan"
DOCUMENT_KEYS = ("LP2019", "LP2021", "TP2016", "PSR2016", "COVID2020", "TPPRIORITIES")
QUALIFIERS = ("", "about", "at least", "over", "up to", "by", "from mid")

_ONE_CITATION = rf"(?:{'|'.join(DOCUMENT_KEYS)})(?: §\d+(?:\.\d+)*)?"
CITATION = re.compile(rf"^{_ONE_CITATION}(?:; {_ONE_CITATION})*$")
"""One or more citations of known document keys, e.g. ``"LP2019 §4.5; LP2019 §5.39"``."""
_NUMBER_OR_DATE = re.compile(r"^-?\d+(?:\.\d+)?$|^\d{4}-\d{2}(?:-\d{2})?$")


def pillars_ok(cell: object) -> bool:
    """True for an empty cell or a ``;``-separated list of the plan's six pillars."""
    if not isinstance(cell, str) or not cell:
        return True
    return all(part.strip() in PILLARS for part in cell.split(";"))


class Cited(pa.DataFrameModel):
    """Base for every table whose rows cite a document in ``source_key``."""

    source_key: Series[str]

    @pa.check("source_key", error="is not a citation of a known document key such as 'LP2019 §7.7'")
    def source_known(cls, column: Series[str]) -> pd.Series:
        return column.str.fullmatch(CITATION.pattern).fillna(False).astype(bool)

    class Config:
        strict = True
        coerce = True


def no_repeats(frame: pd.DataFrame, key: list[str]) -> pd.Series:
    """True for each row whose ``key`` columns do not repeat an earlier row's."""
    return ~frame.duplicated(key, keep="first")


_ID = r"^[a-z][a-z0-9_]*$"
_TEXT = {"min_value": 1}
_PROSE = {"min_value": 10}


class Documents(pa.DataFrameModel):
    """``documents.csv``: the source documents and their citation keys."""

    key: Series[str] = pa.Field(isin=list(DOCUMENT_KEYS), unique=True)
    title: Series[str] = pa.Field(str_length=_TEXT)
    date: Series[str]
    description: Series[str] = pa.Field(str_length=_PROSE)

    class Config:
        strict = True
        coerce = True


class _WithPillars(Cited):
    pillars: Series[str]

    @pa.check("pillars", error="names something other than the plan's six pillars")
    def pillars_known(cls, column: Series[str]) -> pd.Series:
        return column.map(pillars_ok).astype(bool)


class Pillars(Cited):
    """``pillars.csv``: the six reform pillars in the plan's order, with their work programmes."""

    pillar: Series[str] = pa.Field(isin=PILLARS, unique=True)
    order: Series[int] = pa.Field(ge=1, le=len(PILLARS))
    summary: Series[str] = pa.Field(str_length=_PROSE)
    work_programme: Series[str] = pa.Field(str_length=_TEXT)

    @pa.dataframe_check(error="gives a pillar an order that differs from the plan's order")
    def plan_order(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["pillar"].map(PILLARS.index) + 1 == frame["order"]


class _Ordered(Cited):
    order: Series[int] = pa.Field(ge=1, unique=True)
    description: Series[str] = pa.Field(str_length=_PROSE)


class Aspirations(_Ordered):
    """``aspirations.csv``: the plan's three aspirations."""

    aspiration: Series[str] = pa.Field(str_length=_TEXT)


class Principles(_Ordered):
    """``principles.csv``: the four principles (population, people, place, partnerships)."""

    principle: Series[str] = pa.Field(str_length=_TEXT)


class Priorities(_Ordered):
    """``priorities.csv``: the seven Trafford system priorities (the catalogue's ``priority`` values)."""

    priority: Series[str] = pa.Field(str_length=_TEXT, unique=True)


class Enablers(_Ordered):
    """``enablers.csv``: the plan's six enablers."""

    enabler: Series[str] = pa.Field(str_length=_TEXT)


class IStatements(_WithPillars):
    """``i_statements.csv``: outcome "I statements" (LP2019 §8) with the pillars each mainly concerns."""

    order: Series[int] = pa.Field(ge=1, unique=True)
    statement: Series[str] = pa.Field(str_length=_TEXT)


class LtpMeasures(_WithPillars):
    """``ltp_measures.csv``: NHS Long Term Plan measures the plan names (LP2019 §8)."""

    measure_id: Series[str] = pa.Field(str_matches=_ID, unique=True)
    measure: Series[str] = pa.Field(str_length=_TEXT)
    enabler: Series[str]


class Pcns(Cited):
    """``pcns.csv``: the five GP primary care networks and the neighbourhood each serves."""

    pcn: Series[str] = pa.Field(str_length=_TEXT, unique=True)
    neighbourhood: Series[str] = pa.Field(isin=list(config.NEIGHBOURHOODS))
    note: Series[str]


class Neighbourhoods(Cited):
    """``neighbourhoods.csv``: the four neighbourhoods, their store codes and notable places."""

    neighbourhood: Series[str] = pa.Field(isin=list(config.NEIGHBOURHOODS), unique=True)
    order: Series[int] = pa.Field(ge=1, le=len(config.NEIGHBOURHOODS))
    area_code: Series[str]
    description: Series[str] = pa.Field(str_length=_PROSE)
    notable_places: Series[str]

    @pa.dataframe_check(error="has an area_code that is not the neighbourhood's store code (nbh_…)")
    def code_matches(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["neighbourhood"].map(config.neighbourhood_code) == frame["area_code"]


class KeyFacts(Cited):
    """``key_facts.csv``: single published figures, one per row.

    ``value`` is text: a plain number without thousands separators (``"1300"``) or an ISO date
    (``"2019-10-01"``, ``"2018-04"``) when ``unit`` is ``"date"``. ``qualifier`` keeps the
    published hedge ("at least", "over", "up to", "about") so a page never overstates a figure.
    """

    fact_id: Series[str] = pa.Field(str_matches=_ID, unique=True)
    label: Series[str] = pa.Field(str_length=_TEXT)
    value: Series[str] = pa.Field(str_matches=_NUMBER_OR_DATE.pattern)
    unit: Series[str] = pa.Field(str_length=_TEXT)
    qualifier: Series[str] = pa.Field(isin=list(QUALIFIERS))
    period: Series[str]
    note: Series[str]


class PlannedCareGaps(Cited):
    """``planned_care_gaps.csv``: plan measures with no open-data series, by pillar or enabler."""

    gap_id: Series[str] = pa.Field(str_matches=_ID, unique=True)
    measure: Series[str] = pa.Field(str_length=_TEXT)
    pillar: Series[str] = pa.Field(isin=["", *PILLARS])
    enabler: Series[str]
    ambition: Series[str]
    note: Series[str] = pa.Field(str_length=_TEXT)

    @pa.dataframe_check(error="names neither a pillar nor an enabler")
    def has_home(cls, frame: pd.DataFrame) -> pd.Series:
        return (frame["pillar"] != "") | (frame["enabler"] != "")


class ContextStatements(Cited):
    """``context_statements.csv``: the plan's qualitative findings (e.g. smoking lowest in GM)."""

    statement_id: Series[str] = pa.Field(str_matches=_ID, unique=True)
    topic: Series[str] = pa.Field(str_length=_TEXT)
    pillar: Series[str] = pa.Field(isin=["", *PILLARS])
    statement: Series[str] = pa.Field(str_length=_PROSE)
    comparator: Series[str]


TABLES: dict[str, type[pa.DataFrameModel]] = {
    "documents": Documents,
    "pillars": Pillars,
    "aspirations": Aspirations,
    "principles": Principles,
    "priorities": Priorities,
    "i_statements": IStatements,
    "enablers": Enablers,
    "ltp_measures": LtpMeasures,
    "pcns": Pcns,
    "neighbourhoods": Neighbourhoods,
    "key_facts": KeyFacts,
    "planned_care_gaps": PlannedCareGaps,
    "context_statements": ContextStatements,
}
"""Table name (file stem in ``data/plan``) → pandera model, for :func:`load_table`."""

_PHRASES = {
    "isin": "is {value!r}, which is not one of the allowed values ({allowed})",
    "str_matches": "is {value!r}, which does not have the expected form",
    "str_length": "is empty",
    "greater_than_or_equal_to": "is {value}, below the minimum of {min_value}",
    "less_than_or_equal_to": "is {value}, above the maximum of {max_value}",
    "greater_than": "is {value}, which is not above {min_value}",
}


def display_path(path: Path) -> str:
    """``path`` relative to the project root where possible, for messages."""
    try:
        return str(path.resolve().relative_to(config.ROOT))
    except ValueError:
        return str(path)


def _first_failure(error: pa.errors.SchemaError) -> tuple[int | None, str | None, Any]:
    """Index, column and value of the first failing row (for duplicates, the first repeat)."""
    cases = error.failure_cases
    if not isinstance(cases, pd.DataFrame) or cases.empty or "index" not in cases:
        return None, None, cases
    cases = cases.sort_values("index", kind="stable")
    first = cases.iloc[0]
    if _reason(error) == "SERIES_CONTAINS_DUPLICATES":
        repeats = cases.loc[cases["failure_case"].duplicated(keep="first")]
        first = repeats.iloc[0] if not repeats.empty else first
    column = first["column"] if "column" in cases else None
    index = first["index"]
    return (int(index) if pd.notna(index) else None), column, first["failure_case"]


def _reason(error: pa.errors.SchemaError) -> str:
    return str(getattr(error.reason_code, "name", error.reason_code))


def describe_failure(path: Path, error: pa.errors.SchemaError) -> str:
    """Turn a pandera failure into one sentence naming the file, the row and the problem.

    Rows are counted from 1 below the header, so row ``n`` is line ``n + 1`` of the file.
    """
    where = display_path(path)
    reason = _reason(error)
    if reason == "COLUMN_NOT_IN_DATAFRAME":
        return f"{where} has no column '{error.failure_cases}'; add it to the header row."
    if reason == "COLUMN_NOT_IN_SCHEMA":
        return f"{where} has an unexpected column '{error.failure_cases}'; remove it or fix its name."
    index, frame_column, value = _first_failure(error)
    row = "a row" if index is None else f"row {index + 1} (line {index + 2})"
    column = error.column_name or getattr(error.schema, "name", None) or frame_column
    if value == "" or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return f"{where} {row}: {column} is empty."
    if reason == "SERIES_CONTAINS_DUPLICATES":
        return f"{where} {row}: {column} is {value!r}, which repeats an earlier row."
    if reason == "DATATYPE_COERCION":
        kind = "a whole number" if "int" in str(error.check) else "a number"
        return f"{where} {row}: {column} is {value!r}, which is not {kind}."
    check = error.check
    if isinstance(check, pa.Check) and check.name in _PHRASES:
        stats = {k: v for k, v in (check.statistics or {}).items() if k != "value"}
        allowed = ", ".join(map(str, stats.get("allowed_values", [])))
        problem = _PHRASES[check.name].format(value=value, allowed=allowed, **stats)
        return f"{where} {row}: {column} {problem}."
    if isinstance(check, pa.Check) and check.error and error.column_name is None and frame_column:
        return f"{where} {row} {check.error}."
    text = check.error if isinstance(check, pa.Check) and check.error else str(check)
    return f"{where} {row}: {column} is {value!r}, which {text}."


def read_table(path: Path, model: type[pa.DataFrameModel]) -> pd.DataFrame:
    """Read one reference CSV and validate it against ``model``.

    Text cells stay as written (empty is ``""``); empty numeric cells become missing before
    pandera coerces types. Raises ``ValueError`` (one sentence: file, row, problem) when the
    file is missing, malformed or fails its schema.
    """
    where = display_path(path)
    if not path.is_file():
        raise ValueError(f"{where} was not found; restore it from the repository.")
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if not header:
                raise ValueError(f"{where} is empty; it needs a header row and data rows.")
            rows = []
            for number, row in enumerate(reader, start=1):
                if len(row) != len(header):
                    raise ValueError(
                        f"{where} row {number} (line {reader.line_num}) has {len(row)} fields but the "
                        f"header has {len(header)}; put quotes around any cell that contains a comma."
                    )
                rows.append(row)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ValueError(f"{where} could not be read as UTF-8 CSV ({exc}).") from None
    frame = pd.DataFrame(rows, columns=header, dtype=str)
    schema = model.to_schema()
    for name, column in schema.columns.items():
        if name in frame and str(column.dtype).startswith(("int", "float")):
            frame[name] = frame[name].replace("", pd.NA)
    try:
        validated = model.validate(frame)
    except pa.errors.SchemaErrors as exc:
        raise ValueError(describe_failure(path, exc.schema_errors[0])) from None
    except pa.errors.SchemaError as exc:
        raise ValueError(describe_failure(path, exc)) from None
    return pd.DataFrame(validated)


def load_table(name: str, path: Path | None = None) -> pd.DataFrame:
    """Load and validate a non-finance plan table by its file stem, e.g. ``"pillars"`` or ``"pcns"``.

    ``path`` reads another file with the same schema (tests, edited copies).
    """
    if name not in TABLES:
        known = ", ".join(sorted(TABLES))
        raise ValueError(
            f"There is no plan table called {name!r}; use one of {known}, or the finance loaders."
        )
    return read_table(path or PLAN_DIR / f"{name}.csv", TABLES[name])
