"""The Census 2021 tables the census loader reads: their files, categories and indicators, by theme."""

from __future__ import annotations

from trafford_dash.pipeline.loaders.census_topics.base import (
    GROUPS,
    LSOA,
    MSOA,
    SMALL_AREAS,
    WARD,
    Geography,
    Topic,
    source_key,
    topic_keys,
)
from trafford_dash.pipeline.loaders.census_topics.health import HEALTH_TOPICS
from trafford_dash.pipeline.loaders.census_topics.homes import HOME_TOPICS
from trafford_dash.pipeline.loaders.census_topics.people import PEOPLE_TOPICS
from trafford_dash.pipeline.loaders.census_topics.work import WORK_TOPICS

TOPICS: tuple[Topic, ...] = (*HEALTH_TOPICS, *PEOPLE_TOPICS, *HOME_TOPICS, *WORK_TOPICS)
SOURCE_KEYS: list[str] = [key for topic in TOPICS for key in topic_keys(topic)]

__all__ = [
    "GROUPS",
    "LSOA",
    "MSOA",
    "SMALL_AREAS",
    "SOURCE_KEYS",
    "TOPICS",
    "WARD",
    "Geography",
    "Topic",
    "source_key",
    "topic_keys",
]
