"""Streamlit pieces for updating the spend page's budget: upload, edit in the page, download, reset.

An accepted budget lives in ``st.session_state`` only (this browser session); nothing is written to
disk, and other people using the dashboard keep seeing the plan's figures. A rejected file or edit
changes nothing: the checks in :mod:`trafford_dash.spend.budget` run on the whole budget first.
"""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping
from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from trafford_dash.core import upload_checks
from trafford_dash.core.plain_text import code_span
from trafford_dash.core.ui import components
from trafford_dash.spend import breakdown, finance
from trafford_dash.spend import budget as budget_upload
from trafford_dash.store import export

SESSION_BUDGET = "spend_accepted_budget"
SESSION_META = "spend_accepted_meta"
SESSION_MESSAGE = "spend_upload_message"
SESSION_SHOW_YEAR = "spend_show_year"
"""The year the page should switch to on its next run (set when a budget is accepted or reset)."""
UPLOAD_KEY = "spend_upload"
EDITOR_KEY = "spend_editor"


def accepted() -> pd.DataFrame | None:
    """This session's accepted budget, if any."""
    budget = st.session_state.get(SESSION_BUDGET)
    return budget if isinstance(budget, pd.DataFrame) else None


def apply_result(
    state: MutableMapping[Any, Any],
    result: budget_upload.UploadResult,
    name: str,
    now: datetime | None = None,
) -> None:
    """Replace the budget in ``state`` only when the whole file passed; record the message either way.

    ``state`` is ``st.session_state`` on the page (a plain dict in tests): a rejected file leaves the
    accepted budget and its details exactly as they were.
    """
    if result.ok and result.budget is not None:
        state[SESSION_BUDGET] = result.budget
        digest = hashlib.sha256(result.budget.to_csv(index=False).encode("utf-8")).hexdigest()[:16]
        state[SESSION_META] = {
            "name": name,
            "at": f"{now or datetime.now():%d %b %Y %H:%M}",
            "digest": digest,
        }
        years = sorted(result.budget["year"].unique())
        state[SESSION_SHOW_YEAR] = years[-1]
        lines = [
            f"Accepted {code_span(name, 80)}: {len(result.budget)} spend areas for {', '.join(years)}; "
            f"the page above now shows {years[-1]}. Pick {breakdown.PLAN_YEAR} in the year box to see the "
            "plan's split again."
        ]
        state[SESSION_MESSAGE] = ("success", lines + result.notes)
    else:
        lines = [
            f"{code_span(name, 80)} was not used, and the figures on this page have not changed. Please fix:"
        ]
        state[SESSION_MESSAGE] = ("error", lines + result.errors)


def _apply(result: budget_upload.UploadResult, name: str) -> None:
    apply_result(st.session_state, result, name)


def _on_upload() -> None:
    uploaded = st.session_state.get(UPLOAD_KEY)
    if uploaded is None:
        return
    name = upload_checks.plain(uploaded.name) or "Your file"
    _apply(budget_upload.validate_budget(uploaded.getvalue(), uploaded.name), name)


def _reset() -> None:
    for key in (SESSION_BUDGET, SESSION_META):
        st.session_state.pop(key, None)
    st.session_state[SESSION_SHOW_YEAR] = breakdown.PLAN_YEAR
    st.session_state[SESSION_MESSAGE] = (
        "info",
        ["Reset: the page shows the plan's published figures again."],
    )


def _messages() -> None:
    message = st.session_state.get(SESSION_MESSAGE)
    if not message:
        return
    kind, lines = message
    # The first line is ours (the file name in it a code span); the rest quote the file, so plain text.
    {"success": st.success, "error": st.error}.get(kind, st.info)(lines[0])
    if lines[1:]:
        st.text("\n".join(f"• {line}" for line in lines[1:]))


def _editor_start() -> pd.DataFrame:
    budget = accepted()
    return budget_upload.to_template(budget) if budget is not None else budget_upload.template_frame()


def _editor() -> None:
    """The in-page budget editor and its button (drawn only while its expander is open)."""
    st.caption(
        "Starts from your accepted budget, or from the plan's 2019/20 shares labelled 2024/25. Add or "
        "delete rows, then check and use the figures. The same checks apply as for an upload."
    )
    edited = st.data_editor(
        _editor_start(),
        key=EDITOR_KEY,
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "year": st.column_config.TextColumn("year", help="Financial year, e.g. 2024/25", required=True),
            "body": st.column_config.SelectboxColumn("body", options=list(finance.BODIES), required=True),
            "category": st.column_config.TextColumn(
                "category", max_chars=budget_upload.MAX_TEXT, required=True
            ),
            "amount_gbp_m": st.column_config.NumberColumn(
                "amount_gbp_m", min_value=0.0, max_value=budget_upload.MAX_AMOUNT_GBP_M, format="%.2f"
            ),
            "share_pct": st.column_config.NumberColumn(
                "share_pct", min_value=0.0, max_value=100.0, format="%.2f"
            ),
            "pillars": st.column_config.TextColumn("pillars", help="Optional, e.g. Planned Care;Urgent Care"),
        },
    )
    if st.button("Check and use these figures", key="spend_apply_edits", icon=":material/fact_check:"):
        data = edited.to_csv(index=False).encode("utf-8")
        _apply(budget_upload.validate_budget(data, "edited budget.csv"), "Your edited budget")
        st.rerun()


def update_section() -> None:
    """Template, upload, in-page editor, status, download of the accepted budget and reset."""
    st.markdown(
        "Upload this year's budget as a CSV file with the columns **year, body, category, amount_gbp_m, "
        "share_pct** (plus optional **pillars** and **note**). Give either amounts (£ million) or shares "
        "(% of that body's spend) for every area of a body; a body's shares must add up to 100% (±1 for "
        f"rounding), and no area may be above £{budget_upload.MAX_AMOUNT_GBP_M:,.0f}m. The body is "
        "Council, or for the NHS CCG, ICB or NHS Greater Manchester (Trafford): all three are the NHS "
        "body, listed as CCG in the Body box and named NHS Greater Manchester (Trafford) from 2022/23, "
        "when the ICB replaced the CCG. The whole file is checked first: if anything is wrong, nothing "
        "changes and you are told which row to fix."
    )
    components.download(
        "Download the template",
        budget_upload.template_bytes,
        "trafford_budget_template.csv",
        "text/csv",
        key="spend_template",
    )
    st.file_uploader(
        "Upload a budget (CSV, UTF-8)",
        type=None,
        key=UPLOAD_KEY,
        on_change=_on_upload,
        max_upload_size=budget_upload.MAX_UPLOAD_MB,  # the widget states this limit itself
        help="Kept for this browser session only; nothing is saved on the server.",
    )
    with components.lazy_expander("Or edit the budget here", key="spend_editor_open") as is_open:
        if is_open:
            _editor()
    _messages()
    budget = accepted()
    meta = st.session_state.get(SESSION_META) or {}
    if budget is None:
        st.caption("The page shows the plan's published figures (2019/20).")
        return
    st.caption(
        f"In use for this session only: {code_span(meta.get('name', 'your budget'), 80)}, accepted "
        f"{meta.get('at', '')}. Closing the browser tab discards it."
    )
    left, right = st.columns(2)
    with left:
        components.download(
            "Download the budget in use",
            lambda: export.to_csv(budget_upload.to_template(budget)),
            "trafford_budget_in_use.csv",
            "text/csv",
            key="spend_download_budget",
        )
    with right:
        st.button(
            "Reset to the plan's figures", on_click=_reset, key="spend_reset", icon=":material/restart_alt:"
        )
