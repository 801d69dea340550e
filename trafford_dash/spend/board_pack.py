"""A print-ready board pack: one self-contained HTML file with the spend page's tables and charts.

Charts are drawn as static inline SVG bar charts (no scripts, no network), so the file prints the
same everywhere and can be saved as PDF from any browser. Every piece of text is HTML-escaped,
including anything that came from an uploaded budget; the pack states its date and its sources.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

BAR_COLOUR = "#3b528b"  # Viridis at 0.25
NEGATIVE_COLOUR = "#5e3c99"  # PuOr purple
POSITIVE_COLOUR = "#e66101"  # PuOr orange

_CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: "Segoe UI", Arial, sans-serif; color: #1a1a1a; font-size: 10.5pt; line-height: 1.35;
       max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #999; }
p.meta, p.note, li { color: #333; }
p.summary { font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
section { break-inside: avoid-page; }
svg { max-width: 100%; height: auto; }
.screen-only { background: #fff8e1; border: 1px solid #e0c060; padding: 2mm 3mm; }
@media print { .screen-only { display: none; } h2 { break-after: avoid; } }
"""


@dataclass
class PackSection:
    """A heading, a generated summary sentence, an optional chart and table, and notes."""

    heading: str
    summary: str = ""
    table: pd.DataFrame | None = None
    chart_svg: str = ""
    notes: list[str] = field(default_factory=list)


def esc(text: object) -> str:
    """HTML-escape anything for the pack."""
    return html.escape("" if text is None else str(text), quote=True)


def _number(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def svg_bars(
    labels: Sequence[str],
    values: Sequence[float],
    value_labels: Sequence[str] | None = None,
    title: str = "",
    width: int = 680,
) -> str:
    """A static horizontal bar chart as inline SVG; negative values extend left of a zero line.

    Parameters
    ----------
    labels
        One label per bar, drawn left of the bars (escaped).
    values
        Bar lengths in any unit; missing values draw no bar.
    value_labels
        Text drawn at the end of each bar (defaults to the number).
    title
        Accessible title of the chart.
    """
    clean = [0.0 if pd.isna(v) else float(v) for v in values]
    texts = list(value_labels) if value_labels is not None else [_number(v) for v in clean]
    row, label_w, text_w = 22, 250, 110
    plot_w = width - label_w - text_w
    low, high = min(0.0, *clean) if clean else 0.0, max(0.0, *clean) if clean else 1.0
    span = (high - low) or 1.0
    zero = label_w + plot_w * (-low / span)
    height = row * len(clean) + 12
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Arial, sans-serif" font-size="11">',
        f"<title>{esc(title)}</title>",
    ]
    for i, (label, value, text) in enumerate(zip(labels, clean, texts, strict=True)):
        y = 6 + i * row
        length = plot_w * abs(value) / span
        x = zero if value >= 0 else zero - length
        colour = BAR_COLOUR if low >= 0 else (POSITIVE_COLOUR if value > 0 else NEGATIVE_COLOUR)
        short = label if len(label) <= 40 else label[:39] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{esc(short)}</text>'
            f'<rect x="{x:.1f}" y="{y + 3}" width="{length:.1f}" height="{row - 7}" fill="{colour}"/>'
            f'<text x="{(x + length if value >= 0 else x) + (4 if value >= 0 else -4):.1f}" y="{y + 14}" '
            f'text-anchor="{"start" if value >= 0 else "end"}">{esc(text)}</text>'
        )
    parts.append(
        f'<line x1="{zero:.1f}" y1="2" x2="{zero:.1f}" y2="{height - 2}" stroke="#333" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def html_table(frame: pd.DataFrame) -> str:
    """A table with every cell escaped; numbers right-aligned, missing values shown as a dash."""
    head = "".join(f"<th>{esc(column)}</th>" for column in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for value in row:
            if isinstance(value, float | int) and not isinstance(value, bool):
                cells.append(f'<td class="num">{"—" if pd.isna(value) else esc(_number(float(value)))}</td>')
            else:
                cells.append(f"<td>{'—' if value is None or value is pd.NA else esc(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def build(
    title: str,
    sections: Sequence[PackSection],
    sources: Sequence[str],
    generated: datetime,
    preface: str = "",
) -> str:
    """The whole board pack as one HTML document.

    Parameters
    ----------
    title
        The pack's heading.
    sections
        The page's sections in order.
    sources
        One line per source document or dataset, shown at the end.
    generated
        When the pack was made (printed in the header).
    preface
        A sentence under the title (e.g. which budget and choices the pack shows).
    """
    stamp = f"{generated:%d %B %Y, %H:%M}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(title)} ({esc(f'{generated:%d %B %Y}')})</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">Prepared {esc(stamp)} from the Trafford Together dashboard.</p>',
        '<p class="screen-only">To make a PDF, use your browser\'s Print command and choose '
        '"Save as PDF".</p>',
    ]
    if preface:
        out.append(f"<p>{esc(preface)}</p>")
    for section in sections:
        out.append(f"<section><h2>{esc(section.heading)}</h2>")
        if section.summary:
            out.append(f'<p class="summary">{esc(section.summary)}</p>')
        if section.chart_svg:
            out.append(f"<figure>{section.chart_svg}</figure>")
        if section.table is not None and not section.table.empty:
            out.append(html_table(section.table))
        out.extend(f'<p class="note">{esc(note)}</p>' for note in section.notes)
        out.append("</section>")
    out.append("<section><h2>Sources</h2><ul>")
    out.extend(f"<li>{esc(source)}</li>" for source in sources)
    out.append("</ul></section></body></html>")
    return "\n".join(out)


@dataclass
class SpendPackInputs:
    """Everything the spend page shows, for :func:`spend_board_pack`."""

    year: str
    bodies: list[str]
    breakdown: pd.DataFrame
    breakdown_sentence: str
    by_pillar: pd.DataFrame
    pillar_sentence: str
    finance_totals: pd.DataFrame
    trajectories: pd.DataFrame
    trajectory_sentences: list[str]
    documents: pd.DataFrame
    change: pd.DataFrame | None = None
    change_sentence: str = ""
    area: str | None = None
    outcomes: list[tuple[str, pd.DataFrame, str]] = field(default_factory=list)
    upload_label: str | None = None
    notes: list[str] = field(default_factory=list)
    actual: list[PackSection] = field(default_factory=list)  # the Council's payments for the year
    actual_sources: list[str] = field(default_factory=list)


def _pct(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") + "%"


_SHARE_COLUMNS = {"share_pct": "share of body's spend (%)", "amount_gbp_m": "amount (£m)"}


def spend_board_pack(inputs: SpendPackInputs, generated: datetime) -> str:
    """The spend page as a print-ready board pack (HTML), with sources and the date."""
    sections = [_totals_section(inputs), _breakdown_section(inputs), _pillar_section(inputs)]
    if inputs.change is not None and not inputs.change.empty:
        sections.append(_change_section(inputs, inputs.change))
    sections.extend(_outcome_sections(inputs))
    sections.extend(inputs.actual)
    sections.append(
        PackSection(
            "The money challenge",
            " ".join(inputs.trajectory_sentences),
            inputs.trajectories.reindex(columns=["title", "period", "value", "unit", "point_type", "source"]),
            notes=["Points marked 'interpolated' are assumptions; the plan states only the other points."],
        )
    )
    preface = f"Year {inputs.year}; bodies: {', '.join(inputs.bodies)}." + (
        f" Spend area in focus: {inputs.area}." if inputs.area else ""
    )
    return build(
        "Trafford Together: spend and outcomes board pack",
        sections,
        _pack_sources(inputs),
        generated,
        preface,
    )


def _totals_section(inputs: SpendPackInputs) -> PackSection:
    totals = inputs.finance_totals.assign(
        measure=inputs.finance_totals["measure"].str.replace("_", " "),
    )[["year", "measure", "amount_gbp_m", "note", "source_key"]]
    return PackSection(
        "Published totals",
        table=totals.rename(columns={"amount_gbp_m": "£ million", "source_key": "source"}),
        notes=["Neither total is split between the CCG and the Council in the plan documents."],
    )


def _breakdown_section(inputs: SpendPackInputs) -> PackSection:
    table = inputs.breakdown
    labels = [f"{b}: {c}" for b, c in zip(table["body"], table["category"], strict=True)]
    texts = [
        _pct(float(s)) + (f" · £{float(a):,.1f}m" if pd.notna(a) else "")
        for s, a in zip(table["share_pct"], table["amount_gbp_m"], strict=True)
    ]
    return PackSection(
        f"Where the money goes, {inputs.year}",
        inputs.breakdown_sentence,
        table[["body", "category", "share_pct", "amount_gbp_m", "pillars", "note"]].rename(
            columns=_SHARE_COLUMNS
        ),
        svg_bars(labels, table["share_pct"].tolist(), texts, f"Spend by area, {inputs.year}"),
        inputs.notes,
    )


def _pillar_section(inputs: SpendPackInputs) -> PackSection:
    by_pillar = inputs.by_pillar
    return PackSection(
        "Spend by pillar",
        inputs.pillar_sentence,
        by_pillar.rename(columns=_SHARE_COLUMNS),
        svg_bars(
            [f"{b}: {p}" for b, p in zip(by_pillar["body"], by_pillar["pillar"], strict=True)],
            by_pillar["share_pct"].tolist(),
            [_pct(float(v)) for v in by_pillar["share_pct"]],
            "Spend by pillar",
        ),
        [
            "Areas that fund two pillars are split equally between them (an assumption). The links from "
            "spend areas to pillars are the dashboard's judgement (data/plan/spend_pillars.csv)."
        ],
    )


def _change_section(inputs: SpendPackInputs, change: pd.DataFrame) -> PackSection:
    moved = change.dropna(subset=["change_pp"])
    return PackSection(
        f"Change since the plan's 2019/20 split, {inputs.year}",
        inputs.change_sentence,
        change.drop(columns=["year", "compared_with"], errors="ignore"),
        svg_bars(
            [f"{b}: {c}" for b, c in zip(moved["body"], moved["category"], strict=True)],
            moved["change_pp"].tolist(),
            [f"{v:+.1f} pp" for v in moved["change_pp"]],
            "Change in share, percentage points",
        ),
        [
            "Compared with the plan's 2019/20 split (LP2019 §7.7), in percentage points of each "
            "body's spend. Categories are matched by name; 'not in this budget' means no row of "
            "that name."
        ],
    )


def _outcome_sections(inputs: SpendPackInputs) -> list[PackSection]:
    sections = []
    for pillar, rows, sentence in inputs.outcomes:
        shown = (
            rows[["indicator", "trafford", "england", "period", "badge", "source"]]
            if not rows.empty
            else rows
        )
        sections.append(
            PackSection(
                f"What {inputs.area} buys: {pillar} outcomes",
                sentence,
                shown.rename(columns={"badge": "Trafford vs England"}),
                notes=[
                    "Compared with England at 95% confidence (Fingertips method: England outside Trafford's "
                    "interval); where no interval exists, OHID's published comparison is used. ≈ marks an "
                    "approximation."
                ],
            )
        )
    return sections


def _pack_sources(inputs: SpendPackInputs) -> list[str]:
    """The plan documents, the outcome sources and any uploaded budget, each once, in order."""
    sources = [
        f"{row['key']}: {row['title']} ({row['date']})" if row["date"] else f"{row['key']}: {row['title']}"
        for row in inputs.documents.to_dict("records")
        if row["key"] in ("LP2019", "LP2021")
    ]
    for _, rows, _ in inputs.outcomes:
        if not rows.empty:
            sources.extend(sorted(set(rows["source"])))
    if inputs.outcomes:
        sources.append("Contains public sector information licensed under the Open Government Licence v3.0.")
    sources.extend(inputs.actual_sources)
    if inputs.upload_label:
        sources.append(inputs.upload_label)
    return list(dict.fromkeys(sources))
