"""Page components shared by several pages: provenance lines, metadata, downloads, the page footer."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from trafford_dash import export, store
from trafford_dash.catalogue import split_list

OGL = "Contains public sector information licensed under the Open Government Licence v3.0."
BOUNDARIES = "Contains National Statistics and OS data © Crown copyright and database right 2025."


def page_footer() -> None:
    """The store's 'data as at' line and the licence notices, at the foot of every page."""
    st.divider()
    try:
        as_at = f"{store.data_as_at()}."
    except store.StoreError:
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


def csv_download(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    filename: str,
    label: str = "Download CSV",
    key: str | None = None,
) -> None:
    """A download button for a table (or a function making it), written as CSV when clicked.

    Spreadsheet formulas are neutralised in the file.
    """
    st.download_button(
        label,
        data=lambda: export.to_csv(frame() if callable(frame) else frame),
        file_name=filename,
        mime="text/csv",
        icon=":material/download:",
        key=key,
        on_click="ignore",  # a rerun would replace the deferred file before the browser fetched it
    )


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
