"""Widgets that choose among labelled options and are bound to a query parameter."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any


def labelled(
    widget: Callable[..., Any],
    label: str,
    labels: Mapping[str, str],
    key: str,
    *,
    options: Iterable[str] | None = None,
    **more: Any,
) -> Any:
    """``widget`` (``st.radio``, ``st.selectbox``, ``st.multiselect``…) offering ``options`` (default:
    every key of ``labels``) under their labels, its value kept in the query parameter ``key``."""
    return widget(
        label,
        list(labels if options is None else options),
        format_func=labels.__getitem__,
        key=key,
        bind="query-params",
        **more,
    )
