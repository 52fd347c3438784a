"""The RDF store: an rdflib Dataset over embedded Oxigraph (oxrdflib), one named graph per article.

`open_store(settings)` is the one place a backend is chosen, so a remote SPARQL store can be
added without touching callers. Writes that must be all-or-nothing go through a single
SPARQL Update, which Oxigraph applies in one transaction (oxrdflib's commit() is a no-op).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result

from kg.errors import QueryError, StoreError, StoreLockedError
from kg.namespaces import AIKG, ARTICLE, ENTITIES_GRAPH, GRAPH, ONTOLOGY_GRAPH, PREFIXES
from kg.settings import ENTITIES_FILE, ONTOLOGY_DIR, ONTOLOGY_FILES, Settings

_VERSION = URIRef("http://purl.org/dc/terms/hasVersion")


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


class EmbeddedStore:
    """Oxigraph on disk (or in memory when `path` is None), reached through rdflib."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.dataset = Dataset(store="Oxigraph", default_union=True)
        if self.path is not None:
            self._open_on_disk(self.path)
        for prefix, namespace in PREFIXES.items():
            self.dataset.bind(prefix, namespace)  # prefixes live only in memory in oxrdflib
        self.ox: ox.Store = self.dataset.store._inner  # type: ignore[attr-defined]
        self.ensure_reference_graphs()

    def _open_on_disk(self, path: Path) -> None:
        try:
            path.mkdir(parents=True, exist_ok=True)
            self.dataset.open(str(path))
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreLockedError(
                    f"store at {path} is locked by another process (a running `kg serve` or "
                    f"`kg ingest`?); stop it or set AIKG_STORE to another directory") from None
            raise StoreError(f"cannot open store at {path}: {error.strerror or error}") from None

    # -- writing -------------------------------------------------------------------------

    def put_graph(
        self, graph_iri: URIRef, triples: Graph | Iterable[str], *, replaces: Iterable[str] = ()
    ) -> None:
        """Replace one named graph (and drop `replaces`) in one transaction.

        Readers see the old graph or the new one, never half of it.
        """
        lines = _ntriples_lines(triples)
        stale = [old for old in replaces if old != str(graph_iri)]
        drops = "".join(f"DROP SILENT GRAPH <{old}> ;\n" for old in stale)
        try:
            self.ox.update(drops + _replace_graph_update(graph_iri, lines))
        except (OSError, RuntimeError, SyntaxError, ValueError) as error:
            raise StoreError(f"could not write graph <{graph_iri}>: {error}") from None

    def delete_graph(self, graph_iri: URIRef) -> None:
        self.ox.update(f"DROP SILENT GRAPH <{graph_iri}>")

    def ensure_reference_graphs(self) -> None:
        """Load the ontology (with shapes and topics) and the gazetteer when they changed."""
        ontology_files = [ONTOLOGY_DIR / name for name in ONTOLOGY_FILES]
        wanted = ((ONTOLOGY_GRAPH, ontology_files), (ENTITIES_GRAPH, [ENTITIES_FILE]))
        for graph_iri, files in wanted:
            present = [f for f in files if f.exists()]
            version = _files_digest(present)
            current = self.ox.quads_for_pattern(
                ox.NamedNode(str(graph_iri)), ox.NamedNode(str(_VERSION)), None,
                ox.NamedNode(str(graph_iri)))
            if any(q.object.value == version for q in current):
                continue
            lines = [
                str(triple) + " ."
                for f in present
                for triple in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE)
            ]
            lines.append(f'<{graph_iri}> <{_VERSION}> "{version}" .')
            self.put_graph(graph_iri, lines)

    def flush(self) -> None:
        if self.path is not None:
            self.ox.flush()

    # -- reading -------------------------------------------------------------------------

    def query(self, sparql: str) -> Result:
        """SELECT/ASK/CONSTRUCT/DESCRIBE over the union of all graphs (prefixes pre-bound)."""
        try:
            return self.dataset.query(sparql)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from None
        except (OSError, RuntimeError, ValueError) as error:
            raise QueryError(f"SPARQL query failed: {error}") from None

    def update(self, sparql: str) -> None:
        try:
            self.ox.update(sparql, prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from None
        except (OSError, RuntimeError, ValueError) as error:
            raise QueryError(f"SPARQL update failed: {error}") from None

    def graph_counts(self) -> dict[str, int]:
        """Triples per named graph."""
        rows = self.ox.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {row["g"].value: int(row["n"].value) for row in rows}  # type: ignore[index]

    def articles(self) -> list[ArticleInfo]:
        rows = self.ox.query(f"""
            SELECT ?g ?id ?title ?date ?source ?hash (COUNT(*) AS ?n) WHERE {{
              GRAPH ?g {{
                ?a a <{AIKG.Article}> ; <{AIKG.contentHash}> ?hash ;
                   <https://schema.org/identifier> ?id ; <https://schema.org/headline> ?title .
                OPTIONAL {{ ?a <https://schema.org/datePublished> ?date }}
                OPTIONAL {{ ?a <http://purl.org/dc/terms/source> ?source }}
                ?s ?p ?o
              }}
            }} GROUP BY ?g ?id ?title ?date ?source ?hash ORDER BY ?id""")
        return [
            ArticleInfo(
                id=row["id"].value, title=row["title"].value,  # type: ignore[index]
                date=_value(row["date"]), source=_value(row["source"]),  # type: ignore[index]
                hash=row["hash"].value, graph=row["g"].value,  # type: ignore[index]
                triples=int(row["n"].value),  # type: ignore[index]
            )
            for row in rows
        ]

    def find_article(self, ref: str) -> ArticleInfo | None:
        """An article by its id, content hash (or a unique prefix of it), article or graph IRI."""
        ref = ref.strip()
        matches = [
            info for info in self.articles()
            if ref in (info.id, info.hash, info.graph, str(ARTICLE[info.hash]))
            or (len(ref) >= 8 and info.hash.startswith(ref))
        ]
        return matches[0] if len(matches) == 1 else None

    def export(self, output: BinaryIO, fmt: ExportFormat, *, graph: str | None = None) -> None:
        """Stream the dataset (or one graph) to `output` with Oxigraph's serializers."""
        rdf_format = fmt.rdf_format
        if graph is not None:
            graph_node = ox.NamedNode(graph)
            if not any(True for _ in self.ox.quads_for_pattern(None, None, None, graph_node)):
                raise StoreError(f"no graph <{graph}> in the store")
            if rdf_format.supports_datasets:
                ox.serialize(self.ox.quads_for_pattern(None, None, None, graph_node), output,
                             rdf_format, prefixes=PREFIXES)
            else:
                self.ox.dump(output, rdf_format, from_graph=graph_node, prefixes=PREFIXES)
        elif rdf_format.supports_datasets:
            self.ox.dump(output, rdf_format, prefixes=PREFIXES)
        else:
            union = self.ox.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            ox.serialize(union, output, rdf_format, prefixes=PREFIXES)  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.ox)

    def close(self) -> None:
        """Flush and release the on-disk lock (every reference to the Oxigraph store must go)."""
        if getattr(self, "ox", None) is None:
            return
        self.flush()
        self.dataset.close()
        self.ox = None  # type: ignore[assignment]

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(settings: Settings | None = None) -> EmbeddedStore:
    """The store named by settings.store: a directory path, or ':memory:'."""
    settings = settings or Settings.from_env()
    location = settings.store
    if location.startswith(("http://", "https://")):
        raise StoreError(f"remote store {location!r} is not supported yet; "
                         "use a directory path for the embedded Oxigraph store")
    if location == ":memory:":
        return EmbeddedStore(None)
    return EmbeddedStore(os.path.expanduser(location))


def article_graph_iris(store: EmbeddedStore) -> Iterator[str]:
    prefix = str(GRAPH["article/"])
    return (g for g in store.graph_counts() if g.startswith(prefix))


def _replace_graph_update(graph_iri: URIRef, lines: list[str]) -> str:
    body = "\n".join(lines)
    return (f"DROP SILENT GRAPH <{graph_iri}> ;\n"
            f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }}")


def _ntriples_lines(triples: Graph | Iterable[str]) -> list[str]:
    if isinstance(triples, Graph):
        text = triples.serialize(format="nt", encoding="utf-8").decode("utf-8")
        return [line for line in text.splitlines() if line.strip()]
    return list(triples)


def _files_digest(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _value(term: object) -> str | None:
    return getattr(term, "value", None) if term is not None else None
