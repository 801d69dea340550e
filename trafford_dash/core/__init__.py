"""Shared domain code: statistics, significance, trends, formatting, palettes, summaries, charts, maps."""
