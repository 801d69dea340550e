"""The command line against the built store: outputs and one-sentence errors."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

import numpy as np
import pandas as pd
import pytest

from trafford_dash import cli
from trafford_dash.store import catalogue, reader

pytestmark = pytest.mark.store


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli.main(list(argv))
        except SystemExit as exit_:  # argparse errors
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text))


@pytest.mark.parametrize(("vintage", "period"), [("2022", "2020-06-30"), ("2023", "2024-06-30")])
def test_population_by_neighbourhood_adds_up(built_store: None, vintage: str, period: str) -> None:
    code, out, _ = run(
        "export",
        "--indicator",
        "population",
        "--level",
        "neighbourhood",
        "--vintage",
        vintage,
        "--format",
        "csv",
    )
    assert code == 0
    rows = csv(out)
    assert len(rows) == 4 and set(rows["period"]) == {period}
    code, out, _ = run(
        "export", "--indicator", "population", "--level", "borough", "--period", period, "--format", "csv"
    )
    assert rows["value"].sum() == csv(out)["value"].iloc[0]


def test_bad_health_neighbourhoods_carry_wilson_intervals(built_store: None) -> None:
    code, out, _ = run("export", "--indicator", "bad_health", "--level", "neighbourhood", "--format", "csv")
    rows = csv(out)
    assert code == 0 and len(rows) == 4 and set(rows["period"].astype(str)) == {"2021"}
    assert (
        rows[["lower_ci_95", "upper_ci_95", "lower_ci_998", "upper_ci_998", "count", "denominator"]]
        .notna()
        .all()
        .all()
    )


def test_indicators_and_finance_list(built_store: None) -> None:
    code, out, _ = run("indicators", "--format", "csv")
    assert code == 0 and "smoking_adults" in set(csv(out)["indicator_id"])
    code, out, _ = run("finance", "--format", "csv")
    assert code == 0 and {"CCG", "Council"} <= set(csv(out)["body"])


def test_unknown_indicator_is_one_sentence(built_store: None) -> None:
    code, out, err = run("export", "--indicator", "nope", "--level", "ward")
    assert code == 1 and out == "" and err.count("\n") == 1 and "indicators" in err


def test_bad_level_is_refused() -> None:
    code, _, err = run("export", "--indicator", "population", "--level", "planet")
    assert code != 0 and "invalid choice" in err


def at_most(frame: pd.DataFrame, columns: list[str], places: int) -> bool:
    """True when every figure in ``columns`` has at most ``places`` decimal places."""
    figures = frame[columns].to_numpy(dtype=float).ravel()
    figures = figures[~np.isnan(figures)]
    return bool(np.allclose(np.round(figures, places), figures, rtol=0, atol=1e-9))


def test_export_rows_carry_provenance_like_the_apps_csv_files(built_store: None) -> None:
    code, out, _ = run("export", "--indicator", "smoking_adults", "--level", "borough", "--format", "csv")
    rows = csv(out)
    meta = catalogue.indicator("smoking_adults")
    assert code == 0 and not rows.empty
    for column in ("title", "unit", "source", "licence", "attribution"):
        assert set(rows[column]) == {meta[column]}, column


@pytest.mark.parametrize(
    ("indicator_id", "level", "places"),
    [
        ("bad_health", "neighbourhood", 1),
        ("imd_score", "neighbourhood", 3),
        ("alcohol_mortality", "borough", 1),
    ],
)
def test_export_figures_are_at_the_precision_published(
    built_store: None, indicator_id: str, level: str, places: int
) -> None:
    """Figures the dashboard works out (neighbourhood means, Wilson intervals) are rounded too."""
    decimals = reader.load_table("catalogue").set_index("indicator_id")["decimals"]
    assert decimals[indicator_id] == places
    code, out, _ = run("export", "--indicator", indicator_id, "--level", level, "--format", "csv")
    rows = csv(out)
    figures = [
        c for c in ("value", "lower_ci_95", "upper_ci_95", "lower_ci_998", "upper_ci_998") if c in rows
    ]
    assert code == 0 and at_most(rows, figures, places)
    if level == "neighbourhood":
        unrounded = reader.load_values(indicator_id=indicator_id, level=level)
        assert not at_most(unrounded, ["value"], places), "the store keeps full precision; exports round it"
