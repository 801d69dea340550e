"""What of a payment's supplier and purpose may be kept: no individual's name ever reaches the store.

The Council's payments name their beneficiaries, and some are sole traders: people. A supplier's
name is kept only when it is recognisably an organisation: it carries a company or legal-form suffix
(Ltd, Limited, PLC, LLP, CIC, ...) or a word that only organisations use (council, NHS, trust,
charity, school, university, church, ...). Trade words a sole trader might use ("services",
"care", "travel") are not enough. Everything else becomes "Other suppliers". A name that
starts with a personal title (Mr, Mrs, Dr, ...) or whose first part, before "T/A" ("trading as"),
"C/O", "/" or " - ", is not itself an organisation is also "Other suppliers", so neither "Jane Smith
T/A Smith Catering Ltd" nor a barrister paid as "Jane Smith/Some Chambers" shows the person. The
Council's own "Redacted" stays one line, kept in every total.

The purpose text is free text: it can hold a client's or a child's initials or name. Only its
ledger heading (the part before the first " - ", such as "PRIVATE CONTRACTORS") is kept, and only
when at least :data:`HEADING_MIN_SUPPLIERS` different suppliers share it, so a one-off note never
reaches the store; otherwise the purpose is left empty.
"""

from __future__ import annotations

import re

import pandas as pd

OTHER_SUPPLIERS = "Other suppliers"
REDACTED = "Redacted"
HEADING_MIN_SUPPLIERS = 5

_ORGANISATION_SUFFIXES = (
    r"ltd\.?|lt$|limited|plc|llp|lp|cic|cio|inc\.?|llc|gmbh|co\.? ?ltd|& co\.?|and co|& sons|and sons"
)
_ORGANISATION_WORDS = (
    "council|borough|metropolitan|municipal|county|authority|authori|combined|government|department|"
    "dwp|hmrc|nhs|ccg|icb|trust|foundation|charity|charitable|association|assoc of|assoc for|society|"
    "institute|"
    "institution|inst|federation|union|club|league|school|schools|academy|college|university|nursery|"
    "nurseries|church|parish|diocese|diocesan|chapel|mosque|synagogue|hospice|hospital|surgery|"
    "medical centre|health centre|pharmacy|clinic|group|partnership|alliance|company|corporation|"
    "housing|pension|pensions|insurance|bank|building society|police|fire and rescue|commission|"
    "commissioner|board|office|ministry|museum|library|theatre|co-operative|cooperative|credit union|"
    "sch|acad|primary|community interest|compan|centre|agency|chambers|solicitors|playgroup"
)
_ORGANISATION = re.compile(
    rf"(?:^|[\s(])(?:{_ORGANISATION_SUFFIXES})(?:$|[\s).,])|\b(?:{_ORGANISATION_WORDS})\b", re.IGNORECASE
)
_TITLE = re.compile(r"^\s*(?:mr|mrs|ms|miss|mx|dr|prof|rev|sir|dame|cllr)\.?\s", re.IGNORECASE)
_TRADING_AS = re.compile(r"\s+(?:t/a|t/as|trading as|c/o)\s+|\s+[-–]\s+|/(?!a\b)", re.IGNORECASE)


def is_organisation(name: str) -> bool:
    """True when ``name`` is recognisably an organisation's and names no person before a "T/A"."""
    if _TITLE.match(name):
        return False
    first = _TRADING_AS.split(name, maxsplit=1)[0]
    return bool(_ORGANISATION.search(first))


def displayed_supplier(name: str) -> str:
    """The supplier as the store keeps it: the name, "Redacted", or "Other suppliers"."""
    cleaned = " ".join(name.split())
    if cleaned.casefold() == REDACTED.casefold():
        return REDACTED
    return cleaned if cleaned and is_organisation(cleaned) else OTHER_SUPPLIERS


def displayed_suppliers(names: pd.Series) -> pd.Series:
    """:func:`displayed_supplier` for each name (each distinct name worked out once)."""
    distinct = names.drop_duplicates()
    shown = pd.Series([displayed_supplier(name) for name in distinct], index=distinct.to_numpy())
    return names.map(shown).astype(str)


def ledger_heading(purpose: str) -> str:
    """The part of a purpose before its first " - ", tidied and in capitals."""
    return " ".join(purpose.split(" - ", 1)[0].split()).upper()


def ledger_headings(purposes: pd.Series, suppliers: pd.Series) -> pd.Series:
    """Each purpose's ledger heading, kept only when enough different suppliers share it; else ""."""
    distinct = purposes.drop_duplicates()
    headings = pd.Series([ledger_heading(text) for text in distinct], index=distinct.to_numpy())
    heading = purposes.map(headings)
    shared_by = pd.DataFrame({"heading": heading, "supplier": suppliers}).groupby("heading")["supplier"]
    suppliers_per_heading = shared_by.nunique()
    common = suppliers_per_heading[suppliers_per_heading >= HEADING_MIN_SUPPLIERS].index
    return heading.where(heading.isin(common) & (heading != ""), "").astype(str)
