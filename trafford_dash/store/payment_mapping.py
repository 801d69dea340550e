"""The reviewed mapping of the Council's payments to the plan's Council spend categories and its pillars.

``data/payment_mapping.csv`` holds ordered rules, each with a rationale: a case-insensitive regular
expression on the service unit (``field = unit``) or, for a payment whose unit no rule matches, on
its procurement category (``field = category``). The first matching rule gives the plan category and
the pillar; a rule may give a pillar without a plan category (public health has no line among the
plan's Council categories), or neither: a deliberate "Not mapped" with its reason (capital schemes,
highways and waste). Whatever no rule matches is "Not mapped" too, and is shown with its total.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from trafford_dash.core import config
from trafford_dash.core.config import PILLARS

MAPPING_CSV = config.DATA_DIR / "payment_mapping.csv"
NOT_MAPPED = "Not mapped"
PLAN_CATEGORIES = (
    "Adult Client Costs",
    "Assistive Technology and Equipment",
    "Adult Social Care Staffing",
    "Education and Early Years",
    "Children's Safeguarding",
    "Children's Social Care Staffing",
    "Children's Placement Costs",
)
"""The Council's spend categories in the plan (LP2019 §7.7) that a payment can be mapped to."""


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


class MappingRules(pa.DataFrameModel):
    """``data/payment_mapping.csv``: one reviewed rule a row, applied in ``rule_id`` order."""

    rule_id: Series[int] = pa.Field(ge=1, unique=True)
    field: Series[str] = pa.Field(isin=["unit", "category"])
    pattern: Series[str] = pa.Field(str_length={"min_value": 1})
    plan_category: Series[str] = pa.Field(isin=["", *PLAN_CATEGORIES])
    pillar: Series[str] = pa.Field(isin=["", *PILLARS])
    rationale: Series[str] = pa.Field(str_length={"min_value": 20})

    @pa.check("pattern", error="is not a valid regular expression")
    def pattern_compiles(cls, column: Series[str]) -> pd.Series:
        return column.map(_compiles).astype(bool)

    @pa.dataframe_check(error="a rule with a plan category must give a pillar too")
    @classmethod
    def plan_category_has_a_pillar(cls, frame: pd.DataFrame) -> pd.Series[bool]:
        return (frame["plan_category"] == "") | (frame["pillar"] != "")

    class Config:
        strict = True
        coerce = True


def in_order(rules: pd.DataFrame) -> pd.DataFrame:
    """The rules in the order they are tried: unit rules first, each group in ``rule_id`` order."""
    order = rules["field"].map({"unit": 0, "category": 1})
    return rules.assign(_order=order).sort_values(["_order", "rule_id"]).drop(columns="_order")


def load_rules() -> pd.DataFrame:
    """The validated rules of ``data/payment_mapping.csv``, in the order they are tried."""
    rules = pd.read_csv(MAPPING_CSV, dtype=str, keep_default_na=False)
    return in_order(MappingRules.validate(rules))


def _first_match(rules: list[dict[Hashable, Any]], unit: str, category: str) -> tuple[str, str, int]:
    for rule in rules:
        text = unit if rule["field"] == "unit" else category
        if re.search(str(rule["pattern"]), text, flags=re.IGNORECASE):
            return (
                str(rule["plan_category"]) or NOT_MAPPED,
                str(rule["pillar"]) or NOT_MAPPED,
                int(rule["rule_id"]),
            )
    return (NOT_MAPPED, NOT_MAPPED, 0)


def map_payments(units: pd.Series, categories: pd.Series, rules: pd.DataFrame | None = None) -> pd.DataFrame:
    """Plan category, pillar and the rule that decided (0 for none) for each (unit, category) pair."""
    rules = load_rules() if rules is None else rules
    keys = units.astype(str) + "\x1f" + categories.astype(str)
    records = in_order(rules).to_dict("records")
    decided = {key: _first_match(records, *key.split("\x1f", 1)) for key in keys.unique()}
    return pd.DataFrame(
        {
            "plan_category": keys.map({key: plan for key, (plan, _, _) in decided.items()}),
            "pillar": keys.map({key: pillar for key, (_, pillar, _) in decided.items()}),
            "mapping_rule": keys.map({key: rule for key, (_, _, rule) in decided.items()}).astype("int64"),
        },
        index=units.index,
    )
