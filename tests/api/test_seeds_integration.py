"""The seed articles through the real extractor: 'who met whom about AI', by REST and by SPARQL."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from api_samples import Backend, client_on, store_of
from fastapi.testclient import TestClient

from kg.ingest import ingest_articles
from kg.read import read_paths
from kg.settings import PROJECT_ROOT, SEEDS_DIR

#: The SPARQL equivalents of GET /meetings?topic=AI as documented in README.md: per report,
#: and consolidated (one row per real-world meeting, over the derived graphs).
WHO_MET_WHOM_ABOUT_AI = (PROJECT_ROOT / "queries" / "who-met-whom-about-ai.rq").read_text()
CONSOLIDATED = (PROJECT_ROOT / "queries" / "who-met-whom-consolidated.rq").read_text()

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeded(backend: Backend) -> Iterator[TestClient]:
    with client_on(backend, seed=False) as client:
        summary = ingest_articles(store_of(client), list(read_paths([SEEDS_DIR])))
        assert summary.articles == 4 and not summary.errors
        yield client


def test_meetings_about_ai_from_the_seed_graph(seeded: TestClient) -> None:
    items = seeded.get("/meetings", params={"topic": "AI"}).json()["items"]
    by_pair = {tuple(p["label"] for p in m["participants"]): m for m in items}
    smith_wang = by_pair[("Brad Smith", "Wang Wentao")]
    assert "AI" in smith_wang["topics"]
    evidence = smith_wang["evidence"]
    assert "Brad Smith" in evidence["sentence"] and "Wang Wentao" in evidence["sentence"]
    article = seeded.get(f"/articles/{evidence['article']['id']}").json()
    text = seeded.get("/sparql", params={"query": (
        f"SELECT ?t WHERE {{ <{article['iri']}> schema:text ?t }}")}).json()
    sentence_in_text = text["results"]["bindings"][0]["t"]["value"][
        evidence["start"]:evidence["end"]]
    assert sentence_in_text == evidence["sentence"]


@pytest.mark.parametrize("query", [WHO_MET_WHOM_ABOUT_AI, CONSOLIDATED])
def test_the_readme_shows_the_query_files_as_they_are(query: str) -> None:
    assert query in (PROJECT_ROOT / "README.md").read_text()


def test_the_documented_sparql_query_gives_the_same_pairs(seeded: TestClient) -> None:
    rest = seeded.get("/meetings", params={"topic": "AI", "per_report": "true"}).json()["items"]
    response = seeded.post("/sparql", data={"query": WHO_MET_WHOM_ABOUT_AI},
                           headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    rows = list(csv.DictReader(io.StringIO(response.text)))
    sparql = {tuple(sorted(row["participants"].split(" & "))) for row in rows}
    assert ("Brad Smith", "Wang Wentao") in sparql
    assert sorted(row["meeting"] for row in rows) == sorted(m["iri"] for m in rest)
    assert all(row["sentence"] for row in rows)


def test_the_consolidated_query_gives_the_consolidated_meetings(seeded: TestClient) -> None:
    rest = seeded.get("/meetings", params={"topic": "AI"}).json()["items"]
    response = seeded.post("/sparql", data={"query": CONSOLIDATED},
                           headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted(row["meeting"] for row in rows) == sorted(m["iri"] for m in rest)
    by_iri = {m["iri"]: m for m in rest}
    for row in rows:
        assert int(row["sources"]) == by_iri[row["meeting"]]["sources"]
        assert row["evidence"]
