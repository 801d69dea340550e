"""The chart block the pages repeat: summary sentence, figure, caption (period, source, licence), the
figure's table in an expander drawn only when open, and a CSV download."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from trafford_dash.core.charts import CHART_CONFIG
from trafford_dash.core.ui import components


@dataclass(frozen=True)
class TableView:
    """The figure's table, in an expander labelled ``label``.

    A lazy expander (``key`` keeps it open across reruns) draws the table only while open, and a
    function given as ``frame`` is called only then; with ``lazy=False`` the table is always drawn
    inside a plain expander.
    """

    frame: pd.DataFrame | Callable[[], pd.DataFrame]
    label: str
    key: str | None = None
    lazy: bool = True
    icon: str | None = ":material/table:"


@dataclass(frozen=True)
class CsvFile:
    """A CSV download: the table (or a function making it, or CSV text already written by
    :func:`trafford_dash.store.export.to_csv`), its file name and the button's key."""

    frame: pd.DataFrame | Callable[[], pd.DataFrame] | str
    filename: str
    key: str
    label: str = "Download CSV"


def chart_block(
    figure: go.Figure | Mapping[str, Any],
    key: str,
    caption: str,
    *,
    sentence: str | None = None,
    table: TableView | None = None,
    csv: CsvFile | None = None,
    config: Mapping[str, Any] = CHART_CONFIG,
) -> None:
    """A chart with its sentence above, its caption below, then its table and CSV download."""
    if sentence is not None:
        st.markdown(sentence)
    st.plotly_chart(figure, key=key, config=dict(config), width="stretch")
    st.caption(caption)
    table_and_csv(table, csv)


def table_and_csv(table: TableView | None, csv: CsvFile | None) -> None:
    """The foot of a chart block on its own: the table in its expander, then the CSV download."""
    if table is not None:
        _table(table)
    if csv is not None:
        _csv(csv)


def _csv(csv: CsvFile) -> None:
    if isinstance(csv.frame, str):
        components.download(csv.label, csv.frame, csv.filename, "text/csv", csv.key)
    else:
        components.csv_download(csv.frame, csv.filename, csv.label, csv.key)


def _table(table: TableView) -> None:
    def frame() -> pd.DataFrame:
        return table.frame() if callable(table.frame) else table.frame

    if not table.lazy:
        with st.expander(table.label):
            st.dataframe(frame(), hide_index=True, width="stretch")
        return
    with components.lazy_expander(table.label, key=str(table.key), icon=table.icon) as is_open:
        if is_open:
            st.dataframe(frame(), hide_index=True, width="stretch")
