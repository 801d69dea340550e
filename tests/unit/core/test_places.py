"""The place layers' registry: every layer told apart by shape as well as colour."""

from __future__ import annotations

from trafford_dash.core import places

OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


def test_every_layer_has_its_own_marker_shape_and_a_colour_blind_safe_colour() -> None:
    symbols = [kind.symbol for kind in places.KINDS.values()]
    assert len(set(symbols)) == len(symbols)
    assert {kind.colour for kind in places.KINDS.values()} <= OKABE_ITO
    pairs = {(kind.colour, kind.symbol) for kind in places.KINDS.values()}
    assert len(pairs) == len(places.KINDS)


def test_layer_options_follow_the_groups_and_end_with_the_outline() -> None:
    options = places.layer_options()
    assert list(options)[-1] == places.AQMA
    groups = [places.KINDS[kind].group for kind in list(options)[:-1]]
    assert groups == sorted(groups, key=[k.group for k in places.KINDS.values()].index)
    assert places.point_kinds(["aqma", "school", "gp_practice"]) == ["gp_practice", "school"]
    assert "Council land and buildings: Council land and buildings." in places.groups_sentence()
