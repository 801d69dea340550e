"""The landing page's facts are the plan's figures, worded with their qualifier, period and source."""

from __future__ import annotations

import pandas as pd

from trafford_dash.overview import facts as overview
from trafford_dash.pillars import exceptions
from trafford_dash.store import plan


def test_fact_values_are_formatted_with_units_and_qualifiers() -> None:
    assert overview.format_fact_value("459", "£m") == "£459m"
    assert overview.format_fact_value("1300", "organisations", "at least") == "at least 1,300"
    assert overview.format_fact_value("2019-10-01", "date") == "1 October 2019"
    assert overview.format_fact_value("2018-04", "date") == "April 2018"
    assert overview.format_fact_value("3.25", "%", "up to") == "up to 3.25%"
    assert overview.format_fact_value("1.1", "%") == "1.1%"
    assert overview.format_fact_value("100", "%") == "100%"


def test_headline_facts_are_the_plans_figures_with_sources() -> None:
    facts = overview.headline_facts(plan.load_table("key_facts"))
    by_id = {fact["fact_id"]: fact for fact in facts}
    assert [f["fact_id"] for f in facts] == list(overview.HEADLINE_FACTS)
    assert by_id["combined_resource"]["shown"] == "£459m"
    assert by_id["combined_resource"]["source_key"] == "LP2019 §7.7"
    assert by_id["pcns"]["shown"] == "5" and by_id["pcns"]["unit"] == "networks"
    assert by_id["vcse_volunteers"]["shown"] == "over 24,000"
    caption = overview.fact_caption(by_id["combined_resource"])
    assert caption.startswith("2019/20. ") and caption.endswith(
        "Source: Locality Plan 2019–2024 (LP2019 §7.7)."
    )


def test_cite_names_each_document() -> None:
    assert overview.cite("LP2019 §4.5; PSR2016") == (
        "Locality Plan 2019–2024 (LP2019 §4.5); Public service reform update, October 2016 (PSR2016)"
    )


def test_pillar_cards_count_indicators_gaps_and_exceptions() -> None:
    catalogue = pd.DataFrame(
        {"indicator_id": ["a", "b"], "pillars": ["Prevention;Urgent Care", "Urgent Care"]}
    )
    found = pd.DataFrame({"kind": [exceptions.WORSE_AND_WORSENING], "pillar": ["Urgent Care"]})
    cards = overview.pillar_cards(
        plan.load_table("pillars"), catalogue, plan.load_table("planned_care_gaps"), found
    ).set_index("pillar")
    assert list(cards.index) == plan.load_table("pillars").sort_values("order")["pillar"].tolist()
    assert cards.loc["Urgent Care", "n_indicators"] == 2 and cards.loc["Prevention", "n_indicators"] == 1
    assert cards.loc["Urgent Care", "n_worse"] == 1 and cards.loc["Prevention", "n_worse"] == 0
    assert cards.loc["Planned Care", "n_gaps"] == 3


def test_population_sentence_is_written_from_the_map_data() -> None:
    frame = pd.DataFrame({"area_name": ["North", "West", "South"], "value": [61147.0, 44673.0, 79780.0]})
    assert overview.population_sentence(frame, "2024-06-30") == (
        "In mid-2024, South had the most residents (79,780) and West the fewest (44,673), of 185,600 "
        "across the four neighbourhoods."
    )
