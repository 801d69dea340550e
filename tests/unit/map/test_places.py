"""The map's place layers: Council sites narrowed by use and tenure, the table and the source lines."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from trafford_dash.core import services
from trafford_dash.map import places as map_places


def sample() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "service_type": ["council_land", "council_land", "council_land", "school"],
            "name": ["Park", "Depot", "<b>Hall</b>", "School"],
            "category": ["Parks, allotments and memorials", "Land (use not given)", "Schools", "Academy"],
            "tenure": ["Owner occupied", "Vacant", "Owner occupied", None],
            "address": [None, None, None, "1 Road"],
            "postcode": [None, None, None, "M1 1AA"],
            "ward_code": ["W1", "W2", "W1", "W2"],
            "ward_code_2022": ["V1", "V1", "V1", "V2"],
            "source_date": ["2025-09-12"] * 3 + ["2024-09-26"],
            "detail": [None] * 4,
            "list_size": [None] * 4,
            "lon": [-2.3] * 4,
            "lat": [53.4] * 4,
            "source_key": ["land"] * 3 + ["schools"],
        }
    )


def test_council_sites_are_narrowed_by_use_and_tenure_and_other_layers_are_not() -> None:
    chosen = map_places.land_filter(["Schools", "Parks, allotments and memorials"], ["Owner occupied"])
    shown = map_places.shown_places(sample(), ["council_land", "school"], chosen)
    assert list(shown["name"]) == ["Park", "<b>Hall</b>", "School"]
    assert len(map_places.shown_places(sample(), ["council_land"])) == 3
    assert map_places.shown_places(sample(), ["school"], chosen)["name"].tolist() == ["School"]


def test_table_uses_the_chosen_ward_boundaries_and_lines_name_source_and_date() -> None:
    shown = map_places.shown_places(sample(), ["council_land", "school"])
    table = map_places.places_table(shown, {"V1": "Old one", "V2": "Old two"}, "2022")
    assert list(table["layer"]) == ["Schools and colleges", *["Council land and buildings"] * 3]
    assert set(table["ward"]) == {"Old one", "Old two"}
    sources = pd.DataFrame({"key": ["land", "schools"], "licence": ["OGL-UK-3.0", "OGL-UK-3.0"]})
    lines = map_places.source_lines(shown, None, sources)
    assert lines[0] == "Schools and colleges (1): data 2024-09-26. Source: `schools` (OGL-UK-3.0)."
    assert lines[1].startswith("Council land and buildings (3): data 2025-09-12.")


def test_hover_shows_source_text_as_text_with_type_and_data_date() -> None:
    plain = services.service_traces(sample(), ["council_land"], go.Scattergeo)
    text = list(plain[1]["text"])
    assert "&lt;b&gt;Hall&lt;/b&gt;" in text[2] and "<b>Hall</b>" not in text[2]
    assert "Council site: Schools" in text[2]
    assert text[0].endswith("Data: 2025-09-12")
    assert plain[1]["marker"]["symbol"] == "diamond-wide"
    tiled = services.service_traces(sample(), ["council_land"], go.Scattermap)
    assert tiled[1]["marker"]["symbol"] is None, "tiled maps take icon names, so no shape is set there"
