"""A real uvicorn server on a free loopback port, queried by SPARQLWrapper in every format."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from urllib.error import HTTPError

import pytest
from api_samples import TOKEN, Backend, serve_app, settings_on
from rdflib import Graph
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from api.main import create_app
from kg.store import Store

PEOPLE = """PREFIX aikg: <https://w3id.org/aikg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name WHERE { ?p a aikg:Person ; rdfs:label ?name } ORDER BY ?name"""
CONSTRUCT = """PREFIX aikg: <https://w3id.org/aikg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?p rdfs:label ?name } WHERE { ?p a aikg:Person ; rdfs:label ?name }"""
NAMES = ["Brad Smith", "Li Qiang", "Wang Wentao"]


@pytest.fixture(scope="module")
def server(backend: Backend) -> Iterator[tuple[str, Store]]:
    with settings_on(backend) as settings:
        yield from serve_app(create_app(settings))


def wrapper(base: str, query: str, fmt: str, *, method: str = "GET",
            request_method: str = URLENCODED) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{base}/sparql", updateEndpoint=f"{base}/sparql/update")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    client.setRequestMethod(request_method)
    client.setOnlyConneg(True)
    return client


@pytest.mark.parametrize(("method", "request_method"),
                         [("GET", URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)])
def test_select_json_by_every_method(server: tuple[str, Store], method: str,
                                     request_method: str) -> None:
    result = wrapper(server[0], PEOPLE, JSON, method=method,
                     request_method=request_method).queryAndConvert()
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == NAMES  # type: ignore[index]


def test_select_xml(server: tuple[str, Store]) -> None:
    document = wrapper(server[0], PEOPLE, XML).queryAndConvert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]  # type: ignore[union-attr]
    assert literals == NAMES


@pytest.mark.parametrize(("fmt", "delimiter"), [(CSV, ","), (TSV, "\t")])
def test_select_csv_and_tsv(server: tuple[str, Store], fmt: str, delimiter: str) -> None:
    body = wrapper(server[0], PEOPLE, fmt).queryAndConvert()
    assert isinstance(body, bytes)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8")), delimiter=delimiter))
    assert [row[0].strip('"') for row in rows[1:]] == NAMES


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(server: tuple[str, Store], fmt: str) -> None:
    ask = "ASK { ?m a <https://w3id.org/aikg/ontology#Meeting> }"
    result = wrapper(server[0], ask, fmt).queryAndConvert()
    if fmt == JSON:
        assert result["boolean"] is True  # type: ignore[index]
    else:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[union-attr]


@pytest.mark.parametrize(("fmt", "rdflib_format"),
                         [(TURTLE, "turtle"), (N3, "n3"), (RDFXML, None), (JSONLD, None)])
def test_construct(server: tuple[str, Store], fmt: str, rdflib_format: str | None
                   ) -> None:
    result = wrapper(server[0], CONSTRUCT, fmt).queryAndConvert()
    if isinstance(result, bytes):
        result = Graph().parse(data=result.decode("utf-8"), format=rdflib_format)
    assert isinstance(result, Graph)
    assert sorted(str(o) for o in result.objects()) == NAMES


def test_malformed_query_is_reported_as_bad(server: tuple[str, Store]) -> None:
    with pytest.raises(QueryBadFormed, match="syntax"):
        wrapper(server[0], "SELECT ?x WHERE { ?x ", JSON).query()


def test_update_without_token_is_refused_and_store_unchanged(
        server: tuple[str, Store]) -> None:
    base, store = server
    before = len(store)
    client = wrapper(base, "DROP ALL", JSON, method=POST)
    with pytest.raises(HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    refused.value.close()
    assert len(store) == before


def test_update_with_token_is_applied(server: tuple[str, Store]) -> None:
    base, store = server
    insert = "INSERT DATA { GRAPH <urn:aikg:wrapper> { <urn:a> <urn:b> <urn:c> } }"
    client = wrapper(base, insert, JSON, method=POST)
    client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    response = client.query().response
    assert response.status == 204
    response.close()
    ask = wrapper(base, "ASK { GRAPH <urn:aikg:wrapper> { <urn:a> <urn:b> <urn:c> } }", JSON)
    assert ask.queryAndConvert()["boolean"] is True  # type: ignore[index]
    store.update("DROP GRAPH <urn:aikg:wrapper>")
