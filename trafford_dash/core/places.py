"""The places that serve people, as map layers: each kind's names, group, marker colour and shape.

Every kind of place has its own marker shape as well as its colour (Okabe–Ito colours), so layers
can be told apart without colour. The kinds are the ``service_type`` values of the store's
``services`` table; air quality management areas are areas, drawn as outlines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PlaceKind:
    """How one kind of place is named and drawn."""

    label: str
    singular: str
    group: str
    colour: str
    symbol: str
    size: float = 9.0


HEALTH = "Health and care"
LEARNING = "Children and learning"
COMMUNITY = "Community and support"
FOOD_AND_GAMBLING = "Food and gambling"
GREEN = "Green space"
ESTATE = "Council land and buildings"

KINDS: dict[str, PlaceKind] = {
    "gp_practice": PlaceKind("GP practices", "GP practice", HEALTH, "#000000", "circle"),
    "pharmacy": PlaceKind("Pharmacies", "Pharmacy", HEALTH, "#CC79A7", "cross", 8),
    "hospital": PlaceKind("Hospitals", "Hospital", HEALTH, "#009E73", "square", 13),
    "care_home": PlaceKind("Care homes", "Care home", HEALTH, "#F0E442", "diamond", 9),
    "dentist": PlaceKind("Dentists", "Dentist", HEALTH, "#0072B2", "x", 8),
    "school": PlaceKind("Schools and colleges", "School or college", LEARNING, "#E69F00", "pentagon"),
    "childrens_centre": PlaceKind("Children's centres", "Children's centre", LEARNING, "#56B4E9", "star", 12),
    "library": PlaceKind("Libraries", "Library", COMMUNITY, "#0072B2", "hexagon", 10),
    "leisure_centre": PlaceKind("Leisure centres", "Leisure centre", COMMUNITY, "#009E73", "star-square", 11),
    "community_hub": PlaceKind("Community hubs", "Community hub", COMMUNITY, "#D55E00", "hexagram", 11),
    "food_bank": PlaceKind(
        "Food banks and pantries", "Food bank or pantry", COMMUNITY, "#CC79A7", "bowtie", 11
    ),
    "jobcentre": PlaceKind("Jobcentres", "Jobcentre", COMMUNITY, "#000000", "hourglass", 11),
    "fire_station": PlaceKind("Fire stations", "Fire station", COMMUNITY, "#D55E00", "square-x", 11),
    "fast_food": PlaceKind(
        "Fast-food outlets", "Fast-food outlet", FOOD_AND_GAMBLING, "#E69F00", "triangle-up", 7
    ),
    "gambling": PlaceKind(
        "Gambling premises", "Gambling premises", FOOD_AND_GAMBLING, "#56B4E9", "triangle-down", 8
    ),
    "greenspace_access": PlaceKind(
        "Green space entrances", "Green space entrance", GREEN, "#009E73", "circle-dot", 6
    ),
    "council_land": PlaceKind(
        "Council land and buildings", "Council site", ESTATE, "#0072B2", "diamond-wide", 8
    ),
}
AQMA = "aqma"
AQMA_LABEL = "Air quality management area (outline)"
AQMA_STYLE = {"color": "#D55E00", "width": 2.2, "dash": "dash"}

LAND_USES = (
    "Schools",
    "Parks, allotments and memorials",
    "Leisure",
    "Offices and services",
    "Land (use not given)",
    "Buildings (use not given)",
)
LAND_TENURES = ("Owner occupied", "Leased out", "Leased in", "Vacant", "Other")


def layer_options() -> dict[str, str]:
    """Every map layer a reader can switch on, kind → label, in group order (the AQMA outline last)."""
    groups: dict[str, list[str]] = {}
    for kind, place in KINDS.items():
        groups.setdefault(place.group, []).append(kind)
    options = {kind: KINDS[kind].label for kinds in groups.values() for kind in kinds}
    options[AQMA] = AQMA_LABEL
    return options


def groups_sentence() -> str:
    """``"Health and care: GP practices, …; Children and learning: …"``, for the layer chooser's help."""
    groups: dict[str, list[str]] = {}
    for place in KINDS.values():
        groups.setdefault(place.group, []).append(place.label)
    return "; ".join(f"{group}: {', '.join(labels)}" for group, labels in groups.items()) + "."


def label(kind: str) -> str:
    """The plural name of a layer (the AQMA layer included)."""
    return AQMA_LABEL if kind == AQMA else KINDS[kind].label


def point_kinds(kinds: Iterable[str]) -> list[str]:
    """The chosen kinds drawn as points (everything but the AQMA outline), in registry order."""
    chosen = set(kinds)
    return [kind for kind in KINDS if kind in chosen]
