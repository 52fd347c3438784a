"""The query index gives exactly the answers of SPARQL, and stays exact through writes.

Every question the two answerers share is asked of both on the same store: kg.sparql's
function and the index's table method of the same name, with the same checked arguments
(kg.rows). The questions kg.queries and kg.graph compose (meetings, neighbourhoods, paths)
are asked with the index attached and detached. The store holds synthetic articles
(bench.corpus) plus an article whose entity the gazetteer does not know; then again after
adding, replacing and deleting articles (applied graph by graph) and after a SPARQL Update
(a full rebuild).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
from index_samples import ARTICLES, check_everything, ingest, unknown_entity_article

from bench.corpus import make_article
from kg import queries, sparql
from kg.graph import neighbors, shortest_connection
from kg.index import GraphIndex
from kg.store import EmbeddedStore

T = TypeVar("T")


@pytest.fixture(scope="module")
def store() -> Iterator[EmbeddedStore]:
    with EmbeddedStore(None) as opened:
        ingest(opened, [make_article(i)[1] for i in range(ARTICLES)] + [unknown_entity_article()])
        opened.index = GraphIndex(opened).start()
        assert opened.index.wait(60)
        yield opened
        opened.index.close()


class Fixed:
    """A QueryIndex (kg.store.common) that answers every question with one value."""

    state = "ready"

    def __init__(self, value: object) -> None:
        self.value = value

    def answer(self, question: Callable[[Any], T]) -> T | None:
        return self.value  # type: ignore[return-value]

    def close(self) -> None:
        pass

    def sync(self) -> bool:
        return self.value is not None

    def before_write(self, graphs: frozenset[str] | None) -> None:
        pass

    def after_write(self, graphs: frozenset[str] | None) -> None:
        pass


def test_the_facade_returns_the_index_answer_and_else_sparqls() -> None:
    with EmbeddedStore(None) as empty:
        empty.index = Fixed({"Meeting": 99})
        assert queries.type_counts(empty) == {"Meeting": 99}
        assert queries.graph_counts(empty) == {"Meeting": 99}
        empty.index = Fixed(None)  # not current: SPARQL answers
        assert queries.type_counts(empty) == sparql.type_counts(empty)
        assert queries.graph_counts(empty) == empty.graph_counts()
        assert set(empty.graph_counts()) == {"https://w3id.org/aikg/graph/entities",
                                             "https://w3id.org/aikg/graph/ontology"}


def test_every_answer_equals_sparql(store: EmbeddedStore) -> None:
    check_everything(store)


def test_a_build_in_small_batches_gives_the_same_answers(store: EmbeddedStore,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.index

    monkeypatch.setattr(kg.index, "BATCH_GRAPHS", 7)  # graphs read per transaction
    built, original = GraphIndex(store).start(), store.index
    assert built.wait(60)
    store.index = built
    try:
        check_everything(store)
    finally:
        store.index = original
        built.close()


def test_paths_read_evidence_only_for_the_edges_shown(store: EmbeddedStore) -> None:
    # From the entity most edges touch to others some edge names (most gazetteer entries are
    # named by none): which ones depends on the synthetic corpus, not on this test.
    ends = Counter(queries.entity_key_of(end) or end for edge in queries.all_edges(store)
                   for end in (edge.source, edge.target))
    hub = min(ends, key=lambda key: (-ends[key], key))
    around = neighbors(store, hub, depth=2).depth
    targets = sorted(queries.entity_key_of(iri) or iri for iri, hops in around.items() if hops)
    found = [path for target in targets[:20]
             if (path := shortest_connection(store, hub, target)) is not None]
    assert found and all(edge.evidence.sentence and edge.evidence.article_id
                         for path in found for edge in path)


@pytest.fixture
def writable() -> Iterator[EmbeddedStore]:
    with EmbeddedStore(None) as opened:
        ingest(opened, [make_article(i)[1] for i in range(12)])
        opened.index = GraphIndex(opened).start()
        assert opened.index.wait(60)
        yield opened
        opened.index.close()


def test_writes_of_articles_are_applied_graph_by_graph(writable: EmbeddedStore) -> None:
    index = writable.index
    assert index is not None
    builds = index.build_seconds
    ingest(writable, [make_article(i)[1] for i in range(12, 16)] + [unknown_entity_article()])
    first = make_article(0)[1]
    changed = dataclasses.replace(first, article=dataclasses.replace(
        first.article, text=first.article.text + " Nothing else happened."))
    ingest(writable, [changed])  # same id, new text: the old graph is dropped
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
