"""The API's query parameters: what each endpoint accepts, and one-sentence answers to bad input.

Every parameter is declared once here; validation, the error sentences and the OpenAPI description
(:mod:`trafford_dash.api.openapi`) are all made from these declarations.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from trafford_dash.core.plain_text import excerpt

MAX_LIMIT = 10_000
DEFAULT_LIMIT = 1_000
FORMATS = ("json", "csv")
QUOTED = 60  # characters of an outside value echoed back in an error


class ApiError(Exception):
    """A request the API cannot answer: an HTTP status and one sentence saying what to do."""

    def __init__(self, status: int, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameter = parameter


@dataclass(frozen=True)
class Parameter:
    """One query parameter: its name, meaning, and (when fixed) the values it accepts."""

    name: str
    description: str
    choices: Callable[[], Sequence[str]] | None = None
    several: bool = False  # a comma-separated list is accepted
    example: str = ""
    integer: bool = False
    listed_at: str = ""  # the endpoint listing the valid values, when there are too many to name


@dataclass(frozen=True)
class Endpoint:
    path: str
    summary: str
    parameters: tuple[Parameter, ...]
    description: str = ""
    required_one_of: tuple[str, ...] = field(default=())


def quoted(value: str) -> str:
    """An outside value as it is echoed back: cut short and in quotes (clients show it as text)."""
    return f"'{excerpt(value, QUOTED)}'"


def choice_list(choices: Sequence[str], most: int = 12) -> str:
    shown = ", ".join(choices[:most])
    return shown + (f" and {len(choices) - most} more" if len(choices) > most else "")


def _integer(parameter: Parameter, raw: str, lowest: int, highest: int) -> int:
    if not raw.isdigit() or not lowest <= int(raw) <= highest:
        raise ApiError(
            400,
            f"Parameter '{parameter.name}' must be a whole number from {lowest} to {highest:,}; "
            f"got {quoted(raw)}.",
            parameter.name,
        )
    return int(raw)


def _checked(parameter: Parameter, raw: str) -> list[str]:
    values = [part.strip() for part in raw.split(",")] if parameter.several else [raw.strip()]
    if any(not value for value in values):
        raise ApiError(
            400, f"Parameter '{parameter.name}' is empty; leave it out or give a value.", parameter.name
        )
    if parameter.choices is None:
        return values
    valid = list(parameter.choices())
    known = set(valid)
    for value in values:
        if value in known:
            continue
        if parameter.listed_at:
            examples = ", ".join(valid[:3])
            hint = f"{parameter.listed_at} lists the {len(valid):,} valid ones, for example {examples}"
        else:
            hint = f"valid choices: {choice_list(valid)}"
        raise ApiError(400, f"Unknown {parameter.name} {quoted(value)}; {hint}.", parameter.name)
    return values


def validate(endpoint: Endpoint, query: Mapping[str, str]) -> dict[str, object]:
    """The request's parameters, checked: lists for list parameters, ints for paging, else strings.

    Raises
    ------
    ApiError
        400 for an unknown parameter, a value not among the choices, or a bad page size.
    """
    known = {parameter.name: parameter for parameter in endpoint.parameters}
    for name in query:
        if name not in known:
            raise ApiError(
                400,
                f"Unknown parameter {quoted(name)} for {endpoint.path}; "
                f"it accepts {choice_list(list(known)) or 'none'}.",
                name,
            )
    checked: dict[str, object] = {}
    for name, raw in query.items():
        parameter = known[name]
        if name == "limit":
            checked[name] = _integer(parameter, raw, 1, MAX_LIMIT)
        elif parameter.integer:
            checked[name] = _integer(parameter, raw, 0, 10**9)
        else:
            values = _checked(parameter, raw)
            checked[name] = values if parameter.several else values[0]
    if endpoint.required_one_of and not any(name in checked for name in endpoint.required_one_of):
        names = " or ".join(f"'{name}'" for name in endpoint.required_one_of)
        raise ApiError(400, f"{endpoint.path} needs {names}; see the OpenAPI description for examples.")
    return checked


def paging_parameters() -> tuple[Parameter, ...]:
    """``format``, ``limit`` and ``offset``: accepted by every list endpoint."""
    return (
        Parameter("format", "Response format: json (default) or csv.", lambda: FORMATS, example="csv"),
        Parameter(
            "limit",
            f"Rows per page, 1 to {MAX_LIMIT:,} (default {DEFAULT_LIMIT:,}).",
            example="100",
            integer=True,
        ),
        Parameter("offset", "Rows to skip (default 0); follow the `next` link instead.", integer=True),
    )
