"""SPARQL Update is refused without the bearer token (and the store stays as it was)."""

from __future__ import annotations

import json

import pytest
from api_samples import Backend, auth, client_on, store_of
from fastapi.testclient import TestClient

INSERT = "INSERT DATA { GRAPH <urn:aikg:test> { <urn:a> <urn:b> \"c\" } }"
DROP_ALL = "DROP ALL"


def test_update_without_token_is_403_and_changes_nothing(fresh_client: TestClient) -> None:
    store = store_of(fresh_client)
    before = len(store)
    attempts = [
        fresh_client.get("/sparql", params={"update": DROP_ALL}, headers=auth()),
        fresh_client.post("/sparql/update", data={"update": DROP_ALL}),
        fresh_client.post("/sparql", data={"update": DROP_ALL}),
        fresh_client.post("/sparql", content=DROP_ALL.encode(),
                          headers={"Content-Type": "application/sparql-update"}),
        fresh_client.post("/sparql/update", data={"update": DROP_ALL}, headers=auth("wrong")),
        fresh_client.post("/sparql/update", data={"update": DROP_ALL},
                          headers={"Authorization": "Basic dXNlcjpwYXNz"}),
    ]
    for response in attempts:
        assert response.status_code == 403, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["title"] == "Forbidden"
    assert len(store) == before


@pytest.mark.parametrize("how", ["form", "direct", "form-on-sparql", "direct-on-sparql"])
def test_update_with_token_is_applied(fresh_client: TestClient, how: str) -> None:
    path = "/sparql" if how.endswith("on-sparql") else "/sparql/update"
    if how.startswith("form"):
        response = fresh_client.post(path, data={"update": INSERT}, headers=auth())
    else:
        response = fresh_client.post(path, content=INSERT.encode(), headers=auth() | {
            "Content-Type": "application/sparql-update"})
    assert response.status_code == 204, response.text
    ask = fresh_client.get("/sparql", params={"query": "ASK { <urn:a> <urn:b> \"c\" }"})
    assert json.loads(ask.content)["boolean"] is True


def test_malformed_update_is_400(fresh_client: TestClient) -> None:
    response = fresh_client.post("/sparql/update", data={"update": "INSERT DATUM {"},
                                 headers=auth())
    assert response.status_code == 400
    assert "syntax" in response.json()["detail"].lower()


def test_an_update_with_an_undeclared_prefix_says_which_and_changes_nothing(
        fresh_client: TestClient) -> None:
    store = store_of(fresh_client)
    before = len(store)
    response = fresh_client.post("/sparql/update", headers=auth(), data={
        "update": "INSERT DATA { GRAPH <urn:aikg:test> { <urn:a> ex:b \"c\" } }"})
    assert response.status_code == 400
    assert "unknown prefix 'ex:' in ex:b; declare it" in response.json()["detail"]
    assert len(store) == before


def test_updates_are_refused_when_no_token_is_configured(backend: Backend) -> None:
    with client_on(backend, update_token=None) as client:
        response = client.post("/sparql/update", data={"update": INSERT}, headers=auth())
        assert response.status_code == 403
        assert "AIKG_UPDATE_TOKEN" in response.json()["detail"]
        sd = client.get("/sparql", headers={"Accept": "application/n-triples"})
        assert "SPARQL11Update" not in sd.text
