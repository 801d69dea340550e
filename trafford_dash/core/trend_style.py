"""How each series looks in every trend chart (the Pillars tile and the Compare page's trends).

Trafford, Greater Manchester, England and the peer-group means have one colour, dash, marker and
width each, wherever they are drawn. Other areas (neighbourhoods, wards, single authorities) take the
next style from a cycle. Colours are Okabe–Ito and every series also differs by dash and marker, so
colour is never the only cue. Triangles are kept for significance (▲ better, ▼ worse, △ higher,
▽ lower), so no series uses one as its marker. Approximations are drawn with hollow markers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from trafford_dash.core import config


@dataclass(frozen=True)
class SeriesStyle:
    """A series' legend label, line colour, dash, marker symbol, line width and marker size."""

    label: str
    colour: str
    dash: str
    marker: str
    width: float = 2.0
    size: int = 8


BENCHMARKS: dict[str, SeriesStyle] = {
    config.TRAFFORD_CODE: SeriesStyle(config.TRAFFORD_NAME, "#0072B2", "solid", "circle", 3.0, 10),
    config.GM_CODE: SeriesStyle(config.GM_NAME, "#E69F00", "dashdot", "square"),
    config.ENGLAND_CODE: SeriesStyle(config.ENGLAND_NAME, "#000000", "dash", "diamond"),
    "cipfa": SeriesStyle("CIPFA nearest neighbours (mean)", "#009E73", "dot", "pentagon"),
    "nhs_near_neighbours": SeriesStyle("NHS England near neighbours (mean)", "#CC79A7", "dot", "hexagon"),
    "childrens_services": SeriesStyle(
        "Children's services statistical neighbours (mean)", "#56B4E9", "dot", "x"
    ),
}

OTHER_COLOURS = ("#D55E00", "#56B4E9", "#009E73", "#CC79A7", "#999999", "#E69F00", "#0072B2", "#000000")
OTHER_DASHES = ("longdash", "longdashdot", "solid", "dash", "dot", "dashdot", "longdash", "solid")
OTHER_MARKERS = ("star", "cross", "hexagram", "bowtie", "hourglass", "star-square", "star-diamond", "star")


def style_for(code: str, label: str | None = None, other_index: int = 0) -> SeriesStyle:
    """The style of a benchmark series, or the ``other_index``-th style of the cycle for any other area."""
    if code in BENCHMARKS:
        found = BENCHMARKS[code]
        return found if label is None else replace(found, label=label)
    i = other_index % len(OTHER_COLOURS)
    return SeriesStyle(label or code, OTHER_COLOURS[i], OTHER_DASHES[i], OTHER_MARKERS[i])


def styles_for(areas: Iterable[tuple[str, str]]) -> list[SeriesStyle]:
    """Styles for (code, label) pairs drawn together: benchmarks keep theirs, others take the cycle."""
    out, others = [], 0
    for code, label in areas:
        out.append(style_for(code, label, others))
        others += code not in BENCHMARKS
    return out


def symbols(style: SeriesStyle, approximate: Iterable[object]) -> list[str]:
    """The series' marker for each point, hollow where the point is an approximation."""
    return [style.marker + ("-open" if bool(flag) else "") for flag in approximate]
