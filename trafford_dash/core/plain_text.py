"""Text from outside (the address bar, an uploaded file) made safe to quote inside Markdown or Plotly.

Backslash-escaping is not enough for Markdown: a bare URL or e-mail address still becomes a link.
Inside a code span nothing is interpreted (no emphasis, link, image, HTML, directive or formula), so a
quoted value is cut to a short single line and wrapped in one. Plotly labels read a few HTML tags, so
text for them has its tags escaped.
"""

from __future__ import annotations

import html
import re
import unicodedata

EXCERPT_CHARS = 60


def excerpt(text: object, limit: int = EXCERPT_CHARS) -> str:
    """``text`` on one line (control and format characters and runs of white space become one space),
    cut to ``limit`` characters with "…" when longer."""
    cleaned = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in str(text))
    line = " ".join(cleaned.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def code_span(text: object, limit: int = EXCERPT_CHARS) -> str:
    """A Markdown code span showing :func:`excerpt` of ``text`` literally."""
    line = excerpt(text, limit) or " "
    fence = "`" * (1 + max((len(run) for run in re.findall(r"`+", line)), default=0))
    pad = " " if line.startswith("`") or line.endswith("`") else ""
    return f"{fence}{pad}{line}{pad}{fence}"


def plotly_text(text: object) -> str:
    """``text`` for a Plotly label or hover line: its tags (``<b>``, ``<a href>``, ``<br>``) shown literally.

    Plotly reads a subset of HTML in every label and turns entities back into characters when drawing.
    """
    return html.escape(str(text), quote=False)
