"""Topics over HTTP (issue 13 item 16): GET /topics lists the scheme, `topic=` takes any
label of a topic, and an unknown one is a 400 problem that suggests the close ones."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_topics_lists_the_scheme_with_every_label(client: TestClient) -> None:
    response = client.get("/topics")
    assert response.status_code == 200
    topics = {t["label"]: t for t in response.json()}
    assert topics["semiconductors"]["iri"] == "https://w3id.org/aikg/topic/semiconductors"
    assert {"chip", "chips"} <= set(topics["semiconductors"]["labels"])
    assert topics["AI safety"]["broader"] == ["https://w3id.org/aikg/topic/ai"]
    assert "AIKG topics" not in topics  # the concept scheme is not a topic


@pytest.mark.parametrize(("label", "same_as"), [
    ("artificial intelligence", "AI"), ("ai", "AI"), ("Trades", "trade"),
    ("chips", "semiconductors"),
])
@pytest.mark.parametrize("url", ["/meetings", "/events", "/timeline"])
def test_any_label_of_a_topic_gives_the_same_answer(client: TestClient, url: str, label: str,
                                                    same_as: str) -> None:
    by_label = client.get(url, params={"topic": label})
    assert by_label.status_code == 200, by_label.text
    assert by_label.json() == client.get(url, params={"topic": same_as}).json()


@pytest.mark.parametrize("url", ["/meetings", "/events", "/timeline"])
def test_an_unknown_topic_is_a_problem_with_suggestions(client: TestClient, url: str) -> None:
    response = client.get(url, params={"topic": "semiconductorz"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["title"] == "Unknown topic"
    assert body["suggestions"] == ["semiconductors"]
    assert body["detail"] == "unknown topic 'semiconductorz'; did you mean 'semiconductors'?"


def test_a_topic_close_to_nothing_has_no_suggestions(client: TestClient) -> None:
    body = client.get("/meetings", params={"topic": "qqqq"}).json()
    assert body["status"] == 400 and body["suggestions"] == []
