"""Serving the dashboard on several processes behind nginx (``make serve``), and its configuration."""
