"""Loaders: each reads its registered source files and returns tidy values rows."""
