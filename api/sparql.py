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
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pyoxigraph as ox

from api.errors import (
    FederatedQueryError,
    NotAcceptableError,
    QueryTimeoutError,
    ResultTooLargeError,
)
from api.sparql_text import check_complexity, operation_kind, read_query, with_using
from kg.errors import InputError, QueryError, StoreError
from kg.namespaces import QUERY_PREFIXES
from kg.queries import graph_counts
from kg.rows import check_iri
from kg.sparql_hints import syntax_hint
from kg.store import RemoteStore, Store
from kg.store.serialize import EXPORT_PREFIXES, rdf_document

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
#: Media types whose documents are XML 1.0, which cannot carry some characters at all.
XML_MEDIA_TYPES = frozenset({"application/sparql-results+xml", "application/xml", "text/xml",
                             "application/rdf+xml"})
# In UTF-8, the C0 controls XML 1.0 forbids (all but tab, LF, CR), U+FFFE and U+FFFF.
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


#: The engine's message for an update sent as a query is "expected CONSTRUCT" (and the
#: reverse "expected VERSION"): these say what was sent and where it goes.
NOT_A_QUERY = ("this is a SPARQL Update, not a query: POST it to /sparql/update (form "
               "'update=' or application/sparql-update) with the bearer token")
NOT_AN_UPDATE = ("this is a SPARQL query, not an update: send it to /sparql (GET ?query=, "
                 "form 'query=' or application/sparql-query)")


@dataclass(frozen=True)
class SparqlQuery:
    """A query, its protocol dataset (default-graph-uri and named-graph-uri) and the base IRI
    that relative IRIs in it resolve against (the endpoint's URL)."""

    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, list[str]], *, base_iri: str | None = None
                    ) -> SparqlQuery:
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            raise InputError("give exactly one non-empty 'query' parameter"
                             + (f" (got {len(queries)})" if len(queries) > 1 else ""))
        return cls(queries[0], tuple(absolute_iris(params.get("default-graph-uri", []))),
                   tuple(absolute_iris(params.get("named-graph-uri", []))), base_iri)

    @property
    def has_protocol_dataset(self) -> bool:
        """Whether default-graph-uri or named-graph-uri was given: then the dataset is exactly
        those graphs (an empty default graph when only named graphs are named)."""
        return bool(self.default_graphs or self.named_graphs)


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


async def run_query(store: Store, query: SparqlQuery, *, accept: str | None,
                    pool: ThreadPoolExecutor, timeout: float, max_bytes: int) -> SparqlResult:
    """Evaluate and serialize `query` in the pool, within the timeout and size limit.

    The event loop awaits the pool's future directly: one thread hop per query, which is
    most of the fixed cost of a fast query.
    """
    future = pool.submit(_evaluate, store, query, accept, timeout, max_bytes)
    try:
        return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
    except TimeoutError:
        raise _timeout_error(timeout) from None


def _evaluate(store: Store, query: SparqlQuery, accept: str | None, timeout: float,
              max_bytes: int) -> SparqlResult:
    check_complexity(query.text)  # a deep query overflows the engine's stack: the server dies
    features = read_query(query.text, base_iri=query.base_iri, prefixes=QUERY_PREFIXES)
    if features.service:
        raise FederatedQueryError("this endpoint does not run federated queries: remove the "
                                  "SERVICE clause (query the other endpoint directly)")
    options: dict[str, object] = {"prefixes": QUERY_PREFIXES}
    if query.base_iri:
        options["base_iri"] = query.base_iri
    if query.has_protocol_dataset:  # the Protocol's dataset overrides FROM / FROM NAMED
        options["default_graph"] = [ox.NamedNode(g) for g in query.default_graphs]
        options["named_graphs"] = [ox.NamedNode(g) for g in query.named_graphs]
    elif features.from_graphs or features.from_named_graphs:
        # FROM / FROM NAMED, passed as the dataset: a remote server with a union default
        # graph (Oxigraph's) ignores them in the query text.
        options["default_graph"] = [ox.NamedNode(g) for g in features.from_graphs]
        options["named_graphs"] = [ox.NamedNode(g) for g in features.from_named_graphs]
    else:  # the union of all graphs, unless FROM the parser could not read is in the query
        options["use_default_graph_as_union"] = not features.dataset
    output = LimitedBuffer(timeout, max_bytes)
    result: object = None
    try:
        result = store.query_native(query.text, **options)
        if not isinstance(result, ox.QuerySolutions | ox.QueryBoolean):  # a graph
            media_type = negotiate(accept, GRAPH_FORMATS)
            rdf_format = GRAPH_FORMATS[media_type]
            with rdf_document(output, rdf_format) as document:  # type: ignore[arg-type]
                ox.serialize(result, document, rdf_format, prefixes=EXPORT_PREFIXES)
        else:
            media_type = negotiate(accept, SOLUTION_FORMATS)
            # LimitedBuffer is a raw binary stream; pyoxigraph types the target as IO[bytes].
            result.serialize(output, SOLUTION_FORMATS[media_type])  # type: ignore[arg-type]
    except SyntaxError as error:
        if operation_kind(query.text) == "update":
            raise QueryError(NOT_A_QUERY) from None
        message = f"SPARQL syntax error: {error}"
        raise QueryError(syntax_hint(query.text, message) or message) from None
    except QueryError as error:  # a remote store's engine said it
        hint = syntax_hint(query.text, str(error))
        if hint is None:
            raise
        raise QueryError(hint) from None
    except (OSError, RuntimeError) as error:
        raise StoreError(f"the query failed: {error}") from None
    finally:
        # pyoxigraph results may only be dropped on the thread that made them, and a raised
        # error's traceback would carry this frame (and the result) to the request thread.
        del result
    body = output.getvalue()
    refuse_what_xml_cannot_carry(body, media_type)
    return SparqlResult(body, media_type)


def refuse_what_xml_cannot_carry(body: bytes, media_type: str) -> None:
    """Raise NotAcceptableError (406) when `body` is to be XML but holds a character XML 1.0
    cannot carry (U+000B, U+000C, other C0 controls; not even as &#xB;): the document would be
    malformed for every parser. The message names the character and the formats that work."""
    if media_type not in XML_MEDIA_TYPES:
        return
    found = _NOT_XML.search(body)
    if found is None:
        return
    character = found.group().decode("utf-8")
    alternative = ("application/sparql-results+json" if "sparql-results" in media_type
                   or media_type in ("application/xml", "text/xml")
                   else "application/ld+json or text/turtle")
    raise NotAcceptableError(
        f"the result holds the character U+{ord(character):04X}, which XML 1.0 cannot carry, so "
        f"it cannot be given as {media_type}; ask for {alternative} instead")


def run_update(store: Store, update: str, *, base_iri: str | None = None,
               using_graphs: Sequence[str] = (), using_named_graphs: Sequence[str] = ()
               ) -> frozenset[str] | None:
    """Apply one SPARQL Update request; `using_*` are the Protocol's using-graph-uri and
    using-named-graph-uri (InputError when the update has USING or WITH of its own). The
    named graphs it wrote, None when it may have written anything (Store.update)."""
    if not update.strip():
        raise InputError("the SPARQL update is empty")
    rewritten = with_using(update, list(using_graphs), list(using_named_graphs))
    try:
        if isinstance(store, RemoteStore):  # Oxigraph server refuses USING under its union
            graphs = store.update(update, base_iri=base_iri, using_graphs=using_graphs,
                                  using_named_graphs=using_named_graphs)
        else:
            graphs = store.update(rewritten, base_iri=base_iri)
    except QueryError as error:
        if operation_kind(update) == "query":
            raise QueryError(NOT_AN_UPDATE) from None
        # The engine read `rewritten` (USING clauses added): its positions are in that text.
        hint = syntax_hint(update if isinstance(store, RemoteStore) else rewritten, str(error))
        if hint:
            raise QueryError(hint) from None
        raise
    store.flush()
    return graphs


def service_description(store: Store, endpoint: str, *, accept: str | None,
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
    for graph in sorted(graph_counts(store)):
        named = ox.BlankNode()
        triples += [ox.Triple(dataset, ox.NamedNode(sd + "namedGraph"), named),
                    ox.Triple(named, ox.NamedNode(sd + "name"), ox.NamedNode(graph))]
    media_type = negotiate(accept, GRAPH_FORMATS)
    body = ox.serialize(triples, None, GRAPH_FORMATS[media_type], prefixes={"sd": sd})
    assert body is not None
    return SparqlResult(body, media_type)


class LimitedBuffer(io.RawIOBase):
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


def absolute_iris(values: list[str]) -> list[str]:
    """Absolute IRIs of a protocol parameter; anything else is the client's error (400)."""
    return [absolute_iri(value) for value in values]


def absolute_iri(value: str) -> str:
    """`value` (stripped) when it is an absolute IRI that can be written as a SPARQL IRIREF.

    Raises:
        InputError: empty, relative, or holding a space, quote, brace or `<>` (a 400 "Invalid
            input" for every graph parameter, whichever check refuses it).
    """
    iri = value.strip()
    try:
        ox.NamedNode(check_iri(iri))
    except QueryError:
        raise InputError(f"not an absolute IRI: {iri!r} (empty, or holding a space, quote, "
                         "brace or angle bracket)") from None
    except ValueError as error:
        raise InputError(f"not an absolute IRI: {iri!r} ({error})") from None
    return iri
