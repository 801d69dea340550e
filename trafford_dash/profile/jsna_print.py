"""A printable JSNA summary, one page per neighbourhood or ward: a self-contained HTML file.

No scripts and nothing fetched: the grid as a table with print CSS sized to fit one A4 landscape page,
significance by symbol and word as well as a tinted cell, and the sources and licences of the figures
at the foot. Every piece of text is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from trafford_dash.core import areas as profile_areas
from trafford_dash.core import config
from trafford_dash.core.areas import ProfileArea
from trafford_dash.profile import indicators, jsna

CSS = """
@page { size: A4 landscape; margin: 8mm; }
body { font-family: "Segoe UI", Arial, sans-serif; color: #1a1a1a; font-size: 7.5pt; line-height: 1.15;
       margin: 0 auto; max-width: 281mm; }
h1 { font-size: 12pt; margin: 0 0 1mm; }
p { margin: 0.5mm 0; }
p.meta, p.note { color: #333; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0; table-layout: fixed; }
th, td { border: 1px solid #bbb; padding: 0.4mm 1mm; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #eee; }
th:nth-child(1) { width: 30%; }
th:nth-child(2) { width: 8%; }
th:nth-child(3) { width: 17%; }
.screen-only { background: #fff8e1; border: 1px solid #e0c060; padding: 1mm 2mm; }
.page { break-after: page; break-inside: avoid; }
@media print { .screen-only { display: none; } }
"""


def esc(text: object) -> str:
    """HTML-escape anything for the page."""
    return html.escape("" if text is None else str(text), quote=True)


def _table(grid: pd.DataFrame) -> str:
    head = "".join(f"<th>{esc(column)}</th>" for column in grid.columns)
    body = []
    for row in grid.itertuples(index=False):
        cells = []
        for column, value in zip(grid.columns, row, strict=True):
            style = jsna.badge_colour(value) if column in jsna.SIGNIFICANCE_COLUMNS else ""
            attribute = f' style="{esc(style)}"' if style else ""
            cells.append(f"<td{attribute}>{esc(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def sources_line(table: pd.DataFrame) -> str:
    """Each source once with its licence, in the grid's order."""
    pairs = dict.fromkeys(zip(table["source"].astype(str), table["licence"].astype(str), strict=True))
    return "Sources: " + "; ".join(f"{source} ({licence})" for source, licence in pairs) + "."


@dataclass(frozen=True)
class PrintedArea:
    """One page of the printable summary: its heading, the area's profile table and name."""

    title: str
    table: pd.DataFrame
    area_name: str


def _page(area: PrintedArea, generated: datetime) -> list[str]:
    return [
        '<section class="page">',
        f"<h1>{esc(area.title)}</h1>",
        f'<p class="meta">Prepared {esc(f"{generated:%d %B %Y}")} from the Trafford Together dashboard. '
        "Each figure is for the period in its row.</p>",
        '<p class="screen-only">To print or make a PDF, use your browser\'s Print command; each area is '
        "laid out for one A4 sheet, landscape.</p>",
        _table(jsna.summary_grid(area.table, area.area_name)),
        *(f'<p class="note">{esc(note)}</p>' for note in jsna.grid_notes(area.table)),
        f'<p class="note">{esc(sources_line(area.table))}</p>',
        "</section>",
    ]


def printable(document_title: str, areas: Sequence[PrintedArea], generated: datetime) -> str:
    """The printable summary as one HTML document: one page per area, each the grid of its profile
    table with the grid's notes and its sources."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(document_title)}</title>",
        f"<style>{CSS}</style></head><body>",
    ]
    for area in areas:
        out.extend(_page(area, generated))
    out.append("</body></html>")
    return "\n".join(out)


def neighbourhood_pages(
    stored: pd.DataFrame, areas: pd.DataFrame, catalogue: pd.DataFrame, vintage: str
) -> list[PrintedArea]:
    """A page for each of the four neighbourhoods on ``vintage``, from the store's profile tables."""
    ids = indicators.indicators_for(catalogue, vintage)
    pages = []
    for name in config.NEIGHBOURHOODS:
        area = profile_areas.resolve(areas, name, profile_areas.WHOLE_NEIGHBOURHOOD, vintage)
        pages.append(PrintedArea(title(area), indicators.stored_table(stored, area, ids), area.name))
    return pages


def title(area: ProfileArea) -> str:
    """A page's heading: the area and its ward boundaries."""
    return f"{area.description}: JSNA summary ({profile_areas.VINTAGE_OPTIONS[area.vintage]})"
