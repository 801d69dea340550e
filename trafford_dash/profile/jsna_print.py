"""A one-page printable JSNA summary of one neighbourhood or ward: a self-contained HTML file.

No scripts and nothing fetched: the grid as a table with print CSS sized to fit one A4 landscape page,
significance by symbol and word as well as a tinted cell, and the sources and licences of the figures
at the foot. Every piece of text is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

import pandas as pd

from trafford_dash.profile import jsna

CSS = """
@page { size: A4 landscape; margin: 9mm; }
body { font-family: "Segoe UI", Arial, sans-serif; color: #1a1a1a; font-size: 8pt; line-height: 1.25;
       margin: 0 auto; max-width: 279mm; }
h1 { font-size: 13pt; margin: 0 0 1mm; }
p { margin: 0.6mm 0; }
p.meta, p.note { color: #333; }
table { border-collapse: collapse; width: 100%; margin: 1.5mm 0; table-layout: fixed; }
th, td { border: 1px solid #bbb; padding: 0.6mm 1.2mm; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #eee; }
th:first-child { width: 26%; }
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


def printable(
    title: str, table: pd.DataFrame, area_name: str, generated: datetime, notes: Sequence[str] = ()
) -> str:
    """The one-page HTML summary of the profile table ``table`` for ``area_name``.

    ``title`` heads the page; the grid's own notes and ``notes`` follow it, then the sources.
    """
    grid = jsna.summary_grid(table, area_name)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style></head><body>",
        '<section class="page">',
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">Prepared {esc(f"{generated:%d %B %Y}")} from the Trafford Together dashboard. '
        "Each figure is for the period in its row.</p>",
        '<p class="screen-only">To print or make a PDF, use your browser\'s Print command; the page is '
        "laid out for one A4 sheet, landscape.</p>",
        _table(grid),
    ]
    out.extend(f'<p class="note">{esc(note)}</p>' for note in [*jsna.grid_notes(table), *notes])
    out.append(f'<p class="note">{esc(sources_line(table))}</p>')
    out.append("</section></body></html>")
    return "\n".join(out)
