"""Page components shared by several pages: provenance lines, metadata, downloads, the sidebar footer."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pandas as pd
import streamlit as st

from trafford_dash import export, store
from trafford_dash.catalogue import split_list

OGL = "Contains public sector information licensed under the Open Government Licence v3.0."
BOUNDARIES = "Contains National Statistics and OS data © Crown copyright and database right 2025."


def sidebar_footer() -> None:
    """The store's 'data as at' line and the licence notices, under the navigation."""
    # Plain (small) text rather than st.caption: captions' grey fails contrast on the sidebar's background.
    with st.sidebar:
        try:
            st.markdown(f":small[{store.data_as_at()}.]")
        except store.StoreError:
            st.markdown(":small[The data store is not built yet.]")
        notice = f"{OGL} {BOUNDARIES} Copies published by Trafford Data Lab; OHID Fingertips series."
        st.markdown(f":small[{notice}]")


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


@contextmanager
def lazy_expander(label: str, key: str, **options: Any) -> Iterator[bool]:
    """An expander whose content runs only while it is open: yields whether to draw the content.

    Table alternatives and other secondary content sit in these, so a page's first load draws only
    what is visible.
    """
    box = st.expander(label, key=key, on_change="rerun", **options)
    with box:
        yield bool(box.open)
