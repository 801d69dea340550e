"""Benchmark scripts, run as modules from the project root: ``python -m benchmarks.pages``."""
