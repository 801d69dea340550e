"""Running the app in Streamlit's AppTest, and reading its plotly figures, for the app tests."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any

import numpy as np
from streamlit.testing.v1 import AppTest

from trafford_dash.core import config


def run_app(
    page: str | None = None,
    query: Mapping[str, str | list[str]] | None = None,
    state: Mapping[str, object] | None = None,
    check: bool = True,
) -> AppTest:
    """The app through its router, switched to ``page`` (``app_pages/….py``), with a URL query and state.

    With ``check`` the run must end without an exception.
    """
    app = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=90)
    if page is not None:
        app.switch_page(page)
    for key, value in (state or {}).items():
        app.session_state[key] = value
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.run()
    if check:
        assert not app.exception, [e.value for e in app.exception]
    return app


def run_page(script: str, query: Mapping[str, str | list[str]] | None = None) -> AppTest:
    """One page script on its own (no router), with a URL query; the run must end without an exception."""
    app = AppTest.from_file(script, default_timeout=60)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def figures(app: AppTest) -> list[dict[str, Any]]:
    """Every plotly figure on the page, as its JSON spec."""
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def array(value: Any) -> list[Any]:
    """A plotly array from a figure spec, decoding plotly's typed-array form."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])).tolist()
    return list(value)
