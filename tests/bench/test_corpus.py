"""The synthetic benchmark corpus: deterministic, gold consistent with the text, real RDF,
and the benchmark's questions answered alike by Oxigraph and rdflib on it."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from bench.corpus import (
    iter_corpus,
    iter_corpus_with_clusters,
    make_article,
    measure_recall,
    write_corpus,
)
from bench.dataset import article_nquads
from bench.query_speed import CENTER, ID, PREFIXES, QUERIES
from kg.models import Event
from kg.rdf import article_graph_iri


def test_articles_are_deterministic_and_distinct() -> None:
    first, again = make_article(7), make_article(7)
    assert first == again
    assert make_article(8)[0].text != first[0].text
    assert make_article(7, seed=1)[0].text != first[0].text


def test_gold_points_into_the_text_and_names_its_entities() -> None:
    for article, gold in iter_corpus(30):
        assert 300 <= len(article.text.split()) <= 900
        ids = {entity.id for entity in gold.entities}
        assert gold.facts or gold.events
        for item in (*gold.facts, *gold.events):
            evidence = item.evidence
            assert article.text[evidence.start:evidence.end] == evidence.text
        for fact in gold.facts:
            assert {fact.subject, fact.object} <= ids
        for event in gold.events:
            roles = {*event.participants, event.actor, event.target, event.proposed} - {None}
            assert roles and roles <= ids


def test_written_corpus_is_jsonl_of_articles_and_gold(tmp_path: Path) -> None:
    articles, gold = write_corpus(5, tmp_path)
    records = [json.loads(line) for line in articles.read_text(encoding="utf-8").splitlines()]
    golds = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [g["article"]["id"] for g in golds]
    assert all(r["text"] and r["date"] for r in records)
    assert set(golds[0]) == {"article", "entities", "facts", "events", "clusters"}
    assert all(len(g["clusters"]["events"]) == len(g["events"]) for g in golds)


def test_stories_are_reported_by_several_articles_in_their_window() -> None:
    reports: dict[str, list[tuple[Event, dt.date]]] = {}
    for article, gold, clusters in iter_corpus_with_clusters(64):
        assert article.date is not None
        for event, story in zip(gold.events, clusters.events, strict=True):
            if story is not None:
                reports.setdefault(story, []).append((event, article.date))
        for entity in gold.entities:
            if entity.id in clusters.entities:  # an unknown company's variant name
                assert clusters.entities[entity.id].startswith("unknown-company/")
    sizes = [len(found) for found in reports.values()]
    assert len(reports) == 24 and sum(sizes) > 64 and max(sizes) >= 3
    for found in reports.values():
        assert len({(e.type, e.participants, e.actor, e.target) for e, _ in found}) >= 1
        days = {e.date for e, _ in found if e.date}
        assert len(days) <= 1
        for event, published in found:
            if event.date:
                assert 0 <= (published - dt.date.fromisoformat(event.date)).days <= 7


def test_benchmark_questions_agree_between_oxigraph_and_rdflib() -> None:
    data = "".join(article_nquads(i) for i in range(40))
    graph = str(article_graph_iri(make_article(0)[0]))
    assert f"<{graph}> ." in data
    store = ox.Store()
    store.load(data.encode("utf-8"), ox.RdfFormat.N_QUADS)
    dataset = Dataset(default_union=True)
    dataset.parse(data=data, format="nquads")
    # The questions about one company ask about the busiest one of this sample that has a
    # 2-hop path: the corpus draws companies from the whole gazetteer, which grows, so any
    # fixed one may be absent, and the busiest by mentions may have no path in 40 articles.
    mentions = Counter(re.findall(rf"<{re.escape(ID)}(company/[^>]+)>", data))
    path_query = PREFIXES + QUERIES["2-hop path"]
    busiest = next(found for found, _ in mentions.most_common() if any(
        True for _ in store.query(path_query.replace(CENTER, found),
                                  use_default_graph_as_union=True)))
    answered = 0
    for name, query in QUERIES.items():
        query = query.replace(CENTER, busiest)
        ours = list(store.query(PREFIXES + query, use_default_graph_as_union=True))
        theirs = list(dataset.query(PREFIXES + query))
        assert len(ours) == len(theirs), name
        answered += bool(ours)
    assert answered >= 2


@pytest.mark.slow
def test_extractor_recall_on_synthetic_articles() -> None:
    scores = measure_recall(20)
    for kind in ("facts", "events"):
        precision, recall, _ = scores[kind]
        assert recall >= 0.6, (kind, scores[kind])
        assert precision >= 0.4, (kind, scores[kind])
