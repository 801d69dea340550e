"""Hostile text for the tests that check outside text is never rendered as Markdown or HTML.

Each value carries bold Markdown, a Markdown link and image, HTML tags, a LaTeX formula and bare
URLs, all naming an address where nothing listens, so anything built from it can be found.
"""

from __future__ import annotations

TRAP = "127.0.0.1:9"  # nothing listens on port 9: any link, image or request naming it was built from input
HOSTILE = (
    f"**Data moved:** [click here](http://{TRAP}/link) ![x](http://{TRAP}/x.png) "
    f"<img src='http://{TRAP}/y.png'> <b>BOLDTAG</b> $x^2$ see http://{TRAP}/bare or www.example.com"
)
LONG = HOSTILE + " " + "z" * 10_000


def hostile_link(keys: list[str], fixed: dict[str, str] | None = None) -> dict[str, str]:
    """A hostile value for every key (the first one 10 kB long), then the ``fixed`` values."""
    params = {key: HOSTILE for key in keys}
    if keys:
        params[keys[0]] = LONG
    return params | (fixed or {})
