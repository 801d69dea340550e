"""Period labels as the sources write them ("2015 - 17", "2017/18", "2020-06-30"), read as years."""

from __future__ import annotations

import re

import numpy as np

_YEAR_WITH_SUFFIX = re.compile(r"(\d{4})(?:\s*([/-])\s*(\d{2})(?!\d))?")
_TRAILING_SUFFIX = re.compile(r"[/-]\s*(\d{2})\s*$")


def _suffix_year(base: int, suffix: int) -> int:
    candidate = (base // 100) * 100 + suffix
    return candidate + 100 if candidate < base else candidate


def period_end_year(label: object) -> int | None:
    """The last calendar or financial year a period label covers, for ordering trends.

    ``"2015 - 17"`` → 2017, ``"2017/18 to 2019/20"`` → 2020, ``"2020-06-30"`` → 2020,
    ``"2022/23 - 24/25"`` → 2025, ``"2009-11"`` → 2011, ``"2022-02"`` (a month) → 2022.
    Financial years count by the calendar year they end in.
    """
    if label is None or (isinstance(label, float) and np.isnan(label)):
        return None
    text = re.sub(r"(\d{4})-\d{2}-\d{2}", r"\1", str(label).strip())
    end: int | None = None
    for match in _YEAR_WITH_SUFFIX.finditer(text):
        year = int(match[1])
        if match[3] is not None:
            suffix = int(match[3])
            is_month = match[2] == "-" and suffix <= year % 100 and suffix <= 12
            if not is_month:
                year = _suffix_year(year, suffix)
        end = year if end is None else max(end, year)
    if end is None:
        return None
    trailing = _TRAILING_SUFFIX.search(text)
    if trailing and not re.search(r"\d{4}\s*[/-]\s*\d{2}\s*$", text):
        end = max(end, _suffix_year(end, int(trailing[1])))
    return end
