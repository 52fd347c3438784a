"""The in-memory index gives exactly the answers of SPARQL, and stays exact through writes.

Every question of kg.queries and kg.graph is asked twice on the same store, once with the
index detached (SPARQL) and once through it, over synthetic articles (bench.corpus) plus an
article whose entity the gazetteer does not know; then again after adding, replacing and
deleting articles (applied graph by graph) and after a SPARQL Update (a full rebuild).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest

from bench.corpus import make_article
from kg import queries
from kg.graph import all_edges, edges_touching, neighbors, shortest_connection
from kg.index import GraphIndex, tables
from kg.ingest import ingest_articles
from kg.models import (
    ENTITY_TYPES,
    EVENT_TYPES,
    PREDICATES,
    Article,
    Entity,
    Event,
    Evidence,
    Extraction,
    Fact,
)
from kg.queries import EventFilter
from kg.store import EmbeddedStore

T = TypeVar("T")
ARTICLES = 40


def _unknown_entity_article() -> Extraction:
    text = ("Acme Robotics, a Shenzhen start-up, joined the Partnership on AI on Monday. "
            "Acme Robotics met Baidu about chips.")
    first, second = text.split(". ")[0] + ".", text.split(". ")[1]
    acme = Entity("company/acme-robotics", "Acme Robotics", "Company", ("Acme", "ACME Bots"))
    article = Article(id="acme", title="Acme joins", text=text, date=dt.date(2024, 3, 4),
                      source="acme.txt")
    return Extraction(
        article=article, entities=(acme,),
        facts=(Fact(acme.id, "memberOf", "alliance/partnership-on-ai",
                    Evidence(first, 0, len(first)), 0.9),),
        events=(Event("Meeting", Evidence(second, text.index(second), len(text)), 0.7,
                      participants=(acme.id, "company/baidu"), topics=("chips",)),))


def _ingest(store: EmbeddedStore, extractions: list[Extraction]) -> None:
    by_id = {e.article.id: e for e in extractions}
    ingest_articles(store, [e.article for e in extractions],
                    extract=lambda articles: (by_id[a.id] for a in articles))


@pytest.fixture(scope="module")
def store() -> Iterator[EmbeddedStore]:
    with EmbeddedStore(None) as opened:
        _ingest(opened, [make_article(i)[1] for i in range(ARTICLES)] + [_unknown_entity_article()])
        opened.index = GraphIndex(opened).start()
        assert opened.index.wait(60)
        yield opened
        opened.index.close()


def same(store: EmbeddedStore, ask: Callable[..., T], *args: object, **kwargs: object) -> T:
    """`ask(...)` through the index equals `ask(...)` through SPARQL; the index answered."""
    index = store.index
    assert index is not None and index.answer(lambda _: True), "the index is not current"
    store.index = None
    try:
        expected = ask(*args, **kwargs)
    finally:
        store.index = index
    answered: list[bool] = []

    def spy(question: Callable[..., object]) -> object:
        found = GraphIndex.answer(index, question)  # type: ignore[arg-type]
        answered.append(found is not None)
        return found

    index.answer = spy  # type: ignore[method-assign]
    try:
        assert ask(*args, **kwargs) == expected
    finally:
        del index.answer
    assert answered and all(answered), "SPARQL answered, not the index"
    return expected


def entity_ids(store: EmbeddedStore) -> list[str]:
    return sorted(key for key in (queries.entity_key_of(r.iri) for r in queries.search_entities(
        store, limit=10_000)[1]) if key)


def check_everything(store: EmbeddedStore) -> None:
    ids = entity_ids(store)
    assert len(ids) > 30
    busy = [*ids[::max(1, len(ids) // 12)], "company/acme-robotics", "company/baidu"]
    # entities
    for text in (None, "a", "chin", "ACME", "bots", "zzz-none", "ß"):
        for entity_type in (None, *ENTITY_TYPES):
            same(store, queries.search_entities, store, text=text, entity_type=entity_type,
                 limit=7)
    same(store, queries.search_entities, store, limit=5, offset=11)
    same(store, queries.entities_by_iri,
         store, [*(queries.entity_id_iri(i) for i in ids), "https://example.org/nobody"])
    # facts
    same(store, queries.facts, store, limit=10_000)
    same(store, queries.facts, store, limit=9, offset=13)
    for predicate in PREDICATES:
        same(store, queries.facts, store, predicate=predicate, limit=10_000)
    for entity_id in busy:
        same(store, queries.facts, store, subject=entity_id, limit=10_000)
        same(store, queries.facts, store, object=entity_id, predicate="memberOf")
    for info in store.articles()[:5]:
        article = "https://w3id.org/aikg/article/" + info.hash
        same(store, queries.facts, store, article=article)
        same(store, queries.events, store, EventFilter(article=article))
    # events and timelines
    filters = [EventFilter(), EventFilter(types=("Meeting",)), EventFilter(topic="AI"),
               EventFilter(topic="chips"), EventFilter(topic="export controls"),
               EventFilter(types=("Criticism", "Demand"), topic="AI"),
               EventFilter(since=dt.date(2024, 1, 1)), EventFilter(until=dt.date(2023, 6, 30)),
               EventFilter(since=dt.date(2023, 3, 1), until=dt.date(2024, 3, 31)),
               EventFilter(participants=("company/baidu",)),
               EventFilter(participants=("company/acme-robotics", "company/baidu"))]
    filters += [EventFilter(types=(t,)) for t in EVENT_TYPES]
    filters += [EventFilter(participants=(entity_id,)) for entity_id in busy]
    for where in filters:
        same(store, queries.events, store, where, limit=10_000)
        same(store, queries.events, store, where, limit=3, offset=2)
        same(store, queries.timeline, store, where)
    same(store, queries.meetings, store, topic="AI")
    # counts and articles
    same(store, queries.type_counts, store)
    same(store, queries.predicate_counts, store)
    same(store, store.graph_counts)
    same(store, queries.graph_totals, store)
    same(store, store.articles)
    assert store.index is not None
    assert store.index.answer(lambda tables: tables.triples()) == len(store)
    # edges, neighbourhoods, paths
    same(store, all_edges, store)
    iris = [queries.entity_id_iri(i) for i in busy]
    same(store, edges_touching, store, iris)
    same(store, edges_touching, store, iris[:3], relations=["Meeting", "memberOf"])
    for entity_id in busy[:6]:
        same(store, neighbors, store, entity_id, depth=2)
    for source, target in zip(busy, reversed(busy), strict=True):
        if source != target:  # the middle of an odd list: a path to itself asks nothing
            same(store, shortest_connection, store, source, target, max_hops=4)


def test_every_answer_equals_sparql(store: EmbeddedStore) -> None:
    check_everything(store)


def test_the_walk_over_sorted_keys_equals_sorting(store: EmbeddedStore,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "_SORT_BELOW", 0)  # large candidate sets walk the order
    same(store, queries.facts, store, limit=10, offset=20)
    same(store, queries.events, store, EventFilter(topic="AI"), limit=10, offset=5)


def test_a_build_sorts_its_keys_once(store: EmbeddedStore,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "_INSERT_BELOW", 0)  # as for a store of many articles
    built, original = GraphIndex(store).start(), store.index
    assert built.wait(60)
    store.index = built
    try:
        check_everything(store)
    finally:
        store.index = original
        built.close()


def test_paths_read_evidence_only_for_the_edges_shown(store: EmbeddedStore) -> None:
    ids = entity_ids(store)
    found = [path for target in ids[1:20]
             if (path := shortest_connection(store, "company/baidu", target)) is not None]
    assert found and all(edge.evidence.sentence and edge.evidence.article_id
                         for path in found for edge in path)


@pytest.fixture
def writable() -> Iterator[EmbeddedStore]:
    with EmbeddedStore(None) as opened:
        _ingest(opened, [make_article(i)[1] for i in range(12)])
        opened.index = GraphIndex(opened).start()
        assert opened.index.wait(60)
        yield opened
        opened.index.close()


def test_writes_of_articles_are_applied_graph_by_graph(writable: EmbeddedStore) -> None:
    index = writable.index
    assert index is not None
    builds = index.build_seconds
    _ingest(writable, [make_article(i)[1] for i in range(12, 16)] + [_unknown_entity_article()])
    first = make_article(0)[1]
    changed = dataclasses.replace(first, article=dataclasses.replace(
        first.article, text=first.article.text + " Nothing else happened."))
    _ingest(writable, [changed])  # same id, new text: the old graph is dropped
    writable.delete_graph(writable.find_article(make_article(5)[0].id).graph)  # type: ignore[union-attr]
    assert index.answer(lambda _: True), "graph writes are applied in place"
    assert index.build_seconds == builds, "no rebuild"
    assert len(writable.articles()) == 16
    check_everything(writable)


def test_other_updates_rebuild_and_sparql_answers_meanwhile(writable: EmbeddedStore) -> None:
    index = writable.index
    assert index is not None
    writable.update("""INSERT DATA { GRAPH <https://w3id.org/aikg/graph/extra> {
        <https://w3id.org/aikg/id/company/zeta-ai> a aikg:Company ; rdfs:label "Zeta AI" } }""")
    zeta = queries.search_entities(writable, text="zeta")  # SPARQL or a fresh index: both right
    assert [row.label for row in zeta[1]] == ["Zeta AI"]
    assert index.wait(60)
    assert index.answer(lambda _: True)
    check_everything(writable)


def test_a_closed_index_answers_nothing(writable: EmbeddedStore) -> None:
    index = writable.index
    assert index is not None
    index.close()
    assert index.answer(lambda _: True) is None
    assert queries.type_counts(writable)["Article"] == 12  # SPARQL still answers
