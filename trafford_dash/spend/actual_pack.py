"""The board pack's "Actual spend" sections for one year: months, pillars, plan categories against the plan,
and the change on a year earlier, each with its sentence, static chart, table and notes."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trafford_dash.spend import actual
from trafford_dash.spend.board_pack import PackSection, svg_bars


@dataclass(frozen=True)
class ActualPackInputs:
    """The chosen year's tables, as the page shows them."""

    year: str
    period: str
    part_note: str
    months: pd.DataFrame  # actual.monthly
    by_pillar: pd.DataFrame  # actual.shares by pillar
    then_and_now: pd.DataFrame  # actual.then_and_now
    change: pd.DataFrame  # actual.year_on_year by pillar
    compared: str


def _notes(inputs: ActualPackInputs) -> list[str]:
    return [
        f"Period: {inputs.period}. Net of refunds and corrections. Source: {actual.SOURCE}. "
        f"Licence: {actual.OGL_LICENCE}.",
        actual.MAPPING_NOTE,
    ]


def _millions(values: pd.Series) -> list[str]:
    return [actual.money(float(v)) for v in values]


def _in_millions(table: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Pound columns as £ million to two decimals, shares and percentages to one, renamed for print."""
    out = table.copy()
    for column in columns:
        if column in out and (column.startswith("amount") or column == "change"):
            out[column] = (out[column].astype(float) / 1e6).round(2)
    shares = [c for c in out.columns if c.endswith("_pct") or c.endswith("_pp")]
    return out.round(dict.fromkeys(shares, 1)).rename(columns=columns)


def sections(inputs: ActualPackInputs) -> list[PackSection]:
    """The actual-spend sections of the board pack, in the page's order."""
    notes = _notes(inputs)
    return [
        _months(inputs, notes),
        _pillars(inputs, notes),
        _then_and_now(inputs, notes),
        _change(inputs, notes),
    ]


def _months(inputs: ActualPackInputs, notes: list[str]) -> PackSection:
    months = inputs.months[inputs.months["financial_year"] == inputs.year]
    table = months.assign(
        month=months["month"].map(actual.month_label),
        complete=months["complete"].map({True: "yes", False: "not yet complete"}),
    )[["month", "amount", "payments", "complete"]]
    return PackSection(
        f"Actual spend, {inputs.year}: the Council's payments by month",
        actual.year_sentence(inputs.months, inputs.year, inputs.part_note),
        _in_millions(table, {"amount": "net spend (£m)"}),
        svg_bars(table["month"].tolist(), months["amount"].tolist(), _millions(months["amount"])),
        notes,
    )


def _pillars(inputs: ActualPackInputs, notes: list[str]) -> PackSection:
    pillar = inputs.by_pillar
    mapped = actual.mapped_sentence(pillar, "pillar", "one of the six pillars")
    return PackSection(
        f"Actual spend by pillar, {inputs.year}",
        f"{actual.largest_sentence(pillar, 'pillar', 'pillar')} {mapped}",
        _in_millions(pillar, {"amount": "net spend (£m)", "share_pct": "share (%)"}),
        svg_bars(pillar["pillar"].tolist(), pillar["amount"].tolist(), _millions(pillar["amount"])),
        notes,
    )


def _then_and_now(inputs: ActualPackInputs, notes: list[str]) -> PackSection:
    then_now, year = inputs.then_and_now, inputs.year
    columns = {
        "plan_category": "plan category",
        "plan_share_pct": "plan 2019/20 (%)",
        "share_pct": f"{year} (%)",
        "amount": "net (£m)",
        "change_pp": "change (points)",
    }
    return PackSection(
        f"Then and now: the plan's 2019/20 Council split and the payments of {year}",
        actual.then_and_now_sentence(then_now, year),
        _in_millions(then_now, columns),
        svg_bars(
            then_now["plan_category"].tolist(),
            then_now["change_pp"].tolist(),
            [f"{v:+.1f} points" if pd.notna(v) else "none" for v in then_now["change_pp"]],
            "Change in share since the plan, percentage points",
        ),
        [
            *notes,
            actual.PAYROLL_NOTE,
            "The plan's split is LP2019 §7.7; its two unlabelled segments have no counterpart.",
        ],
    )


def _change(inputs: ActualPackInputs, notes: list[str]) -> PackSection:
    """The change on a year earlier; only its sentence when there are no payments a year earlier."""
    moved, year, compared = inputs.change, inputs.year, inputs.compared
    heading = f"Actual spend by pillar, {year} against {compared}"
    sentence = actual.change_sentence(moved, "pillar", year, compared)
    if float(moved["amount_before"].sum()) <= 0:
        return PackSection(heading, sentence, notes=notes)
    columns = {
        "amount": f"{year} (£m)",
        "amount_before": f"{compared} (£m)",
        "change": "change (£m)",
        "change_pct": "change (%)",
    }
    return PackSection(
        heading,
        sentence,
        _in_millions(moved, columns),
        svg_bars(moved["pillar"].tolist(), moved["change"].tolist(), _millions(moved["change"])),
        notes,
    )
