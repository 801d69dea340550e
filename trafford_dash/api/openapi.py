"""The API's OpenAPI 3.1 description, made from the endpoint declarations so the two cannot drift."""

from __future__ import annotations

from typing import Any

import trafford_dash
from trafford_dash.api import endpoints
from trafford_dash.api.parameters import Endpoint, Parameter

ERROR = {
    "type": "object",
    "properties": {
        "error": {"type": "string", "description": "One sentence: what was wrong and what to do."},
        "status": {"type": "integer"},
        "parameter": {"type": "string", "description": "The parameter at fault, when there is one."},
    },
}
PAGE = {
    "type": "object",
    "properties": {
        "total": {"type": "integer", "description": "Rows matching the query."},
        "offset": {"type": "integer"},
        "limit": {"type": "integer"},
        "returned": {"type": "integer"},
        "next": {"type": ["string", "null"], "description": "The next page's address, or null."},
        "licence": {"type": "string"},
        "attribution": {"type": "string"},
        "store_built_at": {"type": "string"},
        "data": {"type": "array", "items": {"type": "object"}},
    },
}


def _parameter(parameter: Parameter, choices: bool) -> dict[str, Any]:
    schema: dict[str, Any] = (
        {"type": "integer"} if parameter.integer or parameter.name == "limit" else {"type": "string"}
    )
    if choices and parameter.choices is not None and not parameter.several:
        schema["enum"] = list(parameter.choices())
    described: dict[str, Any] = {
        "name": parameter.name,
        "in": "query",
        "required": False,
        "description": parameter.description,
        "schema": schema,
    }
    if parameter.example:
        described["example"] = parameter.example
    return described


def _operation(endpoint: Endpoint) -> dict[str, Any]:
    listing = any(parameter.name == "limit" for parameter in endpoint.parameters)
    answers: dict[str, Any] = {
        "200": {
            "description": "The answer, with an ETag; gzip-compressed when the client accepts it.",
            "content": {"application/json": {"schema": PAGE if listing else {"type": "object"}}},
        },
        "304": {"description": "Unchanged since the ETag given in If-None-Match."},
        "400": {"description": "A bad parameter.", "content": {"application/json": {"schema": ERROR}}},
        "503": {
            "description": "The data store is not ready.",
            "content": {"application/json": {"schema": ERROR}},
        },
    }
    if listing:
        answers["200"]["content"]["text/csv"] = {"schema": {"type": "string"}}
    few = {"format", "level", "sex"}
    return {
        "summary": endpoint.summary,
        "description": endpoint.description,
        "parameters": [_parameter(p, p.name in few) for p in endpoint.parameters],
        "responses": answers,
    }


def document() -> dict[str, Any]:
    """The OpenAPI description of every endpoint."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Trafford Together dashboard open data API",
            "version": trafford_dash.__version__,
            "description": (
                "Read-only figures behind the dashboard: the indicator catalogue, areas, tidy values with "
                "intervals and significance, and the store's provenance. JSON by default, CSV with "
                "format=csv. Open Government Licence v3.0."
            ),
            "license": {
                "name": "Open Government Licence v3.0",
                "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            },
        },
        "paths": {endpoint.path: {"get": _operation(endpoint)} for endpoint in endpoints.ALL_ENDPOINTS},
    }
