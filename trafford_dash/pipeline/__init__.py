"""The build: sources fetched and verified, loaders, geography, aggregation, suppression."""
