"""Every error the API answers with, as application/problem+json (RFC 9457), mapped in one place.

kg raises KGError subclasses; the HTTP-only ones below extend that tree. `PROBLEMS` gives each
class its status and title; the most specific class wins.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import Match

from kg.errors import (
    IndexFileError,
    InputError,
    KGError,
    QueryError,
    StoreError,
    StoreLockedError,
    ValidationError,
)
from kg.topics import UnknownTopicError

PROBLEM_JSON = "application/problem+json"


class NotFoundError(KGError, LookupError):
    """No entity, article or graph by that name."""


class ForbiddenError(KGError):
    """A write without the configured bearer token (or with writes disabled)."""


class NotAcceptableError(KGError):
    """None of the media types in Accept can be produced for this result."""


class UnsupportedMediaTypeError(KGError):
    """A request body in a content type the endpoint does not read."""


class ParameterError(InputError):
    """A query parameter the route does not take, or a single-valued one given twice."""


class QueryTimeoutError(QueryError):
    """A SPARQL query ran past the configured timeout."""


class FederatedQueryError(QueryError):
    """A query with a SERVICE clause: this endpoint does not call other endpoints."""


class QueryTooComplexError(QueryError):
    """A query nested or chained past what the engine evaluates without overflowing its
    stack (api/sparql_text.py, check_complexity)."""


class ResultTooLargeError(QueryError):
    """A SPARQL result grew past the configured maximum size."""


class ExtractorUnavailableError(KGError):
    """The extraction pipeline cannot be loaded, so articles cannot be ingested."""


#: Status and title per error class; looked up along the class's MRO.
PROBLEMS: dict[type[Exception], tuple[int, str]] = {
    NotFoundError: (404, "Not found"),
    ForbiddenError: (403, "Forbidden"),
    NotAcceptableError: (406, "Not acceptable"),
    UnsupportedMediaTypeError: (415, "Unsupported media type"),
    QueryTimeoutError: (503, "Query timeout"),
    ResultTooLargeError: (400, "Result too large"),
    QueryTooComplexError: (400, "Query too complex"),
    FederatedQueryError: (400, "Federated query not supported"),
    QueryError: (400, "Malformed query"),
    UnknownTopicError: (400, "Unknown topic"),
    ParameterError: (400, "Invalid parameter"),
    InputError: (400, "Invalid input"),
    ExtractorUnavailableError: (503, "Extractor unavailable"),
    StoreLockedError: (503, "Store locked"),
    IndexFileError: (500, "Query index error"),
    StoreError: (500, "Store error"),
    ValidationError: (500, "Invalid graph"),
    KGError: (500, "Knowledge graph error"),
}


#: How every error response is documented in OpenAPI: an RFC 9457 problem, never FastAPI's
#: default 422 shape (which this API does not send).
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem", "type": "object", "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "instance": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"},
                   "description": "for 422: each invalid parameter (loc, msg, type)"},
        "suggestions": {"type": "array", "items": {"type": "string"},
                        "description": "for an unknown topic: the labels of close ones"},
    },
}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    kind: {"description": description, "content": {PROBLEM_JSON: {"schema": PROBLEM_SCHEMA}}}
    for kind, description in (("4XX", "the request cannot be answered as it is"),
                              ("5XX", "the server or its store failed, or a query timed out"))
}


def problem(status: int, title: str, detail: str, *, instance: str | None = None,
            headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if instance:
        body["instance"] = instance
    return JSONResponse(jsonable_encoder(body | extra), status_code=status, headers=headers,
                        media_type=PROBLEM_JSON)


def status_of(error: Exception) -> tuple[int, str]:
    for cls in type(error).__mro__:
        if cls in PROBLEMS:
            return PROBLEMS[cls]
    return 500, "Internal error"


async def _kg_error(request: Request, error: Exception) -> JSONResponse:
    status, title = status_of(error)
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(error, ForbiddenError) else None
    extra = ({"suggestions": error.suggestions} if isinstance(error, UnknownTopicError)
             else {})
    return problem(status, title, str(error), instance=request.url.path, headers=headers,
                   **extra)


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = error.errors()
    detail = "; ".join(_explain(e) for e in errors)
    cleaned = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in errors]
    return problem(422, "Invalid request", detail, instance=request.url.path, errors=cleaned)


def _explain(error: Any) -> str:
    """One validation error as "where: what"; a JSON syntax error says what and where in the
    body (FastAPI's own message is "body.1: JSON decode error")."""
    if error.get("type") == "json_invalid":
        reason = (error.get("ctx") or {}).get("error", "malformed")
        position = error.get("loc", ("body", "?"))[-1]
        return f"body: not valid JSON ({reason} at character {position})"
    where = ".".join(str(p) for p in error.get("loc", ()))
    return f"{where}: {error.get('msg', 'invalid')}"


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    title = {400: "Bad request", 404: "Not found", 405: "Method not allowed"}.get(
        error.status_code, "HTTP error")
    detail, headers = str(error.detail), dict(error.headers or {})
    if error.status_code == 400 and error.__cause__ is not None:
        # FastAPI's "There was an error parsing the body" alone does not say what was wrong
        # (a JSON body that is not UTF-8, for one).
        detail = f"{detail}: {error.__cause__}"
    if error.status_code == 405:
        allowed = allowed_methods(request)
        headers["Allow"] = ", ".join(allowed)
        detail = (f"{request.method} is not allowed on {request.url.path}; it answers "
                  f"{', '.join(allowed)}")
    return problem(error.status_code, title, detail, instance=request.url.path, headers=headers)


#: The methods a 405's Allow header may name (OPTIONS is CORSMiddleware's, when configured).
_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers at this path, HEAD wherever GET is (api/protocol.py).

    Starlette's 405 names only the methods of the first route matching the path, so /store's
    said `Allow: GET` though PUT, POST and DELETE are answered there too (RFC 9110 §15.5.6:
    the Allow header lists the target's methods). Each method is tried against the routes'
    own `matches`, as the router itself would.
    """
    routes = request.app.router.routes
    allowed = [method for method in _METHODS
               if any(route.matches(dict(request.scope, method=method))[0] == Match.FULL
                      for route in routes)]
    if "GET" in allowed and "HEAD" not in allowed:
        allowed.append("HEAD")
    return sorted(allowed)


async def _internal_error(request: Request, error: Exception) -> JSONResponse:
    """A failure no handler above expected, as a problem too (Starlette's own is a text/plain
    "Internal Server Error"). The message is not sent (it may name files or data); uvicorn
    logs the traceback, as ServerErrorMiddleware re-raises after this answer."""
    return problem(500, "Internal error", f"the server failed on this request "
                   f"({type(error).__name__}); its log has the details",
                   instance=request.url.path)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Exception, _internal_error)
    app.add_exception_handler(KGError, _kg_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
