"""A read-only open-data API on the dashboard's own server: catalogue, areas, values and provenance."""
