"""What a pillar tile shows around its figure: Markdown lines for open data, plain text for a locally
supplied tile (whose words quote the uploaded file), the figure, its change and its period."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from trafford_dash.core import figure_age, formatting, trends
from trafford_dash.pillars import tile_text

LOCAL_BADGE = ":violet-badge[:material/upload_file: Locally supplied]"


def change_line(tile: Mapping[str, Any]) -> str | None:
    """The line above the England badge: a spread's summary, or why there is no change to show."""
    if tile.get("headline") == "spread":
        return str(tile.get("spread", ""))
    if tile.get("change_direction") is None:
        return str(tile["change"])
    return None


def england_figure(tile: Mapping[str, Any]) -> str | None:
    """England's figure beside Trafford's, where the tile has one."""
    has_england = tile.get("headline") == "trafford" and not trends.missing(tile.get("england_value"))
    return str(tile["england_shown"]) if has_england else None


def tile_lines(tile: Mapping[str, Any]) -> list[str]:
    """The lines under the England badge: method, benchmarks, neighbourhoods and provenance (plain text)."""
    lines = [str(tile["significance_method"])]
    if tile.get("headline") == "trafford":
        lines.append(tile_text.benchmark_line(tile))
    if tile.get("neighbourhoods"):
        lines.append("Neighbourhoods: " + str(tile["neighbourhoods"]))
    lines.append(
        f"Period {tile.get('period')}. Source: {tile['source']}. Licence: {tile['licence']}. "
        f"Published: {tile['published']}."
    )
    return lines


def tile_markdown(tile: Mapping[str, Any]) -> tuple[str, str]:
    """An open-data tile's text under its figure as one Markdown block, and the tooltip with the full
    method note."""

    def small(text: object) -> str:
        return f":small[:gray[{text}]]"

    badge = tile_text.badge_markdown(str(tile["significance"]))
    england = england_figure(tile)
    change = change_line(tile)
    lines = [small(change)] if change is not None else []
    lines.append(f"{badge} vs England {england}" if england else f"{badge} with England")
    lines += [small(line) for line in tile_lines(tile)]
    note = str(tile.get("value_note") or "")
    if tile.get("approximate") and note:
        lines.append(small(f"≈ {tile_text.first_clause(note)} (more under ?)"))
    return "  \n".join(lines), note


def local_tile_text(tile: Mapping[str, Any]) -> str:
    """A locally supplied tile's words under its figure, shown as plain text: they quote the file."""
    lines = [change_line(tile) or str(tile["change"])]
    england = england_figure(tile)
    if england:
        lines.append(f"England: {england}")
    lines += tile_lines(tile)
    if tile.get("value_note"):
        lines.append(f"Note: {tile['value_note']}")
    return "\n".join(lines)


def headline_figure(tile: Mapping[str, Any]) -> str:
    """The tile's headline figure. The metric reads Markdown, so a locally supplied tile's is the bare
    number: the file's unit is in the plain text above it."""
    if not tile.get("local"):
        return str(tile.get("shown_short") or tile["shown"])
    value = tile.get("value")
    if value is None or trends.missing(value):
        return "no data"
    return formatting.format_number(value, 0 if float(value).is_integer() else 1)


def metric_delta(tile: Mapping[str, Any]) -> str | None:
    """The metric's change: its size and words, or only its size on a locally supplied tile (whose words
    name the file's periods and are shown as plain text below)."""
    if tile.get("change_direction") not in ("up", "down", "same"):
        return None
    words = str(tile["change"]).lstrip("↑↓→ ")
    return words.split(" since ")[0] if tile.get("local") else words


def period_words(tile: Mapping[str, Any], newest: figure_age.Newest) -> tuple[str, str]:
    """The figure's period and age, and the reason it is dated ("" when it is not)."""
    return figure_age.describe(tile, date.today().year), figure_age.dated_text(tile, newest)
