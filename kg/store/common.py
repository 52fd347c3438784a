"""The one store contract (`Store`), export formats, article metadata, and the write protocol.

`Store` declares everything a backend offers; kg/ and api/ annotate with it, never with a
backend class. A backend supplies `query`, `query_native`, `update`, `_apply_update`,
`_write_export`, `bulk_load`, `flush`, `__len__` and `close` (rdflib's store.py style: the
base method raises NotImplementedError and says when to override it); everything that can be
said in SPARQL (article listing, graph counts, loading the reference graphs, atomic graph
replacement) lives here once, so both backends behave alike.

The store holds the query index in its `index` slot (kg.index.GraphIndex, typed here by the
`QueryIndex` protocol). It asks the index nothing: it only tells it of each write, before and
after (`Store.writing`), so the index can keep a durable list of what to re-read; kg.queries
asks it, so the store depends on nothing above it.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO, Protocol, Self, TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS
from rdflib.query import Result

from kg.errors import QueryError, StoreError
from kg.namespaces import AIKG, ARTICLE, ENTITIES_GRAPH, ONTOLOGY_GRAPH, SCHEMA
from kg.settings import ENTITIES_FILE, ONTOLOGY_DIR, ONTOLOGY_FILES
from kg.store.serialize import rdf_document

T = TypeVar("T")
#: How many writes `changed_graphs` remembers; an index further behind rebuilds from scratch.
MAX_CHANGE_LOG = 10_000
VERSION = DCTERMS.hasVersion
#: What `query_native` returns: pyoxigraph's own result objects, or triples for a graph result.
NativeResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | Iterable[ox.Triple]


class ExportFormat(StrEnum):
    """Serializations offered by `export`; the value is the CLI/API name."""

    turtle = "turtle"
    trig = "trig"
    nt = "nt"
    nquads = "nquads"
    jsonld = "jsonld"

    @property
    def rdf_format(self) -> ox.RdfFormat:
        return {
            "turtle": ox.RdfFormat.TURTLE,
            "trig": ox.RdfFormat.TRIG,
            "nt": ox.RdfFormat.N_TRIPLES,
            "nquads": ox.RdfFormat.N_QUADS,
            "jsonld": ox.RdfFormat.JSON_LD,
        }[self.value]

    @property
    def media_type(self) -> str:
        return self.rdf_format.media_type


@dataclass(frozen=True)
class ArticleInfo:
    """An article's metadata as stored, and the size of its graph."""

    id: str
    title: str
    date: str | None
    source: str | None
    hash: str
    graph: str
    triples: int


ARTICLES_QUERY = f"""
    SELECT ?g ?id ?title ?date ?source ?hash (COUNT(*) AS ?n) WHERE {{
      GRAPH ?g {{
        ?a a <{AIKG.Article}> ; <{AIKG.contentHash}> ?hash ;
           <{SCHEMA.identifier}> ?id ; <{SCHEMA.headline}> ?title .
        OPTIONAL {{ ?a <{SCHEMA.datePublished}> ?date }}
        OPTIONAL {{ ?a <{DCTERMS.source}> ?source }}
        ?s ?p ?o
      }}
    }} GROUP BY ?g ?id ?title ?date ?source ?hash ORDER BY ?id"""
GRAPH_COUNTS_QUERY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


class QueryIndex(Protocol):
    """What a store's `index` slot holds (kg.index.GraphIndex); the store itself never calls
    it, kg.queries does."""

    @property
    def state(self) -> str:
        """'ready' or 'building'."""
        ...

    @property
    def progress(self) -> tuple[int, int] | None:
        """(graphs indexed, graphs to index) while a full build runs, else None."""
        ...

    def answer(self, question: Callable[[Any], T]) -> T | None:
        """`question(tables)` on current tables, or None when they are not current."""
        ...

    def close(self) -> None:
        """Stop building and forget the tables."""
        ...

    def sync(self) -> bool:
        """Apply the writes that have ended (the end of an ingest batch); whether the index
        is current."""
        ...

    def before_write(self, graphs: frozenset[str] | None) -> None:
        """A write of these named graphs (None: of anything) is about to start; recorded
        durably, so that a crash before `after_write` still leaves the index knowing what to
        re-read."""
        ...

    def after_write(self, graphs: frozenset[str] | None) -> None:
        """The write announced by `before_write` has ended (committed or failed)."""
        ...


class Store:
    """What every backend offers (the embedded Oxigraph store, a remote SPARQL server).

    kg/ and api/ annotate with this class. Capabilities are flags (`sole_writer`), not
    isinstance checks. Engine-level methods raise NotImplementedError here; the SPARQL-
    expressible half (graph writes, article listing, reference graphs) is implemented once.
    A store is a context manager: leaving the block closes it.
    """

    #: Bumped on every write made through this object, so readers can cache answers safely.
    generation: int = 0
    #: Whether every write goes through this object (an embedded store, locked to its process),
    #: which is what makes a cache keyed by `generation` exact.
    sole_writer: bool = False
    #: Whether the default graph is a graph of its own (embedded Oxigraph) rather than the
    #: union of the named graphs (a remote server queried with union default graph).
    separate_default_graph: bool = False
    #: Whether `scan_quads` reads the engine's indexes (else it returns None: use SPARQL).
    scans: bool = False
    #: The query index (kg.index) that kg.queries asks first, when one is attached.
    index: QueryIndex | None = None
    _changes: deque[tuple[int, frozenset[str] | None]] | None = None

    @contextmanager
    def writing(self, *graphs: str) -> Iterator[None]:
        """Around every write: the index hears of it before and after, and the write is
        recorded (`mark_changed`) whether it succeeds or fails. No names: anything."""
        announced = frozenset(graphs) if graphs else None
        index = self.index
        if index is not None:
            index.before_write(announced)
        try:
            yield
        finally:
            self.mark_changed(*graphs)
            if index is not None:
                index.after_write(announced)

    def mark_changed(self, *graphs: str) -> None:
        """Record a write: to the named graphs, or (no names) to anything at all."""
        if self._changes is None:
            self._changes = deque(maxlen=MAX_CHANGE_LOG)
        self.generation += 1
        self._changes.append((self.generation, frozenset(graphs) if graphs else None))

    def changed_graphs(self, since: int) -> frozenset[str] | None:
        """The graphs written after generation `since`, or None when that is not known
        (an update of arbitrary triples, a bulk load, or a log that no longer reaches back)."""
        changes = self._changes or ()
        if since == self.generation:
            return frozenset()
        if not changes or changes[0][0] > since + 1:
            return None
        found: set[str] = set()
        for generation, graphs in list(changes):
            if generation > since:
                if graphs is None:
                    return None
                found |= graphs
        return frozenset(found)

    # -- the engine (subclasses) -------------------------------------------------------

    def query(self, sparql: str) -> Result:  # pragma: no cover - abstract
        """SELECT/ASK/CONSTRUCT/DESCRIBE over the union of all graphs (project prefixes bound)
        as an rdflib Result.

        Raises:
            QueryError: the query does not parse or fails to run.
            StoreError: the store cannot be reached (a remote server).
        """
        raise NotImplementedError

    def query_native(self, sparql: str, **options: Any) -> NativeResult:  # pragma: no cover
        """A query with pyoxigraph's options (prefixes, default_graph, named_graphs, base_iri)
        and result types; the default graph is the union of all graphs unless given.

        Raises:
            SyntaxError: the query does not parse (the engine's own error, for callers that
                tell the user's text from ours).
            OSError: the embedded store cannot be read.
            QueryError, StoreError: a remote server refused the query or cannot be reached.
        """
        raise NotImplementedError

    def update(self, sparql: str, *, base_iri: str | None = None
               ) -> frozenset[str] | None:  # pragma: no cover - abstract
        """Apply a SPARQL Update (project prefixes bound; relative IRIs against `base_iri`)
        in one transaction. It is recorded (`writing`) as a change of the named graphs it
        writes when its text says which (kg.store.update_graphs), else of anything.

        Returns:
            Those graph IRIs, or None when the update may have changed anything.
        Raises:
            QueryError: the update does not parse or the engine refuses it.
        """
        raise NotImplementedError

    def _apply_update(self, sparql: str) -> None:  # pragma: no cover - abstract
        """Run one SPARQL Update as one transaction; engine errors propagate unchanged."""
        raise NotImplementedError

    def bulk_load(self, source: BinaryIO | Path, *, fmt: ExportFormat = ExportFormat.nquads
                  ) -> None:  # pragma: no cover - abstract
        """Load a large dataset file fast (benchmarks, restores); not one transaction.

        Raises:
            SyntaxError, OSError: the embedded engine cannot parse or write the data.
            StoreError: a remote server refused it or cannot be reached.
        """
        raise NotImplementedError

    def flush(self) -> None:  # pragma: no cover - abstract
        """Make every write durable (a no-op where the engine persists its own writes)."""
        raise NotImplementedError

    def __len__(self) -> int:  # pragma: no cover - abstract
        """Quads in the store, every graph counted (a scan: prefer kg.queries.triple_count).

        Raises:
            StoreError: a remote server cannot be reached.
        """
        raise NotImplementedError

    def close(self) -> None:  # pragma: no cover - abstract
        """Release the store (the embedded one flushes and frees its on-disk lock); later
        calls may raise StoreError."""
        raise NotImplementedError

    def _write_export(self, output: BinaryIO, fmt: ExportFormat, *, graph: str | None = None
                      ) -> None:  # pragma: no cover - abstract
        """Serialize the dataset (or one graph) with prefixes=EXPORT_PREFIXES."""
        raise NotImplementedError

    def export(self, output: BinaryIO, fmt: ExportFormat, *, graph: str | None = None) -> None:
        """Stream the dataset (or one graph) to `output`: the project's prefixes, Turtle and
        TriG that rdflib reads back, JSON-LD with an @context (kg.store.serialize).

        Raises:
            StoreError: `graph` is not in the store, or the store cannot be read.
        """
        with rdf_document(output, fmt.rdf_format) as document:
            self._write_export(document, fmt, graph=graph)

    # -- writing -----------------------------------------------------------------------

    def put_graph(
        self, graph_iri: URIRef, triples: Graph | Iterable[str], *, replaces: Iterable[str] = ()
    ) -> None:
        """Replace one named graph (and drop `replaces`) in one transaction.

        Readers see the old graph or the new one, never half of it.

        Raises:
            StoreError: the engine refused the write (nothing was written).
        """
        lines = ntriples_lines(triples)
        stale = [old for old in replaces if old != str(graph_iri)]
        drops = "".join(f"DROP SILENT GRAPH <{old}> ;\n" for old in stale)
        try:
            with self.writing(str(graph_iri), *stale):
                self._apply_update(drops + replace_graph_update(graph_iri, lines))
        except StoreError as error:
            raise StoreError(f"could not write graph <{graph_iri}>: {error}") from None
        except (OSError, RuntimeError, SyntaxError, ValueError) as error:
            raise StoreError(f"could not write graph <{graph_iri}>: {error}") from None

    def add_to_graph(self, graph_iri: URIRef, triples: Graph | Iterable[str]) -> None:
        """Add triples to one named graph (created if absent) in one transaction.

        Raises:
            StoreError: the engine refused the write (nothing was written).
        """
        body = "\n".join(ntriples_lines(triples))
        try:
            with self.writing(str(graph_iri)):
                self._apply_update(f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }}")
        except (OSError, RuntimeError, SyntaxError, ValueError) as error:
            raise StoreError(f"could not write graph <{graph_iri}>: {error}") from None

    def delete_graph(self, graph_iri: URIRef) -> None:
        """Drop one named graph (silently when absent).

        Raises:
            StoreError: a remote server refused it or cannot be reached.
        """
        with self.writing(str(graph_iri)):
            self._apply_update(f"DROP SILENT GRAPH <{graph_iri}>")

    def ensure_reference_graphs(self) -> None:
        """Load the ontology (with shapes and topics) and the gazetteer when they changed."""
        ontology_files = [ONTOLOGY_DIR / name for name in ONTOLOGY_FILES]
        wanted = ((ONTOLOGY_GRAPH, ontology_files), (ENTITIES_GRAPH, [ENTITIES_FILE]))
        for graph_iri, files in wanted:
            present = [f for f in files if f.exists()]
            version = files_digest(present)
            current = self.query_native(
                f"ASK {{ GRAPH <{graph_iri}> {{ <{graph_iri}> <{VERSION}> \"{version}\" }} }}")
            if bool(current):
                continue
            lines = [
                str(triple) + " ."
                for f in present
                for triple in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE)
            ]
            lines.append(f'<{graph_iri}> <{VERSION}> "{version}" .')
            self.put_graph(graph_iri, lines)

    # -- reading -----------------------------------------------------------------------

    def scan_quads(self, graph: str | None = None) -> Iterator[ox.Quad] | None:
        """Every quad of one named graph (of the whole store, graph by graph, when None),
        straight from the engine's indexes; None where the engine cannot (a remote server:
        read it with SPARQL)."""
        return None

    def named_graphs(self) -> list[str]:
        """The IRIs of every non-empty named graph, sorted (a scan of the store over SPARQL;
        the embedded store reads its graph table).

        Raises:
            StoreError: a remote server cannot be reached.
        """
        return sorted(self.graph_counts())

    def graph_counts(self) -> dict[str, int]:
        """Triples per named graph, counted by the engine (kg.queries.graph_counts asks the
        index first)."""
        rows = solutions(self.query_native(GRAPH_COUNTS_QUERY))
        return {_text(row["g"]): int(_text(row["n"])) for row in rows}

    def articles(self) -> list[ArticleInfo]:
        """Every article with its graph, by id, read by the engine (kg.queries.articles asks
        the index first)."""
        rows = solutions(self.query_native(ARTICLES_QUERY))
        return [
            ArticleInfo(id=_text(row["id"]), title=_text(row["title"]), date=_value(row["date"]),
                        source=_value(row["source"]), hash=_text(row["hash"]),
                        graph=_text(row["g"]), triples=int(_text(row["n"])))
            for row in rows
        ]

    def find_article(self, ref: str) -> ArticleInfo | None:
        """An article by its id, content hash (or a unique prefix of it), article or graph IRI."""
        return match_article(self.articles(), ref)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        index, self.index = self.index, None
        try:
            if index is not None:
                index.close()
        finally:
            self.close()


def match_article(infos: Iterable[ArticleInfo], ref: str) -> ArticleInfo | None:
    """The one article `ref` names: its id, content hash (or a unique prefix of 8 or more
    characters of it), article IRI or graph IRI; None when none or several match."""
    ref = ref.strip()
    matches = [
        info for info in infos
        if ref in (info.id, info.hash, info.graph, str(ARTICLE[info.hash]))
        or (len(ref) >= 8 and info.hash.startswith(ref))
    ]
    return matches[0] if len(matches) == 1 else None


def replace_graph_update(graph_iri: URIRef, lines: list[str]) -> str:
    """DROP + INSERT DATA of one graph as one update request (one transaction)."""
    body = "\n".join(lines)
    return (f"DROP SILENT GRAPH <{graph_iri}> ;\n"
            f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }}")


def ntriples_lines(triples: Graph | Iterable[str]) -> list[str]:
    if isinstance(triples, Graph):
        text = triples.serialize(format="nt", encoding="utf-8").decode("utf-8")
        # "\n" only: str.splitlines would also cut at U+2028, U+0085... inside literals.
        return [line for line in text.split("\n") if line.strip()]
    return list(triples)


def files_digest(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def solutions(result: NativeResult) -> ox.QuerySolutions:
    """The solutions of a SELECT sent by our own code.

    Raises:
        QueryError: the query was not a SELECT (a bug in the caller).
    """
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(f"expected solutions of a SELECT, not {type(result).__name__}")
    return result


def _value(term: object) -> str | None:
    return getattr(term, "value", None) if term is not None else None


def _text(term: object) -> str:
    return _value(term) or ""
