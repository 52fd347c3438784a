"""The Graph Store HTTP Protocol at /store, against a real uvicorn server: rdflib reads graphs
by URL, httpx writes them as a GSP client would (issue 13, "Graph Store HTTP Protocol")."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from api_samples import TOKEN, Backend, auth, http, serve_app, settings_on
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from api.main import create_app
from kg.namespaces import GRAPH
from kg.store import Store

NEW = "urn:aikg:test:gsp"
TURTLE = """@prefix ex: <http://example.org/> .
ex:a ex:p "one" ; ex:q [ ex:r "blank" ] ."""
MORE = "<http://example.org/b> <http://example.org/p> \"two\" ."


@pytest.fixture(scope="module")
def server(backend: Backend) -> Iterator[tuple[str, Store]]:
    with settings_on(backend) as settings:
        yield from serve_app(create_app(settings))


def url(base: str, graph: str | None = None) -> str:
    return f"{base}/store" + (f"?graph={quote(graph, safe='')}" if graph else "")


@pytest.mark.parametrize("media_type", ["text/turtle", "application/n-triples",
                                        "application/ld+json", "application/rdf+xml"])
def test_get_a_named_graph_in_the_negotiated_format(server: tuple[str, Store],
                                                    media_type: str) -> None:
    base, store = server
    topics = str(GRAPH["test-topics"])
    response = http.get(url(base, topics), headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    # rdflib, a client that only knows the URL, reads the same graph.
    by_url = Graph().parse(url(base, topics), format=_rdflib_format(media_type))
    stored = Graph()
    for quad in store.query_native(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{topics}> "
                                   "{ ?s ?p ?o } }"):
        stored.parse(data=f"{quad} .", format="nt")
    assert len(by_url) == 4 and isomorphic(by_url, stored)


def test_get_the_default_graph_and_the_dataset(server: tuple[str, Store]) -> None:
    base, store = server
    union = Graph().parse(f"{base}/store?default", format="turtle")
    assert (None, None, Literal("Brad Smith")) in union
    dataset = http.get(f"{base}/store", headers={"Accept": "application/n-quads"})
    assert dataset.status_code == 200
    parsed = Dataset()
    parsed.parse(data=dataset.text, format="nquads")
    assert len(list(parsed.quads())) == len(store)


def test_unknown_and_malformed_graphs(server: tuple[str, Store]) -> None:
    base, _ = server
    assert http.get(url(base, "urn:aikg:test:none")).status_code == 404
    bad = http.get(f"{base}/store?graph=not%20an%20iri")
    assert bad.status_code == 400 and bad.headers["content-type"] == "application/problem+json"


def test_put_post_delete_with_the_token(server: tuple[str, Store]) -> None:
    base, store = server
    headers = auth() | {"Content-Type": "text/turtle"}
    created = http.put(url(base, NEW), content=TURTLE, headers=headers)
    assert created.status_code == 201, created.text
    replaced = http.put(url(base, NEW), content=TURTLE, headers=headers)
    assert replaced.status_code == 204
    added = http.post(url(base, NEW), content=MORE,
                       headers=auth() | {"Content-Type": "application/n-triples"})
    assert added.status_code == 204
    graph = Graph().parse(url(base, NEW), format="turtle")
    expected = Graph().parse(data=TURTLE, format="turtle").parse(data=MORE, format="nt")
    assert isomorphic(graph, expected)
    # Written through the store's own write path: SPARQL sees it at once.
    ask = http.get(f"{base}/sparql", params={"query": f"ASK {{ GRAPH <{NEW}> "
                                              "{ <http://example.org/b> ?p \"two\" } }"})
    assert ask.json()["boolean"] is True
    assert http.delete(url(base, NEW), headers=auth()).status_code == 204
    assert http.get(url(base, NEW)).status_code == 404
    assert http.delete(url(base, NEW), headers=auth()).status_code == 404
    assert NEW not in store.graph_counts()


@pytest.mark.parametrize(("method", "token"), [("PUT", None), ("POST", "wrong"),
                                               ("DELETE", None), ("PUT", TOKEN + "x")])
def test_writes_without_the_token_are_403_and_change_nothing(
        server: tuple[str, Store], method: str, token: str | None) -> None:
    base, store = server
    before = len(store)
    headers = {"Content-Type": "text/turtle"} | (auth(token) if token else {})
    target = url(base, str(GRAPH["test-topics"]))
    response = http.request(method, target, content=TURTLE, headers=headers)
    assert response.status_code == 403
    assert response.headers["www-authenticate"] == "Bearer"
    assert len(store) == before


@pytest.mark.parametrize(("target", "content_type", "body", "status"), [
    ("?default", "text/turtle", TURTLE, 400),  # the default graph is the union: not writable
    ("", "text/turtle", TURTLE, 400),  # no graph named
    (f"?graph={NEW}", "text/turtle", "<a> <b> ", 400),  # not Turtle
    (f"?graph={NEW}", "application/json", "{}", 415),
    (f"?graph={NEW}", "application/rdf+xml", "<rdf:RDF", 400),
])
def test_bad_writes_are_problems_and_change_nothing(server: tuple[str, Store], target: str,
                                                    content_type: str, body: str,
                                                    status: int) -> None:
    base, store = server
    before = len(store)
    response = http.put(f"{base}/store{target}", content=body,
                         headers=auth() | {"Content-Type": content_type})
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert len(store) == before


def test_put_of_a_graph_rdflib_serialized(server: tuple[str, Store]) -> None:
    """A graph made and serialized by rdflib round-trips through PUT and GET unchanged."""
    base, _ = server
    graph = Graph()
    graph.add((URIRef("http://example.org/x"), URIRef("http://example.org/label"),
               Literal("Curaçao\u2028 \"quoted\" 🤖", lang="en")))
    body = graph.serialize(format="xml")
    response = http.put(url(base, NEW), content=body,
                         headers=auth() | {"Content-Type": "application/rdf+xml"})
    assert response.status_code == 201
    try:
        back = http.get(url(base, NEW), headers={"Accept": "application/n-triples"})
        assert isomorphic(Graph().parse(data=back.text, format="nt"), graph)
        assert list(ox.parse(back.content, ox.RdfFormat.N_TRIPLES))
    finally:
        http.delete(url(base, NEW), headers=auth())


def _rdflib_format(media_type: str) -> str:
    return {"text/turtle": "turtle", "application/n-triples": "nt",
            "application/ld+json": "json-ld", "application/rdf+xml": "xml"}[media_type]
