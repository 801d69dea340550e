"""Validation of the API's query parameters: one sentence naming the parameter and the valid choices."""

from __future__ import annotations

import pytest

from trafford_dash.api.parameters import MAX_LIMIT, ApiError, Endpoint, Parameter, paging_parameters, validate

COLOUR = Parameter("colour", "A colour.", lambda: ["red", "green", "blue"], several=True)
SHAPE = Parameter("shape", "A shape.", lambda: ["circle", "square"])
ENDPOINT = Endpoint(
    "/api/v1/things", "Things", (COLOUR, SHAPE, *paging_parameters()), required_one_of=("colour",)
)


def error_of(query: dict[str, str]) -> ApiError:
    with pytest.raises(ApiError) as caught:
        validate(ENDPOINT, query)
    return caught.value


def test_lists_single_values_and_paging_are_parsed() -> None:
    checked = validate(ENDPOINT, {"colour": "red, blue", "shape": "square", "limit": "5", "offset": "10"})
    assert checked == {"colour": ["red", "blue"], "shape": "square", "limit": 5, "offset": 10}


def test_an_unknown_choice_names_the_parameter_and_the_valid_ones() -> None:
    error = error_of({"colour": "red,mauve"})
    assert error.status == 400 and error.parameter == "colour"
    assert error.message == "Unknown colour 'mauve'; valid choices: red, green, blue."


def test_an_unknown_parameter_lists_the_accepted_ones() -> None:
    error = error_of({"colour": "red", "size": "9"})
    assert error.parameter == "size"
    assert "accepts colour, shape, format, limit, offset" in error.message


@pytest.mark.parametrize("limit", ["0", "-1", "ten", str(MAX_LIMIT + 1), "1.5"])
def test_page_sizes_outside_the_range_are_refused(limit: str) -> None:
    error = error_of({"colour": "red", "limit": limit})
    assert error.parameter == "limit" and f"1 to {MAX_LIMIT:,}" in error.message


def test_a_required_parameter_is_asked_for_and_empty_values_refused() -> None:
    assert "needs 'colour'" in error_of({"shape": "circle"}).message
    assert "is empty" in error_of({"colour": "red,"}).message


def test_outside_values_are_echoed_short_and_on_one_line() -> None:
    error = error_of({"colour": "x" * 500 + "\n<script>"})
    quoted = error.message.split("'")[1]
    assert len(quoted) <= 60 and "\n" not in error.message
