"""The local indicator upload: template download, file uploader, one-sentence errors and a reset button.

A file is checked in full in the uploader's change callback, before the page runs; only a valid file
replaces what the session held. Accepted data stays in this browser session's state and nowhere else.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from trafford_dash.core.plain_text import code_span
from trafford_dash.core.ui import components
from trafford_dash.pillars import local_indicators
from trafford_dash.pillars.local_indicators import LocalIndicatorError
from trafford_dash.pillars.ui.data import LOCAL_STATE, local_data
from trafford_dash.store import cached

ERROR_STATE = "pil_local_error"
GENERATION_STATE = "pil_upload_generation"
UPLOAD_PREFIX = "pil_upload_"


def _uploader_key() -> str:
    return f"{UPLOAD_PREFIX}{st.session_state.get(GENERATION_STATE, 0)}"


@cached.unless_store_fails
def _accept() -> None:
    """Validate the newly chosen file; keep the previous data unless the new file is entirely valid."""
    uploaded = st.session_state.get(_uploader_key())
    if uploaded is None:
        return
    catalogue = cached.catalogue()
    try:
        accepted = local_indicators.parse_upload(
            uploaded.getvalue(),
            uploaded.name,
            local_indicators.known_areas(cached.table("areas")),
            reserved_ids=set(catalogue["indicator_id"]),
        )
    except LocalIndicatorError as error:
        st.session_state[ERROR_STATE] = str(error)
        return
    st.session_state[LOCAL_STATE] = accepted
    st.session_state.pop(ERROR_STATE, None)


def _reset() -> None:
    st.session_state.pop(LOCAL_STATE, None)
    st.session_state.pop(ERROR_STATE, None)
    st.session_state[GENERATION_STATE] = int(st.session_state.get(GENERATION_STATE, 0)) + 1


def upload_section() -> None:
    """Everything for adding locally supplied indicators."""
    limit = local_indicators.MAX_BYTES // (1024 * 1024)
    st.markdown(
        "Add figures the open data lacks (for example A&E four-hour performance or 52-week waits) as a CSV "
        "file in the template's shape: one row per indicator, area and period, with the indicator's title, "
        "pillar, unit, polarity and source on every row. Areas are Trafford (E08000009), Greater Manchester "
        "(E47000001), England (E92000001), the neighbourhoods (nbh_north, nbh_central, nbh_west, nbh_south) "
        f"or Trafford ward codes. Files up to {limit} MB, UTF-8 CSV. The whole file is checked before "
        "anything changes, and a file with any problem is refused with a sentence saying what to fix."
    )
    st.caption(
        "Uploaded figures stay in this browser session only: they are not saved on the server or shared with "
        "anyone else, and they disappear when the session ends or you press Reset. Their tiles are marked "
        "“Locally supplied”; the dashboard does not check their accuracy."
    )
    components.download(
        "Download the CSV template",
        local_indicators.template_bytes,
        "local_indicator_template.csv",
        "text/csv",
        key="pil_template",
    )
    # No ``type`` filter: a file of another kind gets this page's own one-sentence refusal, not an exception.
    st.file_uploader(
        "Local indicator file (CSV)",
        type=None,
        key=_uploader_key(),
        on_change=_accept,
        max_upload_size=limit,
    )
    error = st.session_state.get(ERROR_STATE)
    held = local_data()
    if error:
        kept = "The data accepted earlier is unchanged." if held is not None else "Nothing was added."
        # The reason quotes the file, so it is plain text under the box.
        st.error(f"The file was refused. {kept} What to fix:", icon=":material/error:")
        st.text(error)
    if held is not None:
        summary = (
            held.catalogue[["indicator_id", "title", "pillars", "unit", "period"]]
            .rename(columns={"pillars": "pillar", "period": "latest period"})
            .assign(rows=lambda f: f["indicator_id"].map(held.values["indicator_id"].value_counts()))
        )
        st.success(
            f"{held.rows} rows for {len(summary)} locally supplied indicator"
            f"{'s' if len(summary) != 1 else ''} from {code_span(held.filename, 80)} are shown on their "
            "pillars.",
            icon=":material/check_circle:",
        )
        st.dataframe(pd.DataFrame(summary), hide_index=True, width="stretch")
        st.button(
            "Reset: remove the local indicators",
            key="pil_local_reset",
            on_click=_reset,
            icon=":material/delete:",
        )
