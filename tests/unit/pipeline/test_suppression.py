"""Small-number suppression: the policy on tiny frames, attacks by subtraction, and the built store."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from trafford_dash import cli
from trafford_dash.core import config
from trafford_dash.pipeline import suppression
from trafford_dash.pipeline.geography.checks import read_ward_table
from trafford_dash.pipeline.suppression import Cell, Relation
from trafford_dash.pipeline.tidy import to_values
from trafford_dash.store import export, reader

CATALOGUE = pd.DataFrame(
    {
        "indicator_id": ["casualties", "bad_health", "population"],
        "value_type": ["count", "proportion", "count"],
        "source": ["Road casualty data", "Census 2021", "ONS mid-year population estimates (small area)"],
    }
)
WARDS = pd.DataFrame(
    {
        "vintage": "2022",
        "ward_code": ["W1", "W2", "W3", "W4", "W5", "W6"],
        "neighbourhood": ["North", "North", "North", "South", "South", "South"],
    }
)
NBH = {"North": "nbh_north", "South": "nbh_south"}


def _frame(
    counts: dict[str, float], indicator: str = "casualties", denominator: float | None = None
) -> pd.DataFrame:
    """Wards with the given counts, plus their neighbourhoods and Trafford as exact sums."""
    rows = []
    for ward in WARDS.itertuples():
        rows.append((ward.ward_code, ward.ward_code, "ward", "2022", counts[ward.ward_code]))
    for name, code in NBH.items():
        members = WARDS[WARDS["neighbourhood"] == name]["ward_code"]
        rows.append((code, name, "neighbourhood", "2022", sum(counts[w] for w in members)))
    rows.append((config.TRAFFORD_CODE, "Trafford", "borough", "", sum(counts.values())))
    frame = pd.DataFrame(rows, columns=["area_code", "area_name", "level", "vintage", "count"])
    frame["value"] = frame["count"]
    if denominator is not None:
        frame["denominator"] = denominator
        frame["value"] = frame["count"] / denominator * 100
        frame["lower_ci_95"] = frame["value"] * 0.5
        frame["upper_ci_95"] = frame["value"] * 1.5
        frame["significance_england"] = "Worse"
    return to_values(frame, indicator_id=indicator, period="2020", source_key="test")


def _apply(frame: pd.DataFrame) -> pd.DataFrame:
    out, _ = suppression.apply(frame, CATALOGUE, suppression.relations(WARDS))
    return out


def _subtraction_attack(out: pd.DataFrame, rels: Iterable[Relation]) -> list[str]:
    """Every figure an attacker gets by subtracting shown parts from a shown total (or adding parts)."""
    shown = {
        (row.area_code, "" if row.level == "borough" else row.vintage): row.count
        for row in out.itertuples()
        if not row.suppressed
    }
    recovered = []
    for relation in rels:
        members = (relation.parent, *relation.children)
        hidden = [cell for cell in members if cell not in shown]
        if len(hidden) == 1:
            recovered.append(f"{hidden[0]} from {relation.name}")
    return recovered


def test_a_small_ward_count_is_suppressed_with_a_complement() -> None:
    counts = {"W1": 3, "W2": 10, "W3": 20, "W4": 8, "W5": 9, "W6": 12}
    out = _apply(_frame(counts)).set_index("area_code")
    assert (
        out.loc["W1", "suppressed"] and np.isnan(out.loc["W1", "value"]) and np.isnan(out.loc["W1", "count"])
    )
    # North minus W2 and W3 would give W1 back, so the smallest other part goes too.
    assert out.loc["W2", "suppressed"]
    assert not out.loc["W3", "suppressed"] and out.loc["W3", "value"] == 20
    assert not out.loc["nbh_north", "suppressed"]
    assert out.loc["W1", "value_note"].startswith("Suppressed under the small-number policy")
    assert _subtraction_attack(out.reset_index(), suppression.relations(WARDS)) == []


def test_a_suppressed_neighbourhood_cannot_be_recovered_from_trafford() -> None:
    counts = {"W1": 1, "W2": 1, "W3": 2, "W4": 8, "W5": 9, "W6": 12}
    out = _apply(_frame(counts)).set_index("area_code")
    assert out.loc["nbh_north", "suppressed"]  # 4 in total: primary
    # Trafford minus South would give North back: something else is suppressed with it.
    assert out.loc[["nbh_south", config.TRAFFORD_CODE], "suppressed"].any()
    assert _subtraction_attack(out.reset_index(), suppression.relations(WARDS)) == []


def test_two_ones_are_not_left_to_be_guessed() -> None:
    # North = 22 and W3 = 20 shown would leave W1 + W2 = 2: both must be 1.
    counts = {"W1": 1, "W2": 1, "W3": 20, "W4": 8, "W5": 9, "W6": 12}
    out = _apply(_frame(counts)).set_index("area_code")
    assert out.loc[["W1", "W2"], "suppressed"].all()
    assert out.loc["W3", "suppressed"] or out.loc["nbh_north", "suppressed"]


def test_zero_is_published_and_exempt_population_is_untouched() -> None:
    counts = {"W1": 0, "W2": 10, "W3": 20, "W4": 8, "W5": 9, "W6": 12}
    out = _apply(_frame(counts))
    assert not out["suppressed"].any()
    small = {"W1": 2, "W2": 3, "W3": 20, "W4": 1, "W5": 9, "W6": 12}
    population = _apply(_frame(small, indicator="population"))
    assert not population["suppressed"].any()
    assert population["value"].notna().all()


def test_ons_census_2021_counts_are_exempt_and_census_2011_figures_are_not() -> None:
    catalogue = pd.DataFrame(
        {
            "indicator_id": ["census_sikh", "no_religion", "casualties"],
            "value_type": ["proportion", "proportion", "count"],
            "source": [
                "ONS Census 2021 (TS030 Religion) via Trafford Data Lab",
                "Census 2011 (ONS) via Trafford Data Lab ward profiles",
                "Road casualty data",
            ],
        }
    )
    assert suppression.exempt_indicators(catalogue) == {"census_sikh"}
    small = {"W1": 2, "W2": 3, "W3": 20, "W4": 1, "W5": 9, "W6": 12}
    frame = _frame(small, indicator="census_sikh", denominator=1000.0)
    out, counts = suppression.apply(frame, catalogue, suppression.relations(WARDS))
    assert counts == {"primary": 0, "secondary": 0} and out["value"].notna().all()


def test_a_rate_on_a_small_count_loses_its_value_intervals_and_label() -> None:
    counts = {"W1": 2, "W2": 50, "W3": 60, "W4": 80, "W5": 90, "W6": 120}
    out = _apply(_frame(counts, indicator="bad_health", denominator=1000.0)).set_index("area_code")
    row = out.loc["W1"]
    assert row["suppressed"]
    for column in ("value", "lower_ci_95", "upper_ci_95", "count"):
        assert np.isnan(row[column]), column
    assert row["significance_england"] is None
    assert row["denominator"] == 1000.0  # the base is not disclosive and stays
    schema_ok = suppression.mask(out.reset_index())
    assert schema_ok.loc[schema_ok["suppressed"], "value"].isna().all()


def test_borough_and_local_authority_rows_of_trafford_are_one_figure() -> None:
    frame = _frame({"W1": 3, "W2": 1, "W3": 1, "W4": 0, "W5": 0, "W6": 0})
    trafford = frame[frame["level"] == "borough"].assign(level="local_authority")
    out = _apply(pd.concat([frame, trafford], ignore_index=True))
    rows = out[out["area_code"] == config.TRAFFORD_CODE]
    assert rows["suppressed"].nunique() == 1


def test_lsoas_cannot_be_subtracted_from_their_ward() -> None:
    lsoa_to_ward = pd.DataFrame(
        {
            "lsoa_code": ["L1", "L2", "L3", "L4", "L5", "L6"],
            "lsoa_vintage": "2021",
            "ward_code": ["W1", "W1", "W1", "W2", "W2", "W2"],
            "ward_vintage": "2022",
        }
    )
    wards = WARDS[WARDS["ward_code"].isin(["W1", "W2"])]
    rels = suppression.relations(wards, lsoa_to_ward)
    lsoa = {"L1": 2, "L2": 30, "L3": 40, "L4": 25, "L5": 35, "L6": 45}
    rows = [(code, "lsoa", "2021", n) for code, n in lsoa.items()]
    rows += [
        ("W1", "ward", "2022", 72),
        ("W2", "ward", "2022", 105),
        ("nbh_north", "neighbourhood", "2022", 177),
    ]
    rows += [(config.TRAFFORD_CODE, "borough", "", 177)]
    frame = to_values(
        pd.DataFrame(rows, columns=["area_code", "level", "vintage", "count"]).assign(
            area_name=lambda f: f["area_code"], value=lambda f: f["count"]
        ),
        indicator_id="casualties",
        period="2020",
        source_key="test",
    )
    out, counts = suppression.apply(frame, CATALOGUE, rels)
    assert counts["primary"] == 1 and counts["secondary"] >= 1
    hidden = set(out.loc[out["suppressed"], "area_code"])
    assert "L1" in hidden and hidden & {"L2", "L3", "W1"}
    assert _subtraction_attack(out, rels) == []


def _lp_ranges(
    out: pd.DataFrame, truth: dict[Cell, float], rels: list[Relation]
) -> dict[Cell, tuple[float, float]]:
    """The tightest range an attacker can put on each suppressed figure by linear programming.

    The attacker knows every relation, every shown figure and that a suppressed figure is at least 1.
    """
    cells = sorted({c for r in rels for c in (r.parent, *r.children)})
    shown = {
        (row.area_code, "" if row.level == "borough" else row.vintage)
        for row in out.itertuples()
        if not row.suppressed
    }
    unknown = [c for c in cells if c not in shown]
    index = {c: i for i, c in enumerate(unknown)}
    a_eq, b_eq = [], []
    for relation in rels:
        row = np.zeros(len(unknown))
        rhs = 0.0
        for cell, sign in [(relation.parent, 1.0), *((c, -1.0) for c in relation.children)]:
            if cell in index:
                row[index[cell]] += sign
            else:
                rhs -= sign * truth[cell]
        a_eq.append(row)
        b_eq.append(rhs)
    ranges = {}
    for cell in unknown:
        objective = np.zeros(len(unknown))
        objective[index[cell]] = 1.0
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=[(1, None)] * len(unknown))
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=[(1, None)] * len(unknown))
        assert low.status == 0, low.message
        upper = np.inf if high.status == 3 else -high.fun
        ranges[cell] = (low.fun, upper)
    return ranges


@pytest.mark.parametrize("seed", range(20))
def test_linear_programming_attack_never_pins_a_suppressed_figure(seed: int) -> None:
    rng = np.random.default_rng(seed)
    # Small counts are common here on purpose: 0-6 with a few larger wards.
    values = rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 15], size=len(WARDS))
    counts = dict(zip(WARDS["ward_code"], values.astype(float), strict=True))
    out = _apply(_frame(counts))
    rels = suppression.relations(WARDS)
    truth: dict[Cell, float] = {
        (row.area_code, "" if row.level == "borough" else row.vintage): float(row.value)
        for row in _frame(counts).itertuples()
    }
    assert _subtraction_attack(out, rels) == []
    for cell, (low, high) in _lp_ranges(out, truth, rels).items():
        assert high - low >= 1 - 1e-9, f"seed {seed}: {cell} pinned to {low}..{high}"


def test_every_combination_of_one_small_ward_is_protected() -> None:
    for small_ward, small in itertools.product(WARDS["ward_code"], [1, 2, 3, 4]):
        counts = dict.fromkeys(WARDS["ward_code"], 7.0)
        counts[small_ward] = float(small)
        out = _apply(_frame(counts))
        assert _subtraction_attack(out, suppression.relations(WARDS)) == [], (small_ward, small)


def test_display_says_suppressed() -> None:
    assert suppression.display("12.0%", True) == "suppressed"
    assert suppression.display("12.0%", False) == "12.0%"


# --- the built store ---------------------------------------------------------------------------


@pytest.mark.store
def test_the_store_holds_no_small_counts_outside_the_exemption(built_store: None) -> None:
    values = reader.load_values()
    catalogue = reader.load_table("catalogue")
    count = suppression.effective_count(values, catalogue)
    exempt = values["indicator_id"].isin(suppression.exempt_indicators(catalogue))
    small = count.between(1, 4) & ~exempt
    assert not small.any(), values[small][["indicator_id", "area_code"]].head()
    hidden = values[values["suppressed"]]
    assert not hidden.empty
    assert hidden[list(suppression.CLEARED_COLUMNS)].isna().all().all()
    assert hidden["value_note"].str.startswith("Suppressed under the small-number policy").all()


@pytest.mark.store
def test_no_suppressed_figure_in_the_store_can_be_worked_out(built_store: None) -> None:
    values = reader.load_values()
    catalogue = reader.load_table("catalogue")
    rels = suppression.relations(read_ward_table(), reader.load_table("lsoa_to_ward"))
    hit = values[values["suppressed"]][suppression.SLICE].drop_duplicates()
    assert not hit.empty
    for key in hit.itertuples(index=False):
        rows = values[(values[suppression.SLICE] == pd.Series(key._asdict())).all(axis=1)]
        cells = suppression.cell_of(rows)
        state = suppression._Slice(
            dict(zip(cells, suppression.effective_count(rows, catalogue), strict=True)),
            set(cells[rows["suppressed"].to_numpy()]),
        )
        assert suppression.exposed(state, rels) == set(), key
        assert _subtraction_attack(rows, rels) == [], key


@pytest.mark.store
def test_exports_carry_the_flag_and_never_the_figure(
    built_store: None, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = export.select_rows("ksi_casualties", "ward")
    assert rows["suppressed"].any()
    assert rows.loc[rows["suppressed"], "value"].isna().all()
    assert cli.main(["export", "--indicator", "ksi_casualties", "--level", "ward", "--format", "csv"]) == 0
    printed = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert "suppressed" in printed.columns
    hidden = printed[printed["suppressed"]]
    assert not hidden.empty and hidden["value"].isna().all() and hidden["count"].isna().all()
    assert cli.main(["export", "--indicator", "ksi_casualties", "--level", "ward"]) == 0
    table = capsys.readouterr().out
    assert "suppressed" in table
