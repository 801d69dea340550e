"""Secondary suppression withholds more wards rather than a total, and uses only the nestings that hold."""

from __future__ import annotations

import numpy as np
import pandas as pd

from trafford_dash.core import config
from trafford_dash.pipeline import disclosure_algebra, suppression
from trafford_dash.pipeline.suppression import Relation

WARDS = pd.DataFrame(
    {
        "vintage": "2022",
        "ward_code": ["W1", "W2", "W3", "W4", "W5", "W6"],
        "neighbourhood": ["North", "North", "North", "South", "South", "South"],
    }
)
NORTH = (config.neighbourhood_code("North"), "2022")
SOUTH = (config.neighbourhood_code("South"), "2022")
TRAFFORD = (config.TRAFFORD_CODE, "")


def _counts(wards: dict[str, float]) -> dict[tuple[str, str], float]:
    counts = {(code, "2022"): value for code, value in wards.items()}
    counts[NORTH] = sum(wards[w] for w in ("W1", "W2", "W3"))
    counts[SOUTH] = sum(wards[w] for w in ("W4", "W5", "W6"))
    counts[TRAFFORD] = counts[NORTH] + counts[SOUTH]
    return counts


def test_a_zero_ward_is_withheld_rather_than_a_neighbourhood_total_of_five_or_more() -> None:
    # North = 8 from wards 4, 4 and 0: with W3 shown as 0, the two hidden wards could only be fours.
    counts = _counts({"W1": 4, "W2": 4, "W3": 0, "W4": 10, "W5": 12, "W6": 9})
    primary = {("W1", "2022"), ("W2", "2022")}
    hidden = suppression.protect(counts, primary, suppression.relations(WARDS, gm_boroughs=()))
    assert ("W3", "2022") in hidden
    assert NORTH not in hidden and SOUTH not in hidden and TRAFFORD not in hidden
    assert hidden == primary | {("W3", "2022")}


def test_an_exposed_figure_is_protected_by_a_part_where_one_of_its_relations_has_one() -> None:
    # W1 is a part of both relations; only the second has a shown part to withhold.
    rels = [
        Relation("only a total", ("T1", ""), (("W1", ""), ("Z", ""))),
        Relation("with parts", ("T2", ""), (("W1", ""), ("P1", ""), ("P2", ""))),
    ]
    state = suppression._Slice(
        {
            ("T1", ""): 3.0,
            ("Z", ""): 0.0,
            ("T2", ""): 30.0,
            ("W1", ""): 3.0,
            ("P1", ""): 12.0,
            ("P2", ""): 15.0,
        },
        {("W1", ""), ("Z", "")},
    )
    assert suppression._protecting(state, ("W1", ""), rels) == ("P1", "")


def test_nestings_without_any_figure_for_their_parts_are_left_out() -> None:
    rels = [
        Relation("ward from LSOAs", ("W1", "2022"), (("L1", "2021"), ("L2", "2021"))),
        Relation("neighbourhood", NORTH, (("W1", "2022"), ("W2", "2022"))),
    ]
    counts = {("W1", "2022"): 3.0, ("W2", "2022"): 7.0, NORTH: 10.0}
    assert [r.name for r in suppression.applicable(rels, counts)] == ["neighbourhood"]


def test_figures_absent_from_a_slice_are_eliminated_without_changing_the_answer() -> None:
    # A = L1 + L2 and B = L1 + L2 (two wards on the same LSOAs): A - B = 0 pins B when A is shown.
    rels = [
        Relation("A", ("A", ""), (("L1", ""), ("L2", ""))),
        Relation("B", ("B", ""), (("L1", ""), ("L2", ""))),
        Relation("C", ("C", ""), (("L1", ""), ("L3", ""))),
    ]
    free = frozenset({("L1", ""), ("L2", ""), ("L3", "")})
    assert disclosure_algebra.determined(rels, free, [("B", "")]) == {("B", "")}
    assert disclosure_algebra.determined(rels, free, [("A", ""), ("B", "")]) == set()
    assert disclosure_algebra.determined(rels, free, [("C", "")]) == set()
    state = suppression._Slice(
        {("A", ""): 5.0, ("B", ""): 5.0, ("C", ""): 7.0, ("L1", ""): np.nan}, {("B", "")}
    )
    assert suppression.exposed(state, rels) == {("B", "")}
