"""Exports and CONSTRUCT results as other RDF tools read them: the project's prefixes (never
`ns1:`), Turtle and TriG that rdflib re-parses (even for a local name ending in a dot), JSON-LD
with an @context (issue 13, item 9). Against a real uvicorn server."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from api_samples import Backend, http, serve_app, settings_on
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from api.main import create_app
from kg.store import Store

ODD = "urn:aikg:test:odd"
DOTTED = "https://w3id.org/aikg/id/company/a.b."  # a local name that ends with a dot


@pytest.fixture(scope="module")
def server(backend: Backend) -> Iterator[tuple[str, Store]]:
    with settings_on(backend) as settings:
        for served in serve_app(create_app(settings)):
            served[1].put_graph(URIRef(ODD), [
                f"<{DOTTED}> <http://www.w3.org/2000/01/rdf-schema#label> \"A.B.\" .",
                f"<{DOTTED}> <https://w3id.org/aikg/ontology#memberOf> "
                "<https://w3id.org/aikg/id/alliance/partnership-on-ai> ."])
            yield served


def reference(base: str) -> Dataset:
    """The store's dataset read from its N-Quads export (no prefixes involved)."""
    dataset = Dataset()
    dataset.parse(data=http.get(f"{base}/export", params={"format": "nquads"}).text,
                  format="nquads")
    return dataset


def graphs_of(dataset: Dataset) -> dict[str, Graph]:
    found: dict[str, Graph] = {}
    for s, p, o, g in dataset.quads():
        found.setdefault(str(g), Graph()).add((s, p, o))
    return found


def test_trig_and_jsonld_exports_reparse_with_rdflib_to_the_same_dataset(
        server: tuple[str, Store]) -> None:
    base, _ = server
    expected = graphs_of(reference(base))
    for fmt, rdflib_format in [("trig", "trig"), ("jsonld", "json-ld")]:
        text = http.get(f"{base}/export", params={"format": fmt}).text
        dataset = Dataset()
        dataset.parse(data=text, format=rdflib_format)
        found = graphs_of(dataset)
        assert found.keys() == expected.keys(), fmt
        for name, graph in expected.items():
            assert to_isomorphic(found[name]) == to_isomorphic(graph), (fmt, name)


def test_turtle_export_uses_the_project_prefixes_and_reparses(
        server: tuple[str, Store]) -> None:
    base, _ = server
    text = http.get(f"{base}/export", params={"format": "turtle"}).text
    assert "@prefix aikg: <https://w3id.org/aikg/ontology#>" in text
    assert "@prefix company: <https://w3id.org/aikg/id/company/>" in text
    assert "company:baidu" in text and "ns1:" not in text
    assert not re.search(r"(?m)(^|\s)id:", text)  # no "id:company\/baidu"
    assert f"<{DOTTED}>" in text  # written in full: rdflib cannot read "company:a.b\."
    graph = Graph().parse(data=text, format="turtle")
    union = Graph()
    for s, p, o, _ in reference(base).quads():
        union.add((s, p, o))
    assert isomorphic(graph, union)


def test_jsonld_export_carries_a_context_for_the_vocabulary(server: tuple[str, Store]) -> None:
    base, _ = server
    document = http.get(f"{base}/export", params={"format": "jsonld"}).json()
    assert document["@context"]["aikg"] == "https://w3id.org/aikg/ontology#"
    assert document["@context"]["company"] == "https://w3id.org/aikg/id/company/"
    assert isinstance(document["@graph"], list) and document["@graph"]
    one = http.get(f"{base}/export", params={"format": "jsonld", "graph": ODD}).json()
    assert "@context" in one


@pytest.mark.parametrize(("path", "params"), [
    ("/sparql", {"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ODD}> {{ ?s ?p ?o }} }}"}),
    ("/store", {"graph": ODD}),
])
def test_construct_and_graph_store_documents_use_the_prefixes(
        server: tuple[str, Store], path: str, params: dict[str, str]) -> None:
    base, _ = server
    turtle = http.get(base + path, params=params, headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200
    assert "aikg:memberOf alliance:partnership-on-ai" in turtle.text
    assert "ns1:" not in turtle.text
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert (URIRef(DOTTED), None, None) in graph
    jsonld = http.get(base + path, params=params, headers={"Accept": "application/ld+json"})
    assert json.loads(jsonld.text)["@context"]["aikg"] == "https://w3id.org/aikg/ontology#"
    assert isomorphic(Graph().parse(data=jsonld.text, format="json-ld"), graph)
