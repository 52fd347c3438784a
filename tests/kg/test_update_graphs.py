"""kg.store.update_graphs: the named graphs a SPARQL Update writes, or None when unknown.

None is always safe (everything after the store re-reads everything); a set that leaves out
a graph the engine writes is not, so every form that may write the default graph or a graph
named by a variable must give None.
"""

from __future__ import annotations

import pytest

from kg.namespaces import QUERY_PREFIXES
from kg.store.update_graphs import MAX_PARSED_CHARS, graphs_written

G1, G2 = "http://example.org/g1", "http://example.org/g2"


@pytest.mark.parametrize(("update", "graphs"), [
    # The plain forms another kg sends (kg.store.remote), read by the tokenizer.
    (f'DROP SILENT GRAPH <{G1}> ;\nINSERT DATA {{ GRAPH <{G1}> {{ <urn:a> <urn:b> "c" }} }}',
     {G1}),
    (f'INSERT DATA {{ GRAPH <{G1}> {{ <urn:a> <urn:b> "x }} GRAPH <{G2}> {{" }} }}', {G1}),
    (f'INSERT DATA {{ GRAPH <{G1}> {{ <urn:a> <urn:b> """two\nlines {{ }}""" }} }}', {G1}),
    (f"PREFIX ex: <http://example.org/>\nDELETE DATA {{ GRAPH ex:g1 {{ ex:a ex:b 1.5 }} . "
     f"GRAPH <{G2}> {{ ex:a ex:b 'c'@en }} }}", {G1, G2}),
    (f"CLEAR GRAPH <{G1}> ; CREATE SILENT GRAPH graph:x ;", {G1, "https://w3id.org/aikg/graph/x"}),
    (f"# a comment with GRAPH <{G2}>\nDROP GRAPH <{G1}>", {G1}),
    # The rest, read by rdflib's parser.
    (f"DELETE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }} INSERT {{ GRAPH <{G2}> {{ ?s ?p 1 }} }} "
     "WHERE { ?s ?p ?o }", {G1, G2}),
    (f"WITH <{G1}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}", {G1}),
    (f"DELETE WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}", {G1}),
    (f"MOVE <{G1}> TO <{G2}>", {G1, G2}),
    (f"ADD <{G1}> TO <{G2}>", {G2}),
    (f"LOAD <http://example.org/data.ttl> INTO GRAPH <{G1}>", {G1}),
    ("BASE <http://example.org/>\nDROP GRAPH <g1>", {G1}),
])
def test_the_graphs_an_update_names_are_read(update: str, graphs: set[str]) -> None:
    assert graphs_written(update, QUERY_PREFIXES) == graphs


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",  # the default graph
    f"INSERT DATA {{ <urn:a> <urn:b> <urn:c> . GRAPH <{G1}> {{ <urn:a> <urn:b> <urn:c> }} }}",
    "DROP ALL", "CLEAR NAMED", "DROP DEFAULT",
    "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }",
    f"DELETE {{ ?s ?p ?o }} INSERT {{ GRAPH <{G1}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}",
    "DELETE WHERE { ?s ?p ?o }",
    f"MOVE DEFAULT TO <{G1}>", f"COPY <{G1}> TO DEFAULT",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR GRAPH id:person\\/li-qiang",  # rdflib would keep the backslash in the IRI
    "INSERT DATUM {",  # the engine reports the error
])
def test_an_update_that_may_write_anything_else_is_unknown(update: str) -> None:
    assert graphs_written(update, QUERY_PREFIXES) is None


def test_long_updates_of_the_plain_forms_are_read_without_the_parser() -> None:
    triples = "".join(f'<urn:s{i}> <urn:p> "a sentence of evidence, number {i}" .\n'
                      for i in range(5000))
    update = f"DROP SILENT GRAPH <{G1}> ;\nINSERT DATA {{ GRAPH <{G1}> {{\n{triples}}} }}"
    assert len(update) > MAX_PARSED_CHARS
    assert graphs_written(update) == {G1}
    other = f"WITH <{G1}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o . {triples.replace('.', '')} }}"
    assert graphs_written(other) is None  # past the parser's bound: unknown, not a guess
