"""The Map page: any indicator by area, with services, and click-through to profiles."""
