"""Local indicator files of a chosen size for the upload tests and benchmarks/uploads.py."""

from __future__ import annotations

from trafford_dash.core import config
from trafford_dash.pillars import local_indicators as li

AREAS = {
    config.TRAFFORD_CODE: ("Trafford", "borough", ""),
    config.ENGLAND_CODE: ("England", "country", ""),
}
HEADER = "indicator_id,title,pillar,unit,polarity,area_code,period,value,source"


def local_indicator_file(indicators: int, fill_bytes: int | None = None) -> bytes:
    """One row for each of ``indicators`` distinct indicators; titles padded to fill ``fill_bytes``."""
    rows = [
        f"local_{i},Measure {i}{{pad}},Urgent Care,%,higher_is_better,{config.TRAFFORD_CODE},2024/25,"
        f"{i % 100}.5,Trust returns"
        for i in range(indicators)
    ]
    size = len(HEADER) + 1 + sum(len(row.format(pad="")) + 1 for row in rows)
    spare = max(0, (fill_bytes or 0) - size) // max(1, indicators)
    pad = " " + "x" * (spare - 1) if spare > 1 else ""
    return ("\n".join([HEADER, *(row.format(pad=pad) for row in rows)]) + "\n").encode("utf-8")


def largest_local_indicator_file() -> bytes:
    """The largest file accepted: the most rows, each a different indicator, up to the size limit."""
    return local_indicator_file(li.MAX_ROWS, fill_bytes=li.MAX_BYTES)
