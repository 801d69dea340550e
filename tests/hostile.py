"""Hostile text for the tests that check outside text is never rendered as Markdown or HTML.

Each value carries bold Markdown, a Markdown link and image, HTML tags, a LaTeX formula and bare
URLs, all naming an address where nothing listens, so anything built from it can be found.
"""

from __future__ import annotations

import csv
import io

TRAP = "127.0.0.1:9"  # nothing listens on port 9: any link, image or request naming it was built from input
HOSTILE = (
    f"**Data moved:** [click here](http://{TRAP}/link) ![x](http://{TRAP}/x.png) "
    f"<img src='http://{TRAP}/y.png'> <b>BOLDTAG</b> $x^2$ see http://{TRAP}/bare or www.example.com"
)
LONG = HOSTILE + " " + "z" * 10_000


def hostile_link(keys: list[str], fixed: dict[str, str] | None = None) -> dict[str, str]:
    """A hostile value for every key (the first one 10 kB long), then the ``fixed`` values."""
    params = {key: HOSTILE for key in keys}
    if keys:
        params[keys[0]] = LONG
    return params | (fixed or {})


LOCAL_TEXT = (
    f"**Moved** [go](http://{TRAP}/s) ![i](http://{TRAP}/i.png) <img src='http://{TRAP}/j.png'> "
    f"<a href='http://{TRAP}/p'>p</a> <b>BOLDTAG</b> $x^2$ http://{TRAP}/b"
)


def _local_rows(indicator_id: str, unit: str, areas: dict[str, float]) -> list[dict[str, object]]:
    text = {
        "title": f"Data moved {LOCAL_TEXT}",
        "definition": f"Def {LOCAL_TEXT}",
        "value_note": f"Note {LOCAL_TEXT}",
        "source": f"Source {LOCAL_TEXT}",
    }
    rows = []
    for year, value in (("2023", 60.0), ("2024", 55.0)):
        for area, shift in areas.items():
            figure = value + shift
            rows.append(
                {
                    "indicator_id": indicator_id,
                    "pillar": "Planned Care",
                    "polarity": "higher_is_better",
                    "unit": unit,
                    "area_code": area,
                    "period": f"{year} {LOCAL_TEXT}",
                    "value": figure,
                    "lower_ci_95": figure - 1,
                    "upper_ci_95": figure + 1,
                    **text,
                }
            )
    return rows


def hostile_local_file() -> bytes:
    """A valid local indicator file whose every text cell carries Markdown, HTML, URLs and LaTeX.

    The second indicator's unit is short enough to be printed beside its figures.
    """
    areas = {"E08000009": 0.0, "E92000001": 20.0, "nbh_north": 5.0, "nbh_west": -5.0}
    rows = _local_rows("local_hostile", f"% {LOCAL_TEXT}", areas)
    rows += _local_rows("local_short_unit", "$x^2$", {"E08000009": 0.0, "E92000001": 20.0})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")
