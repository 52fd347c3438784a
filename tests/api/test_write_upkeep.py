"""Writes that bypass kg.ingest keep the consolidated events current (issue 14): a Graph
Store PUT or DELETE of an article graph and a SPARQL Update refresh them, like `kg ingest`
and `kg delete` do."""

from __future__ import annotations

from urllib.parse import quote

from api_samples import auth, meeting_article, store_of
from fastapi.testclient import TestClient

from kg.consolidate import rebuild
from kg.rdf import article_graph_iri, extraction_to_ntriples
from kg.store import Store

CONSOLIDATED = "https://w3id.org/aikg/ontology#ConsolidatedEvent"
CONSOLIDATES = "https://w3id.org/aikg/ontology#consolidates"


def consolidated_reports(store: Store) -> set[str]:
    rows = store.query_native(f"SELECT ?r WHERE {{ ?c a <{CONSOLIDATED}> ; <{CONSOLIDATES}> ?r }}")
    return {row["r"].value for row in rows}  # type: ignore[index,union-attr]


def test_graph_store_writes_and_sparql_updates_reconsolidate(fresh_client: TestClient) -> None:
    store = store_of(fresh_client)
    rebuild(store)
    extraction = meeting_article()
    graph = str(article_graph_iri(extraction.article))
    reports = {r for r in consolidated_reports(store) if r.startswith(
        graph.replace("/graph/article/", "/article/"))}
    assert reports, "the meeting article's events are consolidated"
    everything = consolidated_reports(store)

    deleted = fresh_client.delete(f"/store?graph={quote(graph, safe='')}", headers=auth())
    assert deleted.status_code == 204
    assert consolidated_reports(store) == everything - reports

    body = "\n".join(extraction_to_ntriples(extraction, known_entities=frozenset()))
    put = fresh_client.put(f"/store?graph={quote(graph, safe='')}", content=body.encode(),
                           headers=auth() | {"Content-Type": "application/n-triples"})
    assert put.status_code == 201, put.text
    assert consolidated_reports(store) == everything

    dropped = fresh_client.post("/sparql/update", content=f"DROP GRAPH <{graph}>",
                                headers=auth() | {"Content-Type": "application/sparql-update"})
    assert dropped.status_code == 204, dropped.text
    assert consolidated_reports(store) == everything - reports

    # The graph named by the update is refreshed alone, as a Graph Store PUT is.
    inserted = fresh_client.post(
        "/sparql/update", content=f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}".encode(),
        headers=auth() | {"Content-Type": "application/sparql-update"})
    assert inserted.status_code == 204, inserted.text
    assert consolidated_reports(store) == everything


def test_writing_another_graph_leaves_the_consolidated_events_alone(
        fresh_client: TestClient) -> None:
    store = store_of(fresh_client)
    rebuild(store)
    before = consolidated_reports(store)
    graph = "urn:aikg:test:other"
    put = fresh_client.put(f"/store?graph={quote(graph, safe='')}",
                           content=b"<urn:a> <urn:b> <urn:c> .",
                           headers=auth() | {"Content-Type": "application/n-triples"})
    assert put.status_code == 201
    assert consolidated_reports(store) == before
