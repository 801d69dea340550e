"""The reviewed mapping of payments to the plan's Council categories and pillars: the file and the rules."""

from __future__ import annotations

import re

import pandas as pd
import pandera.errors
import pytest

from trafford_dash.core.config import PILLARS
from trafford_dash.store import payment_mapping as mapping


def test_every_rule_is_valid_and_explained() -> None:
    raw = pd.read_csv(mapping.MAPPING_CSV, dtype=str, keep_default_na=False)
    rules = mapping.load_rules()
    assert len(rules) == len(raw) > 0
    assert raw["rule_id"].is_unique
    assert (raw["rationale"].str.len() >= 20).all()
    assert raw["plan_category"].isin(["", *mapping.PLAN_CATEGORIES]).all()
    assert raw["pillar"].isin(["", *PILLARS]).all()
    assert (raw.loc[raw["pillar"] == "", "plan_category"] == "").all()  # a plan category implies its pillar
    for pattern in raw["pattern"]:
        re.compile(pattern)
    assert set(mapping.PLAN_CATEGORIES) >= set(raw["plan_category"]) - {""}


def test_the_plan_categories_are_the_plans_council_categories() -> None:
    splits = pd.read_csv(mapping.config.DATA_DIR / "plan" / "finance_splits.csv")
    published = splits[(splits["body"] == "Council") & (splits["label_status"] == "published")]
    assert set(published["category"]) == set(mapping.PLAN_CATEGORIES)


def test_a_rule_without_a_rationale_or_with_an_unknown_pillar_is_refused() -> None:
    rules = pd.read_csv(mapping.MAPPING_CSV, dtype=str, keep_default_na=False)
    for column, bad in [
        ("rationale", ""),
        ("pillar", "Happiness"),
        ("plan_category", "Roads"),
        ("pattern", "("),
    ]:
        broken = rules.copy()
        broken.loc[0, column] = bad
        with pytest.raises(pandera.errors.SchemaError):
            mapping.MappingRules.validate(broken)


def _rules(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            {"rule_id": str(n), "field": field, "pattern": pattern, "plan_category": plan, "pillar": pillar}
            | {"rationale": "A rationale long enough to pass."}
            for n, (field, pattern, plan, pillar) in enumerate(rows, start=1)
        ]
    )
    return mapping.MappingRules.validate(frame)


def test_unit_rules_come_before_category_rules_and_the_rest_is_not_mapped() -> None:
    rules = _rules(
        ("category", "^SOCIAL CARE", "Adult Client Costs", "Living Well at Home"),
        ("unit", "^CAMHS", "", "Mental Health"),
        ("unit", "^CAMHS", "Children's Safeguarding", "Children's Care"),
    )
    units = pd.Series(["CAMHS", "Other unit", "Other unit", "camhs north"], index=[10, 11, 12, 13])
    categories = pd.Series(
        ["SOCIAL CARE : Adult", "SOCIAL CARE : Adult", "Roads", "Roads"], index=units.index
    )
    mapped = mapping.map_payments(units, categories, rules.sort_values("rule_id"))
    assert mapped.index.tolist() == [10, 11, 12, 13]
    assert mapped["pillar"].tolist() == [
        "Mental Health",
        "Living Well at Home",
        "Not mapped",
        "Mental Health",
    ]
    assert mapped["plan_category"].tolist() == [
        "Not mapped",
        "Adult Client Costs",
        "Not mapped",
        "Not mapped",
    ]
    assert mapped["mapping_rule"].tolist() == [2, 1, 0, 2]
