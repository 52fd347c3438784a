"""The response cache: repeated questions are answered once, and any write invalidates them."""

from __future__ import annotations

import pytest
from api_samples import Backend, auth, store_of
from fastapi.testclient import TestClient

import kg.queries
import kg.sparql


@pytest.fixture(scope="module")
def backend() -> Backend:
    """Embedded only: the cache is on only for a store this process alone writes."""
    return "embedded"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every question the domain queries ask: a SELECT sent to the store, or to its index."""
    sent: list[str] = []
    real_select, real_indexed = kg.sparql.select, kg.queries.indexed

    def select(store: object, query: str) -> object:
        sent.append(query)
        return real_select(store, query)  # type: ignore[arg-type]

    def indexed(store: object, question: object) -> object:
        sent.append(repr(question))
        return real_indexed(store, question)  # type: ignore[arg-type]

    monkeypatch.setattr(kg.sparql, "select", select)
    monkeypatch.setattr(kg.queries, "indexed", indexed)
    return sent


def test_a_repeated_question_is_answered_from_the_cache(fresh_client: TestClient,
                                                        counted: list[str]) -> None:
    first = fresh_client.get("/meetings", params={"topic": "AI"})
    queries = len(counted)
    second = fresh_client.get("/meetings", params={"topic": "AI"})
    assert first.status_code == second.status_code == 200
    assert second.json() == first.json() and queries > 0
    assert len(counted) == queries, "the second answer must not query the store"
    fresh_client.get("/meetings", params={"topic": "trade"})
    assert len(counted) > queries, "another question is another answer"
    queries = len(counted)
    fresh_client.get("/meetings", params={"topic": "AI"}, headers={"Cache-Control": "no-cache"})
    assert len(counted) > queries, "a client can ask for a fresh answer"


def test_a_write_invalidates_every_cached_answer(fresh_client: TestClient) -> None:
    before = fresh_client.get("/stats").json()
    store_of(fresh_client).update(
        'INSERT DATA { GRAPH <urn:extra> { <urn:x> a aikg:Company ; rdfs:label "X" } }')
    after = fresh_client.get("/stats").json()
    assert after != before


def test_a_posted_article_shows_up_at_once(fresh_client: TestClient) -> None:
    assert fresh_client.get("/articles").status_code == 200
    count = len(fresh_client.get("/articles").json()["items"])
    response = fresh_client.post("/articles", headers=auth(), json={
        "id": "cache-check", "title": "A headline of some length",
        "text": "Baidu joined the Partnership on AI on Monday."})
    assert response.status_code in (200, 201), response.text
    assert len(fresh_client.get("/articles").json()["items"]) == count + 1


def test_errors_are_not_cached(fresh_client: TestClient, counted: list[str]) -> None:
    assert fresh_client.get("/entities/person/nobody-at-all").status_code == 404
    queries = len(counted)
    assert fresh_client.get("/entities/person/nobody-at-all").status_code == 404
    assert len(counted) > queries
