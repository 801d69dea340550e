"""The privacy rule for the Council's payments: organisations by name, individuals never."""

from __future__ import annotations

import pandas as pd
import pytest

from trafford_dash.pipeline import payment_privacy as privacy

SHOWN = [
    "Kier Construction Ltd",
    "Maria Mallaband 16 Ltd",
    "VOYAGE LTD",
    "E.ON UK Plc",
    "Future Directions CIC",
    "Manchester University NHS FT",
    "Salford City Council",
    "Greater Manchester Combined Authori",  # cut short in the source
    "TEACHERS PENSIONS",
    "HMRC CUMBERNAULD",
    "The Together Trust",
    "Xaverian College",
    "University of Birmingham",
    "Lime Tree Primary Academy",
    "St Albans Church",
    "Trafford Athletic Club",
    "Kids Planet Day Nurseries",
    "Park Retail Limited T/A Love2shop",
    "Hind Care Ltd T/A Brookfield",
    "Avern Cleaning Supplies Internet Lt",  # "Ltd" cut short
    "Hawthorns School/New Bridge Trust",
    "Assoc for Education Welfare Man",
    "Homecare4u Ltd/Cera Care",
]
# Invented names in the shapes found in the published payments (no real person is named here).
HIDDEN = [
    "Jane Example",
    "Oliver Sample",
    "J EXAMPLE",
    "Sam Taylor T/A Meadow Pottery Works",
    "Alex Green T/A AG Social Care",
    "PRIYA EXAMPLE T/A EXAMPLE TRADING LTD",  # a person trading as a company: the person comes first
    "Chris Jones - CJ Social Work Ltd",
    "Dr A Sample T/A A Sample Ltd",
    "Dr Lee Hill Lane Medical Centre",
    "Mrs J Smith",
    "Amberwood Travel",  # a trade word alone could be a sole trader's
    "Music Stuff",
    "Vince Example T/A Example Productions",  # "inc" inside a word is not a suffix
    "Grace Precious Example",  # nor is "cio"
    "Sam Lewis/Example House Chambers",  # a barrister, paid through chambers
    "Jo Anderson C/O 1 Example Chambers",
    "Ria Sample – Example Chambers",
    "Amy ClarkeHelen Example Assoc",
]


@pytest.mark.parametrize("name", SHOWN)
def test_organisations_are_shown_by_name(name: str) -> None:
    assert privacy.displayed_supplier(name) == name


@pytest.mark.parametrize("name", HIDDEN)
def test_individuals_and_unrecognised_names_are_other_suppliers(name: str) -> None:
    assert privacy.displayed_supplier(name) == privacy.OTHER_SUPPLIERS


def test_redacted_stays_one_line_and_spacing_is_tidied() -> None:
    assert privacy.displayed_supplier("Redacted") == privacy.REDACTED
    assert privacy.displayed_supplier(" REDACTED ") == privacy.REDACTED
    assert privacy.displayed_supplier("Kier   Construction  Ltd ") == "Kier Construction Ltd"
    assert privacy.displayed_supplier("") == privacy.OTHER_SUPPLIERS


def test_suppliers_are_mapped_for_a_whole_column() -> None:
    names = pd.Series(
        ["Jane Example", "Salford City Council", "Jane Example", "Redacted"], index=[5, 6, 7, 8]
    )
    shown = privacy.displayed_suppliers(names)
    assert shown.tolist() == ["Other suppliers", "Salford City Council", "Other suppliers", "Redacted"]
    assert shown.index.tolist() == [5, 6, 7, 8]


def test_only_ledger_headings_shared_by_enough_suppliers_are_kept() -> None:
    common = [f"PRIVATE CONTRACTORS - note {n}" for n in range(privacy.HEADING_MIN_SUPPLIERS)]
    rare = ["CLIENT J EXAMPLE - Jane's care"] * 3
    purposes = pd.Series([*common, *rare, ""])
    suppliers = pd.Series(
        [f"Supplier {n}" for n in range(privacy.HEADING_MIN_SUPPLIERS)]
        + ["One Ltd", "Two Ltd", "Three Ltd", "X"]
    )
    kept = privacy.ledger_headings(purposes, suppliers)
    assert set(kept[: privacy.HEADING_MIN_SUPPLIERS]) == {"PRIVATE CONTRACTORS"}
    assert set(kept[privacy.HEADING_MIN_SUPPLIERS :]) == {""}  # three suppliers only, and the empty one
    assert not kept.str.contains("note|Jane|EXAMPLE", case=False).any()
