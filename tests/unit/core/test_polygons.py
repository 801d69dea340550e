"""Label points and ring centroids for map labels."""

from __future__ import annotations

import pytest

from trafford_dash.core import choropleth, polygons

SMALL = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]
LARGE = [[10.0, 0.0], [14.0, 0.0], [14.0, 2.0], [10.0, 2.0], [10.0, 0.0]]


def test_ring_centroid_and_area_of_a_square() -> None:
    assert polygons.ring_centroid(SMALL) == pytest.approx((0.5, 0.5, 1.0))


def test_a_degenerate_ring_falls_back_to_its_mean_point() -> None:
    line = [[0.0, 0.0], [2.0, 0.0], [0.0, 0.0]]
    x, y, area = polygons.ring_centroid(line)
    assert area == 0.0 and (x, y) == pytest.approx((2 / 3, 0.0))


def test_a_multipolygon_is_labelled_at_its_largest_part() -> None:
    geometry = {"type": "MultiPolygon", "coordinates": [[SMALL], [LARGE]]}
    assert polygons.label_point(geometry) == pytest.approx((12.0, 1.0))
    assert len(polygons.rings(geometry)) == 2


def test_map_label_points_use_the_same_rule() -> None:
    geojson = {
        "features": [
            {
                "id": "x",
                "properties": {"area_name": "X"},
                "geometry": {"type": "MultiPolygon", "coordinates": [[SMALL], [LARGE]]},
            }
        ]
    }
    points = choropleth.label_points(geojson)
    assert points.iloc[0][["lon", "lat"]].tolist() == pytest.approx([12.0, 1.0])
    assert points.iloc[0]["area_code"] == "x" and points.iloc[0]["area_name"] == "X"
