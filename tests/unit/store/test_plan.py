"""The plan's reference tables hold PLAN_FACTS.md's figures exactly, and bad rows fail in one sentence."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests import published
from tests.plan_edits import edited_plan_copy
from tests.unit.key_facts import key_fact
from trafford_dash.core import config
from trafford_dash.store import plan
from trafford_dash.store.schema import PILLARS


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    return plan.load_table("key_facts")


def _column(name: str, column: str) -> list[str]:
    return plan.load_table(name)[column].tolist()


@pytest.mark.parametrize("name", sorted(plan.TABLES))
def test_every_table_loads_and_cites_a_document(name: str) -> None:
    table = plan.load_table(name)
    assert len(table) > 0
    if name != "documents":
        assert table["source_key"].str.fullmatch(plan.CITATION.pattern).all()


def test_documents_are_the_cited_keys() -> None:
    assert _column("documents", "key") == list(plan.DOCUMENT_KEYS)


def test_six_pillars_in_the_plans_order() -> None:
    pillars = plan.load_table("pillars").sort_values("order")
    assert pillars["pillar"].tolist() == PILLARS
    assert pillars["order"].tolist() == [1, 2, 3, 4, 5, 6]
    assert PILLARS == published.PLAN_PILLARS
    work = pillars.set_index("pillar")["work_programme"].str.split(";")
    assert len(work["Prevention"]) == 8
    assert "Mental health liaison at 70% core-24 coverage by 2023/24" in work["Mental Health"]


def test_aspirations_principles_priorities() -> None:
    assert _column("aspirations", "aspiration") == [
        "Better lives for our most vulnerable people",
        "Better wellbeing for our population",
        "Better connections throughout our communities",
    ]
    assert _column("principles", "principle") == ["Population", "People", "Place", "Partnerships"]
    assert _column("priorities", "priority") == published.PLAN_PRIORITIES


def test_enablers_statements_and_ltp_measures() -> None:
    assert len(plan.load_table("enablers")) == 6
    statements = _column("i_statements", "statement")
    assert "I will live a long and healthy life" in statements and len(statements) == 5
    assert len(plan.load_table("ltp_measures")) == 5


def test_five_pcns_with_two_in_the_south() -> None:
    pcns = plan.load_table("pcns")
    assert len(pcns) == 5
    assert pcns.groupby("neighbourhood").size().to_dict() == {"Central": 1, "North": 1, "South": 2, "West": 1}
    south = set(pcns.loc[pcns["neighbourhood"] == "South", "pcn"])
    assert south == {"Altrincham Healthcare Alliance", "South Trafford"}
    assert pcns["note"].str.contains("30,000–50,000").all()
    assert pcns["note"].str.contains("August 2019").all()
    assert pcns["note"].str.contains("100% DES").all()


def test_neighbourhoods_match_config() -> None:
    hoods = plan.load_table("neighbourhoods")
    assert tuple(hoods["neighbourhood"]) == config.NEIGHBOURHOODS
    places = hoods.set_index("neighbourhood")["notable_places"]
    assert "Partington (Bucklow-St Martins ward)" in places["West"]
    assert "2016 place-based pilot area" in places["North"]


@pytest.mark.parametrize(
    ("fact_id", "expected"),
    [
        ("combined_resource", 459),
        ("estimated_expenditure", 512),
        ("pcns", 5),
        ("pcn_population_min", 30000),
        ("pcn_population_max", 50000),
        ("pcn_des_coverage", 100),
        ("tlco_launch", "2019-10-01"),
        ("tlco_services", 34),
        ("local_care_alliance", "2018-04"),
        ("vcse_organisations", 1300),
        ("vcse_volunteers", 24000),
        ("community_tablets", 419),
        ("covid_swabbed_people", 230),
        ("covid_swab_locations", 25),
        ("covid_care_home_staff_tested", 126),
        ("covid_home_care_uplift", 1),
        ("covid_residential_uplift", 50),
        ("covid_nursing_uplift", 60),
        ("covid_bed_rate_occupancy_threshold", 90),
        ("covid_infection_control_grant_share", 75),
        ("covid_ppe_items", 1_000_000),
        ("otr_agencies", 21),
        ("otr_staff", 181),
        ("otr_shifts", 6),
        ("otr_hours", 39),
        ("otr_staff_hours", 1178),
        ("otr_referrals", 13),
        ("otr_interventions", 11),
        ("otr_referral_age_min", 13),
        ("otr_referral_age_max", 78),
        ("otr_known_police", 80),
        ("otr_known_housing", 63),
        ("otr_known_childrens_social_care", 55),
        ("otr_known_adult_services", 45),
        ("typical_weekend_agencies", 16),
        ("typical_weekend_observers", 40),
        ("typical_weekend_shifts", 39),
        ("typical_weekend_questionnaires", 155),
        ("pupils_good_outstanding_schools", 95.1),
        ("nvq4_trafford", 49),
        ("nvq4_gm", 34),
        ("town_centre_vacancy", 11.1),
        ("domestic_waste_recycled", 60),
        ("trafford_pledge_businesses", 52),
        ("trafford_pledge_into_work", 961),
        ("partington_pledge_invested", 9540),
        ("partington_pledge_saved", 71341),
        ("pilot_population", 50000),
        ("pilot_wards", 4),
    ],
)
def test_key_fact_is_exactly_as_published(facts: pd.DataFrame, fact_id: str, expected: float | str) -> None:
    assert key_fact(fact_id, facts) == expected


def test_hedged_figures_keep_their_qualifier(facts: pd.DataFrame) -> None:
    qualifier = facts.set_index("fact_id")["qualifier"]
    assert qualifier["vcse_organisations"] == "at least"
    assert qualifier["vcse_volunteers"] == "over"
    assert qualifier["covid_ppe_items"] == "over"
    assert qualifier["partington_pledge_saved"] == "up to"
    assert qualifier["combined_resource"] == ""


def test_gaps_cover_the_named_measures() -> None:
    gaps = plan.load_table("planned_care_gaps").set_index("gap_id")
    for gap_id, pillar in [
        ("ae_four_hour", "Urgent Care"),
        ("waits_52_weeks", "Planned Care"),
        ("delayed_transfers_of_care", "Urgent Care"),
        ("long_length_of_stay", "Urgent Care"),
        ("iapt_access", "Mental Health"),
        ("mh_liaison_core24", "Mental Health"),
        ("perinatal_mh_access", "Mental Health"),
    ]:
        assert gaps.loc[gap_id, "pillar"] == pillar


def test_unknown_table_and_missing_file() -> None:
    with pytest.raises(ValueError, match="no plan table called 'finance'"):
        plan.load_table("finance")
    with pytest.raises(ValueError, match="was not found"):
        plan.load_table("pillars", Path("/nonexistent/pillars.csv"))
    with pytest.raises(ValueError, match="no key fact called 'nope'"):
        key_fact("nope", plan.load_table("key_facts"))


# Per plan table: a deliberate mistake (text replaced, replacement) and what the error must say.
BAD_ROWS: dict[str, list[tuple[str, str, str]]] = {
    "pillars": [
        ("Prevention,1,", "Prevention,2,", "row 1 (line 2) gives a pillar an order that differs"),
        ("Prevention,1,", "Prevention,x,", "row 1 (line 2): order is 'x', which is not a whole number."),
        ("Prevention,1,", "Prevention,,", "row 1 (line 2): order is empty."),
    ],
    "pcns": [("West Trafford,West", "West Trafford,East", "row 2 (line 3): neighbourhood is 'East'")],
    "key_facts": [
        (",459,", ",459m,", "row 1 (line 2): value is '459m', which does not have the expected form."),
        ("tlco_services,", "tlco_launch,", "row 14 (line 15): fact_id is 'tlco_launch', which repeats"),
    ],
    "neighbourhoods": [("nbh_west", "nbh_wset", "row 3 (line 4) has an area_code that is not")],
    "aspirations": [("order,aspiration", "order,aspirations", "has an unexpected column 'aspirations'")],
    "i_statements": [("healthy life,Prevention", "healthy life,Wellbeing", "row 2 (line 3): pillars is")],
    "planned_care_gaps": [(",Urgent Care,,", ",,,", "row 1 (line 2) names neither a pillar nor an enabler.")],
}


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [(name, *case) for name, cases in BAD_ROWS.items() for case in cases],
)
def test_a_bad_row_gives_one_sentence(tmp_path: Path, name: str, old: str, new: str, expected: str) -> None:
    bad = edited_plan_copy(tmp_path, name, old, new)
    with pytest.raises(ValueError) as caught:
        plan.load_table(name, bad)
    message = str(caught.value)
    assert message.startswith(str(bad))
    assert expected in message
    assert message.endswith(".") and "\n" not in message and ". " not in message
