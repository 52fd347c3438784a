"""The index's answers: each question of kg.sparql, asked of the SQLite rows.

Each question method answers the question of the same name in kg.sparql, with the same
checked arguments (kg.rows) and the same rows in the same order: tests/kg/test_index.py
compares the two on the same store for every filter. kg.queries picks between them.

The rows live in one SQLite file beside the store (kg.index.database), so memory is SQLite's
page cache and the OS's, not Python objects, whatever the size of the store; a filter is an
indexed look-up and a page an index walk (`ORDER BY ... LIMIT`). Not thread-safe by itself:
kg.index.GraphIndex serialises every call with one lock.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from rdflib.namespace import OWL, RDFS, SKOS

from kg.index.database import (
    ALT_LABEL,
    BROADER,
    ENTITY_CLASSES,
    PUBLISHED,
    IndexDatabase,
    json_list,
)
from kg.index.parts import RDFS_LABEL
from kg.models import ENTITY_TYPES
from kg.namespaces import SCHEMA
from kg.rows import (
    ROLES,
    Edge,
    EdgeKey,
    EntityRow,
    EventFilter,
    EventRow,
    EvidenceRow,
    FactRow,
    agent_pairs,
)
from kg.store import ArticleInfo

__all__ = ["Tables", "json_list"]

_SAME_AS = str(OWL.sameAs)
_DESCRIPTIONS = (str(RDFS.comment), str(SKOS.definition), str(SCHEMA.description))
_PREF_LABEL = str(SKOS.prefLabel)
_IDENTIFIER, _HEADLINE = str(SCHEMA.identifier), str(SCHEMA.headline)
#: Entity rows kept decoded between writes (a page of search results reads 50).
_ENTITY_CACHE = 4096
_FACT_COLUMNS = ("node, subject, predicate, object, title, date, confidence, article, "
                 'sentence, start, "end"')
_EVENT_COLUMNS = ('e.node, e.type, e.date, e.location, e.confidence, e.article, e.sentence, '
                  'e.start, e."end", e.dated, e.sort_when')
#: The edges columns of an EdgeKey (_edge_key), and `pos`, which orders an event's pairs.
_KEY_COLUMNS = "node, a, b, fact, confidence, pos"
_AGENTS = "(" + ", ".join(f"'{role}'" for role in ROLES) + ")"


class Tables(IndexDatabase):
    """Facts, events, entities, topics and articles of every graph, as kg.sparql's questions.

    Raises:
        sqlite3.Error: the file cannot be opened or written (kg.index.GraphIndex reports it).
    """

    def _entity(self, iri: str) -> EntityRow | None:
        return self._entity_rows([iri])[iri]

    def _entity_rows(self, iris: Sequence[str]) -> dict[str, EntityRow | None]:
        """The entity row of each IRI (None: not an entity), read in two queries for all
        those not cached since the last write."""
        wanted = sorted({iri for iri in iris if iri not in self._entities})
        if wanted:
            if len(self._entities) + len(wanted) > _ENTITY_CACHE:
                self._entities.clear()
            props: dict[str, dict[str, set[str]]] = {iri: {} for iri in wanted}
            types: dict[str, list[str]] = {iri: [] for iri in wanted}
            listed = json_list(wanted)
            for subject, prop, value in self.db.execute(
                    "SELECT p.subject, p.prop, p.value FROM json_each(?) AS j "
                    "CROSS JOIN props AS p ON p.subject = j.value", (listed,)):
                props[subject].setdefault(prop, set()).add(value)
            for cls, subject in self.db.execute(
                    "SELECT t.cls, t.subject FROM json_each(?) AS j "
                    "CROSS JOIN type_members AS t ON t.subject = j.value", (listed,)):
                if cls in ENTITY_CLASSES:
                    types[subject].append(cls)
            for iri in wanted:
                self._entities[iri] = _entity_row(iri, sorted(types[iri]), props[iri])
        return {iri: self._entities.get(iri) for iri in iris}

    # -- entities -------------------------------------------------------------------------

    def entities_by_iri(self, iris: Sequence[str]) -> list[EntityRow]:
        rows = self._entity_rows(iris)
        return [row for iri in iris if (row := rows[iri]) is not None]

    def search_entities(self, text: str | None, entity_type: str | None, limit: int,
                        offset: int) -> tuple[int, list[EntityRow]]:
        types = json_list((entity_type,) if entity_type else ENTITY_TYPES)
        typed = "EXISTS (SELECT 1 FROM type_members t WHERE t.subject = e.iri AND t.cls IN " \
                "(SELECT value FROM json_each(?)))"
        if not text:
            total = self.db.execute(f"SELECT count(*) FROM entities e WHERE {typed}",
                                    (types,)).fetchone()[0]
            page = [iri for (iri,) in self.db.execute(
                f"SELECT e.iri FROM entities e WHERE {typed} ORDER BY e.key, e.iri "
                "LIMIT ? OFFSET ?", (types, limit, offset))]
            return int(total), self.entities_by_iri(page)
        # An alias match sorts by the least label; otherwise by the least matching label.
        keys: dict[str, tuple[int, str]] = {}
        for iri, kind, rank, name, key in self.db.execute(
                "SELECT n.iri, n.kind, n.rank, n.name, e.key FROM entity_names n "
                f"JOIN entities e USING (iri) WHERE instr(n.name, ?) > 0 AND {typed}",
                (text.casefold(), types)):
            found = (-1, key) if kind == "alias" else (rank, name)
            if iri not in keys or found < keys[iri]:
                keys[iri] = found
        matches = sorted((name, iri) for iri, (_, name) in keys.items())
        page = [iri for _, iri in matches[offset:offset + limit]]
        return len(matches), self.entities_by_iri(page)

    # -- facts ----------------------------------------------------------------------------

    def facts(self, *, predicate: str | None, subject: str | None,
              object: str | None, article: str | None, limit: int, offset: int
              ) -> tuple[int, list[FactRow]]:
        where, params = ["listed"], []
        for column, value in (("predicate", predicate), ("subject", subject),
                              ("object", object), ("article", article)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        condition = " AND ".join(where)
        total = self.db.execute(f"SELECT count(*) FROM facts WHERE {condition}",
                                params).fetchone()[0]
        rows = self.db.execute(
            f"SELECT {_FACT_COLUMNS} FROM facts WHERE {condition} "
            "ORDER BY predicate, subject, object, node LIMIT ? OFFSET ?",
            [*params, limit, offset]).fetchall()
        evidence = self._evidence_rows(rows, 7)
        return int(total), [
            FactRow(statement=node, subject=s, predicate=p, object=o, title=title, date=date,
                    confidence=confidence or 0.0, evidence=evidence[i])
            for i, (node, s, p, o, title, date, confidence, *_) in enumerate(rows)]

    def predicate_counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT predicate, n FROM predicate_counts WHERE n > 0"))

    def type_counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT cls, n FROM class_sizes WHERE n > 0"))

    def mentioned_entity_counts(self, entity_types: Sequence[str]) -> dict[str, int]:
        """Distinct entities per type that a listed fact or event of an article names."""
        counts = dict.fromkeys(entity_types, 0)
        counts.update(self.db.execute(
            "SELECT t.cls, count(*) FROM mentions m JOIN type_members t ON t.subject = m.iri "
            "WHERE m.n > 0 AND t.cls IN (SELECT value FROM json_each(?)) GROUP BY t.cls",
            (json_list(entity_types),)))
        return counts

    # -- events ---------------------------------------------------------------------------

    def _event_condition(self, where: EventFilter) -> tuple[str, list[object]]:
        """The SQL condition on `events e` that `where` sets, and its parameters."""
        parts: list[str] = ["e.listed"]
        params: list[object] = []
        if where.article:
            parts.append("e.article = ?")
            params.append(where.article)
        for participant in where.participant_iris:
            parts.append(f"e.node IN (SELECT node FROM roles WHERE value = ? AND role IN "
                         f"{_AGENTS})")
            params.append(participant)
        if where.types:
            parts.append("e.type IN (SELECT value FROM json_each(?))")
            params.append(json_list(where.types))
        if where.topic_iri:
            parts.append("e.node IN (SELECT node FROM roles WHERE role = 'topic' AND value IN "
                         "(SELECT value FROM json_each(?)))")
            params.append(json_list(sorted(self._narrower_closure(where.topic_iri))))
        # Compared at the event's own precision, as the SPARQL filter does: a month holds
        # its days.
        if where.since:
            parts.append("e.dated AND e.sort_when >= substr(?, 1, length(e.sort_when))")
            params.append(where.since.isoformat())
        if where.until:
            parts.append("e.dated AND e.sort_when <= substr(?, 1, length(e.sort_when))")
            params.append(where.until.isoformat())
        return " AND ".join(parts), params

    def events(self, where: EventFilter, *, limit: int, offset: int
               ) -> tuple[int, list[EventRow]]:
        condition, params = self._event_condition(where)
        total = self.db.execute(f"SELECT count(*) FROM events e WHERE {condition}",
                                params).fetchone()[0]
        rows = self.db.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events e WHERE {condition} "
            "ORDER BY e.dated, e.sort_when, e.node LIMIT ? OFFSET ?",
            [*params, limit, offset]).fetchall()
        return int(total), self._event_rows(rows)

    def event_order(self, where: EventFilter) -> list[tuple[str, str, str | None]]:
        """(event, type, date or article date) of every event `where` selects, in the order
        of `events` (kg.sparql.event_order)."""
        condition, params = self._event_condition(where)
        return [(node, event_type, when if dated else None)
                for node, event_type, dated, when in self.db.execute(
                    f"SELECT e.node, e.type, e.dated, e.sort_when FROM events e "
                    f"WHERE {condition} ORDER BY e.dated, e.sort_when, e.node", params)]

    def events_by_iri(self, nodes: Sequence[str]) -> list[EventRow]:
        """The listed events among `nodes`, by date then IRI (kg.sparql.events_by_iri)."""
        rows = self.db.execute(
            f"SELECT {_EVENT_COLUMNS} FROM json_each(?) AS j CROSS JOIN events AS e "
            "ON e.node = j.value WHERE e.listed ORDER BY e.dated, e.sort_when, e.node",
            (json_list(set(nodes)),)).fetchall()
        return self._event_rows(rows)

    def timeline(self, where: EventFilter) -> list[tuple[str, str, int]]:
        if not (where.participants or where.topic or where.since or where.until
                or where.article):  # the whole store, or some types: kept counted
            types = set(where.types)
            return [(month, event_type, n) for month, event_type, n in self.db.execute(
                        "SELECT month, type, n FROM months WHERE n > 0 ORDER BY month, type")
                    if not types or event_type in types]
        condition, params = self._event_condition(where)
        return [(month, event_type, n) for month, event_type, n in self.db.execute(
            f"SELECT substr(e.sort_when, 1, 7) AS month, e.type, count(*) "
            f"FROM events e WHERE {condition} AND e.dated GROUP BY month, e.type "
            "ORDER BY month, e.type", params)]

    def _roles(self, node: str) -> dict[str, set[str]]:
        return self._roles_of([node])[node]

    def _roles_of(self, nodes: Iterable[str]) -> dict[str, dict[str, set[str]]]:
        """role -> values of each event node, in one query."""
        found: dict[str, dict[str, set[str]]] = {node: {} for node in nodes}
        for node, role, value in self.db.execute(
                "SELECT r.node, r.role, r.value FROM json_each(?) AS j "
                "CROSS JOIN roles AS r ON r.node = j.value", (json_list(found),)):
            found[node].setdefault(role, set()).add(value)
        return found

    def _labels_of(self, nodes: Iterable[str]) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {node: set() for node in nodes}
        for node, label in self.db.execute(
                "SELECT p.subject, p.value FROM json_each(?) AS j CROSS JOIN props AS p "
                "ON p.subject = j.value AND p.prop = ?", (json_list(found), RDFS_LABEL)):
            found[node].add(label)
        return found

    def _event_rows(self, rows: list[tuple[object, ...]]) -> list[EventRow]:
        evidence = self._evidence_rows(rows, 5)
        nodes = [str(row[0]) for row in rows]
        all_roles, all_labels = self._roles_of(nodes), self._labels_of(nodes)
        out = []
        for i, (node, event_type, date, location, confidence, *_) in enumerate(rows):
            roles = all_roles[str(node)]

            def one(role: str, roles: dict[str, set[str]] = roles) -> str | None:
                return min(roles[role]) if roles.get(role) else None

            labels = all_labels[str(node)]
            out.append(EventRow(
                iri=str(node), type=str(event_type), label=min(labels) if labels else None,
                participants=tuple(sorted(roles.get("participant", ()))), actor=one("actor"),
                target=one("target"), proposed=one("proposed"),
                topics=self._topic_labels(roles), date=date,  # type: ignore[arg-type]
                location=location, confidence=confidence or 0.0,  # type: ignore[arg-type]
                evidence=evidence[i]))
        return out

    def _topic_labels(self, roles: dict[str, set[str]]) -> tuple[str, ...]:
        labels: set[str] = set()
        for topic in roles.get("topic", ()):
            found = self._topic_names.get(topic)
            if found is None:
                found = self._topic_names[topic] = frozenset(
                    self.values(topic, _PREF_LABEL) or {topic.rsplit("/", 1)[-1]})
            labels |= found
        return tuple(sorted(labels))

    def topic_labels(self, node: str) -> tuple[str, ...]:
        return self._topic_labels(self._roles(node))

    def _narrower_closure(self, topic: str) -> set[str]:
        """The topic and every topic below it (skos:broader*, read backwards)."""
        if self._narrower is None:
            narrower: dict[str, set[str]] = {}
            # The literal, not a parameter: SQLite uses a partial index (props_broader) only
            # for the very expression it was declared with.
            for subject, broader in self.db.execute(
                    f"SELECT subject, value FROM props WHERE prop = '{BROADER}'"):
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
                       event_types: Sequence[str]) -> list[Edge]:
        """kg.rows.Edge edges (facts, then events, each by statement) with an end in `nodes`;
        every edge of the store when `nodes` is None."""
        if nodes is not None:
            return self.edges_by_key(self.edge_keys(nodes, predicates, event_types))
        db = self.db
        facts = db.execute(
            f"SELECT {_FACT_COLUMNS} FROM facts WHERE listed AND predicate IN "
            "(SELECT value FROM json_each(?)) ORDER BY node", (json_list(predicates),)).fetchall()
        events = db.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.listed AND e.type IN "
            "(SELECT value FROM json_each(?)) ORDER BY node", (json_list(event_types),)).fetchall()
        fact_evidence = self._evidence_rows(facts, 7)
        event_evidence = self._evidence_rows(events, 5)
        edges = [Edge(source=s, target=o, relation=p, kind="fact", statement=node,
                      directed=True, confidence=confidence or 0.0, evidence=fact_evidence[i],
                      date=date, title=title)
                 for i, (node, s, p, o, title, date, confidence, *_) in enumerate(facts)]
        event_roles = self._roles_of(row[0] for row in events)
        for i, (node, event_type, date, _, confidence, *_) in enumerate(events):
            roles = event_roles[node]
            topics = self._topic_labels(roles)
            edges += [
                Edge(source=a, target=b, relation=event_type, kind="event", statement=node,
                     directed=directed, confidence=confidence or 0.0,
                     evidence=event_evidence[i], date=date, topics=topics)
                for a, b, directed in agent_pairs(roles)
            ]
        return edges

    def edge_keys(self, nodes: Iterable[str], predicates: Sequence[str],
                  event_types: Sequence[str]) -> list[EdgeKey]:
        """The keys of edges_touching(nodes, ...), in its order, read from the covering
        indexes on each end (schema: `edges_a`, `edges_b`) without touching a row: a hub's
        thousands of edges cost an index range each, not a row look-up each."""
        iris, relations = json_list(set(nodes)), json_list([*predicates, *event_types])
        # Fact predicates and event types are disjoint names (kg.models), so one list filters
        # both kinds. UNION, not UNION ALL: an edge with both ends in `nodes` is found twice.
        rows = self.db.execute(
            f"SELECT {_KEY_COLUMNS} FROM edges WHERE a IN (SELECT value FROM json_each(?1)) "
            f"AND relation IN (SELECT value FROM json_each(?2)) UNION SELECT {_KEY_COLUMNS} "
            "FROM edges WHERE b IN (SELECT value FROM json_each(?1)) AND relation IN (SELECT "
            "value FROM json_each(?2)) ORDER BY fact DESC, node, pos", (iris, relations))
        return [_edge_key(*row) for row in rows]

    def neighbourhood(self, center: str, predicates: Sequence[str], event_types: Sequence[str],
                      depth: int, limit: int | None, offset: int
                      ) -> tuple[dict[str, int], int, list[EdgeKey]]:
        """(entity -> hops, edges in all, the page's edge keys) of kg.sparql.neighbourhood,
        counted and paged in SQL over the covering indexes: of a hub's thousands of edges only
        its neighbours and the page become Python objects."""
        relations = json_list([*predicates, *event_types])
        hops: dict[str, int] = {center: 0}
        inner: list[str] = []  # entities of earlier hops: their edges were counted there
        frontier, total, page = [center], 0, list[EdgeKey]()
        for hop in range(1, depth + 1):
            if not frontier:
                break
            args = (json_list(frontier), relations, json_list(inner))
            # This hop's edges touch the frontier and no entity nearer the centre; one with
            # both ends in the frontier is read from its `a` side only.
            side_a = ("FROM edges WHERE a IN (SELECT value FROM json_each(?1)) AND relation IN "
                      "(SELECT value FROM json_each(?2)) AND b NOT IN (SELECT value FROM "
                      "json_each(?3))")
            side_b = ("FROM edges WHERE b IN (SELECT value FROM json_each(?1)) AND relation IN "
                      "(SELECT value FROM json_each(?2)) AND a NOT IN (SELECT value FROM "
                      "json_each(?1)) AND a NOT IN (SELECT value FROM json_each(?3))")
            count = self.db.execute(f"SELECT (SELECT count(*) {side_a}) + "
                                    f"(SELECT count(*) {side_b})", args).fetchone()[0]
            start, room = max(0, offset - total), None if limit is None else limit - len(page)
            if start < count and (room is None or room > 0):
                page += [_edge_key(*row) for row in self.db.execute(
                    f"SELECT {_KEY_COLUMNS} {side_a} UNION ALL SELECT {_KEY_COLUMNS} {side_b} "
                    "ORDER BY fact DESC, node, pos LIMIT ?4 OFFSET ?5",
                    (*args, -1 if room is None else room, start))]
            total += count
            inner += frontier
            frontier = sorted({end for end, in self.db.execute(
                f"SELECT b {side_a} UNION SELECT a {side_b}", args)} - hops.keys())
            hops.update((end, hop) for end in frontier)
        return hops, total, page

    def reached(self, frontier: Sequence[str], predicates: Sequence[str],
                event_types: Sequence[str]) -> dict[str, str]:
        """kg.sparql.reached: each entity an edge of these relations links to `frontier`, with
        the least (IRI order) frontier entity linking it, grouped in SQL."""
        return dict(self.db.execute(
            "SELECT far, min(near) FROM (SELECT b AS far, a AS near FROM edges WHERE a IN "
            "(SELECT value FROM json_each(?1)) AND relation IN (SELECT value FROM "
            "json_each(?2)) UNION ALL SELECT a, b FROM edges WHERE b IN (SELECT value FROM "
            "json_each(?1)) AND relation IN (SELECT value FROM json_each(?2))) GROUP BY far",
            (json_list(frontier), json_list([*predicates, *event_types]))))

    def best_edge_keys(self, pairs: Sequence[tuple[str, str]], predicates: Sequence[str],
                       event_types: Sequence[str]) -> list[EdgeKey]:
        """kg.sparql.best_edge_keys: of the edges of these relations between each pair (either
        way), the most confident, then the greatest statement IRI, then its event's first
        pair; a pair with none is left out."""
        keys, listed = [], json_list([*predicates, *event_types])
        for u, v in pairs:
            row = self.db.execute(
                f"SELECT {_KEY_COLUMNS} FROM edges WHERE ((a = ?1 AND b = ?2) OR (a = ?2 AND "
                "b = ?1)) AND relation IN (SELECT value FROM json_each(?3)) "
                "ORDER BY coalesce(confidence, 0) DESC, node DESC, pos LIMIT 1",
                (u, v, listed)).fetchone()
            if row is not None:
                keys.append(_edge_key(*row))
        return keys

    def edges_by_key(self, keys: Sequence[EdgeKey]) -> list[Edge]:
        """The whole edges of `keys`, in their order, with evidence; keys of no edge are
        left out."""
        wanted = {(key.statement, key.source, key.target) for key in keys}
        rows = self.db.execute(
            "SELECT x.node, x.fact, x.a, x.b, x.relation, x.directed, x.confidence, x.date, "
            "x.title, x.topics FROM json_each(?) AS j CROSS JOIN edges AS x ON x.node = j.value",
            (json_list({key.statement for key in keys}),)).fetchall()
        found = self._evidence_of({row[0] for row in rows})
        edges: dict[tuple[str, str, str], Edge] = {}
        for node, fact, a, b, relation, directed, confidence, date, title, topics in rows:
            if (node, a, b) in wanted:
                edges[node, a, b] = Edge(
                    source=a, target=b, relation=relation, kind="fact" if fact else "event",
                    statement=node, directed=bool(directed), confidence=confidence or 0.0,
                    evidence=found[node], date=date, title=title,
                    topics=self._topic_labels({"topic": set(json.loads(topics))}) if topics
                    else ())
        return [edge for key in keys if (edge := edges.get(key[:3])) is not None]

    def _evidence_of(self, nodes: set[str]) -> dict[str, EvidenceRow]:
        """The evidence of listed facts and events, by node."""
        listed = json_list(nodes)
        rows = [row for table in ("facts", "events") for row in self.db.execute(
            f'SELECT s.node, s.article, s.sentence, s.start, s."end" FROM json_each(?) AS j '
            f"CROSS JOIN {table} AS s ON s.node = j.value WHERE s.listed", (listed,))]
        return dict(zip((str(row[0]) for row in rows), self._evidence_rows(rows, 1),
                        strict=True))

    # -- articles and graphs --------------------------------------------------------------

    def _total(self, key: str) -> int:
        return int(self.meta(key) or 0)

    def triples(self) -> int:
        """Every triple of the store (named graphs and the default graph)."""
        return self._total("triples")

    def graph_totals(self) -> tuple[int, int]:
        """(named graphs, triples in them), kept as graphs come and go."""
        return self._total("named_graphs"), self._total("named_triples")

    def graph_counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT graph, triples FROM graphs WHERE graph != ''"))

    def graph_count(self) -> int:
        """Named graphs the index holds (a cheap check against the store's own count)."""
        return self._total("named_graphs")

    def articles(self) -> list[ArticleInfo]:
        """What Store.articles reads: each graph's Article with its hash, id and title."""
        return [ArticleInfo(id=i, title=t, date=d, source=s, hash=h, graph=g, triples=n)
                for g, i, t, d, s, h, n in self.db.execute(
                    "SELECT graph, id, title, date, source, hash, triples FROM articles "
                    "ORDER BY id, graph")]

    def _evidence_rows(self, rows: Sequence[Sequence[object]], at: int) -> list[EvidenceRow]:
        """The evidence of each row, whose (article, sentence, start, end) begin at `at`."""
        out = []
        wanted = {str(row[at] or "") for row in rows}
        meta: dict[tuple[str, str], str] = {
            (subject, prop): value for subject, prop, value in self.db.execute(
                "SELECT p.subject, p.prop, min(p.value) FROM json_each(?) AS j CROSS JOIN "
                "props AS p ON p.subject = j.value AND p.prop IN (?, ?, ?) "
                "GROUP BY p.subject, p.prop",
                (json_list(wanted), _IDENTIFIER, _HEADLINE, PUBLISHED))}
        for row in rows:
            article, sentence, start, end = row[at:at + 4]
            key = str(article or "")
            article_id, title, published = (meta.get((key, prop)) for prop in
                                            (_IDENTIFIER, _HEADLINE, PUBLISHED))
            out.append(EvidenceRow(sentence=str(sentence), start=int(start),  # type: ignore[call-overload]
                                   end=int(end), article=key,  # type: ignore[call-overload]
                                   article_id=article_id, article_title=title,
                                   article_date=published))
        return out


def _edge_key(node: str, a: str, b: str, fact: int, confidence: float | None, _pos: int
              ) -> EdgeKey:
    """An edges row's key, from _KEY_COLUMNS."""
    return EdgeKey(node, a, b, "fact" if fact else "event", confidence or 0.0)


def _entity_row(iri: str, types: list[str], props: dict[str, set[str]]) -> EntityRow | None:
    """An entity's row from its entity types (sorted) and its properties over all graphs."""
    labels = props.get(RDFS_LABEL, set())
    if not (types and labels):
        return None
    label, aliases = min(labels), props.get(ALT_LABEL, set())
    descriptions = set().union(*(props.get(p, set()) for p in _DESCRIPTIONS))
    return EntityRow(iri=iri, label=label, type=types[0],
                     aliases=tuple(sorted((aliases | labels) - {label})),
                     same_as=tuple(sorted(props.get(_SAME_AS, set()))),
                     description=min(descriptions) if descriptions else None)
