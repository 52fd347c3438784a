"""SHACL validation of the whole store (the union of its graphs) with pyshacl."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF, SH

from kg.settings import ONTOLOGY_DIR, SHAPES_FILE
from kg.store import Store


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str


def validate_store(store: Store) -> ValidationReport:
    """Check every triple in the store against ontology/shapes.ttl."""
    return validate_graph(Graph().parse(data=_union_ntriples(store), format="nt"))


def _union_ntriples(store: Store) -> bytes:
    """The union of all graphs as N-Triples.

    A pyoxigraph result must be dropped on the thread that made it: kept in the frame that
    parses (as before), an exception caught inside the parser could keep that frame alive
    until the garbage collector freed it on another thread, which pyoxigraph reports as an
    error ("QueryTriples is unsendable").
    """
    union = store.query_native("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    try:
        data = ox.serialize(union, format=ox.RdfFormat.N_TRIPLES)  # type: ignore[arg-type]
    finally:
        del union
    assert data is not None
    return data


def validate_graph(data: Graph, *, with_topics: bool = False) -> ValidationReport:
    """Validate `data`; with_topics adds the topic scheme a lone article graph points into."""
    import pyshacl

    if with_topics:
        data = data + Graph().parse(ONTOLOGY_DIR / "topics.ttl", format="turtle")

    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    ontology = Graph().parse(ONTOLOGY_DIR / "aikg.ttl", format="turtle")
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    violations = sum(1 for _ in report.subjects(RDF.type, SH.ValidationResult))
    return ValidationReport(conforms=bool(conforms), violations=violations, text=str(text))
