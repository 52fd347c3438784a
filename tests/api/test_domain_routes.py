"""REST routes for the domain questions: entities, facts, events, meetings, timeline, path."""

from __future__ import annotations

import pytest
from api_samples import Backend, store_of
from fastapi.testclient import TestClient

MEETING_SENTENCE = ("Microsoft President Brad Smith met Chinese Commerce Minister Wang Wentao "
                    "in Beijing on Wednesday.")


def assert_problem(response: object, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"] == "application/problem+json"  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert body["status"] == status and body["title"] and body["detail"]
    return body


# -- meetings and events ----------------------------------------------------------------------

def test_who_met_whom_about_ai(client: TestClient) -> None:
    page = client.get("/meetings", params={"topic": "AI"}).json()
    assert page["total"] == 1
    meeting = page["items"][0]
    assert [p["label"] for p in meeting["participants"]] == ["Brad Smith", "Wang Wentao"]
    assert [p["id"] for p in meeting["participants"]] == ["person/brad-smith", "person/wang-wentao"]
    assert meeting["topics"] == ["AI", "trade"]
    assert (meeting["date"], meeting["location"]) == ("2023-12-06", "Beijing")
    evidence = meeting["evidence"]
    assert evidence["sentence"] == MEETING_SENTENCE
    assert (evidence["start"], evidence["end"]) == (0, len(MEETING_SENTENCE))
    assert evidence["article"]["id"] == "smith-wang"
    assert evidence["article"]["title"] == "Microsoft's Smith meets Wang Wentao"


@pytest.mark.parametrize(("params", "total"), [
    ({}, 1),
    ({"topic": "trade"}, 1),
    ({"topic": "semiconductors"}, 0),
    ({"participant": ["person/brad-smith", "person/wang-wentao"]}, 1),
    ({"participant": ["person/li-qiang"]}, 0),
    ({"since": "2023-12-01", "until": "2023-12-31"}, 1),
    ({"since": "2024-01-01"}, 0),
])
def test_meeting_filters(client: TestClient, params: dict[str, object], total: int) -> None:
    page = client.get("/meetings", params=params).json()
    assert page["total"] == total
    assert len(page["items"]) == total


def test_events_of_every_type_with_roles(client: TestClient) -> None:
    page = client.get("/events").json()
    assert page["total"] == 3
    by_type = {event["type"]: event for event in page["items"]}
    assert set(by_type) == {"Meeting", "Demand", "Proposal"}
    demand = by_type["Demand"]
    assert demand["actor"]["id"] == "government/government-of-china"
    assert demand["target"]["id"] == "government/government-of-the-united-states"
    assert demand["evidence"]["sentence"].startswith("China urged the US")
    proposal = by_type["Proposal"]
    assert proposal["proposed"]["label"] == "Global AI Cooperation Organization"
    assert proposal["evidence"]["article"]["id"] == "baidu-pai"


def test_narrower_topics_count_for_a_broader_one(client: TestClient) -> None:
    page = client.get("/events", params={"topic": "AI"}).json()
    assert {e["type"] for e in page["items"]} == {"Meeting", "Proposal"}  # AI safety < AI


def test_month_dates_overlap_a_day_range(client: TestClient) -> None:
    page = client.get("/events", params={"since": "2025-07-15", "until": "2025-07-20"}).json()
    assert [e["type"] for e in page["items"]] == ["Proposal"]  # dated 2025-07


def test_events_filtered_by_type_and_paginated(client: TestClient) -> None:
    first = client.get("/events", params={"limit": 1}).json()
    second = client.get("/events", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] == 3
    assert first["items"][0]["iri"] != second["items"][0]["iri"]
    demands = client.get("/events", params={"type": ["Demand", "Proposal"]}).json()
    assert {e["type"] for e in demands["items"]} == {"Demand", "Proposal"}


def test_timeline_counts_events_per_month(client: TestClient) -> None:
    months = client.get("/timeline").json()["months"]
    assert months == [
        {"month": "2023-12", "total": 2, "by_type": {"Demand": 1, "Meeting": 1}},
        {"month": "2025-07", "total": 1, "by_type": {"Proposal": 1}},
    ]
    for_li = client.get("/timeline", params={"entity": "person/li-qiang"}).json()["months"]
    assert [m["month"] for m in for_li] == ["2025-07"]
    about_trade = client.get("/timeline", params={"topic": "trade"}).json()["months"]
    assert about_trade == [{"month": "2023-12", "total": 2, "by_type": {"Demand": 1, "Meeting": 1}}]


# -- entities and facts -------------------------------------------------------------------------

def test_entity_search_by_name_alias_and_type(client: TestClient) -> None:
    assert [e["id"] for e in client.get("/entities", params={"q": "wentao"}).json()["items"]] == [
        "person/wang-wentao"]
    by_alias = client.get("/entities", params={"q": "mofcom"}).json()["items"]
    assert [e["label"] for e in by_alias] == ["Ministry of Commerce of China"]
    people = client.get("/entities", params={"type": "Person"}).json()
    assert [e["label"] for e in people["items"]] == ["Brad Smith", "Li Qiang", "Wang Wentao"]
    page = client.get("/entities", params={"limit": 2, "offset": 2}).json()
    assert page["total"] == 10 and len(page["items"]) == 2


def test_entity_detail_with_facts_in_and_out(client: TestClient) -> None:
    body = client.get("/entities/government/ministry-of-commerce-of-china").json()
    assert body["aliases"] == ["MOFCOM", "Ministry of Commerce"]
    assert [(f["predicate"], f["object"]["id"]) for f in body["facts_out"]] == [
        ("partOf", "government/government-of-china")]
    assert [(f["subject"]["label"], f["title"]) for f in body["facts_in"]] == [
        ("Wang Wentao", "Commerce Minister")]
    assert body["facts_in"][0]["evidence"]["sentence"] == MEETING_SENTENCE
    microsoft = client.get("/entities/company/microsoft").json()
    assert microsoft["same_as"] == ["http://www.wikidata.org/entity/Q2283"]


def test_facts_filtered_by_predicate_subject_and_object(client: TestClient) -> None:
    roles = client.get("/facts", params={"predicate": "roleIn"}).json()
    assert roles["total"] == 3
    baidu = client.get("/facts", params={"subject": "company/baidu"}).json()["items"]
    assert [(f["predicate"], f["object"]["label"], f["date"]) for f in baidu] == [
        ("withdrewFrom", "Partnership on AI", "2020-06")]
    assert baidu[0]["evidence"]["article"]["id"] == "baidu-pai"
    into_china = client.get("/facts", params={"object": "government/government-of-china"}).json()
    assert {f["predicate"] for f in into_china["items"]} == {"partOf", "roleIn"}


def test_neighbors_at_depth_one_and_two(client: TestClient) -> None:
    one = client.get("/entities/person/brad-smith/neighbors").json()
    assert {n["entity"]["id"]: n["depth"] for n in one["nodes"]} == {
        "company/microsoft": 1, "person/wang-wentao": 1}
    meeting = next(e for e in one["edges"] if e["relation"] == "Meeting")
    assert meeting["kind"] == "event" and meeting["evidence"]["sentence"] == MEETING_SENTENCE
    two = client.get("/entities/person/brad-smith/neighbors", params={"depth": 2}).json()
    assert {"government/ministry-of-commerce-of-china": 2}.items() <= {
        n["entity"]["id"]: n["depth"] for n in two["nodes"]}.items()
    only_meetings = client.get("/entities/person/brad-smith/neighbors",
                               params={"relation": "Meeting"}).json()
    assert [n["entity"]["id"] for n in only_meetings["nodes"]] == ["person/wang-wentao"]


def test_neighbor_edges_come_in_pages_with_every_node(client: TestClient) -> None:
    url = "/entities/person/brad-smith/neighbors"
    whole = client.get(url, params={"depth": 2}).json()
    assert (whole["limit"], whole["offset"]) == (100, 0)
    assert whole["edges_total"] == len(whole["edges"]) >= 3
    pages = [client.get(url, params={"depth": 2, "limit": 2, "offset": at}).json()
             for at in range(0, whole["edges_total"], 2)]
    assert [edge for page in pages for edge in page["edges"]] == whole["edges"]
    assert all(page["nodes"] == whole["nodes"] and page["edges_total"] == whole["edges_total"]
               and page["limit"] == 2 for page in pages)
    past = client.get(url, params={"offset": whole["edges_total"] + 5}).json()
    assert past["edges"] == [] and past["nodes"]


def test_path_between_two_entities_with_evidence(client: TestClient) -> None:
    body = client.get("/path", params={"from": "person/brad-smith",
                                       "to": "government/government-of-china"}).json()
    assert [n["id"] for n in body["nodes"]] == [
        "person/brad-smith", "person/wang-wentao", "government/ministry-of-commerce-of-china",
        "government/government-of-china"]
    assert [e["relation"] for e in body["edges"]] == ["Meeting", "roleIn", "partOf"]
    assert body["hops"] == 3
    assert all(e["evidence"]["sentence"] for e in body["edges"])


def test_path_not_found_within_the_hop_limit(client: TestClient) -> None:
    response = client.get("/path", params={"from": "company/microsoft", "to": "person/li-qiang",
                                           "max_hops": 2})
    assert "within 2 hops" in assert_problem(response, 404)["detail"]  # type: ignore[operator]


def test_stats_and_health(client: TestClient) -> None:
    stats = client.get("/stats").json()
    assert stats["articles"] == 2
    assert stats["entities"]["Person"] == 3
    assert stats["events"] == {"Meeting": 1, "Criticism": 0, "Demand": 1, "Proposal": 1,
                               "Cooperation": 0}
    assert stats["facts"] == {"roleIn": 3, "partOf": 1, "withdrewFrom": 1}
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["triples"] == stats["triples"]


def test_health_says_whether_the_query_index_answers(client: TestClient, backend: Backend
                                                     ) -> None:
    store = store_of(client)
    if backend == "remote":  # others may write a remote store: no index, SPARQL answers
        assert store.index is None and client.get("/health").json()["index"] == "off"
        return
    assert store.index is not None and store.index.wait(60)
    health = client.get("/health").json()
    assert health["index"] == "ready" and health["triples"] == len(store)
    assert health["index_progress"] is None  # a share 0-1 only while a build runs


# -- validation and errors --------------------------------------------------------------------

@pytest.mark.parametrize(("url", "params"), [
    ("/entities", {"type": "Planet"}),
    ("/entities", {"limit": 501}),
    ("/entities", {"limit": 0}),
    ("/entities", {"offset": -1}),
    ("/events", {"type": "Party"}),
    ("/events", {"since": "2024-13-01"}),
    ("/meetings", {"until": "yesterday"}),
    ("/facts", {"predicate": "likes"}),
    ("/entities/planet/mars", {}),
    ("/entities/person/Brad Smith", {}),
    ("/entities/person/brad-smith/neighbors", {"depth": 3}),
    ("/entities/person/brad-smith/neighbors", {"relation": "hates"}),
    ("/entities/person/brad-smith/neighbors", {"limit": 0}),
    ("/entities/person/brad-smith/neighbors", {"offset": -2}),
    ("/path", {"from": "person/brad-smith"}),
])
def test_invalid_parameters_are_422(client: TestClient, url: str, params: dict[str, object]
                                    ) -> None:
    body = assert_problem(client.get(url, params=params), 422)
    assert body["title"] == "Invalid request"
    assert body["errors"]


@pytest.mark.parametrize(("url", "params"), [
    ("/meetings", {"since": "2024-02-01", "until": "2024-01-01"}),
    ("/facts", {"subject": "brad-smith"}),
    ("/facts", {"object": "planet/mars"}),
    ("/events", {"participant": "person/a/b"}),
    ("/path", {"from": "person/x>", "to": "person/y"}),
])
def test_bad_values_are_400_naming_the_value(client: TestClient, url: str,
                                             params: dict[str, str]) -> None:
    body = assert_problem(client.get(url, params=params), 400)
    assert any(str(value) in str(body["detail"]) for value in params.values())


@pytest.mark.parametrize("url", ["/entities/person/nobody", "/entities/person/nobody/neighbors",
                                 "/articles/no-such-article", "/no/such/route"])
def test_unknown_things_are_404(client: TestClient, url: str) -> None:
    assert_problem(client.get(url), 404)


@pytest.mark.parametrize("text", ['") } DROP ALL #', "\\", '"""', "wang\nwentao", "'", "%", "}"])
def test_search_text_cannot_change_the_query(client: TestClient, text: str) -> None:
    response = client.get("/entities", params={"q": text})
    assert response.status_code == 200
    assert response.json()["total"] == 0
    assert client.get("/stats").json()["articles"] == 2


def test_topic_text_is_never_pasted_into_sparql(client: TestClient) -> None:
    """A topic is looked up among the scheme's labels (kg.topics), never written into a query:
    an unknown one is a 400 that names it, and the store is untouched."""
    response = client.get("/meetings", params={"topic": "AI> } ; DROP ALL ; #"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("unknown topic 'AI> } ; DROP ALL ; #'")
    assert client.get("/stats").json()["articles"] == 2


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/sparql", "/sparql/update", "/graphs", "/export", "/entities",
                 "/entities/{kind}/{slug}", "/entities/{kind}/{slug}/neighbors", "/meetings",
                 "/events", "/facts", "/timeline", "/path", "/articles", "/articles/{ref}",
                 "/articles/{ref}/triples", "/stats", "/health"):
        assert path in paths, path
