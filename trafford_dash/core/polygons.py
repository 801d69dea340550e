"""Plain-coordinate polygon helpers shared by the map figures: rings and label points."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np


def rings(geometry: Mapping[str, Any]) -> list[Sequence[Sequence[float]]]:
    """Every ring (outer and holes) of a GeoJSON Polygon or MultiPolygon."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def ring_centroid(coords: Sequence[Sequence[float]]) -> tuple[float, float, float]:
    """Centroid and absolute area of a closed ring (the mean of its points if it has no area)."""
    xs = np.asarray([c[0] for c in coords], dtype=float)
    ys = np.asarray([c[1] for c in coords], dtype=float)
    cross = xs[:-1] * ys[1:] - xs[1:] * ys[:-1]
    area = cross.sum() / 2
    if abs(area) < 1e-15:
        return float(xs.mean()), float(ys.mean()), 0.0
    cx = ((xs[:-1] + xs[1:]) * cross).sum() / (6 * area)
    cy = ((ys[:-1] + ys[1:]) * cross).sum() / (6 * area)
    return float(cx), float(cy), abs(float(area))


def label_point(geometry: Mapping[str, Any]) -> tuple[float, float]:
    """Where to put an area's label: the centroid of its largest outer ring."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    best = max((ring_centroid(polygon[0]) for polygon in polygons), key=lambda c: c[2])
    return best[0], best[1]
