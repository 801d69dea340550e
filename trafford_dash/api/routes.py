"""The read-only open-data API, served by the dashboard's own server under ``/api/v1/``.

Each handler checks the store, validates the query (400 with one sentence on bad input), then answers
from the memo when the same query was answered on the same store version, else renders and keeps it.
Answers carry an ETag (a repeat with ``If-None-Match`` gets 304) and are gzip-compressed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from urllib.parse import urlencode

import pandas as pd
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route

from trafford_dash.api import endpoints, openapi, queries
from trafford_dash.api.parameters import DEFAULT_LIMIT, ApiError, Endpoint, validate
from trafford_dash.api.responses import Answer, Memo, etag_for, render_object, render_rows
from trafford_dash.store import reader

log = logging.getLogger(__name__)
MEMO = Memo()
Rows = Callable[[dict[str, object]], pd.DataFrame]


def _error(error: ApiError) -> Response:
    body = {"error": error.message, "status": error.status}
    if error.parameter:
        body["parameter"] = error.parameter
    headers = {"Retry-After": "60"} if error.status == 503 else None
    return Response(
        json.dumps(body, ensure_ascii=False), error.status, headers=headers, media_type="application/json"
    )


def _store_ready() -> None:
    state = reader.status()
    if not state.ready:
        building = (
            " It is being built now; try again in a minute."
            if reader.build_running(reader.processed_dir())
            else " Open the dashboard, or run `python -m trafford_dash build`, to build it."
        )
        raise ApiError(503, state.message.removesuffix("; it will be rebuilt.").rstrip(".") + "." + building)


def _canonical(request: Request) -> str:
    return request.url.path + "?" + urlencode(sorted(request.query_params.multi_items()))


def _respond(request: Request, answer: Answer) -> Response:
    headers = {"ETag": answer.etag, "Cache-Control": "no-cache"}
    if answer.next_url:
        headers["Link"] = f'<{answer.next_url}>; rel="next"'
    if request.headers.get("if-none-match") == answer.etag:
        return Response(status_code=304, headers=headers)
    return Response(answer.body, headers=headers, media_type=answer.media_type)


def _answer(
    request: Request, endpoint: Endpoint, render: Callable[[dict[str, object], str], Answer]
) -> Response:
    try:
        _store_ready()
        version = endpoints.store_version()
        key = version + "|" + _canonical(request)
        answer = MEMO.get(key)
        if answer is None:
            query = dict(request.query_params)
            checked = validate(endpoint, query)
            answer = render(checked, etag_for(version, key))
            MEMO.put(key, answer)
        return _respond(request, answer)
    except ApiError as error:
        return _error(error)
    except reader.StoreError as error:
        return _error(ApiError(503, str(error)))


def _listing(rows: Rows) -> Callable[[Request, dict[str, object], str], Answer]:
    def render(request: Request, checked: dict[str, object], etag: str) -> Answer:
        frame = rows(checked)
        limit = int(str(checked.get("limit", DEFAULT_LIMIT)))
        offset = int(str(checked.get("offset", 0)))
        following = offset + limit
        next_url = str(request.url.include_query_params(offset=following)) if following < len(frame) else None
        fmt = str(checked.get("format", "json"))
        body, media = render_rows(frame, fmt, limit, offset, next_url, _built_at())
        return Answer(body, media, etag, next_url)

    return render


def _built_at() -> str:
    return str(reader.read_manifest().get("built_at", ""))


def _list_route(endpoint: Endpoint, rows: Rows) -> Route:
    render = _listing(rows)

    def handle(request: Request) -> Response:
        return _answer(request, endpoint, lambda checked, etag: render(request, checked, etag))

    return Route(endpoint.path.removeprefix(endpoints.BASE), handle, methods=["GET"])


def _values(checked: dict[str, object]) -> pd.DataFrame:
    def listed(name: str) -> list[str] | None:
        value = checked.get(name)
        return list(value) if isinstance(value, list) else None

    period = checked.get("period")
    return queries.values(
        indicator=listed("indicator"),
        level=listed("level"),
        area=listed("area"),
        period=str(period) if period else None,
        vintage=listed("vintage"),
        sex=listed("sex"),
        age=listed("age"),
    )


def _payments(checked: dict[str, object]) -> pd.DataFrame:
    by, year = checked.get("by"), checked.get("year")
    return queries.payments(
        by=list(by) if isinstance(by, list) else None, year=list(year) if isinstance(year, list) else None
    )


def _areas(checked: dict[str, object]) -> pd.DataFrame:
    table = queries.areas()
    chosen = checked.get("level")
    return table[table["level"].isin(chosen)] if isinstance(chosen, list) else table


def _document(endpoint: Endpoint, payload: Callable[[], dict[str, object]]) -> Route:
    def handle(request: Request) -> Response:
        return _answer(
            request,
            endpoint,
            lambda checked, etag: Answer(render_object(payload(), _built_at()), "application/json", etag),
        )

    return Route(endpoint.path.removeprefix(endpoints.BASE), handle, methods=["GET"])


def _unknown(request: Request) -> Response:
    names = ", ".join(endpoint.path for endpoint in (*endpoints.ALL_ENDPOINTS, endpoints.OPENAPI))
    return _error(ApiError(404, f"There is no such address; the API answers at {names}."))


def api_app() -> Starlette:
    """The API as an ASGI app (mounted at ``/api/v1`` by :func:`routes`), gzip-compressing answers."""
    return Starlette(
        routes=[
            _list_route(endpoints.INDICATORS, lambda checked: queries.indicators()),
            _list_route(endpoints.AREAS, _areas),
            _list_route(endpoints.VALUES, _values),
            _list_route(endpoints.PAYMENTS, _payments),
            _document(endpoints.META, queries.meta),
            _document(endpoints.OPENAPI, openapi.document),
            Route("/{anything:path}", _unknown),
        ],
        middleware=[Middleware(GZipMiddleware, minimum_size=1_000)],
    )


def routes() -> list[BaseRoute]:
    """The routes the dashboard's server adds beside Streamlit's own (see ``server.py``)."""
    return [Mount(endpoints.BASE, app=api_app())]
