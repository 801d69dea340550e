"""Copies of the plan's reference tables with one deliberate mistake, for the tests of bad files."""

from __future__ import annotations

from pathlib import Path

from trafford_dash.store import plan


def edited_plan_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of ``data/plan/<name>.csv`` in ``tmp_path`` with the first ``old`` replaced by ``new``."""
    text = (plan.PLAN_DIR / f"{name}.csv").read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / f"{name}.csv"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target
