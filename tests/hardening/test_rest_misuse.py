"""The REST routes, Graph Store and SPARQL Protocol used wrongly, as a demanding user would:
misspelt and repeated parameters, wrong methods, wrong content types, a query sent as an
update. Each is a 4xx problem that says what was wrong, and the store is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from hardening_support import (
    MEETING_TEXT,
    ROOT,
    assert_problem,
    auth,
    fake_extract,
    make_settings,
    seed,
    serving,
    store_of,
)

from api.main import create_app
from api.sparql import NOT_A_QUERY, NOT_AN_UPDATE
from api.sparql_text import check_complexity
from kg.rdf import article_graph_iri

GRAPH = ""  # set by the fixture: the seeded article's graph IRI


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    global GRAPH
    with TestClient(create_app(make_settings(), extract=fake_extract)) as test_client:
        GRAPH = str(article_graph_iri(seed(store_of(test_client))))
        yield test_client


def store_lines(client: TestClient) -> list[str]:
    return sorted(str(quad) for quad in store_of(client).scan_quads())


@pytest.mark.parametrize(("url", "name", "takes"), [
    ("/meetings?from=2030-01-01", "from", "since"),       # the filter a user guesses
    ("/meetings?topics=nothing-like-it", "topics", "topic"),
    ("/events?participants=person/nobody", "participants", "participant"),
    ("/entities?kind=Person", "kind", "type"),
    ("/facts?pred=memberOf", "pred", "predicate"),
    ("/timeline?participant=person/nobody", "participant", "entity"),
    ("/entities/person/brad-smith/neighbors?hops=2", "hops", "depth"),
    ("/articles?page=2", "page", "offset"),
    ("/articles/smith-wang/text?format=x", "format", "none"),
    ("/store?name=urn:x", "name", "graph"),
    ("/topics?lang=en", "lang", "none"),
])
def test_a_parameter_the_route_does_not_take_is_400_not_ignored(
        client: TestClient, url: str, name: str, takes: str) -> None:
    """Before: 200 with the unfiltered answer (every meeting for a misspelt filter)."""
    problem = assert_problem(client.get(url), 400)
    assert problem["title"] == "Invalid parameter"
    assert f"unknown parameter {name!r}" in str(problem["detail"])
    assert takes in str(problem["detail"]).split("it takes: ")[1]


@pytest.mark.parametrize("url", [
    "/entities?limit=1&limit=2", "/meetings?topic=AI&topic=chips",
    "/entities/person/brad-smith/neighbors?depth=1&depth=2",
    "/store?graph=urn:a&graph=urn:b",
])
def test_a_single_valued_parameter_given_twice_is_400(client: TestClient, url: str) -> None:
    """Before: the last value silently won."""
    problem = assert_problem(client.get(url), 400)
    assert problem["title"] == "Invalid parameter"
    assert "is given 2 times" in str(problem["detail"])


def test_declared_parameters_and_repeatable_ones_still_work(client: TestClient) -> None:
    assert client.get("/events", params=[("type", "Meeting"), ("type", "Criticism")]
                      ).json()["total"] == 1
    assert client.get("/meetings", params={"since": "2023-01-01", "topic": "AI",
                                           "participant": "person/brad-smith"}
                      ).json()["total"] == 1
    assert client.get("/meetings", params={"since": "2024-01-01"}).json()["total"] == 0
    # /sparql takes its clients' extra parameters (SPARQLWrapper sends format= and output=).
    assert client.get("/sparql", params={"query": "ASK {}", "format": "json"}).status_code == 200


def test_graph_store_names_one_graph_per_request(client: TestClient) -> None:
    before = store_lines(client)
    for method in ("GET", "DELETE"):
        response = client.request(method, "/store", params={"graph": GRAPH, "default": ""},
                                  headers=auth())
        problem = assert_problem(response, 400)
        assert problem["detail"] == "give either ?graph=IRI or ?default, not both"
    assert store_lines(client) == before


@pytest.mark.parametrize(("method", "url", "allow"), [
    ("DELETE", "/meetings", "GET, HEAD"),
    ("PATCH", "/store", "DELETE, GET, HEAD, POST, PUT"),
    ("PUT", "/sparql", "GET, HEAD, POST"),
    ("GET", "/sparql/update", "POST"),
    ("POST", "/entities/person/brad-smith", "GET, HEAD"),
])
def test_a_wrong_method_is_405_with_every_method_the_path_answers(
        client: TestClient, method: str, url: str, allow: str) -> None:
    """Before: `Allow` named the first route's methods only (`GET` for /store)."""
    response = client.request(method, url)
    problem = assert_problem(response, 405)
    assert response.headers["allow"] == allow
    assert problem["detail"] == f"{method} is not allowed on {url}; it answers {allow}"


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded",
                                          "application/xml"])
def test_post_article_in_another_content_type_is_415(client: TestClient,
                                                      content_type: str | None) -> None:
    """Before: 422 "Input should be a valid dictionary", which says nothing of the header."""
    before = store_lines(client)
    headers = auth() | ({"Content-Type": content_type} if content_type else {})
    response = client.post("/articles", content=b'{"id": "x", "text": "A text."}',
                           headers=headers)
    problem = assert_problem(response, 415)
    assert problem["detail"] == (f"unsupported content type {content_type or '(none)'!r}; "
                                 "send the body as application/json")
    assert store_lines(client) == before


def test_post_article_without_the_token_is_403_whatever_the_content_type(
        client: TestClient) -> None:
    response = client.post("/articles", content=b"x", headers={"Content-Type": "text/plain"})
    assert_problem(response, 403)


def test_post_article_with_a_field_it_does_not_take_is_422(client: TestClient) -> None:
    """Before: 201, and the misspelt date was dropped without a word."""
    before = store_lines(client)
    body = {"id": "x", "text": MEETING_TEXT, "published": "2024-05-01"}
    problem = assert_problem(client.post("/articles", json=body, headers=auth()), 422)
    assert problem["detail"] == "body.published: Extra inputs are not permitted"
    assert store_lines(client) == before


def test_malformed_json_says_what_and_where(client: TestClient) -> None:
    response = client.post("/articles", content=b'{"id": "x", "text": }',
                           headers=auth() | {"Content-Type": "application/json"})
    problem = assert_problem(response, 422)
    assert problem["detail"] == "body: not valid JSON (Expecting value at character 20)"


def test_an_update_sent_as_a_query_says_so(client: TestClient) -> None:
    """Before: 400 "SPARQL syntax error: ... expected CONSTRUCT"."""
    before = store_lines(client)
    update = "PREFIX ex: <http://example.org/> INSERT DATA { ex:s ex:p ex:o }"
    for response in (client.get("/sparql", params={"query": update}),
                     client.post("/sparql", content=update,
                                 headers={"Content-Type": "application/sparql-query"})):
        assert assert_problem(response, 400)["detail"] == NOT_A_QUERY
    assert store_lines(client) == before


def test_a_query_sent_as_an_update_says_so(client: TestClient) -> None:
    """Before: 400 "SPARQL syntax error: ... expected VERSION"."""
    before = store_lines(client)
    response = client.post("/sparql/update", content="SELECT * WHERE { ?s ?p ?o }",
                           headers=auth() | {"Content-Type": "application/sparql-update"})
    assert assert_problem(response, 400)["detail"] == NOT_AN_UPDATE
    # A real syntax error is still reported as one.
    response = client.post("/sparql/update", content="INSERT DATA { <urn:s> <urn:p> ",
                           headers=auth() | {"Content-Type": "application/sparql-update"})
    assert str(assert_problem(response, 400)["detail"]).startswith("SPARQL syntax error")
    assert store_lines(client) == before


@pytest.mark.parametrize(("url", "shown"), [
    ("/store?graph=", "''"), ("/store?graph=http://a%20b", "'http://a b'"),
    ("/store?graph=relative", "'relative'"), ("/export?graph=relative", "'relative'"),
    ("/export?graph=http://a%3Eb", "'http://a>b'"),
])
def test_a_graph_iri_that_is_not_absolute_is_invalid_input(client: TestClient, url: str,
                                                           shown: str) -> None:
    """Before: "Malformed query" for some of these (no query was sent) and 404 for others."""
    problem = assert_problem(client.get(url), 400)
    assert problem["title"] == "Invalid input"
    assert str(problem["detail"]).startswith(f"not an absolute IRI: {shown}")


@pytest.mark.parametrize(("url", "accept"), [
    ("/meetings", "text/csv"), ("/entities", "application/xml"), ("/health", "text/html"),
    ("/articles", "text/turtle"), ("/topics", "application/json;q=0, text/plain"),
])
def test_a_json_route_asked_for_another_format_is_406(client: TestClient, url: str,
                                                      accept: str) -> None:
    """Before: 200 with JSON whatever was asked; /sparql and /store answer 406 already."""
    problem = assert_problem(client.get(url, headers={"Accept": accept}), 406)
    assert problem["detail"] == (f"cannot produce any of {accept!r} for this result; offered: "
                                 "application/json")


@pytest.mark.parametrize("accept", [
    "*/*", "application/json", "application/*",
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",  # a browser's
])
def test_a_json_route_answers_what_accepts_json(client: TestClient, accept: str) -> None:
    response = client.get("/meetings", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    # Routes that give other formats choose by their own parameter or negotiation.
    assert client.get("/export", params={"format": "nt"}, headers={"Accept": "text/csv"}
                      ).headers["content-type"].startswith("application/n-triples")


def test_a_json_body_that_is_not_utf8_says_so(client: TestClient) -> None:
    """Before: title "HTTP error", detail "There was an error parsing the body"."""
    before = store_lines(client)
    response = client.post("/articles", content=b'{"id": "x", "text": "Caf\xe9"}',
                           headers=auth() | {"Content-Type": "application/json"})
    problem = assert_problem(response, 400)
    assert problem["title"] == "Bad request"
    assert problem["detail"] == ("There was an error parsing the body: 'utf-8' codec can't "
                                 "decode byte 0xe9 in position 24: invalid continuation byte")
    assert store_lines(client) == before


@pytest.mark.parametrize("method", ["PUT", "POST"])
def test_a_graph_body_naming_a_graph_of_its_own_is_400_and_writes_nothing(
        client: TestClient, method: str) -> None:
    """Before: 500 "Store error" (a JSON-LD named graph became a quad in a triples write)."""
    before = store_lines(client)
    body = ('{"@id": "http://example.org/elsewhere", "@graph": [{"@id": "http://example.org/s",'
            ' "http://example.org/p": "o"}]}')
    for graph in (GRAPH, "http://example.org/new"):
        response = client.request(method, "/store", params={"graph": graph}, content=body,
                                  headers=auth() | {"Content-Type": "application/ld+json"})
        problem = assert_problem(response, 400)
        assert problem["detail"] == (
            "the body puts statements in a graph of its own (<http://example.org/elsewhere>); a "
            "Graph Store request writes only the graph named by ?graph=, so send its triples "
            "without a graph name")
    assert store_lines(client) == before
    # JSON-LD of the default graph is written as before.
    response = client.put("/store", params={"graph": "http://example.org/new"},
                          content='{"@id": "http://example.org/s", "http://example.org/p": "o"}',
                          headers=auth() | {"Content-Type": "application/ld+json"})
    assert response.status_code == 201
    assert client.delete("/store", params={"graph": "http://example.org/new"},
                         headers=auth()).status_code == 204
    assert store_lines(client) == before


@pytest.mark.parametrize(("url", "content", "content_type"), [
    ("/sparql", "query=ASK%20%7B%7D&update=DROP%20ALL", "application/x-www-form-urlencoded"),
    ("/sparql/update", "query=ASK%20%7B%7D&update=DROP%20ALL",
     "application/x-www-form-urlencoded"),
    ("/sparql?query=ASK%20%7B%7D", "DROP ALL", "application/sparql-update"),
])
def test_a_query_and_an_update_in_one_request_are_400_and_run_neither(
        client: TestClient, url: str, content: str, content_type: str) -> None:
    """Before: the update ran (here DROP ALL) and the query was silently ignored."""
    before = store_lines(client)
    response = client.post(url, content=content,
                           headers=auth() | {"Content-Type": content_type})
    assert assert_problem(response, 400)["detail"] == ("give either a 'query' or an 'update', "
                                                       "not both")
    assert store_lines(client) == before


DEEP_QUERIES = {
    "nested groups": "SELECT * WHERE { " + "{" * 3000 + "}" * 3000 + " }",
    "chained negation": "SELECT * WHERE { FILTER(" + "!" * 10000 + "true) }",
    "chained conjunction": "SELECT * WHERE { FILTER(true" + " && true" * 10000 + ") }",
    "chained unions": "SELECT * WHERE { {}" + " UNION {}" * 10000 + " }",
    "long pattern": "SELECT * WHERE { " + " ".join(f"?v{i} <urn:p> ?v{i + 1} ."
                                                    for i in range(10000)) + " }",
}


@pytest.mark.slow
def test_a_query_deep_enough_to_overflow_the_engine_is_400_and_the_server_lives(
        tmp_path: Path) -> None:
    """Before: each of these killed `kg serve` (SIGSEGV in pyoxigraph's recursive parser and
    evaluator, no log line), for any client, no token needed."""
    with serving(tmp_path / "store") as (base, process):
        for name, query in DEEP_QUERIES.items():
            response = httpx.post(f"{base}/sparql", content=query, timeout=60,
                                  headers={"Content-Type": "application/sparql-query"})
            problem = assert_problem(response, 400)
            assert problem["title"] == "Query too complex", name
            assert process.poll() is None, name
        assert httpx.get(f"{base}/health", timeout=30).json()["status"] == "ok"


@pytest.mark.parametrize(("query", "detail"), [
    (DEEP_QUERIES["nested groups"], "the query nests brackets 3001 deep, more than the 300 "
     "this endpoint evaluates; flatten it"),
    (DEEP_QUERIES["chained unions"], "the query has 10001 triple patterns and operators, more "
     "than the 1000 this endpoint evaluates; split it into several queries"),
])
def test_the_complexity_problem_names_the_measure_and_the_limit(
        client: TestClient, query: str, detail: str) -> None:
    response = client.post("/sparql", content=query,
                           headers={"Content-Type": "application/sparql-query"})
    assert assert_problem(response, 400)["detail"] == detail


def test_real_queries_are_far_below_the_complexity_limits() -> None:
    for path in sorted((ROOT / "queries").glob("*.rq")):
        check_complexity(path.read_text(encoding="utf-8"))
    # Flat data and names do not count: VALUES rows, IRIs, strings, prefixed names.
    check_complexity("SELECT * WHERE { VALUES (?x ?y) { " + " ".join(
        f'(<urn:x{i}> "a-b.c, d")' for i in range(10000)) + " } }")
    check_complexity("SELECT * WHERE { " + " ".join(
        f"?s{i} aikg:part-of.x id:person-{i} ;" for i in range(400)) + " }")


@pytest.mark.parametrize("clause", ["FROM <http://example.org/g>", "FROM NAMED <urn:g>"])
def test_a_nested_query_with_a_dataset_clause_is_answered(client: TestClient,
                                                          clause: str) -> None:
    """Before: 500 Internal Server Error from 50 nested groups on: rdflib's parser, which
    reads FROM and SERVICE clauses, ran out of Python's recursion limit."""
    nested = "{" * 250 + "}" * 250
    response = client.post("/sparql", content=f"ASK {clause} WHERE {{ {nested} }}",
                           headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 200, response.text
    assert response.json() == {"head": {}, "boolean": True}


def test_an_unexpected_failure_is_a_problem_too() -> None:
    """Before: text/plain "Internal Server Error" (as the FROM + nesting query gave)."""
    app = create_app(make_settings())

    def fail() -> None:
        raise RuntimeError("/secret/path/in/the/message")

    app.add_api_route("/fail", fail)
    with TestClient(app, raise_server_exceptions=False) as failing:
        response = failing.get("/fail")
    problem = assert_problem(response, 500)
    assert problem["title"] == "Internal error"
    assert problem["detail"] == ("the server failed on this request (RuntimeError); its log "
                                 "has the details")
