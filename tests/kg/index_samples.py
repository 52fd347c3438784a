"""What the index tests share: a corpus, and `same`/`check_everything`, which ask the index and
kg.sparql every question on one store and compare the rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from kg import queries, sparql
from kg.graph import neighbors, shortest_connection
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
from kg.rows import EdgeKey, EventFilter, entity_id_iri
from kg.store import EmbeddedStore, Store

T = TypeVar("T")
ARTICLES = 40


def unknown_entity_article() -> Extraction:
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


def ingest(store: EmbeddedStore, extractions: list[Extraction]) -> None:
    by_id = {e.article.id: e for e in extractions}
    ingest_articles(store, [e.article for e in extractions],
                    extract=lambda articles: (by_id[a.id] for a in articles))


def same(store: Store, question: str, *args: object, **kwargs: object) -> Any:
    """The index's `question` equals kg.sparql's on the same store, and the index answered."""
    index = store.index
    assert index is not None
    found = index.answer(lambda tables: getattr(tables, question)(*args, **kwargs))
    assert found is not None, "the index is not current"
    expected = getattr(sparql, question)(store, *args, **kwargs)
    assert found == expected, question
    return expected


def same_through_facade(store: Store, ask: Callable[..., T], *args: object,
                        **kwargs: object) -> T:
    """A question kg.queries or kg.graph composes (meetings, neighbourhoods, paths) gives the
    same answer with the index attached (and current) as without it."""
    index = store.index
    assert index is not None and index.answer(lambda _: True), "the index is not current"
    store.index = None
    try:
        expected = ask(*args, **kwargs)
    finally:
        store.index = index
    assert ask(*args, **kwargs) == expected
    assert index.answer(lambda _: True), "the index stayed current"
    return expected


def facts(store: Store, **filters: object) -> None:
    asked: dict[str, object] = {"predicate": None, "subject": None, "object": None,
                                "article": None, "limit": 10_000, "offset": 0}
    same(store, "facts", **(asked | filters))


def entity_ids(store: Store) -> list[str]:
    return sorted(key for key in (queries.entity_key_of(r.iri) for r in queries.search_entities(
        store, limit=10_000)[1]) if key)


def check_everything(store: Store) -> None:
    ids = entity_ids(store)
    assert len(ids) > 30
    # A spread over every entity (most are the gazetteer's, named by no article), and the
    # ends of a fact and of an event, whatever the gazetteer holds.
    linked = [EdgeKey.of(edge) for edge in sparql.edges_touching(store, None, PREDICATES,
                                                                 EVENT_TYPES)]
    ends = [next(key.source for key in linked if key.kind == kind) for kind in ("fact", "event")]
    busy = [*ids[::max(1, len(ids) // 12)], "company/acme-robotics", "company/baidu"]
    iris = list(dict.fromkeys([*ends, *(entity_id_iri(i) for i in busy)]))
    # entities
    for text in (None, "a", "chin", "ACME", "bots", "zzz-none", "ß"):
        for entity_type in (None, *ENTITY_TYPES):
            same(store, "search_entities", text, entity_type, 7, 0)
    same(store, "search_entities", None, None, 5, 11)
    same(store, "entities_by_iri",
         [*(entity_id_iri(i) for i in ids), "https://example.org/nobody"])
    # facts
    facts(store)
    facts(store, limit=9, offset=13)
    for predicate in PREDICATES:
        facts(store, predicate=predicate)
    for iri in iris:
        facts(store, subject=iri)
        facts(store, object=iri, predicate="memberOf", limit=50)
    for info in sparql.articles(store)[:5]:
        article = "https://w3id.org/aikg/article/" + info.hash
        facts(store, article=article, limit=50)
        same(store, "events", EventFilter(article=article), limit=50, offset=0)
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
        same(store, "events", where, limit=10_000, offset=0)
        same(store, "events", where, limit=3, offset=2)
        same(store, "timeline", where)
    same_through_facade(store, queries.meetings, store, topic="AI")
    # consolidated answers: the reports a filter selects, in order, grouped by the derived
    # graphs; a page's reports read by IRI (the facade caches groups per generation, so the
    # answerers' own questions are what is compared here)
    _, every = sparql.events(store, EventFilter(), limit=10_000, offset=0)
    nodes = [row.iri for row in every]
    same(store, "events_by_iri", [*nodes[::3], "https://example.org/no-event"])
    same(store, "events_by_iri", [])
    grouped, _ = queries.consolidated_events(store)
    assert grouped < len(every)  # the corpus reports some events several times
    for where in filters:
        same(store, "event_order", where)
    for where in filters[:12]:
        same_through_facade(store, queries.consolidated_events, store, where, limit=10_000)
        same_through_facade(store, queries.consolidated_events, store, where, limit=2, offset=1)
        same_through_facade(store, queries.consolidated_timeline, store, where)
    # counts and articles
    for question in ("type_counts", "predicate_counts", "graph_counts", "graph_totals",
                     "articles", "triples"):
        same(store, question)
    same(store, "mentioned_entity_counts", ENTITY_TYPES)
    # edges, neighbourhoods, paths
    same(store, "edges_touching", None, PREDICATES, EVENT_TYPES)
    same(store, "edges_touching", None, ["memberOf", "withdrewFrom"], [])
    same(store, "edges_touching", sorted(iris), PREDICATES, EVENT_TYPES)
    same(store, "edges_touching", sorted(iris[:3]), ["memberOf"], ["Meeting"])
    keys = same(store, "edge_keys", sorted(iris), PREDICATES, EVENT_TYPES)
    assert {"fact", "event"} <= {key.kind for key in keys}
    same(store, "edge_keys", sorted(iris[:3]), ["memberOf"], ["Meeting"])
    same(store, "edges_by_key", keys[::2])
    gone = EdgeKey("https://example.org/gone", iris[0], iris[1], "fact", 1.0)
    assert same(store, "edges_by_key", [gone, *keys[:3]]) == same(store, "edges_by_key",
                                                                    keys[:3])
    for iri in iris[:6]:
        for relations in ((PREDICATES, EVENT_TYPES), (["roleIn"], ["Meeting"])):
            whole = same(store, "neighbourhood", iri, *relations, 2, None, 0)
            # pages that start and end in either hop, and past the end
            for limit, offset in ((5, 0), (3, len(whole[2]) - 2), (4, len(whole[2]) + 1)):
                page = same(store, "neighbourhood", iri, *relations, 2, limit, offset)
                assert page[:2] == whole[:2] and page[2] == whole[2][offset:offset + limit]
        same(store, "neighbourhood", iri, PREDICATES, EVENT_TYPES, 1, None, 0)
        same(store, "reached", [iri, *iris[-2:]], PREDICATES, EVENT_TYPES)
        same(store, "best_edge_keys", [(iri, other) for other in whole[0]][:8], PREDICATES,
             EVENT_TYPES)
    for entity_id in busy[:6]:
        same_through_facade(store, neighbors, store, entity_id, depth=2)
        same_through_facade(store, neighbors, store, entity_id, depth=2, limit=5, offset=3)
    for source, target in zip(busy, reversed(busy), strict=True):
        if source != target:  # the middle of an odd list: a path to itself asks nothing
            same_through_facade(store, shortest_connection, store, source, target, max_hops=4)
