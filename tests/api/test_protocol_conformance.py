"""SPARQL 1.1 Protocol corners, against a real uvicorn server with real clients (SPARQLWrapper,
rdflib's SPARQLStore, httpx): relative IRIs, using-graph-uri, the dataset of named-graph-uri
and FROM, SERVICE, HEAD, non-UTF-8 escapes and over-long GETs (issue 13, items 1-7)."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import httpx
import pytest
from api_samples import TOKEN, Backend, auth, http, serve_app, settings_on
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from api.main import create_app
from api.protocol import MAX_URL_BYTES
from kg.store import Store

G1, G2, OUT = "urn:aikg:test:g1", "urn:aikg:test:g2", "urn:aikg:test:out"


@pytest.fixture(scope="module")
def server(backend: Backend) -> Iterator[tuple[str, Store]]:
    with settings_on(backend) as settings:
        yield from serve_app(create_app(settings))


@pytest.fixture
def two_graphs(server: tuple[str, Store]) -> Iterator[tuple[str, Store]]:
    """Graphs G1 (<urn:a> <urn:p> 1) and G2 (<urn:b> <urn:p> 2), dropped afterwards."""
    base, store = server
    store.update(f"INSERT DATA {{ GRAPH <{G1}> {{ <urn:a> <urn:p> 1 }} "
                 f"GRAPH <{G2}> {{ <urn:b> <urn:p> 2 }} }}")
    yield base, store
    for graph in (G1, G2, OUT):
        store.update(f"DROP SILENT GRAPH <{graph}>")


def select(base: str, query: str, **params: str | list[str]) -> list[dict[str, str]]:
    response = http.post(f"{base}/sparql", data={"query": query, **params},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    return [{name: cell["value"] for name, cell in row.items()} for row in rows]


def update(base: str, text: str, **params: str | list[str]) -> httpx.Response:
    return http.post(f"{base}/sparql/update", data={"update": text, **params}, headers=auth())


# -- 1. relative IRIs resolve against the endpoint's URL ------------------------------------

def test_relative_iris_resolve_against_the_endpoint(server: tuple[str, Store]) -> None:
    base, store = server
    client = SPARQLWrapper(f"{base}/sparql", updateEndpoint=f"{base}/sparql/update")
    client.setMethod(POST)
    client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    client.setQuery("INSERT DATA { GRAPH <rel-graph> { <s> <p> <o> } }")
    client.query().response.close()
    try:
        reader = SPARQLWrapper(f"{base}/sparql")
        reader.setReturnFormat(JSON)
        reader.setQuery(f"ASK {{ GRAPH <{base}/sparql/rel-graph> "
                        f"{{ <{base}/sparql/s> <{base}/sparql/p> <{base}/sparql/o> }} }}")
        assert reader.queryAndConvert()["boolean"] is True  # type: ignore[index]
        describe = http.get(f"{base}/sparql", params={"query": "DESCRIBE <s>"},
                             headers={"Accept": "application/n-triples"})
        assert describe.status_code == 200, describe.text
        # Against /sparql the same text names <base/s>: a different node, not described here.
        assert describe.text.strip() == ""
    finally:
        store.update(f"DROP SILENT GRAPH <{base}/sparql/rel-graph>")


# -- 2. using-graph-uri / using-named-graph-uri ---------------------------------------------

def test_using_graph_uri_is_the_dataset_of_the_update(two_graphs: tuple[str, Store]) -> None:
    base, _ = two_graphs
    copy = f"INSERT {{ GRAPH <{OUT}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}"
    assert update(base, copy, **{"using-graph-uri": G1}).status_code == 204
    assert select(base, f"SELECT ?s WHERE {{ GRAPH <{OUT}> {{ ?s ?p ?o }} }}") == [
        {"s": "urn:a"}]
    named = f"INSERT {{ GRAPH <{OUT}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert update(base, named, **{"using-named-graph-uri": G2}).status_code == 204
    rows = select(base, f"SELECT ?s WHERE {{ GRAPH <{OUT}> {{ ?s ?p ?o }} }} ORDER BY ?s")
    assert rows == [{"s": "urn:a"}, {"s": "urn:b"}]
    # The short form DELETE WHERE takes the dataset too: only G1's triple goes.
    assert update(base, "DELETE WHERE { GRAPH ?g { ?s <urn:p> ?o } }",
                  **{"using-named-graph-uri": G1}).status_code == 204
    assert select(base, f"SELECT ?s WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}") == []
    assert select(base, f"SELECT ?s WHERE {{ GRAPH <{G2}> {{ ?s ?p ?o }} }}") == [
        {"s": "urn:b"}]


def test_using_graph_uri_with_using_in_the_update_is_400(two_graphs: tuple[str, Store]) -> None:
    base, store = two_graphs
    before = len(store)
    text = f"INSERT {{ GRAPH <{OUT}> {{ ?s ?p ?o }} }} USING <{G2}> WHERE {{ ?s ?p ?o }}"
    response = update(base, text, **{"using-graph-uri": G1})
    assert response.status_code == 400
    assert "USING or WITH" in response.json()["detail"]
    assert len(store) == before


# -- 3. the dataset: named-graph-uri alone, FROM / FROM NAMED --------------------------------

def test_named_graph_uri_alone_leaves_the_default_graph_empty(
        two_graphs: tuple[str, Store]) -> None:
    base, _ = two_graphs
    assert select(base, "SELECT * WHERE { ?s ?p ?o }", **{"named-graph-uri": G1}) == []
    rows = select(base, "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }",
                  **{"named-graph-uri": G1})
    assert rows == [{"g": G1, "s": "urn:a"}]


def test_from_and_from_named_are_the_dataset_of_the_query(
        two_graphs: tuple[str, Store]) -> None:
    base, _ = two_graphs
    graph = Graph(store=SPARQLStore(f"{base}/sparql", returnFormat="json"))
    rows = graph.query(f"SELECT ?s FROM <{G1}> WHERE {{ ?s ?p ?o }}")
    assert [row[0] for row in rows] == [URIRef("urn:a")]  # type: ignore[index]
    rows = graph.query(f"SELECT ?g ?s FROM NAMED <{G2}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert [(row[0], row[1]) for row in rows] == [  # type: ignore[index]
        (URIRef(G2), URIRef("urn:b"))]
    # Without FROM, the default graph is the union of all graphs (this endpoint's choice).
    union = graph.query("SELECT ?s WHERE { ?s <urn:p> ?o } ORDER BY ?s")
    assert [row[0] for row in union] == [URIRef("urn:a"), URIRef("urn:b")]  # type: ignore[index]


# -- 4. only a real SERVICE clause is refused ------------------------------------------------

@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
    "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> "
    "SELECT * WHERE { ?x a sd:Service }",
    "PREFIX schema: <https://schema.org/> SELECT * WHERE { ?x a schema:Service }",
    "SELECT * WHERE { BIND(<urn:x> AS ?service) }",
    'SELECT * WHERE { ?x rdfs:label "SERVICE <http://example.org/>" }',
    "SELECT * WHERE { ?x ?p ?o } # SERVICE <http://example.org/sparql> { }",
])
def test_service_as_a_name_is_not_refused(server: tuple[str, Store], query: str) -> None:
    response = http.get(f"{server[0]}/sparql", params={"query": query})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service silent ?endpoint { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE wd:endpoint { ?s ?q ?r } } }",
])
def test_a_service_clause_is_refused_as_federated(server: tuple[str, Store], query: str) -> None:
    response = http.get(f"{server[0]}/sparql", params={"query": query})
    assert response.status_code == 400
    problem = response.json()
    assert problem["title"] == "Federated query not supported"
    assert "SERVICE" in problem["detail"] and "federated" in problem["detail"]


# -- 5. HEAD ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/sparql", "/sparql?query=ASK%20%7B%7D", "/health", "/stats", "/graphs", "/meetings",
    "/export?format=nquads", "/", "/static/app.js", "/openapi.json",
])
def test_head_answers_the_get_headers_without_a_body(server: tuple[str, Store],
                                                     path: str) -> None:
    base, _ = server
    get = http.get(base + path, )
    head = http.head(base + path, )
    assert get.status_code == 200
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


# -- 6. percent-escapes that are not UTF-8 ---------------------------------------------------

def test_non_utf8_escapes_are_400_naming_the_encoding(server: tuple[str, Store]) -> None:
    base, store = server
    before = len(store)
    latin1 = "query=SELECT%20*%20WHERE%20%7B%20?s%20?p%20%22Cura%E7ao%22%20%7D"
    responses = [
        http.get(f"{base}/sparql?{latin1}"),
        http.post(f"{base}/sparql", content=latin1,
                   headers={"Content-Type": "application/x-www-form-urlencoded"}),
        http.post(f"{base}/sparql/update", content="update=INSERT%20DATA%7B%7D%E7",
                   headers=auth() | {"Content-Type": "application/x-www-form-urlencoded"}),
        http.get(f"{base}/entities?q=Cura%E7ao"),
    ]
    for response in responses:
        assert response.status_code == 400, response.text
        assert response.headers["content-type"] == "application/problem+json"
        detail = response.json()["detail"]
        assert "not UTF-8" in detail and "%E7" in detail, detail
    assert len(store) == before
    good = http.get(f"{base}/entities", params={"q": "Curaçao"})
    assert good.status_code == 200


# -- 7. a GET too long for the server --------------------------------------------------------

@pytest.mark.parametrize("size", [MAX_URL_BYTES + 1, 60_000])
def test_a_get_longer_than_the_server_reads_is_414_saying_post(server: tuple[str, Store],
                                                               size: int) -> None:
    base, _ = server
    query = "ASK { ?s ?p ?o } #" + "x" * size
    response = http.get(f"{base}/sparql", params={"query": query})
    assert response.status_code == 414
    assert response.headers["content-type"] == "application/problem+json"
    assert "POST" in response.json()["detail"]
    posted = http.post(f"{base}/sparql", content=query,
                        headers={"Content-Type": "application/sparql-query"})
    assert json.loads(posted.content)["boolean"] is True


def test_a_get_longer_than_clients_send_is_still_a_414_problem(server: tuple[str, Store]) -> None:
    """300 kB of URL: past httpx's own limit (64 KiB), so written on a raw socket; uvicorn reads
    heads up to MAX_REQUEST_HEAD_BYTES, so the app answers, not h11's plain-text 400."""
    base, _ = server
    host, port = base.removeprefix("http://").split(":")
    target = "/sparql?query=ASK%7B%7D%23" + "x" * 300_000
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
                     .encode("ascii"))
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b" ", 2)[1] == b"414", head
    assert b"application/problem+json" in head
    assert "POST" in json.loads(body)["detail"]

