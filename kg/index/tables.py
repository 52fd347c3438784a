"""The index's tables: parts added and dropped one graph at a time, and the answers built on them.

Each method answers the question of the same name in kg.sparql, with the same checked
arguments (kg.rows) and the same rows in the same order: tests/kg/test_index.py compares the
two on the same store for every filter. kg.queries picks between them. Sets keyed
by predicate, entity, event type, topic and article make a filter an intersection; two
sorted key lists (facts by predicate, subject, object; events by date) make a page a walk.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS

from kg.index.parts import RDFS_LABEL, EventPart, FactPart, Part
from kg.models import ENTITY_TYPES
from kg.namespaces import AIKG, SCHEMA
from kg.rows import (
    NO_EVIDENCE,
    ROLES,
    Edge,
    EntityRow,
    EventFilter,
    EventRow,
    EvidenceRow,
    FactRow,
    agent_pairs,
)
from kg.store import ArticleInfo

_ALT_LABEL, _SAME_AS = str(SKOS.altLabel), str(OWL.sameAs)
_DESCRIPTIONS = (str(RDFS.comment), str(SKOS.definition), str(SCHEMA.description))
_PREF_LABEL, _BROADER = str(SKOS.prefLabel), str(SKOS.broader)
_IDENTIFIER, _HEADLINE = str(SCHEMA.identifier), str(SCHEMA.headline)
_PUBLISHED = str(SCHEMA.datePublished)
_TOPIC_PROPERTIES = frozenset({_PREF_LABEL, _BROADER})
#: Below this many candidates a page is sorted; above, the sorted key list is walked.
_SORT_BELOW = 2000
#: Below this many new statements, sort keys are inserted in place; above, appended and sorted.
_INSERT_BELOW = 1000
_CONTENT_HASH = str(AIKG.contentHash)
_SOURCE = str(DCTERMS.source)


@dataclass(frozen=True, slots=True)
class _EntityInfo:
    row: EntityRow
    types: frozenset[str]
    labels: tuple[str, ...]  # every rdfs:label, sorted
    haystack: tuple[str, ...]  # every alias, lower case (labels are matched one by one)


class Tables:
    """Facts, events, entities, topics and articles of every graph, indexed for the routes."""

    def __init__(self) -> None:
        self.parts: dict[str, Part] = {}
        self.fact_parts: dict[str, FactPart] = {}
        self.event_parts: dict[str, EventPart] = {}
        self.roles: dict[str, dict[str, set[str]]] = {}
        self._owner: dict[str, str] = {}  # statement node -> the graph it was read from
        self._fact_sets: dict[tuple[str, str], set[str]] = {}
        self._event_sets: dict[tuple[str, str], set[str]] = {}
        self._listed_facts: set[str] = set()
        self._listed_events: set[str] = set()
        self._fact_order: list[tuple[str, str, str, str]] = []
        self._event_order: list[tuple[bool, str, str]] = []
        self._event_keys: dict[str, tuple[bool, str, str]] = {}
        self._predicates: Counter[str] = Counter()
        self._months: Counter[tuple[str, str]] = Counter()  # dated events per (month, type)
        self.types: dict[str, Counter[str]] = {}
        self.properties: dict[str, dict[str, dict[str, set[str]]]] = {}
        self._entities: dict[str, _EntityInfo | None] = {}
        self._entity_lists: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        self._narrower: dict[str, set[str]] | None = None
        self._insort = True
        self._triples = self._named_triples = self._named_graphs = 0

    # -- maintenance ----------------------------------------------------------------------

    def replace(self, parts: dict[str, Part]) -> None:
        """Drop what the given graphs said before and add what they say now."""
        touched: set[str] = set()
        for graph in parts:
            old = self.parts.pop(graph, None)
            if old is not None:
                touched |= self._drop(old)
                self._count(old, -1)
        # Few new keys go in place; many (a build) are appended and sorted once: inserting
        # each into a list of n keys moves n/2 of them, quadratic over a whole store.
        statements = sum(len(p.facts) + len(p.events) for p in parts.values())
        self._insort = statements < _INSERT_BELOW
        for graph, part in parts.items():
            if part.triples:
                self.parts[graph] = part
                touched |= self._add(part)
                self._count(part, 1)
        if not self._insort:
            self._fact_order.sort()
            self._event_order.sort()
        self._refresh_entities(touched)

    def _add(self, part: Part) -> set[str]:
        graph = part.graph
        for subject, properties in part.properties.items():
            self.properties.setdefault(subject, {})[graph] = properties
            if not _TOPIC_PROPERTIES.isdisjoint(properties):
                self._narrower = None
        for subject, cls in part.types:
            counter = self.types.get(cls)
            if counter is None:
                counter = self.types[cls] = Counter()
            counter[subject] += 1
        for node, fact in part.facts.items():
            if self._owner.setdefault(node, graph) != graph:
                continue  # the same node in two graphs: the first one read is kept
            self.fact_parts[node] = fact
            self._predicates[fact.predicate] += 1
            if fact.listed:
                self._listed_facts.add(node)
                for key in self._fact_index_keys(fact):
                    self._fact_sets.setdefault(key, set()).add(node)
                self._put_key(self._fact_order, _fact_key(fact))
        for node, event in part.events.items():
            if self._owner.setdefault(node, graph) != graph:
                continue
            self.event_parts[node] = event
            self.roles[node] = part.roles.get(node, {})
            if event.listed:
                self._listed_events.add(node)
                for key in self._event_index_keys(event):
                    self._event_sets.setdefault(key, set()).add(node)
                sort_key = self._event_keys[node] = self._event_key(event)
                self._put_key(self._event_order, sort_key)
                if sort_key[0]:
                    self._months[(sort_key[1][:7], event.type)] += 1
        return set(part.properties) | {subject for subject, _ in part.types}

    def _drop(self, part: Part) -> set[str]:
        graph = part.graph
        for node, fact in part.facts.items():
            if self._owner.get(node) != graph:
                continue
            del self._owner[node], self.fact_parts[node]
            self._predicates[fact.predicate] -= 1
            if node in self._listed_facts:
                self._listed_facts.discard(node)
                for key in self._fact_index_keys(fact):
                    _discard(self._fact_sets, key, node)
                _remove_sorted(self._fact_order, _fact_key(fact))
        for node, event in part.events.items():
            if self._owner.get(node) != graph:
                continue
            # Index keys come from the roles as added, so read them before forgetting them.
            keys = list(self._event_index_keys(event)) if node in self._listed_events else []
            del self._owner[node], self.event_parts[node], self.roles[node]
            if keys:
                self._listed_events.discard(node)
                for key in keys:
                    _discard(self._event_sets, key, node)
                sort_key = self._event_keys.pop(node)
                _remove_sorted(self._event_order, sort_key)
                if sort_key[0]:
                    self._months[(sort_key[1][:7], event.type)] -= 1
        for subject, cls in part.types:
            counter = self.types[cls]
            counter[subject] -= 1
            if counter[subject] <= 0:
                del counter[subject]
        for subject, properties in part.properties.items():
            graphs = self.properties.get(subject, {})
            graphs.pop(graph, None)
            if not graphs:
                self.properties.pop(subject, None)
            if not _TOPIC_PROPERTIES.isdisjoint(properties):
                self._narrower = None
        return set(part.properties) | {subject for subject, _ in part.types}

    def _count(self, part: Part, sign: int) -> None:
        self._triples += sign * part.triples
        if part.graph:  # a named graph
            self._named_graphs += sign
            self._named_triples += sign * part.triples

    def _put_key(self, order: list[Any], key: tuple[object, ...]) -> None:
        if self._insort:
            bisect.insort(order, key)
        else:
            order.append(key)

    def _fact_index_keys(self, fact: FactPart) -> Iterable[tuple[str, str]]:
        yield "p", fact.predicate
        yield "s", fact.subject
        yield "o", fact.object
        yield "a", fact.article or ""

    def _event_index_keys(self, event: EventPart) -> Iterable[tuple[str, str]]:
        yield "type", event.type
        yield "a", event.article or ""
        roles = self.roles.get(event.node, {})
        for role in ROLES:
            for agent in roles.get(role, ()):
                yield "agent", agent
        for topic in roles.get("topic", ()):
            yield "topic", topic

    def _event_key(self, event: EventPart) -> tuple[bool, str, str]:
        """ORDER BY ?when ?node, where ?when is the event's date, else its article's."""
        when = event.date
        if when is None and event.article is not None:
            when = self._first(event.article, _PUBLISHED)
        return when is not None, when or "", event.node

    def _refresh_entities(self, subjects: set[str]) -> None:
        changed = False
        for subject in subjects:
            before = self._entities.pop(subject, None)
            after = self._entity(subject)
            if after is None:
                self._entities.pop(subject, None)  # remember entities only
            changed = changed or before != after
        if changed:
            self._entity_lists.clear()

    # -- merged properties ----------------------------------------------------------------

    def values(self, subject: str, prop: str) -> set[str]:
        found: set[str] = set()
        for properties in self.properties.get(subject, {}).values():
            found |= properties.get(prop, set())
        return found

    def _first(self, subject: str, prop: str) -> str | None:
        found = self.values(subject, prop)
        return min(found) if found else None

    def _entity(self, iri: str) -> _EntityInfo | None:
        if iri in self._entities:
            return self._entities[iri]
        types = frozenset(t for t in ENTITY_TYPES if iri in self.types.get(t, ()))
        labels = self.values(iri, RDFS_LABEL)
        info = None
        if types and labels:
            label, aliases = min(labels), self.values(iri, _ALT_LABEL)
            descriptions = set().union(*(self.values(iri, p) for p in _DESCRIPTIONS))
            row = EntityRow(iri=iri, label=label, type=min(types),
                            aliases=tuple(sorted((aliases | labels) - {label})),
                            same_as=tuple(sorted(self.values(iri, _SAME_AS))),
                            description=min(descriptions) if descriptions else None)
            info = _EntityInfo(row, types, tuple(sorted(labels)),
                               tuple(alias.lower() for alias in aliases))
        self._entities[iri] = info
        return info

    # -- entities -------------------------------------------------------------------------

    def entities_by_iri(self, iris: Sequence[str]) -> list[EntityRow]:
        return [info.row for iri in iris if (info := self._entity(iri)) is not None]

    def search_entities(self, text: str | None, entity_type: str | None, limit: int,
                        offset: int) -> tuple[int, list[EntityRow]]:
        types = (entity_type,) if entity_type else ENTITY_TYPES
        if not text:
            ranked = self._entity_list(types)
            return len(ranked), self.entities_by_iri(
                [iri for _, iri in ranked[offset:offset + limit]])
        needle = text.casefold()
        matches = []
        for _, iri in self._entity_list(types):
            info = self._entity(iri)
            assert info is not None
            if any(needle in alias for alias in info.haystack):
                matches.append((info.labels[0].lower(), iri))  # every label passes the filter
                continue
            passing = [label for label in info.labels if needle in label.lower()]
            if passing:
                matches.append((passing[0].lower(), iri))
        matches.sort()
        page = [iri for _, iri in matches[offset:offset + limit]]
        return len(matches), self.entities_by_iri(page)

    def _entity_list(self, types: tuple[str, ...]) -> list[tuple[str, str]]:
        """(lower-case least label, IRI) of the entities of these types, sorted."""
        ranked = self._entity_lists.get(types)
        if ranked is None:
            iris = set().union(*(self.types.get(t, {}).keys() for t in types))
            ranked = sorted((info.labels[0].lower(), iri) for iri in iris
                            if (info := self._entity(iri)) is not None)
            self._entity_lists[types] = ranked
        return ranked

    # -- facts ----------------------------------------------------------------------------

    def facts(self, *, predicate: str | None, subject: str | None,
              object: str | None, article: str | None, limit: int, offset: int
              ) -> tuple[int, list[FactRow]]:
        keys = [("p", predicate), ("s", subject), ("o", object), ("a", article)]
        nodes = _intersect(self._fact_sets, [(k, v) for k, v in keys if v is not None],
                           self._listed_facts)
        page = _page(nodes, self._fact_order, lambda node: _fact_key(self.fact_parts[node]),
                     limit, offset)
        evidence = self._evidence(page)
        return len(nodes), [self._fact_row(node, evidence[node]) for node in page]

    def _fact_row(self, node: str, evidence: EvidenceRow) -> FactRow:
        fact = self.fact_parts[node]
        return FactRow(statement=node, subject=fact.subject, predicate=fact.predicate,
                       object=fact.object, title=fact.title, date=fact.date,
                       confidence=fact.confidence or 0.0, evidence=evidence)

    def predicate_counts(self) -> dict[str, int]:
        return {p: n for p, n in self._predicates.items() if n > 0}

    def type_counts(self) -> dict[str, int]:
        return {cls: len(subjects) for cls, subjects in self.types.items() if subjects}

    def mentioned_entity_counts(self, entity_types: Sequence[str]) -> dict[str, int]:
        """Distinct entities per type that a listed fact or event of an article names."""
        mentioned = {value for (key, value), nodes in self._fact_sets.items()
                     if key in ("s", "o") and nodes}
        mentioned |= {value for (key, value), nodes in self._event_sets.items()
                      if key == "agent" and nodes}
        counts = {}
        for cls in entity_types:
            typed = self.types.get(cls) or Counter()
            counts[cls] = sum(1 for iri in mentioned if typed.get(iri, 0) > 0)
        return counts

    # -- events ---------------------------------------------------------------------------

    def _matching_events(self, where: EventFilter) -> set[str]:
        keys = [("a", where.article)] if where.article else []
        keys += [("agent", p) for p in where.participant_iris]
        nodes = _intersect(self._event_sets, keys, self._listed_events)
        if where.types:
            nodes = nodes & set().union(*(self._event_sets.get(("type", t), set())
                                          for t in where.types))
        if where.topic_iri:
            topics = self._narrower_closure(where.topic_iri)
            nodes = nodes & set().union(*(self._event_sets.get(("topic", t), set())
                                          for t in topics))
        if where.since or where.until:
            since = where.since.isoformat() if where.since else None
            until = where.until.isoformat() if where.until else None
            nodes = {node for node in nodes if _within(self._event_keys[node], since, until)}
        return nodes

    def events(self, where: EventFilter, *, limit: int, offset: int
               ) -> tuple[int, list[EventRow]]:
        nodes = self._matching_events(where)
        page = _page(nodes, self._event_order, self._event_keys.__getitem__, limit, offset)
        evidence = self._evidence(page)
        return len(nodes), [self._event_row(node, evidence[node]) for node in page]

    def event_order(self, where: EventFilter) -> list[tuple[str, str, str | None]]:
        """(event, type, date or article date) of every event `where` selects, in the order
        of `events` (kg.sparql.event_order)."""
        nodes = self._matching_events(where)
        # One pass over the sorted keys (dated, when, node), as _page walks them for big sets.
        keys = (sorted(self._event_keys[node] for node in nodes) if len(nodes) < _SORT_BELOW
                else [key for key in self._event_order if key[2] in nodes])
        parts = self.event_parts
        return [(node, parts[node].type, when if dated else None) for dated, when, node in keys]

    def events_by_iri(self, nodes: Sequence[str]) -> list[EventRow]:
        """The listed events among `nodes`, by date then IRI (kg.sparql.events_by_iri)."""
        page = sorted(set(nodes) & self._listed_events, key=self._event_keys.__getitem__)
        evidence = self._evidence(page)
        return [self._event_row(node, evidence[node]) for node in page]

    def timeline(self, where: EventFilter) -> list[tuple[str, str, int]]:
        counts: Counter[tuple[str, str]] = Counter()
        if not (where.participants or where.topic or where.since or where.until
                or where.article):  # the whole store, or some types: kept counted
            types = set(where.types)
            return [(month, event_type, n)
                    for (month, event_type), n in sorted(self._months.items())
                    if n > 0 and (not types or event_type in types)]
        for node in self._matching_events(where):
            dated, when, _ = self._event_keys[node]
            if dated:
                counts[(when[:7], self.event_parts[node].type)] += 1
        return [(month, event_type, n) for (month, event_type), n in sorted(counts.items())]

    def _event_row(self, node: str, evidence: EvidenceRow) -> EventRow:
        event, roles = self.event_parts[node], self.roles[node]

        def one(role: str) -> str | None:
            return min(roles[role]) if roles.get(role) else None

        labels = self.values(node, RDFS_LABEL)
        return EventRow(
            iri=node, type=event.type, label=min(labels) if labels else None,
            participants=tuple(sorted(roles.get("participant", ()))), actor=one("actor"),
            target=one("target"), proposed=one("proposed"), topics=self.topic_labels(node),
            date=event.date, location=event.location, confidence=event.confidence or 0.0,
            evidence=evidence)

    def topic_labels(self, node: str) -> tuple[str, ...]:
        labels: set[str] = set()
        for topic in self.roles.get(node, {}).get("topic", ()):
            labels |= self.values(topic, _PREF_LABEL) or {topic.rsplit("/", 1)[-1]}
        return tuple(sorted(labels))

    def _narrower_closure(self, topic: str) -> set[str]:
        """The topic and every topic below it (skos:broader*, read backwards)."""
        if self._narrower is None:
            narrower: dict[str, set[str]] = {}
            for subject, graphs in self.properties.items():
                for properties in graphs.values():
                    for broader in properties.get(_BROADER, ()):
                        narrower.setdefault(broader, set()).add(subject)
            self._narrower = narrower
        found, frontier = {topic}, [topic]
        while frontier:
            for child in self._narrower.get(frontier.pop(), ()):
                if child not in found:
                    found.add(child)
                    frontier.append(child)
        return found

    # -- edges ----------------------------------------------------------------------------

    def edges_touching(self, nodes: Iterable[str] | None, predicates: Sequence[str],
                       event_types: Sequence[str], *, evidence: bool = True) -> list[Edge]:
        """kg.rows.Edge edges (facts, then events, each by statement) with an end in `nodes`;
        every edge of the store when `nodes` is None. Without `evidence`, it is left empty."""
        wanted = None if nodes is None else set(nodes)
        fact_nodes: set[str] = set()
        event_nodes: set[str] = set()
        if wanted is None:
            fact_nodes, event_nodes = set(self._listed_facts), set(self._listed_events)
        else:
            for iri in wanted:
                fact_nodes |= self._fact_sets.get(("s", iri), set())
                fact_nodes |= self._fact_sets.get(("o", iri), set())
                event_nodes |= self._event_sets.get(("agent", iri), set())
        allowed_predicates, allowed_types = set(predicates), set(event_types)
        facts = sorted(n for n in fact_nodes if self.fact_parts[n].predicate in allowed_predicates)
        events = sorted(n for n in event_nodes if self.event_parts[n].type in allowed_types)
        rows = self._evidence(facts + events) if evidence else {}
        edges = []
        for node in facts:
            fact = self.fact_parts[node]
            edges.append(Edge(
                source=fact.subject, target=fact.object, relation=fact.predicate, kind="fact",
                statement=node, directed=True, confidence=fact.confidence or 0.0,
                evidence=rows.get(node, NO_EVIDENCE), date=fact.date, title=fact.title))
        for node in events:
            event, topics = self.event_parts[node], self.topic_labels(node)
            edges += [
                Edge(source=a, target=b, relation=event.type, kind="event", statement=node,
                     directed=directed, confidence=event.confidence or 0.0,
                     evidence=rows.get(node, NO_EVIDENCE), date=event.date, topics=topics)
                for a, b, directed in agent_pairs(self.roles[node])
                if wanted is None or a in wanted or b in wanted
            ]
        return edges

    # -- articles and graphs --------------------------------------------------------------

    def triples(self) -> int:
        """Every triple of the store (named graphs and the default graph)."""
        return self._triples

    def graph_totals(self) -> tuple[int, int]:
        """(named graphs, triples in them), kept as graphs come and go."""
        return self._named_graphs, self._named_triples

    def graph_counts(self) -> dict[str, int]:
        return {graph: part.triples for graph, part in self.parts.items() if graph}

    def articles(self) -> list[ArticleInfo]:
        """What Store.articles reads: each graph's Article with its hash, id and title."""
        found = []
        for graph, part in self.parts.items():
            for subject, cls in part.types:
                properties = part.properties.get(subject, {})
                if cls != "Article" or not graph:
                    continue
                hashes, ids, titles = (properties.get(p) for p in (_CONTENT_HASH, _IDENTIFIER,
                                                                    _HEADLINE))
                if not (hashes and ids and titles):
                    continue
                dates, sources = properties.get(_PUBLISHED), properties.get(_SOURCE)
                found.append(ArticleInfo(
                    id=min(ids), title=min(titles), date=min(dates) if dates else None,
                    source=min(sources) if sources else None, hash=min(hashes), graph=graph,
                    triples=part.triples))
        return sorted(found, key=lambda info: (info.id, info.graph))

    def _evidence(self, nodes: Sequence[str]) -> dict[str, EvidenceRow]:
        out = {}
        articles: dict[str, tuple[str | None, str | None, str | None]] = {}
        for node in nodes:
            statement = self.fact_parts.get(node) or self.event_parts[node]
            article = statement.article or ""
            if article not in articles:
                articles[article] = (self._first(article, _IDENTIFIER),
                                     self._first(article, _HEADLINE),
                                     self._first(article, _PUBLISHED))
            article_id, title, published = articles[article]
            assert statement.evidence is not None  # only listed statements are answered
            sentence, start, end = statement.evidence
            out[node] = EvidenceRow(sentence=sentence, start=start, end=end, article=article,
                                    article_id=article_id, article_title=title,
                                    article_date=published)
        return out


def _fact_key(fact: FactPart) -> tuple[str, str, str, str]:
    return fact.predicate, fact.subject, fact.object, fact.node


def _within(key: tuple[bool, str, str], since: str | None, until: str | None) -> bool:
    """The SPARQL filter: compare at the event's own precision, so a month holds its days."""
    dated, when, _ = key
    if not dated:
        return False
    return (since is None or when >= since[:len(when)]) and \
        (until is None or when <= until[:len(when)])


def _intersect(sets: dict[tuple[str, str], set[str]], keys: list[tuple[str, str]],
               everything: set[str]) -> set[str]:
    if not keys:
        return everything
    chosen = sorted((sets.get(key, set()) for key in keys), key=len)
    return chosen[0].intersection(*chosen[1:])


def _page(nodes: set[str], order: Sequence[tuple[object, ...]],
          key: Callable[[str], tuple[object, ...]], limit: int, offset: int) -> list[str]:
    """The nodes of one page, in `order` (sorted keys whose last element is the node)."""
    if len(nodes) < _SORT_BELOW:
        return sorted(nodes, key=key)[offset:offset + limit]
    walk = (k[-1] for k in order if k[-1] in nodes)
    return [str(node) for node in islice(walk, offset, offset + limit)]


def _discard(sets: dict[tuple[str, str], set[str]], key: tuple[str, str], node: str) -> None:
    members = sets.get(key)
    if members is not None:
        members.discard(node)
        if not members:
            del sets[key]


def _remove_sorted(order: list[Any], key: tuple[object, ...]) -> None:
    at = bisect.bisect_left(order, key)
    if at < len(order) and order[at] == key:
        del order[at]

