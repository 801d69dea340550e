"""The Neighbourhood profiles page: who lives there, their health, deprivation and services."""
