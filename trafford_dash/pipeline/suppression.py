"""Small-number suppression: the policy, primary and secondary suppression, and the subtraction check.

Policy
------
- **Primary suppression.** A count of 1 to 4 is not published, and neither is anything built on it:
  the row's value (a proportion or rate on that count), its 95% and 99.8% confidence limits and its
  published significance label. The row stays in the store, so every screen and export can say that
  a figure exists but is withheld: ``value``, the limits and ``count`` become missing,
  ``suppressed`` is true and ``value_note`` says why. Zero is published (it identifies no one).
  Where a row has no ``count`` but the indicator's value is itself a count (``value_type`` count),
  the value is the count.
- **Secondary suppression.** Totals are published from the unsuppressed figures, so a suppressed
  figure could otherwise be recovered by subtraction: a neighbourhood minus its other wards,
  Trafford minus the other neighbourhoods, a ward (or MSOA) minus its other LSOAs, Greater
  Manchester minus the other boroughs. For every such additive relation the build suppresses
  further figures (the smallest non-zero shown part first, then a zero part, and a neighbourhood's
  or Trafford's total only when no part is left to withhold: more small areas are withheld rather
  than a total) until

  1. no relation leaves exactly one unknown figure,
  2. no relation's suppressed parts could only be all ones or all fours (the suppressed parts
     of a shown total never add up to exactly 1 or exactly 4 per part), and
  3. no suppressed figure can be worked out from any combination of the relations (checked by
     linear algebra: a figure is exposed when its unit vector lies in the row space of the
     relations restricted to the unknown figures).

  Relations are treated as exact even where they only hold approximately (best-fit LSOAs in
  wards), which errs on the side of suppressing more. A relation whose parts have no figure at all
  for an indicator (LSOAs for a count placed in wards by point-in-polygon) is not how that
  indicator's figures were built and is left out for it. The same area and vintage at two levels
  (for example Trafford as a borough and as a local authority) is one figure.
- **Exemption: ONS mid-year population estimates.** Population counts by sex and single year of age
  (and the age-band shares built from them) are statistical estimates that ONS itself publishes for
  every LSOA under the Open Government Licence; they are modelled from the census and
  administrative sources, not counts of recorded events or people, and ONS applies its own
  disclosure control before release. Suppressing them would withhold nothing that is not already
  public and would break the denominators every rate relies on, so they are exempt. The
  exemption is decided from the catalogue's ``source`` (``ONS mid-year population estimates``).
- **Exemption: counts of places** (catalogue theme ``places``): GP practices, schools, libraries and
  other publicly listed places per area count places, not people, and identify no one.
- **Exemption: ONS Census 2021 counts.** ONS publishes the census topic summaries down to small
  areas (output areas of about 130 households for most tables; MSOAs for sexual orientation and
  gender identity) after its own disclosure control: cell key perturbation of every count and
  targeted record swapping, designed so that small counts can be released. The counts here are
  those published figures or sums of them, so suppressing them would withhold nothing; checking
  the subtraction relations of some sixty census indicators, many with counts of 1 to 4 in some
  LSOAs (Sikh residents, homes without central heating), would also multiply the build's time.
  The exemption is decided from the catalogue's ``source`` (``ONS Census 2021``); the Census
  2011 figures of the ward profiles are not exempt.
- Figures a source publishes without counts (standardised ratios, modelled estimates, rates from
  OHID Fingertips) have had the publisher's own disclosure control applied; a row a source marks
  as suppressed stays suppressed, with its numbers cleared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from trafford_dash.core import config
from trafford_dash.pipeline import disclosure_algebra

SMALL_MIN = 1
SMALL_MAX = 4
SUPPRESSED_LABEL = "suppressed"
NOTE = (
    "Suppressed under the small-number policy: a count of 1 to 4, or a figure that would let one be "
    "worked out by subtraction, is not published."
)
EXEMPT_SOURCE_PREFIX = "ONS mid-year population estimates"
EXEMPT_THEME = "places"
CENSUS_SOURCE_PREFIX = "ONS Census 2021"
CLEARED_COLUMNS = ("value", "lower_ci_95", "upper_ci_95", "lower_ci_998", "upper_ci_998", "count")
SLICE = ["indicator_id", "period", "sex", "age"]
# Levels whose rows carry no vintage: one figure per area code however many levels show it.
UNVINTAGED_LEVELS = ("borough", "local_authority", "region", "country")

Cell = tuple[str, str]  # (area_code, vintage)


@dataclass(frozen=True)
class Relation:
    """One additive relation: ``parent`` equals the sum of ``children`` (for counts)."""

    name: str
    parent: Cell
    children: tuple[Cell, ...]


@dataclass
class _Slice:
    """The figures of one indicator, period, sex and age, by cell."""

    counts: dict[Cell, float]
    suppressed: set[Cell] = field(default_factory=set)

    def known(self, cell: Cell) -> bool:
        return cell in self.counts and cell not in self.suppressed and not np.isnan(self.counts[cell])

    def count(self, cell: Cell) -> float:
        return self.counts.get(cell, np.nan)


def exempt_indicators(catalogue: pd.DataFrame) -> frozenset[str]:
    """Indicator ids exempt from suppression (ONS mid-year population estimates, Census 2021 counts,
    counts of places; see the module doc)."""
    source = catalogue["source"].astype(str)
    exempt = source.str.startswith(EXEMPT_SOURCE_PREFIX) | source.str.startswith(CENSUS_SOURCE_PREFIX)
    places = catalogue.get("theme", pd.Series(None, index=catalogue.index, dtype=object)) == EXEMPT_THEME
    return frozenset(catalogue.loc[exempt | places, "indicator_id"])


def effective_count(values: pd.DataFrame, catalogue: pd.DataFrame) -> pd.Series:
    """The count a row's figure rests on: ``count``, or the value itself for count indicators."""
    value_type = values["indicator_id"].map(catalogue.set_index("indicator_id")["value_type"])
    count = values["count"].astype(float)
    return count.where(count.notna() | (value_type != "count"), values["value"].astype(float))


def primary(values: pd.DataFrame, catalogue: pd.DataFrame) -> pd.Series:
    """Rows whose own count is 1 to 4 (and not exempt), or that a source already marked suppressed."""
    count = effective_count(values, catalogue)
    small = count.between(SMALL_MIN, SMALL_MAX) & ~values["indicator_id"].isin(exempt_indicators(catalogue))
    return small | values["suppressed"].astype(bool)


def relations(
    ward_to_neighbourhood: pd.DataFrame,
    lsoa_to_ward: pd.DataFrame | None = None,
    lsoa_to_msoa: pd.DataFrame | None = None,
    gm_boroughs: Sequence[str] = config.GM_BOROUGH_CODES,
) -> list[Relation]:
    """Every additive relation among the store's areas.

    Parameters
    ----------
    ward_to_neighbourhood
        Columns vintage, ward_code, neighbourhood (``data/ward_neighbourhoods.csv``).
    lsoa_to_ward
        Columns lsoa_code, lsoa_vintage, ward_code, ward_vintage (best-fit; treated as exact).
    lsoa_to_msoa
        Columns lsoa_code, msoa_code, vintage (the ONS nesting).
    gm_boroughs
        The ten Greater Manchester borough codes, whose counts add up to the region's.
    """
    out: list[Relation] = []
    wards = ward_to_neighbourhood.astype({"vintage": str})
    borough: Cell = (config.TRAFFORD_CODE, "")
    for vintage, frame in wards.groupby("vintage"):
        v = str(vintage)
        nbh_cells = []
        for name, members in frame.groupby("neighbourhood"):
            parent = (config.neighbourhood_code(str(name)), v)
            nbh_cells.append(parent)
            children = tuple((str(code), v) for code in sorted(members["ward_code"]))
            out.append(Relation(f"neighbourhood {name} ({v} wards)", parent, children))
        out.append(Relation(f"Trafford from neighbourhoods ({v} wards)", borough, tuple(sorted(nbh_cells))))
    if lsoa_to_ward is not None and not lsoa_to_ward.empty:
        frame = lsoa_to_ward.astype({"lsoa_vintage": str, "ward_vintage": str})
        for (ward, ward_vintage, lsoa_vintage), members in frame.groupby(
            ["ward_code", "ward_vintage", "lsoa_vintage"]
        ):
            children = tuple((str(code), str(lsoa_vintage)) for code in sorted(members["lsoa_code"]))
            name = f"ward {ward} from {lsoa_vintage} LSOAs"
            out.append(Relation(name, (str(ward), str(ward_vintage)), children))
        for group, members in frame.groupby("lsoa_vintage"):
            lsoas = str(group)
            children = tuple((str(code), lsoas) for code in sorted(set(members["lsoa_code"])))
            out.append(Relation(f"Trafford from {lsoas} LSOAs", borough, children))
    if lsoa_to_msoa is not None and not lsoa_to_msoa.empty:
        frame = lsoa_to_msoa.astype({"vintage": str})
        for (msoa, msoa_vintage), members in frame.groupby(["msoa_code", "vintage"]):
            children = tuple((str(code), str(msoa_vintage)) for code in sorted(members["lsoa_code"]))
            out.append(Relation(f"MSOA {msoa} ({msoa_vintage})", (str(msoa), str(msoa_vintage)), children))
        for group, members in frame.groupby("vintage"):
            msoas = str(group)
            children = tuple((str(code), msoas) for code in sorted(set(members["msoa_code"])))
            out.append(Relation(f"Trafford from {msoas} MSOAs", borough, children))
    if gm_boroughs:
        children = tuple((code, "") for code in gm_boroughs)
        out.append(Relation("Greater Manchester from its boroughs", (config.GM_CODE, ""), children))
    return out


def cell_of(values: pd.DataFrame) -> pd.Series:
    """Each row's cell: its area code and vintage (none for borough and above)."""
    vintage = values["vintage"].astype(str).where(~values["level"].isin(UNVINTAGED_LEVELS), "")
    return pd.Series(list(zip(values["area_code"].astype(str), vintage, strict=True)), index=values.index)


def _candidates(state: _Slice, relation: Relation) -> list[Cell]:
    """Shown figures to suppress next in ``relation``: its smallest non-zero part, then a zero part, and
    only when no part is left its total (withholding more small areas is preferred to withholding a
    neighbourhood's or Trafford's total)."""
    parts = [c for c in relation.children if state.known(c)]
    nonzero = sorted((c for c in parts if state.count(c) > 0), key=lambda c: (state.count(c), c))
    zeros = sorted(c for c in parts if state.count(c) == 0)
    total = [relation.parent] if state.known(relation.parent) else []
    return [*nonzero, *zeros, *total]


def _protecting(state: _Slice, cell: Cell, rels: Sequence[Relation]) -> Cell | None:
    """The figure to withhold next so that ``cell`` can no longer be worked out: a part of one of its
    relations where any has a shown part, else a total."""
    firsts = [(r, _candidates(state, r)) for r in rels if cell in (r.parent, *r.children)]
    options = [(r, found[0]) for r, found in firsts if found]
    parts = [choice for r, choice in options if choice != r.parent]
    return next(iter(parts), options[0][1] if options else None)


def applicable(rels: Sequence[Relation], counts: Mapping[Cell, float]) -> list[Relation]:
    """The relations that hold for a slice: those with a figure for at least one of their parts.

    A nesting whose parts have no figure at all for an indicator (small areas it is not published
    for) is not how its figures were built, and is left out for it.
    """
    return [relation for relation in rels if any(child in counts for child in relation.children)]


def _needs_protection(state: _Slice, relation: Relation) -> bool:
    members = (relation.parent, *relation.children)
    unknown = [c for c in members if not state.known(c)]
    hidden = [c for c in unknown if c in state.suppressed]
    if not hidden:
        return False
    if len(unknown) == 1:
        return True
    if state.known(relation.parent) and all(c in state.suppressed for c in unknown):
        residual = state.count(relation.parent) - sum(
            state.count(c) for c in relation.children if state.known(c)
        )
        return bool(np.isclose(residual, len(unknown)) or np.isclose(residual, SMALL_MAX * len(unknown)))
    return False


def exposed(state: _Slice, rels: Sequence[Relation]) -> set[Cell]:
    """Suppressed cells that some combination of the relations determines exactly.

    Unknown figures (suppressed, missing or absent) are the variables; each relation is one linear
    equation (see :mod:`trafford_dash.pipeline.disclosure_algebra`).
    """
    rels = applicable(rels, state.counts)
    cells = {cell for relation in rels for cell in (relation.parent, *relation.children)}
    hidden = sorted(cell for cell in cells if cell in state.suppressed)
    if not hidden:
        return set()
    free = frozenset(cell for cell in cells if cell not in state.suppressed and not state.known(cell))
    return disclosure_algebra.determined(rels, free, hidden)


def protect(counts: Mapping[Cell, float], suppressed: Iterable[Cell], rels: Sequence[Relation]) -> set[Cell]:
    """The cells to suppress in one slice: the primary ones plus enough secondary ones.

    Parameters
    ----------
    counts
        Every cell's count in the slice (missing counts as NaN).
    suppressed
        The primary suppressed cells.
    rels
        The additive relations (see :func:`relations`).
    """
    state = _Slice(dict(counts), set(suppressed))
    if not state.suppressed:
        return set()
    rels = applicable(rels, state.counts)
    while True:
        before = len(state.suppressed)
        for relation in rels:
            if _needs_protection(state, relation):
                options = _candidates(state, relation)
                if options:
                    state.suppressed.add(options[0])
        if len(state.suppressed) > before:
            continue
        for cell in sorted(exposed(state, rels)):
            # Protect one exposed figure at a time, then check again: one addition often covers several.
            choice = _protecting(state, cell, rels)
            if choice is not None:
                state.suppressed.add(choice)
                break
        if len(state.suppressed) == before:
            # Nothing left to protect, or nothing left that could be suppressed.
            break
    return state.suppressed


def apply(
    values: pd.DataFrame, catalogue: pd.DataFrame, rels: Sequence[Relation]
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Apply primary and secondary suppression to the values store.

    Returns the suppressed copy and counts of primary and secondary rows suppressed.
    """
    out = values.copy()
    first = primary(out, catalogue)
    if not first.any():
        return out, {"primary": 0, "secondary": 0}
    count = effective_count(out, catalogue)
    wanted = out.loc[first, SLICE].drop_duplicates()
    in_play = out.merge(wanted, on=SLICE, how="left", indicator=True)["_merge"].eq("both").to_numpy()
    cells = cell_of(out[in_play])
    final = first.copy()
    for _, rows in out[in_play].groupby(SLICE, sort=False):
        slice_cells = cells.loc[rows.index]
        slice_counts: dict[Cell, float] = {}
        for cell, number in zip(slice_cells, count.loc[rows.index], strict=True):
            if cell not in slice_counts or np.isnan(slice_counts[cell]):
                slice_counts[cell] = float(number)
        hidden = protect(slice_counts, set(slice_cells[first.loc[rows.index]]), rels)
        final.loc[rows.index] = slice_cells.isin(hidden).to_numpy() | first.loc[rows.index].to_numpy()
    out = mask(out.assign(suppressed=final))
    note = out["value_note"].astype(str)
    fresh = final & ~note.str.startswith(NOTE)
    out.loc[fresh, "value_note"] = (NOTE + " " + note[fresh]).str.strip()
    return out, {"primary": int(first.sum()), "secondary": int((final & ~first).sum())}


def mask(frame: pd.DataFrame) -> pd.DataFrame:
    """Clear every number on suppressed rows (a guard for exports and screens; the store is already clear)."""
    if "suppressed" not in frame or not frame["suppressed"].astype(bool).any():
        return frame
    out = frame.copy()
    hidden = out["suppressed"].astype(bool)
    for column in CLEARED_COLUMNS:
        if column in out:
            out[column] = out[column].astype(float).where(~hidden, np.nan)
    if "significance_england" in out:
        out["significance_england"] = out["significance_england"].astype(object).where(~hidden, None)
    return out


def display(value: str, suppressed: object) -> str:
    """The text to show for a figure: ``"suppressed"`` for a suppressed row, else ``value``."""
    return SUPPRESSED_LABEL if bool(suppressed) else value


def lsoa_msoa_nesting(lookup: pd.DataFrame, vintage: str) -> pd.DataFrame:
    """Trafford's LSOA → MSOA nesting from an ONS OA/LSOA/MSOA lookup of ``vintage`` (2011 or 2021)."""
    suffix = vintage[2:]
    lad = next(column for column in lookup.columns if column.startswith("lad") and column.endswith("cd"))
    rows = lookup[lookup[lad] == config.TRAFFORD_CODE]
    nesting = rows[[f"lsoa{suffix}cd", f"msoa{suffix}cd"]].drop_duplicates()
    nesting.columns = pd.Index(["lsoa_code", "msoa_code"])
    return nesting.assign(vintage=vintage).reset_index(drop=True)
