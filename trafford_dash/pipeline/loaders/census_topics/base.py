"""What describes one Census 2021 table: its files, geographies, categories and indicators."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

REPOSITORY = "open_data:census2021"
HEALTH_FOLDER = "health_disability_unpaid_care"

WHO_LIVES_HERE = "Who lives here"
HOW_THEY_LIVE = "How they live"
WHAT_THEY_DO = "What they do"
CARE_AND_HEALTH = "Care and health"
GROUPS = (WHO_LIVES_HERE, HOW_THEY_LIVE, WHAT_THEY_DO, CARE_AND_HEALTH)


@dataclass(frozen=True)
class Geography:
    """How one small-area file maps to the values store."""

    suffix: str
    level: str
    vintage: str
    code_prefix: str


WARD = Geography("ward_trafford", "ward", "2022", "E05")
LSOA = Geography("lsoa_trafford", "lsoa", "2021", "E01")
MSOA = Geography("msoa_trafford", "msoa", "2021", "E02")
SMALL_AREAS = (WARD, LSOA, MSOA)


@dataclass(frozen=True)
class Topic:
    """One census table: its category column, every category, and the indicators built from it.

    ``categories`` must be the complete set in the count files. The denominator (the table's
    universe) is the sum of every category except ``subtotals``: rows some files add that are sums
    of other categories. ``standardised_*`` describe the borough file of age-standardised
    percentages, if any. ``table`` is the ONS table id, ``title`` and ``group`` name the table's
    composition chart and where the profile groups it, ``universe`` who the table counts.
    """

    stem: str
    category_column: str
    categories: tuple[str, ...]
    indicators: Mapping[str, tuple[str, ...]]
    base_note: str = ""
    standardised_categories: tuple[str, ...] = ()
    standardised_indicators: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    folder: str = HEALTH_FOLDER
    geographies: tuple[Geography, ...] = SMALL_AREAS
    subtotals: tuple[str, ...] = ()
    table: str = ""
    title: str = ""
    group: str = ""
    universe: str = "usual residents"

    @property
    def parts(self) -> tuple[str, ...]:
        """The mutually exclusive categories, whose sum is the universe."""
        return tuple(c for c in self.categories if c not in self.subtotals)

    def key(self, suffix: str) -> str:
        """The registry key of this table's file for one geography suffix."""
        return f"{REPOSITORY}/{self.folder}/2021_{self.stem}_{suffix}.csv"


def source_key(stem: str, suffix: str, folder: str = HEALTH_FOLDER) -> str:
    """The registry key of one census file: a topic's table for one geography."""
    return f"{REPOSITORY}/{folder}/2021_{stem}_{suffix}.csv"


def topic_keys(topic: Topic) -> list[str]:
    """Every file a topic is loaded from."""
    keys = [topic.key(geography.suffix) for geography in topic.geographies]
    keys.append(topic.key("la_gm"))
    if topic.standardised_indicators:
        keys.append(topic.key("age_standardised_la_gm"))
    return keys
