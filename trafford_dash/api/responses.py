"""Turning a result into an HTTP answer: one page of rows as JSON or CSV, its ``next`` link, and its ETag.

A rendered answer is kept in memory under the store's version and the request's canonical query, so
a repeated call (or a revalidation with ``If-None-Match``) does no work; a rebuilt store has a new
version and so new answers.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import pandas as pd

from trafford_dash.core import provenance
from trafford_dash.store import export

LICENCE = provenance.OGL_LICENCE
ATTRIBUTION = (
    f"{provenance.OGL} Published by Trafford Data Lab; see each row's attribution for its source. "
    f"{provenance.BOUNDARIES}"
)
MEMO_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Answer:
    """A rendered response body and what its headers need."""

    body: bytes
    media_type: str
    etag: str
    next_url: str | None = None


def etag_for(version: str, key: str) -> str:
    return '"' + hashlib.sha256(f"{version}|{key}".encode()).hexdigest()[:32] + '"'


def page_of(frame: pd.DataFrame, limit: int, offset: int) -> pd.DataFrame:
    return frame.iloc[offset : offset + limit]


def json_rows(frame: pd.DataFrame) -> str:
    """Rows as a JSON array; missing numbers become ``null``."""
    return frame.to_json(orient="records", date_format="iso", force_ascii=False) or "[]"


def with_licence(frame: pd.DataFrame) -> pd.DataFrame:
    """CSV rows always name their licence and attribution (rows that carry their own keep them)."""
    out = frame.copy()
    if "licence" not in out:
        out["licence"] = LICENCE
    if "attribution" not in out:
        out["attribution"] = ATTRIBUTION
    return out


def render_rows(
    frame: pd.DataFrame, fmt: str, limit: int, offset: int, next_url: str | None, built_at: str
) -> tuple[bytes, str]:
    """One page of ``frame`` as (body, media type), with paging facts and licence in the JSON envelope."""
    page = page_of(frame, limit, offset)
    if fmt == "csv":
        return export.to_csv(with_licence(page)).encode("utf-8"), "text/csv; charset=utf-8"
    envelope = {
        "total": len(frame),
        "offset": offset,
        "limit": limit,
        "returned": len(page),
        "next": next_url,
        "licence": LICENCE,
        "attribution": ATTRIBUTION,
        "store_built_at": built_at,
    }
    head = json.dumps(envelope, ensure_ascii=False)[:-1]
    return f'{head}, "data": {json_rows(page)}}}'.encode(), "application/json"


def render_object(payload: dict[str, Any], built_at: str) -> bytes:
    """A single JSON document (``meta``, the OpenAPI description) with licence and attribution."""
    document = {**payload, "licence": LICENCE, "attribution": ATTRIBUTION, "store_built_at": built_at}
    return json.dumps(document, ensure_ascii=False, indent=1, default=str).encode()


class Memo:
    """Rendered answers by key, least recently used dropped first, within a byte budget."""

    def __init__(self, budget: int = MEMO_BYTES) -> None:
        self._budget = budget
        self._size = 0
        self._items: OrderedDict[str, Answer] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Answer | None:
        with self._lock:
            answer = self._items.get(key)
            if answer is not None:
                self._items.move_to_end(key)
            return answer

    def put(self, key: str, answer: Answer) -> None:
        if len(answer.body) > self._budget // 4:
            return  # one huge answer should not push every other one out
        with self._lock:
            if key in self._items:
                self._size -= len(self._items.pop(key).body)
            self._items[key] = answer
            self._size += len(answer.body)
            while self._size > self._budget:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped.body)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0
