"""The areas a profile can show: the four neighbourhoods and their wards, on either ward vintage.

A profile is drawn on one ward vintage: ``"2022"`` (the pre-May-2023 wards the locality plan used) or
``"2023"`` (the May-2023 wards). The profile page's controls are a vintage, a neighbourhood and a ward
within it (or the whole neighbourhood); :func:`profile_link` turns an area code into those controls'
query parameters, which is how a click on the map opens a profile.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trafford_dash.core import config


@dataclass(frozen=True)
class ProfileArea:
    """One area that can be profiled: a neighbourhood or a ward on one ward vintage."""

    code: str
    name: str
    level: str
    vintage: str
    neighbourhood: str

    @property
    def is_neighbourhood(self) -> bool:
        return self.level == "neighbourhood"

    @property
    def description(self) -> str:
        """``"North neighbourhood"`` or ``"Clifford ward (North)"``."""
        if self.is_neighbourhood:
            return f"{self.name} neighbourhood"
        return f"{self.name} ward ({self.neighbourhood})"


WHOLE_NEIGHBOURHOOD = ""
VINTAGE_OPTIONS = {"2022": "Pre-2023 wards", "2023": "May-2023 wards"}
"""Ward vintage → the label shown in the vintage control (and so in the URL)."""


def ward_names(areas: pd.DataFrame, neighbourhood: str, vintage: str) -> dict[str, str]:
    """Ward code → name for the wards of a neighbourhood on a vintage, by name."""
    wards = wards_of(areas, neighbourhood, vintage)
    return dict(zip(wards["area_code"], wards["area_name"], strict=True))


def find_ward(areas: pd.DataFrame, name: str, vintage: str | None = None) -> pd.DataFrame:
    """Wards called ``name`` (any vintage unless given): ``area_code, area_name, vintage, neighbourhood``."""
    match = areas[(areas["level"] == "ward") & (areas["area_name"] == name)]
    if vintage is not None:
        match = match[match["vintage"] == vintage]
    return match[["area_code", "area_name", "vintage", "neighbourhood"]].reset_index(drop=True)


def resolve(areas: pd.DataFrame, neighbourhood: str, ward_code: str, vintage: str) -> ProfileArea:
    """The area profiled: the ward ``ward_code``, or the whole neighbourhood when it is empty.

    Raises ``KeyError`` when the neighbourhood or ward is not on that vintage.
    """
    if neighbourhood not in config.NEIGHBOURHOODS:
        raise KeyError(f"No neighbourhood called {neighbourhood!r}.")
    if ward_code == WHOLE_NEIGHBOURHOOD:
        return ProfileArea(
            code=config.neighbourhood_code(neighbourhood),
            name=neighbourhood,
            level="neighbourhood",
            vintage=vintage,
            neighbourhood=neighbourhood,
        )
    names = ward_names(areas, neighbourhood, vintage)
    if ward_code not in names:
        raise KeyError(f"No ward {ward_code!r} in {neighbourhood} on the {vintage} wards.")
    return ProfileArea(
        code=ward_code, name=names[ward_code], level="ward", vintage=vintage, neighbourhood=neighbourhood
    )


def profile_link(areas: pd.DataFrame, code: str, vintage: str) -> dict[str, str]:
    """Query parameters that open the profile of a neighbourhood or ward code on a vintage.

    Values are the labels the profile's controls show (that is how Streamlit stores bound widget
    values in the URL): ``{"prof_vin": "Pre-2023 wards", "prof_nbh": "North", "prof_ward": "Clifford"}``.
    """
    params = {"prof_vin": VINTAGE_OPTIONS[vintage]}
    for name in config.NEIGHBOURHOODS:
        if code == config.neighbourhood_code(name):
            return params | {"prof_nbh": name}
    match = areas[(areas["area_code"] == code) & (areas["level"] == "ward") & (areas["vintage"] == vintage)]
    if match.empty:
        raise KeyError(f"No neighbourhood or ward {code!r} on the {vintage} wards.")
    row = match.iloc[0]
    return params | {"prof_nbh": str(row["neighbourhood"]), "prof_ward": str(row["area_name"])}


def wards_of(areas: pd.DataFrame, neighbourhood: str, vintage: str) -> pd.DataFrame:
    """The wards (``area_code``, ``area_name``) of a neighbourhood on a vintage, by name."""
    wards = areas[
        (areas["level"] == "ward") & (areas["vintage"] == vintage) & (areas["neighbourhood"] == neighbourhood)
    ]
    return wards[["area_code", "area_name"]].sort_values("area_name").reset_index(drop=True)
