"""Which withheld figures a set of additive relations would still give away (for :mod:`suppression`).

Every relation says a total equals the sum of its parts. Shown figures are known; the rest are
unknowns. A withheld figure is given away when some combination of the relations pins it down: its
unit vector lies in the row space of the relations restricted to the unknowns.

Figures that no source publishes for the slice (absent, or without a count) are unknowns that can
never be revealed, and they are the same in every round of secondary suppression. They are
eliminated once: the combinations of relations in which they cancel (the left null space of their
columns) are the relations they imply among the other figures, and only those are checked each
round. The answer is exactly that of the full system, on far smaller matrices.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np
import numpy.typing as npt

Cell = tuple[str, str]  # (area_code, vintage)
RANK_TOLERANCE = 1e-9


class RelationLike(Protocol):
    @property
    def parent(self) -> Cell: ...

    @property
    def children(self) -> tuple[Cell, ...]: ...


def _rank(singular: npt.NDArray[np.float64]) -> int:
    return int((singular > RANK_TOLERANCE * max(1.0, singular.max(initial=0.0))).sum())


@lru_cache(maxsize=8)
def implied_relations(
    rels: tuple[RelationLike, ...], free: frozenset[Cell]
) -> tuple[npt.NDArray[np.float64], dict[Cell, int]]:
    """The relations among the cells outside ``free`` that ``rels`` imply, as rows of a matrix.

    Returns the matrix and each remaining cell's column.
    """
    cells = sorted({cell for relation in rels for cell in (relation.parent, *relation.children)})
    kept = [cell for cell in cells if cell not in free]
    dropped = [cell for cell in cells if cell in free]
    index = {cell: i for i, cell in enumerate(kept)}
    free_index = {cell: i for i, cell in enumerate(dropped)}
    matrix = np.zeros((len(rels), len(kept)))
    free_matrix = np.zeros((len(rels), len(dropped)))
    for row, relation in enumerate(rels):
        for cell, sign in ((relation.parent, 1.0), *((child, -1.0) for child in relation.children)):
            if cell in index:
                matrix[row, index[cell]] += sign
            else:
                free_matrix[row, free_index[cell]] += sign
    if not dropped:
        return matrix, index
    u, singular, _ = np.linalg.svd(free_matrix, full_matrices=True)
    cancelling = u[:, _rank(singular) :].T  # combinations of relations in which every free cell cancels
    return cancelling @ matrix, index


def determined(rels: Sequence[RelationLike], free: frozenset[Cell], hidden: Sequence[Cell]) -> set[Cell]:
    """The cells of ``hidden`` that the relations pin down, given every other non-free cell is known."""
    implied, index = implied_relations(tuple(rels), free)
    hidden = [cell for cell in hidden if cell in index]
    if not hidden or implied.shape[0] == 0:
        return set()
    sub = implied[:, [index[cell] for cell in hidden]]
    _, singular, vt = np.linalg.svd(sub, full_matrices=False)
    basis = vt[: _rank(singular)]
    weight = (basis**2).sum(axis=0)
    return {cell for cell, w in zip(hidden, weight, strict=True) if w > 1 - 1e-8}
