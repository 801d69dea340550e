"""The Overview page: the locality plan on one screen."""
