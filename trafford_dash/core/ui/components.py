"""Page components shared by several pages: link notices, provenance lines, metadata, downloads, the page
footer."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from trafford_dash.core.plain_text import code_span
from trafford_dash.core.provenance import BOUNDARIES, OGL
from trafford_dash.store import export, reader
from trafford_dash.store.catalogue import split_list

# Bundled, so the browser tab's icon needs no font from the internet (Material icons would).
PAGE_ICON = Path(__file__).with_name("page_icon.svg")
# The data-and-methods page's "Methods" copy, kept as markdown next to the code that shows it.
METHODS = Path(__file__).with_name("methods.md")
CHOICES_LISTED = 5
ALL_THEMES = "All themes"
"""The theme selectors' first choice: no filter."""
ON_OFF = ("true", "false")


def link_notice(
    key: str,
    what: str,
    choices: Iterable[str] = (),
    *,
    accepts: Callable[[str], bool] | None = None,
    note: str = "",
) -> None:
    """A one-line notice when the address bar holds a value for ``key`` that this page cannot show.

    Streamlit drops such a value and shows the default; the notice says so. The value is checked against
    ``choices`` (the labels the link uses), or with ``accepts`` for typed values (numbers, on/off);
    ``note`` is a sentence of the page's own to add. Call it before the widget bound to ``key``, which
    clears the value.
    """
    listed = [str(choice) for choice in choices]
    valid = accepts or set(listed).__contains__
    unrecognised = [value for value in st.query_params.get_all(key) if value and not valid(value)]
    if unrecognised:
        unrecognised_notice(key, what, unrecognised, listed, note)


def unrecognised_notice(
    key: str, what: str, values: Sequence[str], choices: Sequence[str] = (), note: str = ""
) -> None:
    """The notice for link values that were not recognised: the parameter, a short plain-text excerpt
    of the value, the first few valid choices and the page's ``note``."""
    more = f" (and {len(values) - 1} more)" if len(values) > 1 else ""
    text = (
        f"The link's {what} ({code_span(key)}) {code_span(values[0])}{more} is not recognised, "
        "so the default is shown."
    )
    if choices:
        shown = ", ".join(code_span(choice, 40) for choice in choices[:CHOICES_LISTED])
        rest = f" and {len(choices) - CHOICES_LISTED} more" if len(choices) > CHOICES_LISTED else ""
        text += f" Choices: {shown}{rest}."
    if note:
        text += f" {note}"
    st.info(text, icon=":material/link_off:")


def is_on_off(value: str) -> bool:
    """Whether a link value can set a toggle (Streamlit reads ``true``/``false`` in any case)."""
    return value.lower() in ON_OFF


def methods_text() -> str:
    """The data-and-methods page's "Methods" list (markdown)."""
    return METHODS.read_text(encoding="utf-8")


def page_footer() -> None:
    """The store's 'data as at' line and the licence notices, at the foot of every page."""
    st.divider()
    try:
        as_at = f"{reader.data_as_at()}."
    except reader.StoreError:
        as_at = "The data store is not built yet."
    st.caption(f"{as_at} {OGL} {BOUNDARIES} Copies published by Trafford Data Lab; OHID Fingertips series.")


def indicator_details(meta: Mapping[str, Any]) -> None:
    """Everything about an indicator, one click away (a popover)."""
    with st.popover("About this indicator", icon=":material/info:"):
        st.markdown(f"**{meta['title']}**")
        st.write(meta["definition"])
        rows = {
            "Unit": meta.get("unit"),
            "Polarity": str(meta.get("polarity", "")).replace("_", " "),
            "Value type": meta.get("value_type"),
            "Confidence intervals": meta.get("ci_method"),
            "Neighbourhood figures": str(meta.get("aggregation", "")).replace("_", " "),
            "Levels": ", ".join(split_list(meta.get("levels"))),
            "Ward vintages": ", ".join(split_list(meta.get("ward_vintages"))) or "none",
            "Latest period": meta.get("period"),
            "Pillars": ", ".join(split_list(meta.get("pillars"))) or "none",
            "Source": meta.get("source"),
            "Published": meta.get("published") or "not stated",
            "Licence": meta.get("licence"),
        }
        st.table(pd.DataFrame({"": list(rows), "Value": [str(v) for v in rows.values()]}).set_index(""))
        st.caption(str(meta.get("attribution", "")))


FileData = str | bytes
DOWNLOAD_ICON = ":material/download:"


def download(
    label: str,
    data: FileData | Callable[[], FileData],
    file_name: str,
    mime: str,
    key: str | None,
    icon: str = DOWNLOAD_ICON,
) -> None:
    """The dashboard's one kind of download button: the file is made when clicked, with no rerun.

    Every download goes through here. A rerun on click would register new deferred files while the
    browser still held the old ones, so another download straight after could fail ("Deferred file …
    not found").
    """
    make = data if callable(data) else (lambda: data)
    st.download_button(
        label, data=make, file_name=file_name, mime=mime, icon=icon, key=key, on_click="ignore"
    )


def csv_download(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    filename: str,
    label: str = "Download CSV",
    key: str | None = None,
) -> None:
    """A download button for a table (or a function making it), written as CSV when clicked.

    Spreadsheet formulas are neutralised in the file.
    """
    download(label, lambda: export.to_csv(frame() if callable(frame) else frame), filename, "text/csv", key)


def text_table(frame: pd.DataFrame | Styler, scroll_after: int = 15, height: int = 560) -> None:
    """A table of text that wraps in its cells, so every column stays in view at any screen width.

    ``st.dataframe`` keeps each cell on one line and scrolls sideways once its columns outgrow the
    page, hiding the last ones. Longer tables scroll down inside a fixed height, with sticky headers.
    ``frame`` may be a pandas Styler.
    """
    st.table(frame, hide_index=True, height="content" if len(frame.index) <= scroll_after else height)


@contextmanager
def lazy_expander(label: str, key: str, **options: Any) -> Iterator[bool]:
    """An expander whose content runs only while it is open: yields whether to draw the content.

    Table alternatives and other secondary content sit in these, so a page's first load draws only
    what is visible.
    """
    box = st.expander(label, key=key, on_change="rerun", **options)
    with box:
        yield bool(box.open)
