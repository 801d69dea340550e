"""The synthetic store is a real store: built by the build, sealed, and read by the readers."""

from __future__ import annotations

from pathlib import Path

from tests import synthetic_store as synthetic
from trafford_dash.core import config
from trafford_dash.store import reader


def test_the_synthetic_store_is_read_in_place_of_the_repositorys(synthetic_store: Path) -> None:
    assert synthetic_store == config.PROCESSED_DIR
    assert config.DATA_DIR not in synthetic_store.parents
    state = reader.status()
    assert state.ready, state.message
    assert set(reader.load_table("catalogue")["indicator_id"]) == set(synthetic.INDICATORS)


def test_it_holds_one_indicator_of_each_kind(synthetic_store: Path) -> None:
    del synthetic_store
    proportion = reader.load_values(synthetic.PROPORTION, level="ward")
    assert len(proportion) == len(synthetic.WARDS)
    assert (proportion["lower_ci_95"] < proportion["value"]).all()
    assert (proportion["value"] < proportion["upper_ci_95"]).all()
    assert reader.load_values(synthetic.RATE, level="country")["value"].notna().all()
    label = reader.load_values(synthetic.LABEL_ONLY, level="borough")
    assert label["value"].isna().all() and (label["value_note"] == synthetic.PUBLISHED_LABEL).all()
    hidden = reader.load_values(synthetic.SUPPRESSED, level="ward")
    assert hidden["suppressed"].all() and hidden["value"].isna().all()
    assert set(reader.load_values(synthetic.WARD_ONLY)["level"]) == {"ward"}
