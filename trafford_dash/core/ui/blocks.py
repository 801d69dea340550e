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
    """The figure's table, in an expander labelled ``label`` (``key`` keeps it open across reruns)."""

    frame: pd.DataFrame
    label: str
    key: str


@dataclass(frozen=True)
class CsvFile:
    """A CSV download: the table (or a function making it), its file name and the button's key."""

    frame: pd.DataFrame | Callable[[], pd.DataFrame]
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
        st.write(sentence)
    st.plotly_chart(figure, key=key, config=dict(config), width="stretch")
    st.caption(caption)
    if table is not None:
        with components.lazy_expander(table.label, key=table.key, icon=":material/table:") as is_open:
            if is_open:
                st.dataframe(table.frame, hide_index=True, width="stretch")
    if csv is not None:
        components.csv_download(csv.frame, csv.filename, csv.label, csv.key)
