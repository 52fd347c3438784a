"""/meetings, /events and /timeline answer consolidated by default (one item per real-world
event, with every report); `per_report=true` gives the per-article answers, on every backend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from api_samples import Backend, client_on, store_of
from fastapi.testclient import TestClient

from kg.ingest import ingest_articles
from kg.models import Article, Entity, Event, Evidence, Extraction

ANN, BO, CY = "person/ann-lee", "person/bo-chen", "person/cy-wu"
NAMES = {ANN: "Ann Lee", BO: "Bo Chen", CY: "Cy Wu"}


def report(key: str, published: str, sentence: str, *people: str, date: str,
           location: str, confidence: float = 0.9) -> Extraction:
    article = Article(id=key, title=f"Title {key}", text=sentence, source=f"{key}.txt",
                      date=dt.date.fromisoformat(published))
    event = Event("Meeting", Evidence(sentence, 0, len(sentence)), confidence,
                  participants=people, date=date, location=location, topics=("AI",))
    return Extraction(article, tuple(Entity(p, NAMES[p], "Person") for p in people), (),
                      (event,))


#: Three reports of one meeting (one says another day and place), and another meeting.
REPORTS = [
    report("a1", "2023-11-15", "Ann Lee met Bo Chen in Woodside.", ANN, BO,
           date="2023-11-15", location="Woodside", confidence=0.8),
    report("a2", "2023-11-16", "Bo Chen held talks with Ann Lee.", BO, ANN,
           date="2023-11-15", location="Woodside", confidence=0.95),
    report("a3", "2023-11-17", "Ann Lee and Bo Chen met in San Francisco.", ANN, BO,
           date="2023-11-16", location="San Francisco"),
    report("b1", "2024-02-01", "Ann Lee met Cy Wu in Geneva.", ANN, CY,
           date="2024-02-01", location="Geneva"),
]


@pytest.fixture(scope="module")
def reported(backend: Backend) -> Iterator[TestClient]:
    with client_on(backend, seed=False) as client:
        summary = ingest_articles(store_of(client), [r.article for r in REPORTS],
                                  extract=lambda _: REPORTS)
        assert not summary.errors
        yield client


def test_meetings_are_consolidated_by_default(reported: TestClient) -> None:
    page = reported.get("/meetings").json()
    assert page["total"] == 2
    first, second = page["items"]
    assert "/consolidated/event/" in first["iri"]
    assert [p["label"] for p in first["participants"]] == ["Ann Lee", "Bo Chen"]
    assert (first["date"], first["location"]) == ("2023-11-15", "Woodside")
    assert first["dates"] == ["2023-11-15", "2023-11-16"]
    assert first["locations"] == ["San Francisco", "Woodside"]
    assert first["disagreements"] == {"date": ["2023-11-15", "2023-11-16"],
                                      "location": ["San Francisco", "Woodside"]}
    assert (first["sources"], first["first_reported"], first["last_reported"]) == (
        3, "2023-11-15", "2023-11-17")
    assert first["evidence"]["sentence"] == "Ann Lee met Bo Chen in Woodside."
    assert first["confidence"] == 0.95
    assert [r["evidence"]["article"]["title"] for r in first["reports"]] == [
        "Title a1", "Title a2", "Title a3"]
    assert [r["confidence"] for r in first["reports"]] == [0.8, 0.95, 0.9]
    assert all("/event/0" in r["iri"] for r in first["reports"])
    assert (second["sources"], second["disagreements"]) == (1, {})


def test_per_report_gives_one_item_per_article(reported: TestClient) -> None:
    page = reported.get("/meetings", params={"per_report": "true"}).json()
    assert page["total"] == 4
    assert [m["evidence"]["article"]["title"] for m in page["items"]] == [
        "Title a1", "Title a2", "Title a3", "Title b1"]
    assert all(m["reports"] == [] and m["sources"] == 1 for m in page["items"])
    events = reported.get("/events", params={"per_report": "true"}).json()
    assert events["total"] == 4


def test_events_filters_and_paging_count_consolidated_events(reported: TestClient) -> None:
    page = reported.get("/events", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == 2 and [e["sources"] for e in page["items"]] == [1]
    # Only a3 is dated 2023-11-16, yet the event comes with its three reports.
    day = reported.get("/events", params={"since": "2023-11-16", "until": "2023-11-16"}).json()
    assert [len(e["reports"]) for e in day["items"]] == [3]
    with_cy = reported.get("/meetings", params={"participant": CY}).json()
    assert [m["sources"] for m in with_cy["items"]] == [1]


def test_the_timeline_counts_each_event_once(reported: TestClient) -> None:
    months = reported.get("/timeline").json()["months"]
    assert months == [{"month": "2023-11", "total": 1, "by_type": {"Meeting": 1}},
                      {"month": "2024-02", "total": 1, "by_type": {"Meeting": 1}}]
    raw = reported.get("/timeline", params={"per_report": "true"}).json()["months"]
    assert [m["total"] for m in raw] == [3, 1]


def test_per_report_must_be_a_boolean(reported: TestClient) -> None:
    response = reported.get("/meetings", params={"per_report": "maybe"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
