"""Outside text quoted safely: short single-line code spans for Markdown, escaped tags for Plotly."""

from __future__ import annotations

from trafford_dash.core.plain_text import EXCERPT_CHARS, code_span, excerpt, plotly_text


def test_an_excerpt_is_one_short_line() -> None:
    assert excerpt("a\n\nb\t c\x00d\u202ee") == "a b c d e"
    long = excerpt("x" * 10_000)
    assert len(long) == EXCERPT_CHARS and long.endswith("…")
    assert excerpt("short") == "short"


def test_a_code_span_cannot_be_closed_or_broken_by_its_content() -> None:
    assert code_span("**bold** [x](http://e)") == "`**bold** [x](http://e)`"
    assert code_span("a `b` c") == "``a `b` c``"
    assert code_span("`edge`") == "`` `edge` ``"
    assert code_span("one\n\ntwo") == "`one two`"  # a blank line would end the span and free the rest
    assert code_span("") == "` `"
    assert len(code_span("y" * 500)) == EXCERPT_CHARS + 2


def test_plotly_text_shows_tags_literally() -> None:
    assert (
        plotly_text("<a href='http://e'>x</a> <b>y</b> A&E")
        == "&lt;a href='http://e'&gt;x&lt;/a&gt; &lt;b&gt;y&lt;/b&gt; A&amp;E"
    )
