"""The SPARQL 1.1 Protocol over the store: content negotiation, limits, service description.

Queries run on pyoxigraph in a worker pool and are serialized by pyoxigraph into a buffer
that enforces both limits: past the deadline or the size the writer raises and evaluation
stops. A query still computing its first result when the timeout hits cannot be cancelled
(pyoxigraph has no cancellation): the client gets its 503 at once and the worker finishes
in the background.
"""

from __future__ import annotations

import asyncio
import io
import re
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pyoxigraph as ox

from api.errors import NotAcceptableError, QueryTimeoutError, ResultTooLargeError
from kg.errors import InputError, QueryError, StoreError
from kg.queries import QUERY_PREFIXES, sparql_iri
from kg.store import EmbeddedStore

#: Media types offered for SELECT and ASK results; the first is the default.
SOLUTION_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
}
#: Media types offered for CONSTRUCT and DESCRIBE results (and the service description).
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
# Literals, IRIs and comments, removed before looking for the SERVICE keyword.
_NOT_KEYWORDS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                           r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n]*")
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


@dataclass(frozen=True)
class SparqlQuery:
    """A query and its protocol dataset (default-graph-uri and named-graph-uri)."""

    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @classmethod
    def from_params(cls, params: Mapping[str, list[str]]) -> SparqlQuery:
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            raise InputError("give exactly one non-empty 'query' parameter"
                             + (f" (got {len(queries)})" if len(queries) > 1 else ""))
        return cls(queries[0], tuple(_iris(params.get("default-graph-uri", []))),
                   tuple(_iris(params.get("named-graph-uri", []))))


@dataclass(frozen=True)
class SparqlResult:
    body: bytes
    media_type: str


def negotiate(accept: str | None, offered: Mapping[str, object]) -> str:
    """The offered media type the Accept header prefers (q-values, then order; */* = default)."""
    default = next(iter(offered))
    if not accept or not accept.strip():
        return default
    ranges: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")):
        media, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranges.append((-quality, index, media.lower()))
    for _, _, media in sorted(ranges):
        if media in offered:
            return media
        if media == "*/*":
            return default
        if media.endswith("/*"):
            match = next((m for m in offered if m.startswith(media[:-1])), None)
            if match:
                return match
    raise NotAcceptableError(f"cannot produce any of {accept!r} for this result; "
                             f"offered: {', '.join(offered)}")


async def run_query(store: EmbeddedStore, query: SparqlQuery, *, accept: str | None,
                    pool: ThreadPoolExecutor, timeout: float, max_bytes: int) -> SparqlResult:
    """Evaluate and serialize `query` in the pool, within the timeout and size limit.

    The event loop awaits the pool's future directly: one thread hop per query, which is
    most of the fixed cost of a fast query.
    """
    if _SERVICE.search(_NOT_KEYWORDS.sub(" ", query.text)):
        raise QueryError("federated queries (SERVICE) are disabled on this endpoint")
    future = pool.submit(_evaluate, store, query, accept, timeout, max_bytes)
    try:
        return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
    except TimeoutError:
        raise _timeout_error(timeout) from None


def _evaluate(store: EmbeddedStore, query: SparqlQuery, accept: str | None, timeout: float,
              max_bytes: int) -> SparqlResult:
    options: dict[str, object] = {"prefixes": QUERY_PREFIXES}
    if query.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in query.default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if query.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in query.named_graphs]
    output = _LimitedBuffer(timeout, max_bytes)
    result: object = None
    try:
        result = store.query_native(query.text, **options)
        if not isinstance(result, ox.QuerySolutions | ox.QueryBoolean):  # a graph
            media_type = negotiate(accept, GRAPH_FORMATS)
            ox.serialize(result, output, GRAPH_FORMATS[media_type], prefixes=QUERY_PREFIXES)
        else:
            media_type = negotiate(accept, SOLUTION_FORMATS)
            result.serialize(output, SOLUTION_FORMATS[media_type])
    except SyntaxError as error:
        raise QueryError(f"SPARQL syntax error: {error}") from None
    except (OSError, RuntimeError) as error:
        raise StoreError(f"the query failed: {error}") from None
    finally:
        # pyoxigraph results may only be dropped on the thread that made them, and a raised
        # error's traceback would carry this frame (and the result) to the request thread.
        del result
    return SparqlResult(output.getvalue(), media_type)


def run_update(store: EmbeddedStore, update: str) -> None:
    if not update.strip():
        raise InputError("the SPARQL update is empty")
    store.update(update)
    store.flush()


def service_description(store: EmbeddedStore, endpoint: str, *, accept: str | None,
                        updates: bool) -> SparqlResult:
    """A SPARQL 1.1 Service Description of this endpoint, with the named graphs it holds."""
    sd = "http://www.w3.org/ns/sparql-service-description#"
    formats = "http://www.w3.org/ns/formats/"
    service, dataset, default = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    triples = [
        ox.Triple(service, rdf_type, ox.NamedNode(sd + "Service")),
        ox.Triple(service, ox.NamedNode(sd + "endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, ox.NamedNode(sd + "feature"), ox.NamedNode(sd + "UnionDefaultGraph")),
        ox.Triple(service, ox.NamedNode(sd + "defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, ox.NamedNode(sd + "Dataset")),
        ox.Triple(dataset, ox.NamedNode(sd + "defaultGraph"), default),
        ox.Triple(default, rdf_type, ox.NamedNode(sd + "Graph")),
    ]
    languages = ["SPARQL11Query"] + (["SPARQL11Update"] if updates else [])
    triples += [ox.Triple(service, ox.NamedNode(sd + "supportedLanguage"), ox.NamedNode(sd + name))
                for name in languages]
    names = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
             "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "TriG", "N-Quads", "RDF_XML"]
    triples += [ox.Triple(service, ox.NamedNode(sd + "resultFormat"), ox.NamedNode(formats + n))
                for n in names]
    for graph in sorted(store.graph_counts()):
        named = ox.BlankNode()
        triples += [ox.Triple(dataset, ox.NamedNode(sd + "namedGraph"), named),
                    ox.Triple(named, ox.NamedNode(sd + "name"), ox.NamedNode(graph))]
    media_type = negotiate(accept, GRAPH_FORMATS)
    body = ox.serialize(triples, None, GRAPH_FORMATS[media_type], prefixes={"sd": sd})
    assert body is not None
    return SparqlResult(body, media_type)


class _LimitedBuffer(io.RawIOBase):
    """A byte buffer that stops the serializer past a deadline or a size."""

    def __init__(self, timeout: float, max_bytes: int) -> None:
        self._buffer = io.BytesIO()
        self._timeout = timeout
        self._deadline = time.monotonic() + timeout
        self._max_bytes = max_bytes

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if time.monotonic() > self._deadline:
            raise _timeout_error(self._timeout)
        if self._buffer.tell() + len(data) > self._max_bytes:
            raise ResultTooLargeError(f"the result is larger than {self._max_bytes} bytes; "
                                      "add a LIMIT or narrow the query")
        return self._buffer.write(data)

    def getvalue(self) -> bytes:
        return self._buffer.getvalue()


def _timeout_error(timeout: float) -> QueryTimeoutError:
    return QueryTimeoutError(f"the query ran longer than the {timeout:g} s limit; "
                             "narrow it or add a LIMIT")


def _iris(values: list[str]) -> list[str]:
    """Absolute IRIs of a protocol parameter; anything else is the client's error (400)."""
    iris = []
    for value in values:
        iri = sparql_iri(value.strip())[1:-1]
        try:
            ox.NamedNode(iri)
        except ValueError as error:
            raise InputError(f"not an absolute IRI: {iri!r} ({error})") from None
        iris.append(iri)
    return iris
