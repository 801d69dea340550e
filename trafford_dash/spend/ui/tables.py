"""The spend page's tables: spend by area with what each body's shares and amounts add up to."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from trafford_dash.core.ui import components


def breakdown_tables(table: pd.DataFrame, summary: pd.DataFrame) -> None:
    """Spend by area, and each body's totals, in an expander drawn only when open."""
    with components.lazy_expander("Table: spend by area", key="spend_table_area") as is_open:
        if is_open:
            shown = table.assign(pillars=table["pillars"].str.replace(";", ", "))
            st.dataframe(
                shown[
                    [
                        "year",
                        "body",
                        "category",
                        "share_pct",
                        "amount_gbp_m",
                        "amount_basis",
                        "pillars",
                        "note",
                        "source",
                    ]
                ],
                hide_index=True,
                column_config={
                    "year": "Year",
                    "body": "Body",
                    "category": "Spend area",
                    "note": "Note",
                    "source": "Source",
                    "share_pct": st.column_config.NumberColumn("Share of body's spend (%)", format="%.1f"),
                    "amount_gbp_m": st.column_config.NumberColumn("Amount (£m)", format="%.1f"),
                    "amount_basis": "How the amount was found",
                    "pillars": "Pillar(s)",
                },
            )
            totals = summary.rename(
                columns={
                    "share_total_pct": "shares add up to (%)",
                    "amount_total_gbp_m": "amounts add up to (£m)",
                }
            )
            st.dataframe(totals, hide_index=True)
