"""Attribution strings shown with figures, tables and downloads: licences, boundary notices and sources."""

from __future__ import annotations

OGL_LICENCE = "Open Government Licence v3.0"
"""The licence's name, as written in a download's ``licence`` column."""
OGL = f"Contains public sector information licensed under the {OGL_LICENCE}."
"""The licence notice under a page."""
BOUNDARIES = "Contains National Statistics and OS data © Crown copyright and database right 2025."
"""The boundary notice under every map and page footer."""
IOD_SOURCE = "English Indices of Deprivation 2019 (MHCLG) via Trafford Data Lab"
