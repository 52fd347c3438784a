"""The domain questions ("who met whom about AI"): the one place that picks an answerer.

Each question checks its values (kg.rows), then returns the answer of the store's in-memory
index (kg.index) when it is current, else the answer of SPARQL (kg.sparql): both give the same
rows in the same order (tests/kg/test_index.py). Callers import questions and row types from
here; the answerers below never import each other, nor this module (pyproject's import
contracts).

    >>> import kg.queries as q
    >>> with kg.open_store() as store:                      # doctest: +SKIP
    ...     total, rows = q.events(store, q.EventFilter(types=("Meeting",), topic="AI"))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, TypeVar
from weakref import WeakKeyDictionary

from kg import sparql
from kg.consolidate import canonical_entities
from kg.consolidate.graph import ENTITY_MERGES_GRAPH, EVENT_GRAPH_BASE, event_node_of_graph
from kg.models import ENTITY_TYPES, EVENT_TYPES, PREDICATES
from kg.namespaces import ARTICLE, QUERY_PREFIXES
from kg.rdf import entity_key_of
from kg.rows import (
    RELATIONS,
    ROLES,
    ConsolidatedRow,
    Edge,
    EdgeKey,
    EntityRow,
    EventFilter,
    EventRow,
    EvidenceRow,
    FactRow,
    MeetingRow,
    check_choice,
    check_iri,
    check_text,
    entity_id_iri,
)
from kg.sparql import (
    EVIDENCE_PATTERN,
    EVIDENCE_VARS,
    Row,
    evidence_of,
    iri_values,
    select,
    sparql_iri,
    sparql_literal,
    values,
)
from kg.store import ArticleInfo, NativeResult, Store
from kg.store.common import match_article

if TYPE_CHECKING:
    from kg.index import Tables

# The questions, and (re-exported) the rows and SPARQL helpers callers imported from here
# before kg.rows and kg.sparql existed.
__all__ = [
    "EVIDENCE_PATTERN",
    "EVIDENCE_VARS",
    "QUERY_PREFIXES",
    "RELATIONS",
    "ROLES",
    "ConsolidatedRow",
    "Edge",
    "EntityRow",
    "EventFilter",
    "EventRow",
    "EvidenceRow",
    "FactRow",
    "MeetingRow",
    "Row",
    "all_edges",
    "article_extraction",
    "article_text",
    "articles",
    "best_edge_keys",
    "check_choice",
    "consolidated_events",
    "consolidated_timeline",
    "consolidation",
    "edges_by_key",
    "edges_touching",
    "entities_by_iri",
    "entity",
    "entity_id_iri",
    "entity_key_of",
    "events",
    "evidence_of",
    "evidence_rows",
    "facts",
    "find_article",
    "gazetteer_entity_counts",
    "graph_counts",
    "graph_totals",
    "graph_triples",
    "indexed",
    "iri_values",
    "meetings",
    "mentioned_entity_counts",
    "neighbourhood",
    "predicate_counts",
    "reached",
    "search_entities",
    "select",
    "sparql_iri",
    "sparql_literal",
    "timeline",
    "triple_count",
    "type_counts",
    "values",
]

T = TypeVar("T")
#: A page as large as "everything" (meetings and extractions are not paginated).
EVERYTHING = 10**6


def indexed(store: Store, question: Callable[[Tables], T]) -> T | None:
    """The answer of the store's query index (kg.index) when it has a current one, else
    None (no index, still building, or rebuilding after a write it cannot apply in place)."""
    index = store.index
    return None if index is None else index.answer(question)


# -- entities ------------------------------------------------------------------------------

def search_entities(
    store: Store, *, text: str | None = None, entity_type: str | None = None,
    limit: int = 50, offset: int = 0,
) -> tuple[int, list[EntityRow]]:
    """(total, page) of entities whose label or an alias contains `text` (case-insensitive),
    by lower-case label.

    Raises:
        InputError: an unknown entity type, or text UTF-8 cannot encode.
    """
    if entity_type:
        check_choice("entity type", entity_type, ENTITY_TYPES)
    if text:
        check_text(text)
    limit, offset = int(limit), int(offset)
    found = indexed(store, lambda tables: tables.search_entities(
        text, entity_type, limit, offset))
    if found is not None:
        return found
    return sparql.search_entities(store, text, entity_type, limit, offset)


def entities_by_iri(store: Store, iris: Sequence[str]) -> list[EntityRow]:
    """Full descriptions of the given entities, in the given order (unknown IRIs are dropped).

    Raises:
        QueryError: an IRI that cannot be written in SPARQL.
    """
    if not iris:
        return []
    for iri in iris:
        check_iri(iri)
    found = indexed(store, lambda tables: tables.entities_by_iri(iris))
    return found if found is not None else sparql.entities_by_iri(store, iris)


def entity(store: Store, entity_id: str) -> EntityRow | None:
    """The entity with this id ('company/baidu'), or None.

    Raises:
        InputError: not an entity id.
    """
    found = entities_by_iri(store, [entity_id_iri(entity_id)])
    return found[0] if found else None


def evidence_rows(store: Store, nodes: Sequence[str]) -> dict[str, EvidenceRow]:
    """The evidence of the given statement or event nodes (nodes without one are left out)."""
    return sparql.evidence_rows(store, nodes)


# -- facts ---------------------------------------------------------------------------------

def facts(
    store: Store, *, predicate: str | None = None, subject: str | None = None,
    object: str | None = None, article: str | None = None, limit: int = 50, offset: int = 0,
) -> tuple[int, list[FactRow]]:
    """(total, page) of fact statements, filtered by predicate name ('memberOf'), subject and
    object entity ids and an article IRI, by predicate, subject, object.

    Raises:
        InputError: an unknown predicate or a malformed entity id.
        QueryError: an article IRI that cannot be written in SPARQL.
    """
    if predicate:
        check_choice("predicate", predicate, PREDICATES)
    subject_iri = entity_id_iri(subject) if subject else None
    object_iri = entity_id_iri(object) if object else None
    if article:
        check_iri(article)
    limit, offset = int(limit), int(offset)
    found = indexed(store, lambda tables: tables.facts(
        predicate=predicate or None, subject=subject_iri, object=object_iri,
        article=article or None, limit=limit, offset=offset))
    if found is not None:
        return found
    return sparql.facts(store, predicate=predicate or None, subject=subject_iri,
                        object=object_iri, article=article or None, limit=limit, offset=offset)


# -- events --------------------------------------------------------------------------------

def events(
    store: Store, where: EventFilter | None = None, *, limit: int = 50, offset: int = 0,
) -> tuple[int, list[EventRow]]:
    """(total, page) of the events `where` selects (all by default), by date (the event's own,
    else its article's), with their roles and evidence."""
    where = where or EventFilter()
    limit, offset = int(limit), int(offset)
    found = indexed(store, lambda tables: tables.events(where, limit=limit, offset=offset))
    if found is not None:
        return found
    return sparql.events(store, where, limit=limit, offset=offset)


def meetings(store: Store, *, topic: str | None = None) -> list[MeetingRow]:
    """Who met whom, optionally about a topic (its narrower topics count too).

    Raises:
        InputError: a topic no label names (once kg.topics resolves labels).
    """
    _, rows = events(store, EventFilter(types=("Meeting",), topic=topic), limit=EVERYTHING)
    names = {e.iri: e.label for e in entities_by_iri(
        store, sorted({p for row in rows for p in row.participants}))}
    return [
        MeetingRow(event=row.iri,
                   participants=tuple(sorted(names.get(p) or p for p in row.participants)),
                   topics=row.topics, date=row.date, location=row.location,
                   evidence=row.evidence.sentence, start=row.evidence.start, end=row.evidence.end,
                   confidence=row.confidence, article=row.evidence.article,
                   article_title=row.evidence.article_title or "")
        for row in rows
    ]


# -- consolidated events (issue 14: one event, many reports) -----------------------------------

@dataclass(frozen=True)
class Consolidation:
    """What the derived graphs say about reports and entities (docs/consolidation.md), read
    in two queries: report event -> consolidated node, node -> its reports, entity -> its
    canonical entity, and canonical entity -> every entity resolving to it (itself included)."""

    node_of: dict[str, str]
    reports_of: dict[str, tuple[str, ...]]
    canonical: dict[str, str]
    members: dict[str, frozenset[str]]


# Per store, the Consolidation read at a generation: exact for a sole writer (every write
# bumps the generation), so repeated questions between writes cost no query.
_CONSOLIDATIONS: WeakKeyDictionary[Store, tuple[int, Consolidation]] = WeakKeyDictionary()


def consolidation(store: Store) -> Consolidation:
    """The store's report and entity groupings, cached per `store.generation` when the store
    is its own sole writer (a remote store may be written by others: read every time).

    After writes whose graphs the store's change log names, only the consolidated event
    graphs among them are read again (and the entity merges, when their graph changed): a
    refresh after an ingest touches a few clusters, and a whole read costs ~0.15 s at 2k
    articles.
    """
    generation = store.generation
    cached = _CONSOLIDATIONS.get(store) if store.sole_writer else None
    if cached is not None and cached[0] == generation:
        return cached[1]
    changed = store.changed_graphs(cached[0]) if cached is not None else None
    if cached is None or changed is None:
        found = _read_consolidation(store)
    else:
        found = _update_consolidation(store, cached[1], changed)
    if store.sole_writer and store.generation == generation:  # no write meanwhile
        _CONSOLIDATIONS[store] = (generation, found)
    return found


def _read_consolidation(store: Store) -> Consolidation:
    reports_of: dict[str, list[str]] = {}
    for node, report in sparql.consolidated_reports(store):
        reports_of.setdefault(node, []).append(report)
    return _consolidation_of(reports_of, canonical_entities(store))


def _update_consolidation(store: Store, old: Consolidation, changed: frozenset[str]
                          ) -> Consolidation:
    """`old` with the consolidated event graphs in `changed` read again (a graph gone is a
    cluster removed), and the entity merges read again if their graph changed."""
    graphs = sorted(g for g in changed if g.startswith(EVENT_GRAPH_BASE))
    if not graphs and ENTITY_MERGES_GRAPH not in changed:
        return old
    # Copies patched in place (a reader may hold `old`): a dict copy is cheap next to
    # rebuilding tens of thousands of entries.
    node_of, reports_of = dict(old.node_of), dict(old.reports_of)
    for graph in graphs:
        for report in reports_of.pop(event_node_of_graph(graph), ()):
            if node_of.get(report) == event_node_of_graph(graph):
                del node_of[report]
    fresh: dict[str, list[str]] = {}
    for node, report in sparql.consolidated_reports(store, graphs):
        fresh.setdefault(node, []).append(report)
    for node, reports in fresh.items():
        reports_of[node] = tuple(sorted(reports))
        node_of.update((report, node) for report in reports)
    if ENTITY_MERGES_GRAPH not in changed:
        return Consolidation(node_of, reports_of, old.canonical, old.members)
    return _consolidation_of({n: list(r) for n, r in reports_of.items()},
                             canonical_entities(store))


def _consolidation_of(reports_of: dict[str, list[str]], canonical: dict[str, str]
                      ) -> Consolidation:
    members: dict[str, set[str]] = {}
    for entity, target in canonical.items():
        members.setdefault(target, {target}).add(entity)
    ordered = {node: tuple(sorted(reports)) for node, reports in reports_of.items()}
    return Consolidation({report: node for node, reports in ordered.items()
                          for report in reports}, ordered, canonical,
                         {c: frozenset(ms) for c, ms in members.items()})


def consolidated_events(
    store: Store, where: EventFilter | None = None, *, limit: int = 50, offset: int = 0,
) -> tuple[int, list[ConsolidatedRow]]:
    """(total, page) of consolidated events (kg.rows.ConsolidatedRow) with at least one report
    `where` selects, each with all its reports; `total` and paging count consolidated events.

    The reports `where` selects are today's per-report answer (index or SPARQL), grouped by
    the derived graphs' report -> consolidated event map; a report not consolidated yet is a
    group of its own. A participant filter matches canonical identity: naming an entity
    merged with others (aikg:sameEntityAs) finds the events of every one of them. Events
    come by their earliest matching report (the order of `events`); only the page's reports
    are read in full.
    """
    where = where or EventFilter()
    limit, offset = int(limit), int(offset)
    found = consolidation(store)
    groups = _grouped(store, where, found)
    page = list(islice(groups, offset, offset + limit))
    wanted = [report for key in page for report in found.reports_of.get(key, (key,))]
    fetched = indexed(store, lambda tables: tables.events_by_iri(wanted))
    known = {row.iri: row for row in (fetched if fetched is not None
                                      else sparql.events_by_iri(store, wanted))}
    return len(groups), [
        _consolidated_row(key, [known[r] for r in found.reports_of.get(key, (key,))
                                if r in known], found)
        for key in page
    ]


def consolidated_timeline(store: Store, where: EventFilter | None = None
                          ) -> list[tuple[str, str, int]]:
    """(month, event type, count) of consolidated events, each counted once, in the month of
    its earliest matching report (that report's date, else its article's); undated ones are
    left out."""
    where = where or EventFilter()
    counts: Counter[tuple[str, str]] = Counter(
        (when[:7], event_type)
        for event_type, when in _grouped(store, where, consolidation(store)).values() if when)
    return sorted((month, event_type, n) for (month, event_type), n in counts.items())


# The groups of the last few questions, per store and generation (exact for a sole writer,
# like the groupings): paging through an answer groups its reports once.
_GROUPED: WeakKeyDictionary[Store, tuple[int, dict[EventFilter, dict[str, tuple[str, str | None]]]]
                            ] = WeakKeyDictionary()
_GROUPED_KEPT = 16


def _grouped(store: Store, where: EventFilter, found: Consolidation
             ) -> dict[str, tuple[str, str | None]]:
    """Consolidated event (or lone report) -> (type, date) of its earliest report `where`
    selects, in the order of those reports."""
    generation = store.generation
    cached = _GROUPED.get(store) if store.sole_writer else None
    if cached is not None and cached[0] == generation and where in cached[1]:
        return cached[1][where]
    groups: dict[str, tuple[str, str | None]] = {}
    for node, event_type, when in _event_order(store, where, found):
        groups.setdefault(found.node_of.get(node, node), (event_type, when))
    if store.sole_writer and store.generation == generation:  # no write meanwhile
        kept = cached[1] if cached is not None and cached[0] == generation else {}
        if len(kept) >= _GROUPED_KEPT:
            kept.pop(next(iter(kept), where), None)
        kept[where] = groups
        _GROUPED[store] = (generation, kept)
    return groups


def _event_order(store: Store, where: EventFilter, found: Consolidation
                 ) -> list[tuple[str, str, str | None]]:
    """(report, type, date) of the reports `where` selects, in the order of `events`. A
    participant of a merged set is matched here, by any IRI of its set, since the answerers
    know only exact IRIs."""
    asked = dict(zip(where.participant_iris, where.participants, strict=True))
    merged = [iri for iri in asked if found.canonical.get(iri, iri) in found.members]
    if merged:
        where = EventFilter(types=where.types, topic=where.topic, since=where.since,
                            until=where.until, article=where.article,
                            participants=tuple(asked[i] for i in asked if i not in merged))
    order = _answer_event_order(store, where)
    for iri in merged:
        allowed: set[str] = set()
        for member in sorted(found.members[found.canonical.get(iri, iri)]):
            key = entity_key_of(member)
            if key:
                allowed.update(node for node, _, _ in _answer_event_order(
                    store, EventFilter(types=where.types, participants=(key,))))
        order = [item for item in order if item[0] in allowed]
    return order


def _answer_event_order(store: Store, where: EventFilter) -> list[tuple[str, str, str | None]]:
    found = indexed(store, lambda tables: tables.event_order(where))
    return found if found is not None else sparql.event_order(store, where)


def _report_key(row: EventRow) -> tuple[bool, str, str]:
    """The order of `events`: by date (the event's own, else its article's), then IRI."""
    when = row.date or row.evidence.article_date
    return when is not None, when or "", row.iri


def _consolidated_row(key: str, reports: list[EventRow], found: Consolidation
                      ) -> ConsolidatedRow:
    reports.sort(key=_report_key)
    canonical = found.canonical

    def role(name: str) -> str | None:
        values = {canonical.get(v, v) for r in reports if (v := getattr(r, name))}
        return min(values) if values else None

    places: dict[str, str] = {}  # one spelling per place, as the derived graph keeps them
    for report in reports:
        if report.location:
            places.setdefault(" ".join(report.location.casefold().split()), report.location)
    published = sorted({r.evidence.article_date for r in reports if r.evidence.article_date})
    return ConsolidatedRow(
        iri=key, type=reports[0].type,
        participants=tuple(sorted({canonical.get(p, p) for r in reports
                                   for p in r.participants})),
        actor=role("actor"), target=role("target"), proposed=role("proposed"),
        topics=tuple(sorted({t for r in reports for t in r.topics})),
        dates=tuple(sorted({r.date for r in reports if r.date})),
        locations=tuple(sorted(places.values())),
        source_count=len({r.evidence.article for r in reports}),
        first_reported=published[0][:10] if published else None,
        last_reported=published[-1][:10] if published else None,
        reports=tuple(reports), consolidated=key in found.reports_of)


def timeline(store: Store, where: EventFilter | None = None) -> list[tuple[str, str, int]]:
    """(month, event type, count) for events matching `where`; undated events are left out."""
    where = where or EventFilter()
    found = indexed(store, lambda tables: tables.timeline(where))
    return found if found is not None else sparql.timeline(store, where)


# -- edges ---------------------------------------------------------------------------------

def edges_touching(
    store: Store, nodes: Iterable[str], *, relations: Sequence[str] = (),
) -> list[Edge]:
    """Every edge (kg.rows.Edge) with at least one end among `nodes` (entity IRIs), of the
    given relations (all by default): facts, then events, each by statement node.

    Raises:
        InputError: an unknown relation (kg.rows.RELATIONS).
    """
    nodes, predicates, event_types = _edge_question(nodes, relations)
    if not nodes:
        return []
    found = indexed(store, lambda tables: tables.edges_touching(nodes, predicates, event_types))
    if found is not None:
        return found
    return sparql.edges_touching(store, nodes, predicates, event_types)


def neighbourhood(
    store: Store, center: str, *, depth: int, relations: Sequence[str] = (),
    limit: int | None = None, offset: int = 0,
) -> tuple[dict[str, int], int, list[EdgeKey]]:
    """(entity IRI -> hops, edges in all, the keys of one page of them) around `center` (an
    entity IRI), as kg.sparql.neighbourhood defines them; edges_by_key reads the page whole.

    Raises:
        InputError: an unknown relation (kg.rows.RELATIONS).
    """
    check_iri(center)
    predicates, event_types = _relations(relations)
    found = indexed(store, lambda tables: tables.neighbourhood(
        center, predicates, event_types, depth, limit, offset))
    if found is not None:
        return found
    return sparql.neighbourhood(store, center, predicates, event_types, depth, limit, offset)


def reached(store: Store, frontier: Iterable[str]) -> dict[str, str]:
    """Each entity an edge links to an entity of `frontier` (entity IRIs), with the least
    frontier entity linking it (kg.sparql.reached): a path search's step."""
    nodes, predicates, event_types = _edge_question(frontier, ())
    if not nodes:
        return {}
    found = indexed(store, lambda tables: tables.reached(nodes, predicates, event_types))
    return found if found is not None else sparql.reached(store, nodes, predicates, event_types)


def best_edge_keys(store: Store, pairs: Sequence[tuple[str, str]]) -> list[EdgeKey]:
    """For each pair of entity IRIs, the key of the edge a path shows between them
    (kg.sparql.best_edge_keys)."""
    for pair in pairs:
        for iri in pair:
            check_iri(iri)
    predicates, event_types = _relations(())
    found = indexed(store, lambda tables: tables.best_edge_keys(pairs, predicates, event_types))
    if found is not None:
        return found
    return sparql.best_edge_keys(store, pairs, predicates, event_types)


def edges_by_key(store: Store, keys: Sequence[EdgeKey]) -> list[Edge]:
    """The whole edges (with evidence) of `keys` (from neighbourhood, best_edge_keys), in
    their order; a key whose edge is gone (a write in between) is left out."""
    if not keys:
        return []
    for key in keys:
        check_iri(key.source)
    found = indexed(store, lambda tables: tables.edges_by_key(keys))
    return found if found is not None else sparql.edges_by_key(store, keys)


def _edge_question(nodes: Iterable[str], relations: Sequence[str]
                   ) -> tuple[list[str], list[str], list[str]]:
    nodes = sorted(set(nodes))
    for node in nodes:
        check_iri(node)
    return nodes, *_relations(relations)


def all_edges(store: Store, *, relations: Sequence[str] = ()) -> list[Edge]:
    """Every fact and every event of the store (or of the given relations) as edges.

    Raises:
        InputError: an unknown relation (kg.rows.RELATIONS).
    """
    predicates, event_types = _relations(relations)
    found = indexed(store, lambda tables: tables.edges_touching(None, predicates, event_types))
    if found is not None:
        return found
    return sparql.edges_touching(store, None, predicates, event_types)


def _relations(relations: Sequence[str]) -> tuple[list[str], list[str]]:
    for relation in relations:
        check_choice("relation", relation, RELATIONS)
    predicates = [r for r in relations if r in PREDICATES] if relations else list(PREDICATES)
    event_types = [r for r in relations if r in EVENT_TYPES] if relations else list(EVENT_TYPES)
    return predicates, event_types


# -- the whole store -----------------------------------------------------------------------

def type_counts(store: Store) -> dict[str, int]:
    """Distinct instances per aikg: class (entities, events, facts, articles)."""
    found = indexed(store, lambda tables: tables.type_counts())
    return found if found is not None else sparql.type_counts(store)


def mentioned_entity_counts(store: Store) -> dict[str, int]:
    """Distinct entities per type (Person, Company, ...) that the articles name in a fact or an
    event: what the articles say, not what the gazetteer lists."""
    found = indexed(store, lambda tables: tables.mentioned_entity_counts(ENTITY_TYPES))
    return found if found is not None else sparql.mentioned_entity_counts(store, ENTITY_TYPES)


def gazetteer_entity_counts(store: Store) -> dict[str, int]:
    """Entities per type that the gazetteer (ontology/entities.ttl) describes (SPARQL only:
    the index does not keep graphs apart)."""
    return sparql.gazetteer_entity_counts(store)


def predicate_counts(store: Store) -> dict[str, int]:
    """Fact statements per predicate local name."""
    found = indexed(store, lambda tables: tables.predicate_counts())
    return found if found is not None else sparql.predicate_counts(store)


def graph_totals(store: Store) -> tuple[int, int]:
    """(named graphs, triples in them)."""
    found = indexed(store, lambda tables: tables.graph_totals())
    return found if found is not None else sparql.graph_totals(store)


def graph_counts(store: Store) -> dict[str, int]:
    """Triples per named graph."""
    found = indexed(store, lambda tables: tables.graph_counts())
    return found if found is not None else sparql.graph_counts(store)


def triple_count(store: Store) -> int:
    """Every triple of the store; the index knows the sum, a store counts by scanning."""
    found = indexed(store, lambda tables: tables.triples())
    return found if found is not None else sparql.triples(store)


def articles(store: Store) -> list[ArticleInfo]:
    """Every article with its graph, by id."""
    found = indexed(store, lambda tables: tables.articles())
    return found if found is not None else sparql.articles(store)


def find_article(store: Store, ref: str) -> ArticleInfo | None:
    """An article by its id, content hash (or a unique prefix of it of 8 or more characters),
    article IRI or graph IRI; None when nothing or several match."""
    return match_article(articles(store), ref)


# -- one article ---------------------------------------------------------------------------

def graph_triples(store: Store, graph: str | None) -> NativeResult:
    """The triples of one named graph (or of the union when None), streamed by the engine.

    Raises:
        QueryError: a graph IRI that cannot be written in SPARQL.
    """
    return sparql.graph_triples(store, graph)


def article_text(store: Store, info: ArticleInfo) -> tuple[str, str | None] | None:
    """(text, url) of a stored article, or None when its graph holds no text."""
    return sparql.article_text(store, info.graph, str(ARTICLE[info.hash]))


def article_extraction(store: Store, article: str, graph: str) -> dict[str, object]:
    """The article's extraction rebuilt from its graph, in the DESIGN.md JSON format.

    Raises:
        QueryError: an article or graph IRI that cannot be written in SPARQL.
    """
    entities: dict[str, dict[str, object]] = {}
    for row in sparql.article_entities(store, graph):
        key = entity_key_of(row["e"] or "") or row["e"] or ""
        entry = entities.setdefault(key, {"id": key, "label": row["label"],
                                          "type": (row["type"] or "").rsplit("#", 1)[-1],
                                          "aliases": []})
        aliases = entry["aliases"]
        assert isinstance(aliases, list)
        if row["alias"] and row["alias"] not in aliases:
            aliases.append(row["alias"])
        if row["same"]:
            entry["wikidata"] = row["same"].rsplit("/", 1)[-1]
    _, fact_rows = facts(store, article=article, limit=EVERYTHING)
    _, event_rows = events(store, EventFilter(article=article), limit=EVERYTHING)
    return {
        "entities": sorted(entities.values(), key=lambda e: str(e["id"])),
        "facts": [_fact_json(row) for row in fact_rows],
        "events": [_event_json(row) for row in event_rows],
    }


def _fact_json(row: FactRow) -> dict[str, object]:
    out: dict[str, object] = {"subject": _key(row.subject), "predicate": row.predicate,
                              "object": _key(row.object)}
    if row.title:
        out["title"] = row.title
    if row.date:
        out["date"] = row.date
    return out | _evidence_json(row.evidence, row.confidence)


def _event_json(row: EventRow) -> dict[str, object]:
    out: dict[str, object] = {"type": row.type}
    if row.participants:
        out["participants"] = [_key(p) for p in row.participants]
    for role in ("actor", "target", "proposed"):
        value = getattr(row, role)
        if value:
            out[role] = _key(value)
    out["topics"] = list(row.topics)
    if row.date:
        out["date"] = row.date
    if row.location:
        out["location"] = row.location
    return out | _evidence_json(row.evidence, row.confidence)


def _evidence_json(evidence: EvidenceRow, confidence: float) -> dict[str, object]:
    return {"evidence": evidence.sentence, "start": evidence.start, "end": evidence.end,
            "confidence": confidence}


def _key(iri: str) -> str:
    return entity_key_of(iri) or iri
