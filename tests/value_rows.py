"""Rows of the values store for tests that build their own small frames."""

from __future__ import annotations

from typing import Any

from trafford_dash.store.schema import VALUE_COLUMNS

# What almost every test row shares: the whole population, no note, shown as published.
COMMON: dict[str, Any] = {
    "sex": "Persons",
    "age": "All ages",
    "value_note": "",
    "approximate": False,
    "suppressed": False,
}


def value_row(fill: Any = None, **fields: Any) -> dict[str, Any]:
    """A row with every column of the store in order: ``fields``, then :data:`COMMON`, ``fill`` elsewhere."""
    return dict.fromkeys(VALUE_COLUMNS, fill) | COMMON | fields
