"""SPARQL 1.1 Graph Store HTTP Protocol at /store: graphs read and written as documents.

`GET /store?graph=IRI` gives one named graph, `?default` the default graph (here the union of
all graphs, as SPARQL sees it), no parameter the whole dataset (N-Quads or TriG). `PUT`
replaces a named graph, `POST` adds to it, `DELETE` drops it; all three need the bearer
token, and each is one transaction. All data lives in named graphs, so writing the default
graph is refused.
"""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep, require_token
from api.errors import NotFoundError, UnsupportedMediaTypeError
from api.request_rules import REQUEST_RULES
from api.sparql import (
    LimitedBuffer,
    absolute_iri,
    negotiate,
    refuse_what_xml_cannot_carry,
)
from api.streaming import stream_writes
from api.upkeep import reconsolidate
from kg.errors import InputError
from kg.queries import graph_counts, graph_triples
from kg.store import ExportFormat, Store, URIRef
from kg.store.serialize import EXPORT_PREFIXES, rdf_document

router = APIRouter(tags=["graph store"], dependencies=[REQUEST_RULES])

#: Media types a graph is read from and written in (the first is the default answer).
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
#: Media types of the whole dataset (GET /store without a graph).
DATASET_TYPES: dict[str, ExportFormat] = {
    "application/n-quads": ExportFormat.nquads, "application/trig": ExportFormat.trig}
_BODY_DOC = {"requestBody": {"required": True, "content": {
    media: {"schema": {"type": "string"}} for media in GRAPH_TYPES}}}
GraphParam = Annotated[str | None, Query(description="IRI of a named graph")]
DefaultParam = Annotated[str | None, Query(description="present: the default graph")]


@router.get("/store", response_class=Response, responses={200: {"content": {
    media: {} for media in [*GRAPH_TYPES, *DATASET_TYPES]}}})
def get_graph(request: Request, store: StoreDep, settings: SettingsDep, graph: GraphParam = None,
              default: DefaultParam = None) -> Response:
    """One graph (`graph=IRI`, or `default` for the union of all graphs), or the dataset."""
    accept = request.headers.get("accept")
    _one_graph(graph, default)
    if graph is None and default is None:
        media_type = negotiate(accept, DATASET_TYPES)
        fmt = DATASET_TYPES[media_type]
        return StreamingResponse(stream_writes(lambda output: store.export(output, fmt)),
                                 media_type=media_type)
    iri = _named_graph(store, graph) if graph is not None else None
    media_type = negotiate(accept, GRAPH_TYPES)
    # Within the limits of a SPARQL result, so that a huge union graph cannot fill memory.
    output = LimitedBuffer(settings.query_timeout, settings.max_result_bytes)
    triples = graph_triples(store, iri)
    try:
        with rdf_document(output, GRAPH_TYPES[media_type]) as document:  # type: ignore[arg-type]
            ox.serialize(triples, document, GRAPH_TYPES[media_type],  # type: ignore[arg-type]
                         prefixes=EXPORT_PREFIXES)
    finally:
        del triples  # pyoxigraph results must be dropped on the thread that made them
    body = output.getvalue()
    refuse_what_xml_cannot_carry(body, media_type)
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


@router.put("/store", status_code=204, response_class=Response, openapi_extra=_BODY_DOC,
            dependencies=[Depends(require_token)],
            responses={201: {"description": "the graph was created"}})
async def put_graph(request: Request, store: StoreDep, graph: GraphParam = None,
                    default: DefaultParam = None) -> Response:
    """Replace a named graph with the request body (bearer token required)."""
    return await _write(request, store, _writable(graph, default), replace=True)


@router.post("/store", status_code=204, response_class=Response, openapi_extra=_BODY_DOC,
             dependencies=[Depends(require_token)],
             responses={201: {"description": "the graph was created"}})
async def post_graph(request: Request, store: StoreDep, graph: GraphParam = None,
                     default: DefaultParam = None) -> Response:
    """Add the request body's triples to a named graph (bearer token required)."""
    return await _write(request, store, _writable(graph, default), replace=False)


@router.delete("/store", status_code=204, response_class=Response,
               dependencies=[Depends(require_token)])
def delete_graph(request: Request, store: StoreDep, graph: GraphParam = None,
                 default: DefaultParam = None) -> Response:
    """Drop a named graph (bearer token required); 404 when there is none by that IRI."""
    with request.app.state.write_lock:
        iri = _named_graph(store, _writable(graph, default))
        store.delete_graph(URIRef(iri))
        reconsolidate(store, dropped=[iri])
    return Response(status_code=204)


async def _write(request: Request, store: Store, graph: str, *, replace: bool) -> Response:
    """Parse the body and replace (PUT) or extend (POST) the graph: 201 when it is new."""
    iri = absolute_iri(graph)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in GRAPH_TYPES:
        raise UnsupportedMediaTypeError(
            f"unsupported content type {content_type or '(none)'!r} for a graph; expected "
            f"one of {', '.join(GRAPH_TYPES)}")
    body = await request.body()

    def write() -> Response:  # blocking: parsing and the store, in the thread pool
        try:
            quads = list(ox.parse(body, GRAPH_TYPES[content_type], base_iri=iri))
        except SyntaxError as error:
            raise InputError(f"the body is not valid {content_type}: {error}") from None
        lines = [f"{_triple_of(quad)} ." for quad in quads]
        with request.app.state.write_lock:
            existed = iri in graph_counts(store)
            if replace:
                store.put_graph(URIRef(iri), lines)
            else:
                store.add_to_graph(URIRef(iri), lines)
            reconsolidate(store, written=[iri])
        return Response(status_code=204 if existed else 201)

    return await run_in_threadpool(write)


def _triple_of(quad: ox.Quad) -> ox.Triple:
    """The triple of a parsed statement, which must be in the body's default graph.

    Raises:
        InputError: for a statement in a named graph of the body's own (JSON-LD `@graph`
            under an `@id`): a Graph Store request writes the one graph `?graph=` names, and
            such a quad written as a triple line made the store refuse the write (a 500).
    """
    if quad.graph_name != ox.DefaultGraph():
        raise InputError(f"the body puts statements in a graph of its own "
                         f"({quad.graph_name}); a Graph Store request writes only the graph "
                         "named by ?graph=, so send its triples without a graph name")
    return quad.triple


def _one_graph(graph: str | None, default: str | None) -> None:
    """The Protocol names one graph per request: `graph=IRI` or `default`, never both."""
    if graph is not None and default is not None:
        raise InputError("give either ?graph=IRI or ?default, not both")


def _writable(graph: str | None, default: str | None) -> str:
    _one_graph(graph, default)
    if default is not None:
        raise InputError("the default graph here is the union of all named graphs and cannot "
                         "be written; name a graph with ?graph=IRI")
    if graph is None:
        raise InputError("name the graph to write with ?graph=IRI")
    return graph


def _named_graph(store: Store, graph: str) -> str:
    """`graph` when the store holds it: a malformed IRI is a 400, an unknown one a 404."""
    iri = absolute_iri(graph)
    if iri not in graph_counts(store):
        raise NotFoundError(f"no graph <{iri}> in the store; see GET /graphs")
    return iri
