"""Geography for the build: boundaries, lookups, checks and the map files."""
