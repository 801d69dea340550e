"""The one way to read the built store, the indicator catalogue and the authored reference data."""
