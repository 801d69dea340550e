"""The deprivation edition (IoD 2019 or 2025) is named wherever it is shown, and a switch is stated."""

from __future__ import annotations

from trafford_dash.core import areas as profile_areas
from trafford_dash.core import iod_edition
from trafford_dash.map import layers
from trafford_dash.profile import indicators as profiles
from trafford_dash.store import reader

IOD = {"source": "MHCLG English Indices of Deprivation 2019 and 2025 via Trafford Data Lab"}


def test_edition_is_read_from_the_source_and_period() -> None:
    assert iod_edition.edition(IOD, "2025") == "IoD 2025"
    assert iod_edition.edition(IOD, 2019) == "IoD 2019"
    assert iod_edition.edition({"source": "ONS Census 2021"}, "2021") is None
    assert iod_edition.long_name("IoD 2025") == "English Indices of Deprivation 2025"


def test_note_names_the_edition_shown_and_where_another_is_used() -> None:
    note = iod_edition.editions_note(
        "IoD 2025", {"LSOAs": "IoD 2019", "the plan's wards": "IoD 2019", "x": None}
    )
    assert note == (
        "Deprivation figures here are from the English Indices of Deprivation 2025. The IoD 2019 is used "
        "instead for LSOAs and the plan's wards."
    )
    assert iod_edition.editions_note("IoD 2019", {"LSOAs": "IoD 2019"}).endswith("Deprivation 2019.")
    assert iod_edition.editions_note(None, {"LSOAs": "IoD 2019"}) == ""


def test_map_and_profile_say_which_edition_and_when_it_changes(built_store: None) -> None:
    catalogue = reader.load_table("catalogue").set_index("indicator_id")
    meta = {str(k): v for k, v in catalogue.loc["imd_score"].items()}
    levels = {level: reader.load_values(indicator_id="imd_score", level=level) for level in ("ward", "lsoa")}
    note = layers.edition_note(meta, "ward", "2023", "2025", levels)
    assert note.startswith("Deprivation figures here are from the English Indices of Deprivation 2025.")
    assert "The IoD 2019 is used instead for the pre-May-2023 wards (the plan's) and LSOAs." in note
    census = {str(k): v for k, v in catalogue.loc["bad_health"].items()}
    assert layers.edition_note(census, "ward", "2023", "2021", levels) == ""

    areas = reader.load_table("areas")
    rows = reader.load_values(indicator_id=["imd_score", "bad_health"], level=list(profiles.PROFILE_LEVELS))
    area = profile_areas.resolve(areas, "North", "", "2023")
    table = profiles.profile_table(
        area, rows, reader.load_table("catalogue"), areas, ["imd_score", "bad_health"]
    )
    shown = profiles.display_table(table, "North").set_index("Indicator")["Period"]
    assert shown["Index of Multiple Deprivation score"] == "2025 (IoD 2025)"
    assert shown["Bad or very bad general health"] == "2021"
    indicators, deprivation = profiles.edition_notes(table)
    assert (
        "Indices of Deprivation 2025" in indicators
        and "IoD 2019 is used instead for the Deprivation tab" in indicators
    )
    assert "IoD 2025 is used instead for the deprivation scores in the Indicators tab" in deprivation
    old = profiles.profile_table(
        profile_areas.resolve(areas, "North", "", "2022"),
        rows,
        reader.load_table("catalogue"),
        areas,
        ["imd_score"],
    )
    assert (
        profiles.edition_notes(old)[1]
        == "Deprivation figures here are from the English Indices of Deprivation 2019."
    )
