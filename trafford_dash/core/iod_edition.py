"""Which edition of the English Indices of Deprivation (IoD) a deprivation figure comes from.

The store holds two editions: IoD 2019 (LSOAs, the pre-May-2023 wards and Trafford) and IoD 2025 (the
May-2023 wards and Trafford). A view that moves from one level or ward boundary to another can
therefore switch edition; these helpers name the edition shown and say where another is used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

NAME = "English Indices of Deprivation"


def edition(meta: Mapping[str, Any], period: object) -> str | None:
    """``"IoD 2025"`` for a figure of an IoD indicator in period 2025; None for other indicators."""
    if NAME not in str(meta.get("source", "")):
        return None
    found = re.search(r"\b(20\d\d)\b", str(period))
    return f"IoD {found.group(1)}" if found else None


def long_name(short: str) -> str:
    """``"IoD 2025"`` → ``"English Indices of Deprivation 2025"``."""
    return short.replace("IoD", NAME, 1)


def editions_note(shown: str | None, elsewhere: Mapping[str, str | None]) -> str:
    """Name the edition shown, and the choices (levels, boundaries, views) that use another one.

    ``elsewhere`` maps each other choice's label to its edition (None where it has no figures).
    """
    if shown is None:
        return ""
    other: dict[str, list[str]] = {}
    for label, found in elsewhere.items():
        if found is not None and found != shown:
            other.setdefault(found, []).append(label)
    text = f"Deprivation figures here are from the {long_name(shown)}."
    for found, labels in sorted(other.items()):
        text += f" The {found} is used instead for {_join(labels)}."
    return text


def _join(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
