"""The indicator catalogue: valid, complete, and a broken file gets one clear sentence."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from trafford_dash.store import catalogue, schema


def test_catalogue_is_valid_and_well_described() -> None:
    frame = catalogue.load_catalogue()
    assert frame["indicator_id"].is_unique
    assert (frame["definition"].str.len() >= 30).all()
    assert frame["source"].str.len().gt(0).all()
    # Every attribution names its licence: the OGL, or (road casualties) the OS Free to Use Data sub-licence.
    assert frame["attribution"].str.contains("Open Government|OS Free to Use Data").all()
    pillars = {p for cell in frame["pillars"] for p in catalogue.split_list(cell)}
    assert pillars == set(schema.PILLARS), "every pillar should have at least one indicator"


def test_invalid_catalogue_gives_one_sentence(tmp_path: Path) -> None:
    frame = pd.read_csv(catalogue.CATALOGUE_CSV, dtype=str, keep_default_na=False)
    frame.loc[0, "polarity"] = "sideways"
    broken = tmp_path / "indicators.csv"
    frame.to_csv(broken, index=False)
    with pytest.raises(catalogue.CatalogueError) as error:
        catalogue.load_catalogue(broken)
    assert "\n" not in str(error.value) and "indicators.csv is invalid" in str(error.value)


def test_missing_catalogue(tmp_path: Path) -> None:
    with pytest.raises(catalogue.CatalogueError, match="missing"):
        catalogue.load_catalogue(tmp_path / "none.csv")
