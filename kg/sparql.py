"""The SPARQL answerer: every domain question as a query over the union of the store's graphs.

One of the two answerers (the other is kg.index, in SQLite) with the same question names and
arguments, both returning kg.rows values; kg.queries picks between them. The arguments are
already checked (kg.rows): entity ids are IRIs, topics are topic IRIs, types are known.
User values still enter a query only through `sparql_iri` / `sparql_literal`, inside a VALUES
clause, so no input can change the shape of a query. Every row carries the evidence sentence
and its article.

    >>> sparql_literal('say "hi"\\n')
    '"say \\\\"hi\\\\"\\\\n"'
    >>> sparql_iri("https://w3id.org/aikg/id/company/baidu")
    '<https://w3id.org/aikg/id/company/baidu>'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from kg.errors import QueryError
from kg.models import ENTITY_TYPES, EVENT_TYPES, PREDICATES
from kg.namespaces import AIKG, ENTITIES_GRAPH, QUERY_PREFIXES
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
    check_iri,
    check_text,
)
from kg.store import ArticleInfo, NativeResult, Store

#: One solution: variable name -> the plain lexical value (None when unbound).
Row = dict[str, str | None]

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
          "\f": "\\f"}
# A backslash before u/U is matched with it: parsers that expand \uXXXX before tokenising
# (SPARQL 1.1 section 19.2; rdflib does) would otherwise read the text "\\u0022" as a quote.
_NEEDS_ESCAPE = re.compile(r'\\[uU]?|["\x00-\x1f\x7f]')


# -- writing values into query text --------------------------------------------------------

def sparql_iri(iri: str) -> str:
    """`<iri>` for SPARQL text.

    Raises:
        QueryError: empty, or holding a character that could end the IRI early.
    """
    return f"<{check_iri(iri)}>"


def sparql_literal(value: str) -> str:
    """A double-quoted SPARQL string literal holding exactly `value`.

    Raises:
        InputError: text UTF-8 cannot encode (a lone surrogate).
    """
    check_text(value)

    # Code points are written \UXXXXXXXX: a parser that reads "\u" with four *or eight* digits
    # (rdflib) would take the hex digits of the text after a four-digit escape as its own.
    def escape(match: re.Match[str]) -> str:
        text = match.group()
        if len(text) == 2:  # a backslash and a 'u' or 'U': "\\" then the letter as a code point
            return f"\\\\\\U{ord(text[1]):08X}"
        return _ECHAR.get(text, f"\\U{ord(text):08X}")

    return '"' + _NEEDS_ESCAPE.sub(escape, value) + '"'


def values(variable: str, terms: Iterable[str]) -> str:
    """`VALUES ?variable { ... }` over already-escaped terms."""
    return f"VALUES ?{variable} {{ {' '.join(terms)} }}"


def iri_values(variable: str, iris: Iterable[str]) -> str:
    """`VALUES ?variable { <iri> ... }`; raises QueryError for an IRI `sparql_iri` refuses."""
    return values(variable, (sparql_iri(str(iri)) for iri in iris))


# -- running queries -----------------------------------------------------------------------

def select(store: Store, query: str) -> list[Row]:
    """Rows of a SELECT over the union of all graphs, each value as a plain string.

    Raises:
        QueryError: the query text does not parse (our own text: a bug, reported as such).
        StoreError: the store cannot be read (a remote server down).
    """
    try:
        solutions = store.query_native(query, prefixes=QUERY_PREFIXES)
    except SyntaxError as error:
        raise QueryError(f"internal query does not parse: {error}") from None
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    return [{name: _value(row[name]) for name in names} for row in solutions]


def count(store: Store, where: str, variable: str) -> int:
    """How many distinct bindings of `variable` the pattern `where` has."""
    rows = select(store, f"SELECT (COUNT(DISTINCT ?{variable}) AS ?n) WHERE {{ {where} }}")
    return int(rows[0]["n"] or 0)


def _value(term: object) -> str | None:
    return getattr(term, "value", None) if term is not None else None


def _local(iri: str | None) -> str:
    return (iri or "").rsplit("#", 1)[-1]


# -- entities ------------------------------------------------------------------------------

def entity_where(*, text: str | None, entity_type: str | None, iris: Iterable[str] = ()) -> str:
    """The pattern binding ?e (an entity of `entity_type`, or of any type) and its ?label."""
    types = (entity_type,) if entity_type else ENTITY_TYPES
    parts = [iri_values("type", (AIKG[t] for t in types)), "?e a ?type ; rdfs:label ?label ."]
    iris = list(iris)
    if iris:
        parts.append(iri_values("e", iris))
    if text:
        parts.append(values("needle", [sparql_literal(text.casefold())]))
        parts.append("FILTER(CONTAINS(LCASE(STR(?label)), ?needle) || EXISTS { ?e skos:altLabel ?n "
                     "FILTER(CONTAINS(LCASE(STR(?n)), ?needle)) })")
    return "\n".join(parts)


def search_entities(store: Store, text: str | None, entity_type: str | None, limit: int,
                    offset: int) -> tuple[int, list[EntityRow]]:
    """(total, page) of entities whose label or an alias contains `text`, by label."""
    where = entity_where(text=text, entity_type=entity_type)
    total = count(store, where, "e")
    page = select(store, f"""SELECT ?e (MIN(STR(?label)) AS ?l) WHERE {{ {where} }}
        GROUP BY ?e ORDER BY LCASE(?l) ?e LIMIT {int(limit)} OFFSET {int(offset)}""")
    return total, entities_by_iri(store, [row["e"] for row in page if row["e"]])


def entities_by_iri(store: Store, iris: Sequence[str]) -> list[EntityRow]:
    """Full descriptions of the given entities, in the given order (unknown IRIs are dropped)."""
    if not iris:
        return []
    rows = select(store, f"""SELECT ?e ?type ?label ?alias ?same ?description WHERE {{
        {entity_where(text=None, entity_type=None, iris=iris)}
        OPTIONAL {{ ?e skos:altLabel ?alias }} OPTIONAL {{ ?e owl:sameAs ?same }}
        OPTIONAL {{ ?e rdfs:comment|skos:definition|schema:description ?description }} }}""")
    found: dict[str, dict[str, set[str]]] = {}
    for row in rows:
        entry = found.setdefault(row["e"] or "", {k: set() for k in ("type", "label", "alias",
                                                                     "same", "description")})
        for key, value in row.items():
            if key != "e" and value:
                entry[key].add(value)
    out = []
    for iri in iris:
        if iri in found:
            entry = found[iri]
            label = min(entry["label"])
            out.append(EntityRow(
                iri=iri, label=label, type=_local(min(entry["type"])),
                aliases=tuple(sorted((entry["alias"] | entry["label"]) - {label})),
                same_as=tuple(sorted(entry["same"])),
                description=min(entry["description"]) if entry["description"] else None))
    return out


# -- provenance ----------------------------------------------------------------------------

#: The evidence of ?node: sentence, offsets, confidence, article and its metadata.
EVIDENCE_PATTERN = """?node aikg:evidence ?ev ; aikg:confidence ?confidence ;
      prov:wasDerivedFrom ?article .
  ?ev rdf:value ?sentence ; aikg:startOffset ?start ; aikg:endOffset ?end .
  OPTIONAL { ?article schema:identifier ?articleId } OPTIONAL { ?article schema:headline ?title }
  OPTIONAL { ?article schema:datePublished ?published }"""
EVIDENCE_VARS = "?sentence ?start ?end ?article ?articleId ?title ?published ?confidence"


def evidence_of(row: Row) -> EvidenceRow:
    """The EvidenceRow of a row that selected EVIDENCE_VARS."""
    return EvidenceRow(
        sentence=row["sentence"] or "", start=int(row["start"] or 0), end=int(row["end"] or 0),
        article=row["article"] or "", article_id=row["articleId"], article_title=row["title"],
        article_date=row["published"])


def evidence_rows(store: Store, nodes: Sequence[str]) -> dict[str, EvidenceRow]:
    """The evidence of the given statement or event nodes (nodes without one are left out)."""
    if not nodes:
        return {}
    rows = select(store, f"""SELECT ?node {EVIDENCE_VARS} WHERE {{
        {iri_values("node", nodes)} {EVIDENCE_PATTERN} }}""")
    found: dict[str, EvidenceRow] = {}
    for row in sorted(rows, key=lambda r: (r["node"] or "", r["sentence"] or "")):
        found.setdefault(row["node"] or "", evidence_of(row))
    return found


# -- facts ---------------------------------------------------------------------------------

def facts(store: Store, *, predicate: str | None, subject: str | None, object: str | None,
          article: str | None, limit: int, offset: int) -> tuple[int, list[FactRow]]:
    """(total, page) of fact statements by predicate, subject, object; subject and object are
    entity IRIs, `predicate` a local name (memberOf), `article` an article IRI."""
    parts = ["?node a aikg:FactStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .",
             EVIDENCE_PATTERN,
             "OPTIONAL { ?node aikg:title ?factTitle } OPTIONAL { ?node aikg:date ?date }"]
    if predicate:
        parts.append(iri_values("p", [AIKG[predicate]]))
    for variable, iri in (("s", subject), ("o", object), ("article", article)):
        if iri:
            parts.append(iri_values(variable, [iri]))
    where = "\n".join(parts)
    total = count(store, where, "node")
    rows = select(store, f"""SELECT DISTINCT ?node ?s ?p ?o ?factTitle ?date {EVIDENCE_VARS}
        WHERE {{ {where} }} ORDER BY ?p ?s ?o ?node LIMIT {int(limit)} OFFSET {int(offset)}""")
    return total, [
        FactRow(statement=row["node"] or "", subject=row["s"] or "", predicate=_local(row["p"]),
                object=row["o"] or "", title=row["factTitle"], date=row["date"],
                confidence=float(row["confidence"] or 0), evidence=evidence_of(row))
        for row in rows
    ]


# -- events --------------------------------------------------------------------------------

def event_where(where: EventFilter) -> str:
    """The pattern binding ?node (an event `where` selects), ?type, ?when (its date, else its
    article's), ?date, ?location and the evidence."""
    types = where.types or EVENT_TYPES
    parts = [iri_values("type", (AIKG[t] for t in types)), "?node a ?type .",
             EVIDENCE_PATTERN,
             "OPTIONAL { ?node aikg:date ?date } OPTIONAL { ?node aikg:location ?location }",
             "BIND(COALESCE(STR(?date), STR(?published)) AS ?when)"]
    roles = " ".join(f"aikg:{role}" for role in ROLES)
    for index, iri in enumerate(where.participant_iris):
        parts.append(f"?node ?role{index} ?who{index} . VALUES ?role{index} {{ {roles} }} "
                     + iri_values(f"who{index}", [iri]))
    if where.topic_iri:
        parts.append("?node aikg:topic/skos:broader* ?topic . "
                     + iri_values("topic", [where.topic_iri]))
    # Compare at the event's own precision, so a month overlaps the days inside it.
    for bound, op in ((where.since, ">="), (where.until, "<=")):
        if bound:
            day = sparql_literal(bound.isoformat())
            parts.append(f"FILTER(BOUND(?when) && ?when {op} SUBSTR({day}, 1, STRLEN(?when)))")
    if where.article:
        parts.append(iri_values("article", [where.article]))
    return "\n".join(parts)


def events(store: Store, where: EventFilter, *, limit: int, offset: int
           ) -> tuple[int, list[EventRow]]:
    """(total, page) of the events `where` selects, by date, with roles and evidence."""
    body = event_where(where)
    total = count(store, body, "node")
    rows = select(store, f"""SELECT DISTINCT ?node ?type ?when ?date ?location {EVIDENCE_VARS}
        WHERE {{ {body} }} ORDER BY ?when ?node LIMIT {int(limit)} OFFSET {int(offset)}""")
    return total, _with_roles(store, rows)


def event_order(store: Store, where: EventFilter) -> list[tuple[str, str, str | None]]:
    """(event IRI, event type, date) of every event `where` selects, in the order of `events`;
    the date is the event's own, else its article's (None when neither is known)."""
    rows = select(store, f"""SELECT DISTINCT ?node ?type ?when WHERE {{ {event_where(where)} }}
        ORDER BY ?when ?node""")
    return [(row["node"] or "", _local(row["type"]), row["when"]) for row in rows]


def events_by_iri(store: Store, nodes: Sequence[str]) -> list[EventRow]:
    """The given event nodes (unknown ones dropped) with roles and evidence, by date then IRI:
    the order of `events`."""
    if not nodes:
        return []
    rows = select(store, f"""SELECT DISTINCT ?node ?type ?when ?date ?location {EVIDENCE_VARS}
        WHERE {{ {iri_values("node", sorted(set(nodes)))} {event_where(EventFilter())} }}
        ORDER BY ?when ?node""")
    return _with_roles(store, rows)


def consolidated_reports(store: Store, graphs: Sequence[str] | None = None
                         ) -> list[tuple[str, str]]:
    """(consolidated event, report event) for every report the derived graphs consolidate
    (docs/consolidation.md: `?c aikg:consolidates ?report`), or for those of the given
    consolidated event graphs only."""
    scope = "?c aikg:consolidates ?report"
    if graphs is not None:
        if not graphs:
            return []
        scope = f"{iri_values('g', graphs)} GRAPH ?g {{ {scope} }}"
    rows = select(store, f"SELECT ?c ?report WHERE {{ {scope} }}")
    return [(row["c"] or "", row["report"] or "") for row in rows]


def _with_roles(store: Store, rows: list[Row]) -> list[EventRow]:
    """Event rows read by `event_where`, completed with their roles, topics and label."""
    if not rows:
        return []
    nodes = [row["node"] or "" for row in rows]
    details = select(store, f"""SELECT ?node ?role ?value ?label ?topicLabel WHERE {{
        {iri_values("node", nodes)}
        {{ ?node ?role ?value . {iri_values("role", (AIKG[r] for r in ROLES))} }} UNION
        {{ ?node aikg:topic ?value . BIND(aikg:topic AS ?role)
           OPTIONAL {{ ?value skos:prefLabel ?topicLabel }} }} UNION
        {{ ?node rdfs:label ?label }} }}""")
    roles: dict[str, dict[str, list[str]]] = {node: {} for node in nodes}
    for detail in details:
        node = roles[detail["node"] or ""]
        if detail["label"]:
            node.setdefault("label", []).append(detail["label"])
            continue
        role = _local(detail["role"])
        value = detail["value"] or ""
        if role == "topic":
            value = detail["topicLabel"] or value.rsplit("/", 1)[-1]
        node.setdefault(role, []).append(value)
    return [_event_row(row, roles[row["node"] or ""]) for row in rows]


def _event_row(row: Row, roles: dict[str, list[str]]) -> EventRow:
    def one(role: str) -> str | None:
        return min(roles[role]) if roles.get(role) else None

    return EventRow(
        iri=row["node"] or "", type=_local(row["type"]), label=one("label"),
        participants=tuple(sorted(set(roles.get("participant", [])))), actor=one("actor"),
        target=one("target"), proposed=one("proposed"),
        topics=tuple(sorted(set(roles.get("topic", [])))), date=row["date"],
        location=row["location"], confidence=float(row["confidence"] or 0),
        evidence=evidence_of(row))


def timeline(store: Store, where: EventFilter) -> list[tuple[str, str, int]]:
    """(month, event type, count) for the events `where` selects; undated ones left out."""
    rows = select(store, f"""SELECT ?month ?type (COUNT(DISTINCT ?node) AS ?n) WHERE {{
        {event_where(where)} FILTER(BOUND(?when)) BIND(SUBSTR(?when, 1, 7) AS ?month) }}
        GROUP BY ?month ?type ORDER BY ?month ?type""")
    return [(row["month"] or "", _local(row["type"]), int(row["n"] or 0)) for row in rows]


# -- edges ---------------------------------------------------------------------------------

def edges_touching(store: Store, nodes: Iterable[str] | None, predicates: Sequence[str],
                   event_types: Sequence[str]) -> list[Edge]:
    """Facts (subject -> object), then events (kg.rows.agent_pairs), each by statement, with
    an end among `nodes` (entity IRIs); every edge of the store when `nodes` is None."""
    wanted = None if nodes is None else sorted(set(nodes))
    edges = fact_edges(store, wanted, list(predicates)) if predicates else []
    if event_types:
        edges += event_edges(store, wanted, list(event_types))
    return edges


def edge_keys(store: Store, nodes: Iterable[str], predicates: Sequence[str],
              event_types: Sequence[str]) -> list[EdgeKey]:
    """The keys (kg.rows.EdgeKey) of edges_touching(nodes, ...), in its order. SPARQL reads
    the whole edges to find them; the index reads only its covering entries."""
    return [EdgeKey.of(edge) for edge in edges_touching(store, nodes, predicates, event_types)]


def neighbourhood(store: Store, center: str, predicates: Sequence[str],
                  event_types: Sequence[str], depth: int, limit: int | None, offset: int
                  ) -> tuple[dict[str, int], int, list[EdgeKey]]:
    """(entity -> hops, edges in all, the keys of the page [offset, offset + limit)) of the
    entities within `depth` hops of `center` and the edges reaching them: hop by hop, a hop's
    edges are those touching its frontier and no entity of an earlier hop, in edges_touching
    order; the entities of a hop are in IRI order. `limit` None: every edge."""
    hops: dict[str, int] = {center: 0}
    inner: set[str] = set()  # entities of earlier hops: their edges were read there
    frontier, keys = [center], []
    for hop in range(1, depth + 1):
        if not frontier:
            break
        found: set[str] = set()
        for key in edge_keys(store, frontier, predicates, event_types):
            if key.source not in inner and key.target not in inner:
                keys.append(key)
                found.update(end for end in (key.source, key.target) if end not in hops)
        inner.update(frontier)
        frontier = sorted(found)
        hops.update((end, hop) for end in frontier)
    return hops, len(keys), keys[offset:] if limit is None else keys[offset:offset + limit]


def reached(store: Store, frontier: Sequence[str], predicates: Sequence[str],
            event_types: Sequence[str]) -> dict[str, str]:
    """Each entity an edge of these relations links to an entity of `frontier` (frontier
    entities too), with the least (IRI order) frontier entity linking it: a path search's
    next frontier and the way back."""
    inside, found = set(frontier), dict[str, str]()
    for key in edge_keys(store, frontier, predicates, event_types):
        for near, far in ((key.source, key.target), (key.target, key.source)):
            if near in inside and (far not in found or near < found[far]):
                found[far] = near
    return found


def best_edge_keys(store: Store, pairs: Sequence[tuple[str, str]], predicates: Sequence[str],
                   event_types: Sequence[str]) -> list[EdgeKey]:
    """For each pair of entities, the key of its most confident edge of these relations
    (either way), then the greatest statement IRI, then its event's first pair; a pair with
    none is left out."""
    keys = []
    for u, v in pairs:
        between = [key for key in edge_keys(store, [u], predicates, event_types)
                   if {key.source, key.target} == {u, v}]
        if between:
            keys.append(max(between, key=lambda key: (key.confidence, key.statement)))
    return keys


def edges_by_key(store: Store, keys: Sequence[EdgeKey]) -> list[Edge]:
    """The whole edges of `keys`, in their order; keys of no edge are left out."""
    found = {EdgeKey.of(edge)[:3]: edge for edge in edges_touching(
        store, {key.source for key in keys}, PREDICATES, EVENT_TYPES)}
    return [edge for key in keys if (edge := found.get(key[:3])) is not None]


def fact_edges(store: Store, nodes: list[str] | None, predicates: list[str]) -> list[Edge]:
    """The fact statements of `predicates` as edges, by statement node."""
    touching = ("" if nodes is None else iri_values("n", nodes)
                + " { ?node rdf:subject ?n } UNION { ?node rdf:object ?n }")
    rows = select(store, f"""SELECT DISTINCT ?node ?s ?p ?o ?date ?factTitle {EVIDENCE_VARS}
        WHERE {{ {touching}
        ?node a aikg:FactStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
        {iri_values("p", (AIKG[p] for p in predicates))}
        OPTIONAL {{ ?node aikg:date ?date }} OPTIONAL {{ ?node aikg:title ?factTitle }}
        {EVIDENCE_PATTERN} }} ORDER BY ?node""")
    return [
        Edge(source=row["s"] or "", target=row["o"] or "", relation=_local(row["p"]),
             kind="fact", statement=row["node"] or "", directed=True,
             confidence=float(row["confidence"] or 0), evidence=evidence_of(row),
             date=row["date"], title=row["factTitle"])
        for row in rows
    ]


def event_edges(store: Store, nodes: list[str] | None, event_types: list[str]) -> list[Edge]:
    """The events of `event_types` as agent-to-agent edges, by event node."""
    touching = ("" if nodes is None else iri_values("n", nodes) + " ?node ?rn ?n . "
                + iri_values("rn", (AIKG[r] for r in ROLES)))
    rows = select(store, f"""SELECT DISTINCT ?node ?type ?role ?agent ?date {EVIDENCE_VARS}
        WHERE {{ {touching}
        ?node a ?type . {iri_values("type", (AIKG[t] for t in event_types))}
        ?node ?role ?agent . {iri_values("role", (AIKG[r] for r in ROLES))}
        OPTIONAL {{ ?node aikg:date ?date }}
        {EVIDENCE_PATTERN} }} ORDER BY ?node""")
    by_event: dict[str, dict[str, set[str]]] = {}
    first_row: dict[str, Row] = {}
    for row in rows:
        node = row["node"] or ""
        by_event.setdefault(node, {}).setdefault(_local(row["role"]), set()).add(
            row["agent"] or "")
        first_row.setdefault(node, row)
    topics = event_topics(store, sorted(by_event))
    wanted = set(nodes) if nodes is not None else None
    edges = []
    for node, roles_of in by_event.items():
        row = first_row[node]
        edges += [
            Edge(source=a, target=b, relation=_local(row["type"]), kind="event",
                 statement=node, directed=directed, confidence=float(row["confidence"] or 0),
                 evidence=evidence_of(row), date=row["date"], topics=topics.get(node, ()))
            for a, b, directed in agent_pairs(roles_of)
            if wanted is None or a in wanted or b in wanted
        ]
    return edges


def event_topics(store: Store, events: list[str]) -> dict[str, tuple[str, ...]]:
    """Event node -> its topic labels (skos:prefLabel, else the topic IRI's last segment)."""
    if not events:
        return {}
    rows = select(store, f"""SELECT ?node ?topic ?label WHERE {{ {iri_values("node", events)}
        ?node aikg:topic ?topic . OPTIONAL {{ ?topic skos:prefLabel ?label }} }}""")
    found: dict[str, set[str]] = {}
    for row in rows:
        label = row["label"] or (row["topic"] or "").rsplit("/", 1)[-1]
        found.setdefault(row["node"] or "", set()).add(label)
    return {node: tuple(sorted(labels)) for node, labels in found.items()}


# -- the whole store -----------------------------------------------------------------------

def type_counts(store: Store) -> dict[str, int]:
    """Distinct instances per aikg: class (entities, events, facts, articles)."""
    rows = select(store, "SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?type . "
                         "FILTER(STRSTARTS(STR(?type), STR(aikg:))) } GROUP BY ?type")
    return {_local(row["type"]): int(row["n"] or 0) for row in rows}


def mentioned_entity_counts(store: Store, entity_types: Sequence[str]) -> dict[str, int]:
    """Distinct entities per type that a fact or an event of an article names."""
    roles = " ".join(f"aikg:{role}" for role in ROLES)
    types = " ".join(f"aikg:{name}" for name in entity_types)
    rows = select(store, f"""SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{
        {{ ?st a aikg:FactStatement ; aikg:evidence ?ev ; aikg:confidence ?c ;
               prov:wasDerivedFrom ?a . {{ ?st rdf:subject ?e }} UNION {{ ?st rdf:object ?e }} }}
        UNION
        {{ ?st a ?event ; aikg:evidence ?ev ; aikg:confidence ?c ; prov:wasDerivedFrom ?a ;
               ?role ?e . VALUES ?role {{ {roles} }} }}
        ?e a ?type . VALUES ?type {{ {types} }}
    }} GROUP BY ?type""")
    counts = {_local(row["type"]): int(row["n"] or 0) for row in rows}
    return {name: counts.get(name, 0) for name in entity_types}


def gazetteer_entity_counts(store: Store) -> dict[str, int]:
    """Entities per type that the gazetteer (ontology/entities.ttl) describes."""
    types = " ".join(f"aikg:{name}" for name in ENTITY_TYPES)
    rows = select(store, f"""SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{
        GRAPH {sparql_iri(str(ENTITIES_GRAPH))} {{ ?e a ?type }} VALUES ?type {{ {types} }}
    }} GROUP BY ?type""")
    counts = {_local(row["type"]): int(row["n"] or 0) for row in rows}
    return {name: counts.get(name, 0) for name in ENTITY_TYPES}


def predicate_counts(store: Store) -> dict[str, int]:
    """Fact statements per predicate local name."""
    rows = select(store, """SELECT ?p (COUNT(DISTINCT ?st) AS ?n) WHERE {
        ?st a aikg:FactStatement ; rdf:predicate ?p . } GROUP BY ?p""")
    return {_local(row["p"]): int(row["n"] or 0) for row in rows}


def graph_counts(store: Store) -> dict[str, int]:
    """Triples per named graph (the store's own query)."""
    return store.graph_counts()


def graph_totals(store: Store) -> tuple[int, int]:
    """(named graphs, triples in them)."""
    counts = store.graph_counts()
    return len(counts), sum(counts.values())


def articles(store: Store) -> list[ArticleInfo]:
    """Every article with its graph, by id (the store's own query)."""
    return store.articles()


def triples(store: Store) -> int:
    """Every triple of the store (named graphs and the default graph)."""
    return len(store)


# -- one article ---------------------------------------------------------------------------

def article_entities(store: Store, graph: str) -> list[Row]:
    """The entities one article graph describes: ?e ?type ?label ?alias ?same per row."""
    return select(store, f"""SELECT ?e ?type ?label ?alias ?same WHERE {{
        GRAPH {sparql_iri(graph)} {{
        {iri_values("type", (AIKG[t] for t in ENTITY_TYPES))} ?e a ?type ; rdfs:label ?label .
        OPTIONAL {{ ?e skos:altLabel ?alias }} OPTIONAL {{ ?e owl:sameAs ?same }} }} }}""")


def article_text(store: Store, graph: str, article: str) -> tuple[str, str | None] | None:
    """(schema:text, schema:url) of the article node `article` in its graph, or None."""
    node = sparql_iri(article)
    rows = select(store, f"""SELECT ?text ?url WHERE {{ GRAPH {sparql_iri(graph)} {{
        {node} schema:text ?text . OPTIONAL {{ {node} schema:url ?url }} }} }} LIMIT 1""")
    return (rows[0]["text"] or "", rows[0]["url"]) if rows else None


def graph_triples(store: Store, graph: str | None) -> NativeResult:
    """The triples of one named graph, or of the union of all graphs when `graph` is None, as
    the engine streams them (a CONSTRUCT; the caller serializes and drops the result)."""
    where = f"GRAPH {sparql_iri(graph)} {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    return store.query_native(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}")
