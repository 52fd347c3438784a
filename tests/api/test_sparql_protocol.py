"""The SPARQL 1.1 Protocol at /sparql, in-process: methods, formats, dataset, errors, limits."""

from __future__ import annotations

import csv
import io
import json
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from api_samples import ORIGIN, Backend, auth, client_on, make_settings
from fastapi.testclient import TestClient

from api.main import create_app
from kg.namespaces import GRAPH

PEOPLE = ("SELECT ?name WHERE { ?p a aikg:Person ; rdfs:label ?name } ORDER BY ?name")
NAMES = ["Brad Smith", "Li Qiang", "Wang Wentao"]
CONSTRUCT = ("CONSTRUCT { ?p rdfs:label ?name } WHERE { ?p a aikg:Person ; rdfs:label ?name }")
SPARQL_RESULTS = "http://www.w3.org/2005/sparql-results#"


def names_from_json(body: bytes) -> list[str]:
    return [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]


def test_get_query_defaults_to_sparql_results_json(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": PEOPLE})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert names_from_json(response.content) == NAMES


def test_post_form_and_post_direct_give_the_same_answer(client: TestClient) -> None:
    form = client.post("/sparql", data={"query": PEOPLE})
    direct = client.post("/sparql", content=PEOPLE.encode(),
                         headers={"Content-Type": "application/sparql-query; charset=utf-8"})
    assert form.status_code == direct.status_code == 200
    assert names_from_json(form.content) == names_from_json(direct.content) == NAMES


@pytest.mark.parametrize("accept", ["application/sparql-results+xml", "application/xml"])
def test_select_as_xml(client: TestClient, accept: str) -> None:
    response = client.get("/sparql", params={"query": PEOPLE}, headers={"Accept": accept})
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    literals = [e.text for e in root.iter(f"{{{SPARQL_RESULTS}}}literal")]
    assert literals == NAMES


@pytest.mark.parametrize(("accept", "delimiter"),
                         [("text/csv", ","), ("text/tab-separated-values", "\t")])
def test_select_as_csv_and_tsv(client: TestClient, accept: str, delimiter: str) -> None:
    response = client.get("/sparql", params={"query": PEOPLE}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    rows = list(csv.reader(io.StringIO(response.text), delimiter=delimiter))
    assert rows[0] in (["name"], ["?name"])
    assert [row[0].strip('"') for row in rows[1:]] == NAMES


def test_ask_in_json_and_xml(client: TestClient) -> None:
    ask = "ASK { ?m a aikg:Meeting }"
    as_json = client.get("/sparql", params={"query": ask})
    assert json.loads(as_json.content)["boolean"] is True
    as_xml = client.get("/sparql", params={"query": ask},
                        headers={"Accept": "application/sparql-results+xml"})
    assert ET.fromstring(as_xml.content).find(f"{{{SPARQL_RESULTS}}}boolean").text == "true"


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD), ("application/trig", ox.RdfFormat.TRIG),
    ("application/n-quads", ox.RdfFormat.N_QUADS), ("application/rdf+xml", ox.RdfFormat.RDF_XML),
])
def test_construct_in_every_rdf_format(client: TestClient, accept: str, fmt: ox.RdfFormat) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    labels = sorted(q.object.value for q in ox.parse(response.content, fmt))
    assert labels == NAMES


def test_accept_q_values_pick_the_preferred_format(client: TestClient) -> None:
    accept = "text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1"
    response = client.get("/sparql", params={"query": PEOPLE}, headers={"Accept": accept})
    assert response.headers["content-type"].startswith("application/sparql-results+xml")


def test_unacceptable_format_is_406(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": PEOPLE}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"
    assert "application/sparql-results+json" in response.json()["detail"]


def test_default_graph_uri_restricts_the_dataset(client: TestClient) -> None:
    topics = str(GRAPH["test-topics"])
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    response = client.get("/sparql", params={"query": count, "default-graph-uri": topics})
    assert json.loads(response.content)["results"]["bindings"][0]["n"]["value"] == "4"
    empty = client.get("/sparql", params={"query": PEOPLE, "default-graph-uri": topics})
    assert names_from_json(empty.content) == []


def test_named_graph_uri_limits_graph_patterns(client: TestClient) -> None:
    topics = str(GRAPH["test-topics"])
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = client.post("/sparql", data={"query": query, "named-graph-uri": topics})
    graphs = [b["g"]["value"] for b in json.loads(response.content)["results"]["bindings"]]
    assert graphs == [topics]


def test_service_description_without_a_query(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    sd = "http://www.w3.org/ns/sparql-service-description#"
    triples = list(ox.parse(response.content, ox.RdfFormat.TURTLE))
    endpoints = [t.object.value for t in triples if t.predicate.value == sd + "endpoint"]
    assert endpoints == ["http://testserver/sparql"]
    languages = {t.object.value for t in triples if t.predicate.value == sd + "supportedLanguage"}
    assert languages == {sd + "SPARQL11Query", sd + "SPARQL11Update"}
    names = {t.object.value for t in triples if t.predicate.value == sd + "name"}
    assert str(GRAPH["test-topics"]) in names


def test_malformed_query_is_400_with_the_parser_message(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELEKT ?x WHERE { ?x ?y ?z }"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "Malformed query"
    assert problem["status"] == 400
    assert "SPARQL syntax error" in problem["detail"] and "1:1" in problem["detail"]


@pytest.mark.parametrize(("query", "detail"), [
    ("SELECT ?s WHERE {\n  ?s a ex:Thing }",
     "SPARQL syntax error at 2:16: unknown prefix 'ex:' in ex:Thing; declare it (PREFIX ex: "
     "<...>) or use one every query has: aikg, alliance, article,"),
    ("SELECT ?e WHERE { ?e aikg:participant id:person/brad-smith }",
     "SPARQL syntax error at 1:56: id:person/brad-smith is not one name in SPARQL (a '/' there "
     "starts a property path); write id:person\\/brad-smith or "
     "<https://w3id.org/aikg/id/person/brad-smith>"),
])
def test_names_a_reader_copies_from_our_output_get_the_same_hint_as_on_the_command_line(
        client: TestClient, query: str, detail: str) -> None:
    """Before, /sparql gave pyoxigraph's message: two lines of Unicode ranges for an
    undeclared prefix, and some later character for `id:person/brad-smith`."""
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    problem = response.json()
    assert problem["title"] == "Malformed query"
    assert problem["detail"].startswith(detail), problem["detail"]
    assert "\\u" not in problem["detail"] and "Prefix not found" not in problem["detail"]


def test_the_exports_entity_prefixes_need_no_declaration(client: TestClient) -> None:
    response = client.get("/sparql", params={
        "query": "ASK { ?e aikg:participant person:brad-smith }"})
    assert response.status_code == 200, response.text
    assert json.loads(response.content)["boolean"] is True


@pytest.mark.parametrize("params", [
    [("query", "ASK {}"), ("query", "ASK {}")],  # two queries
    [("query", "  ")],  # empty
])
def test_bad_protocol_requests_are_400(client: TestClient, params: list[tuple[str, str]]) -> None:
    response = client.get("/sparql", params=params)
    assert response.status_code == 400
    assert "exactly one" in response.json()["detail"]


def test_unsupported_body_type_is_415(client: TestClient) -> None:
    response = client.post("/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert response.status_code == 415


def test_update_through_the_query_parameter_is_refused(client: TestClient) -> None:
    update = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    response = client.get("/sparql", params={"query": update})
    assert response.status_code == 400


def test_federated_service_is_refused(client: TestClient) -> None:
    query = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert "SERVICE" in response.json()["detail"]
    quoted = client.get("/sparql", params={"query": 'SELECT ("SERVICE" AS ?x) {}'})
    assert quoted.status_code == 200


def test_result_size_limit_gives_a_clear_error(backend: Backend) -> None:
    with client_on(backend, max_result_bytes=2000) as small:
        response = small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert response.status_code == 400
        assert response.json()["title"] == "Result too large"
        assert "2000 bytes" in response.json()["detail"]
        assert small.get("/sparql", params={"query": PEOPLE}).status_code == 200


def test_a_huge_result_is_cut_off_at_the_size_limit(backend: Backend) -> None:
    # Billions of rows: only a result read as it is serialized stops at the limit in time
    # (a remote store's answer used to be downloaded whole first, without bound).
    huge = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with client_on(backend, seed=False, max_result_bytes=100_000, query_timeout=20) as app:
        started = time.monotonic()
        response = app.get("/sparql", params={"query": huge})
        assert response.status_code == 400, response.text
        assert response.json()["title"] == "Result too large"
        assert time.monotonic() - started < 10


def test_query_timeout_gives_a_clear_error(backend: Backend) -> None:
    # A cross product streamed row by row: the writer stops it at the deadline.
    slow = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with client_on(backend, seed=False, query_timeout=0.3, max_result_bytes=10**10) as app:
        response = app.get("/sparql", params={"query": slow})
        assert response.status_code == 503
        assert response.json()["title"] == "Query timeout"
        assert "0.3 s" in response.json()["detail"]
        assert app.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_cors_preflight_allows_the_configured_origin(client: TestClient) -> None:
    response = client.options("/sparql", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ORIGIN
    simple = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": ORIGIN})
    assert simple.headers["access-control-allow-origin"] == ORIGIN
    other = client.get("/sparql", params={"query": "ASK {}"},
                       headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_auth_header_alone_does_not_make_a_query_an_update(client: TestClient) -> None:
    response = client.post("/sparql", data={"query": PEOPLE}, headers=auth())
    assert names_from_json(response.content) == NAMES


def test_a_query_past_its_timeout_does_not_keep_the_store_locked_after_shutdown(
        tmp_path: Path) -> None:
    # An aggregate over a cross product computes ~1 s before its first result, which
    # pyoxigraph cannot cancel: the worker outlives the 503. Shutdown must wait for it, or the
    # Oxigraph store it holds keeps the directory's lock and the next start fails.
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d rdfs:label ?f }"
    settings = make_settings(store=str(tmp_path / "store"), query_timeout=0.1)
    with TestClient(create_app(settings)) as first:
        response = first.get("/sparql", params={"query": slow})
        assert response.status_code == 503, response.text
    with TestClient(create_app(settings)) as second:  # raised StoreLockedError before
        assert second.get("/sparql", params={"query": "ASK {}"}).status_code == 200
