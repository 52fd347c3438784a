"""Articles (list, detail, triples, POST with the token), named graphs and streamed exports."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
import pytest
from api_samples import SMITH, WANG, Backend, auth, client_on, store_of
from fastapi.testclient import TestClient
from rdflib import URIRef

from kg.models import Article, Event, Evidence, Extraction
from kg.namespaces import GRAPH
from kg.store import ExportFormat

NEW_TEXT = "Brad Smith and Wang Wentao met again in Shanghai to discuss AI safety."


def fake_extract(articles: Iterable[Article]) -> Iterator[Extraction]:
    """A meeting per sentence, with the sentence as evidence (no NLP in these tests)."""
    for article in articles:
        events, start = [], 0
        for sentence in article.text.split(". "):
            end = start + len(sentence)
            events.append(Event("Meeting", Evidence(article.text[start:end], start, end), 0.6,
                                participants=(SMITH.id, WANG.id), topics=("AI safety",),
                                location="Shanghai"))
            start = end + 2
        yield Extraction(article=article, entities=(SMITH, WANG), events=tuple(events))


@pytest.fixture
def writable(backend: Backend) -> Iterator[TestClient]:
    with client_on(backend, extract=fake_extract) as client:
        yield client


def test_articles_list_and_detail_with_extraction_json(client: TestClient) -> None:
    page = client.get("/articles").json()
    assert page["total"] == 2
    assert [a["id"] for a in page["items"]] == ["baidu-pai", "smith-wang"]
    by_hash = client.get(f"/articles/{page['items'][1]['hash'][:12]}").json()
    detail = client.get("/articles/smith-wang").json()
    assert by_hash == detail
    extraction = detail["extraction"]
    assert extraction["article"] == {"id": "smith-wang", "title": "Microsoft's Smith meets Wang "
                                     "Wentao", "date": "2023-12-08", "source": "smith-wang.txt"}
    assert {e["id"] for e in extraction["entities"]} >= {"person/brad-smith", "person/wang-wentao"}
    meeting = next(e for e in extraction["events"] if e["type"] == "Meeting")
    assert meeting["participants"] == ["person/brad-smith", "person/wang-wentao"]
    assert meeting["topics"] == ["AI", "trade"] and meeting["start"] == 0
    assert {f["predicate"] for f in extraction["facts"]} == {"roleIn", "partOf"}


def test_article_triples_are_its_graph(client: TestClient) -> None:
    detail = client.get("/articles/smith-wang").json()
    response = client.get("/articles/smith-wang/triples", params={"format": "nt"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/n-triples")
    triples = list(ox.parse(response.content, ox.RdfFormat.N_TRIPLES))
    assert len(triples) == detail["triples"]


def test_graphs_list_names_article_graphs_with_metadata(client: TestClient) -> None:
    graphs = {g["iri"]: g for g in client.get("/graphs").json()}
    articles = [g for g in graphs.values() if g["kind"] == "article"]
    assert sorted(g["article"]["id"] for g in articles) == ["baidu-pai", "smith-wang"]
    assert graphs[str(GRAPH["ontology"])]["kind"] == "ontology"
    assert graphs[str(GRAPH["test-topics"])] == {"iri": str(GRAPH["test-topics"]), "triples": 4,
                                                 "kind": "other", "article": None}


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_export_whole_dataset_in_every_format(client: TestClient, fmt: ExportFormat) -> None:
    response = client.get("/export", params={"format": fmt.value})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(fmt.media_type)
    parsed = list(ox.parse(response.content, fmt.rdf_format))
    total = client.get("/stats").json()["triples"]
    if fmt.rdf_format.supports_datasets:
        assert len(parsed) == total
    else:
        assert 0 < len(parsed) <= total  # the union: triples shared by graphs count once


def test_export_one_graph_and_unknown_graphs(client: TestClient) -> None:
    topics = str(GRAPH["test-topics"])
    response = client.get("/export", params={"format": "nquads", "graph": topics})
    quads = list(ox.parse(response.content, ox.RdfFormat.N_QUADS))
    assert len(quads) == 4 and {q.graph_name.value for q in quads} == {topics}
    assert client.get("/export", params={"graph": "https://example.org/none"}).status_code == 404
    assert client.get("/export", params={"graph": "bad iri"}).status_code == 400
    assert client.get("/export", params={"format": "rdfxml"}).status_code == 422


def test_export_is_streamed_in_chunks(client: TestClient) -> None:
    with client.stream("GET", "/export", params={"format": "nquads"}) as response:
        chunks = [chunk for chunk in response.iter_raw() if chunk]
    assert len(chunks) > 1
    assert "content-length" not in response.headers


def test_post_article_needs_the_token(writable: TestClient) -> None:
    before = writable.get("/articles").json()["total"]
    body = {"id": "again", "text": NEW_TEXT, "title": "Smith and Wang meet again"}
    for headers in ({}, auth("nope")):
        response = writable.post("/articles", json=body, headers=headers)
        assert response.status_code == 403
        assert response.headers["content-type"] == "application/problem+json"
    assert writable.get("/articles").json()["total"] == before


def test_post_article_ingests_it(writable: TestClient) -> None:
    body = {"id": "again", "text": NEW_TEXT, "title": "Smith and Wang meet again",
            "date": "2024-03-02"}
    response = writable.post("/articles", json=body, headers=auth())
    assert response.status_code == 201, response.text
    out = response.json()
    assert out["article"]["id"] == "again" and out["article"]["date"] == "2024-03-02"
    assert (out["entities"], out["facts"], out["events"]) == (2, 0, 1)
    meetings = writable.get("/meetings", params={"topic": "AI safety"}).json()["items"]
    assert [m["evidence"]["sentence"] for m in meetings] == [NEW_TEXT]
    assert meetings[0]["evidence"]["article"]["date"] == "2024-03-02"
    # Re-posting the same id replaces the article instead of adding a second one.
    again = writable.post("/articles", json=body | {"text": NEW_TEXT + " Again."},
                          headers=auth())
    assert again.status_code == 201
    assert writable.get("/articles").json()["total"] == 3


@pytest.mark.parametrize(("body", "status"), [
    ({"id": "x"}, 422),
    ({"id": "x", "text": ""}, 422),
    ({"id": "x", "text": "hello", "date": "2024-02-30"}, 422),
    ({"id": "", "text": "hello"}, 422),
])
def test_post_article_validates_its_body(writable: TestClient, body: dict[str, str],
                                         status: int) -> None:
    assert writable.post("/articles", json=body, headers=auth()).status_code == status


def test_post_article_too_large_is_refused(backend: Backend) -> None:
    with client_on(backend, seed=False, max_article_bytes=10, extract=fake_extract) as c:
        response = c.post("/articles", json={"id": "big", "text": NEW_TEXT}, headers=auth())
        assert response.status_code == 400
        assert "10 bytes" in response.json()["detail"]


def test_concurrent_reads_see_the_old_or_the_new_article_never_half(writable: TestClient
                                                                    ) -> None:
    """Ingest a big article again and again while another thread counts its graph."""
    store = store_of(writable)
    text = " ".join(f"Brad Smith met Wang Wentao about AI, round {i}." for i in range(300))
    body = {"id": "big", "text": text}
    assert writable.post("/articles", json=body, headers=auth()).status_code == 201
    info = writable.get("/articles/big").json()
    full, graph = info["triples"], info["graph"]
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    seen: list[int] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            response = writable.get("/sparql", params={"query": count})
            seen.append(int(json.loads(response.content)["results"]["bindings"][0]["n"]["value"]))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(10):
            store.delete_graph(URIRef(graph))
            assert writable.post("/articles", json=body, headers=auth()).status_code == 201
    finally:
        done.set()
        reader.join()
    assert full > 1000
    assert len(seen) > 5
    assert set(seen) <= {0, full}, f"a reader saw a partial graph: {sorted(set(seen))}"
    assert writable.get("/articles/big").json()["triples"] == full


def test_post_article_without_an_extractor_is_503(backend: Backend,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "kg.extract", None)  # makes `import kg.extract` fail
    with client_on(backend, seed=False) as client:
        response = client.post("/articles", json={"id": "x", "text": NEW_TEXT}, headers=auth())
        assert response.status_code == 503
        assert response.json()["title"] == "Extractor unavailable"
        assert client.get("/articles").json()["total"] == 0


def test_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    schema = client.get("/openapi.json").json()
    meeting = schema["components"]["schemas"]["MeetingOut"]
    assert {"participants", "topics", "evidence"} <= set(meeting["properties"])
