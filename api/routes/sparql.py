"""SPARQL 1.1 Protocol: queries at /sparql (GET or POST), updates only with the bearer token."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep, bearer_token, check_token, require_token
from api.errors import ForbiddenError, UnsupportedMediaTypeError
from api.protocol import non_utf8_parameter
from api.sparql import (
    SparqlQuery,
    SparqlResult,
    absolute_iris,
    run_query,
    run_update,
    service_description,
)
from api.upkeep import ARTICLE_GRAPHS, reconsolidate
from kg.errors import InputError
from kg.namespaces import QUERY_PREFIXES

router = APIRouter(tags=["sparql"])
QUERY_TYPES = ("application/sparql-query",)
UPDATE_TYPES = ("application/sparql-update",)
FORM = "application/x-www-form-urlencoded"
_BODY_DOC = {"requestBody": {"content": {
    FORM: {"schema": {"type": "object", "properties": {
        "query": {"type": "string"}, "update": {"type": "string"},
        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
        "using-graph-uri": {"type": "array", "items": {"type": "string"}},
        "using-named-graph-uri": {"type": "array", "items": {"type": "string"}}}}},
    "application/sparql-query": {"schema": {"type": "string"}},
    "application/sparql-update": {"schema": {"type": "string"}}}}}


@router.get("/sparql", response_class=Response)
async def sparql_get(
    request: Request, store: StoreDep, settings: SettingsDep,
    query: Annotated[str | None, Query(description="a SPARQL 1.1 query")] = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
) -> Response:
    """Run a query; without `query`, the SPARQL 1.1 Service Description of this endpoint."""
    # The parameters above document the protocol in OpenAPI; the raw query string is read so
    # that a repeated `query` is refused rather than silently reduced to one.
    params = _multi(request.query_params.multi_items())
    accept = request.headers.get("accept")
    if "update" in params:
        raise ForbiddenError("SPARQL Update is accepted only by POST (to /sparql/update) "
                             "with the bearer token")
    if "query" not in params:
        endpoint = str(request.url.replace(query=""))
        return _response(await run_in_threadpool(
            service_description, store, endpoint.rstrip("?"), accept=accept,
            updates=settings.update_token is not None))
    asked = SparqlQuery.from_params(params, base_iri=_endpoint(request))
    return await _answer(request, store, settings, asked, accept)


@router.post("/sparql", response_class=Response, openapi_extra=_BODY_DOC)
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """A query (form or application/sparql-query), or an update (needs the bearer token)."""
    content_type, params = await _read_body(request)
    if content_type in UPDATE_TYPES or "update" in params:
        check_token(settings, bearer_token(request))
        return await run_in_threadpool(_update, store, params, _endpoint(request),
                                   request.app.state.write_lock)
    if "query" not in params:
        raise InputError("POST /sparql needs a 'query' (or, with the token, an 'update')")
    query = SparqlQuery.from_params(params, base_iri=_endpoint(request))
    return await _answer(request, store, settings, query, request.headers.get("accept"))


@router.get("/sparql/prefixes", response_model=dict[str, str])
async def sparql_prefixes() -> dict[str, str]:
    """The prefixes every query here may use undeclared, as {prefix: namespace IRI} (the
    format of prefix.cc, which SPARQL editors such as YASGUI read for autocompletion)."""
    return QUERY_PREFIXES


@router.post("/sparql/update", status_code=204, response_class=Response,
             dependencies=[Depends(require_token)], openapi_extra=_BODY_DOC)
async def sparql_update(request: Request, store: StoreDep) -> Response:
    """SPARQL 1.1 Update (form `update=` or application/sparql-update); bearer token required."""
    _, params = await _read_body(request)
    return await run_in_threadpool(_update, store, params, _endpoint(request),
                                   request.app.state.write_lock)


async def _answer(request: Request, store: StoreDep, settings: SettingsDep,
                  query: SparqlQuery, accept: str | None) -> Response:
    return _response(await run_query(
        store, query, accept=accept, pool=request.app.state.query_pool,
        timeout=settings.query_timeout, max_bytes=settings.max_result_bytes))


def _update(store: StoreDep, params: dict[str, list[str]], base_iri: str,
            write_lock: AbstractContextManager[object]) -> Response:
    if "query" in params:  # the Protocol's operations are one or the other, never both
        raise InputError("give either a 'query' or an 'update', not both")
    updates = params.get("update", [])
    if len(updates) != 1:
        raise InputError(f"give exactly one 'update' (got {len(updates)})")
    with write_lock:
        graphs = run_update(
            store, updates[0], base_iri=base_iri,
            using_graphs=absolute_iris(params.get("using-graph-uri", [])),
            using_named_graphs=absolute_iris(params.get("using-named-graph-uri", [])))
        if graphs is not None and all(g.startswith(ARTICLE_GRAPHS) for g in graphs):
            reconsolidate(store, written=graphs)  # a written graph that is gone is dropped
        else:
            # It may have touched any graph, or the names the merges are read from: the
            # consolidated events catch up by comparing their derived graphs with the store.
            reconsolidate(store)
    return Response(status_code=204)


def _endpoint(request: Request) -> str:
    """The endpoint's own URL: the base IRI of relative IRIs in a query or update."""
    return str(request.url.replace(query="", fragment="")).rstrip("?")


async def _read_body(request: Request) -> tuple[str, dict[str, list[str]]]:
    """The body's media type and its parameters merged with those of the URL."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    params = _multi(request.query_params.multi_items())
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("the request body is not UTF-8") from None
    if content_type == FORM:
        bad = non_utf8_parameter(body)
        if bad is not None:
            raise InputError(f"in the form body, {bad}")
        for name, values in parse_qs(text, keep_blank_values=True).items():
            params.setdefault(name, []).extend(values)
    elif content_type in QUERY_TYPES:
        params.setdefault("query", []).append(text)
    elif content_type in UPDATE_TYPES:
        params.setdefault("update", []).append(text)
    else:
        raise UnsupportedMediaTypeError(
            f"unsupported content type {content_type or '(none)'!r}; expected {FORM}, "
            f"{QUERY_TYPES[0]} or {UPDATE_TYPES[0]}")
    return content_type, params


def _multi(items: list[tuple[str, str]]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for name, value in items:
        params.setdefault(name, []).append(value)
    return params


def _response(result: SparqlResult) -> Response:
    return Response(result.body, media_type=result.media_type, headers={"Vary": "Accept"})
