"""Fixtures for the app tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from trafford_dash.core.ui import components

Downloads = dict[str, Callable[[], Any]]


@pytest.fixture()
def downloads(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    """Every download offered during the test, by file name, with the function that makes its file."""
    made: Downloads = {}
    original = components.download

    def record(label: str, data: Any, file_name: str, *args: Any, **kwargs: Any) -> None:
        made[file_name] = data if callable(data) else (lambda: data)
        original(label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(components, "download", record)
    return made
