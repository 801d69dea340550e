"""The list of URL parameters the link tests use is read from the code, whole."""

from __future__ import annotations

from tests.link_params import bound_params, every_module, page_params, view_variants
from trafford_dash.core import config


def test_every_bound_widget_key_is_read_from_the_code() -> None:
    found = bound_params(every_module())
    assert found.unresolved == [], "write these keys as literals or module constants"
    # keys held in constants, a dict of constants and a helper's parameter are all followed
    assert {"spend_body", "spend_interp", "spend_ccg_m", "spend_council_m", "cmp_ind", "cmp_x"} <= found.keys


def test_each_page_lists_the_parameters_of_the_modules_it_uses() -> None:
    pages = config.ROOT / "app_pages"
    assert page_params(pages / "overview.py") == []
    assert {"pil_view", "pillar", "ind"} <= set(page_params(pages / "pillars.py"))
    assert {"map_col", "map_ci", "map_pts", "map_base", "map_sex", "map_age"} <= set(
        page_params(pages / "map.py")
    )
    assert {"prof_all", "prof_band", "prof_dom", "prof_rank"} <= set(page_params(pages / "profile.py"))
    assert "cmp_peer" in page_params(pages / "compare.py")
    assert {"cmp_view": "Trends"} in view_variants(pages / "compare.py")
