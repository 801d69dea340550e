"""Trafford population-health dashboard: data pipeline, statistics and page helpers."""

__version__ = "0.1.0"
