"""The static SVG choropleth: every area drawn, coloured by value, labelled, escaped, with a key."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from trafford_dash.core import svg_map

SQUARE = [[[0.0, 53.0], [0.1, 53.0], [0.1, 53.1], [0.0, 53.1], [0.0, 53.0]]]
GEO = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": "a",
            "properties": {},
            "geometry": {"type": "Polygon", "coordinates": SQUARE},
        },
        {
            "type": "Feature",
            "id": "b",
            "properties": {},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [
                    [[[x + 0.1, y] for x, y in SQUARE[0]]],
                    [[[x + 0.3, y] for x, y in SQUARE[0]]],
                ],
            },
        },
        {
            "type": "Feature",
            "id": "c",
            "properties": {},
            "geometry": {"type": "Polygon", "coordinates": SQUARE},
        },
    ],
}


def draw(**overrides: object) -> str:
    arguments: dict[str, object] = {
        "values": {"a": 10.0, "b": 30.0},
        "labels": {"a": "North", "b": "<South & co>", "c": "West"},
        "title": "Residents by area",
        "key_title": "Residents",
    }
    arguments.update(overrides)
    return svg_map.choropleth_svg(GEO, **arguments)  # type: ignore[arg-type]


def test_the_map_is_well_formed_and_labelled_as_one_image() -> None:
    root = ET.fromstring(draw())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "svgmap-title"
    assert "Residents by area" in draw()


def test_each_area_is_one_path_labelled_with_its_name_and_figure() -> None:
    svg = draw()
    assert svg.count("<path ") == 3
    assert re.search(r">North<tspan [^>]*>10</tspan></text>", svg)
    assert re.search(r">West<tspan [^>]*>no data</tspan></text>", svg)
    # The multipolygon is one path with two rings.
    paths = re.findall(r'<path d="([^"]+)"', svg)
    assert sum(path.count("M") for path in paths) == 4


def test_text_is_escaped_never_markup() -> None:
    svg = draw(labels={"a": "<script>alert(1)</script>"}, title='"><img src=x>')
    assert "<script>" not in svg and "<img" not in svg
    assert "&lt;script&gt;" in svg


def test_colour_follows_the_value_and_missing_is_grey_with_a_sentence() -> None:
    svg = draw()
    fills = dict(
        zip(
            ["a", "b", "c"],
            re.findall(r'fill="([^"]+)" stroke="#1b1b1b" stroke-width="1.5"', svg),
            strict=True,
        )
    )
    assert fills["a"] != fills["b"]
    assert fills["c"] == "#d9d9d9"


def test_the_key_states_the_range() -> None:
    svg = draw()
    assert '"#000000">10</text>' in svg and '"#000000">30</text>' in svg and ">Residents</text>" in svg
