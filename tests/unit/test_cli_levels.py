"""The command line's export at every level the store holds, the indicator listing, and one-sentence
refusals of bad arguments."""

from __future__ import annotations

import pytest

from tests.unit.test_cli import csv, run
from trafford_dash import cli
from trafford_dash.core import config
from trafford_dash.store import reader


def test_export_accepts_every_level_of_the_store() -> None:
    assert set(cli.EXPORT_LEVELS) == set(config.LEVELS)


@pytest.mark.store
@pytest.mark.parametrize(
    ("indicator", "level", "codes", "table"),
    [
        ("census_no_qualifications", "region", {config.GM_CODE}, "TS067"),
        ("census_owned", "local_authority", set(config.GM_BOROUGH_CODES) - {config.TRAFFORD_CODE}, "TS054"),
        ("census_veterans", "msoa", None, "TS071"),
    ],
)
def test_gm_and_the_boroughs_export_with_their_counts(
    built_store: None, indicator: str, level: str, codes: set[str] | None, table: str
) -> None:
    code, out, err = run("export", "--indicator", indicator, "--level", level, "--format", "csv")
    assert code == 0, err
    rows = csv(out)
    stored = reader.load_values(indicator_id=indicator, level=level)
    assert len(rows) == len(stored) > 0
    if codes is not None:
        assert set(rows["area_code"]) == codes
    assert (rows["value"] - rows["count"] / rows["denominator"] * 100).abs().max() < 0.051
    assert rows["source"].str.startswith(f"ONS Census 2021 ({table} ").all()


@pytest.mark.store
def test_a_level_without_figures_is_one_sentence(built_store: None) -> None:
    code, out, err = run("export", "--indicator", "census_lgb_plus", "--level", "ward")
    assert code == 1 and out == "" and err.count("\n") == 1 and "no values at ward level" in err


def test_indicators_lists_title_unit_definition_period_and_source() -> None:
    code, out, err = run("indicators", "--format", "csv")
    assert code == 0, err
    listed = csv(out)
    assert list(listed.columns) == cli.LISTED_COLUMNS
    row = listed.set_index("indicator_id").loc["census_cannot_speak_english_well"]
    assert row["title"] == "Residents who cannot speak English well or at all"
    assert "TS029" in row["definition"] and "aged 3 and over" in row["definition"]
    assert str(row["period"]) == "2021" and row["unit"] == "%"
    assert isinstance(row["source"], str) and row["source"].startswith("ONS Census 2021")


@pytest.mark.parametrize(
    "argv",
    [
        ("export", "--indicator", "population", "--level", "planet"),
        ("export", "--level", "ward"),
        ("frobnicate",),
        ("export", "--indicator", "population", "--level", "ward", "--format", "xml"),
        (),
    ],
)
def test_bad_arguments_are_one_sentence(argv: tuple[str, ...]) -> None:
    code, out, err = run(*argv)
    lines = err.strip().splitlines()
    assert code == 1 and out == "" and len(lines) == 1, err
    assert lines[0].endswith("for the options.") and "usage:" not in err
