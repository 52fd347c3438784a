"""Domain questions answered with SPARQL over the store ("who met whom about AI").

User values enter a query only through `sparql_iri` / `sparql_literal`, inside a VALUES
clause, so no input can change the shape of a query. Queries run on pyoxigraph directly
(over the union of all graphs); every row carries the evidence sentence and its article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

import pyoxigraph as ox

from kg.errors import InputError, QueryError
from kg.models import ENTITY_TYPES, EVENT_TYPES, PREDICATES
from kg.namespaces import AIKG, ENTITIES_GRAPH, PREFIXES
from kg.rdf import entity_key_of
from kg.rows import (
    ROLES,
    EntityRow,
    EventFilter,
    EventRow,
    EvidenceRow,
    FactRow,
    MeetingRow,
    check_choice,
    entity_id_iri,
)
from kg.store import EmbeddedStore

if TYPE_CHECKING:
    from kg.index import Tables

Row = dict[str, str | None]
T = TypeVar("T")

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
          "\f": "\\f"}
# A backslash before u/U is matched with it: parsers that expand \uXXXX before tokenising
# (SPARQL 1.1 section 19.2; rdflib does) would otherwise read the text "\\u0022" as a quote.
_NEEDS_ESCAPE = re.compile(r'\\[uU]?|["\x00-\x1f\x7f]')
#: The store's prefixes, plus rdf: (not bound on exports, but our queries use it).
QUERY_PREFIXES = {**PREFIXES, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}


def sparql_iri(iri: str) -> str:
    """`<iri>` for SPARQL text, refusing any character that could end the IRI early."""
    if not iri or _IRI_FORBIDDEN.search(iri):
        raise QueryError(f"not a valid IRI: {iri!r}")
    return f"<{iri}>"


def sparql_literal(value: str) -> str:
    """A double-quoted SPARQL string literal holding exactly `value`."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"not valid Unicode text: {value!r}") from None

    # Code points are written \UXXXXXXXX: a parser that reads "\u" with four *or eight* digits
    # (rdflib) would take the hex digits of the text after a four-digit escape as its own.
    def escape(match: re.Match[str]) -> str:
        text = match.group()
        if len(text) == 2:  # a backslash and a 'u' or 'U': "\\" then the letter as a code point
            return f"\\\\\\U{ord(text[1]):08X}"
        return _ECHAR.get(text, f"\\U{ord(text):08X}")

    return '"' + _NEEDS_ESCAPE.sub(escape, value) + '"'


def select(store: EmbeddedStore, query: str) -> list[Row]:
    """Rows of a SELECT over the union of all graphs, each value as a plain string."""
    try:
        solutions = store.query_native(query, prefixes=QUERY_PREFIXES)
    except SyntaxError as error:  # our own query text: a bug, reported as such
        raise QueryError(f"internal query does not parse: {error}") from None
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    return [{name: _value(row[name]) for name in names} for row in solutions]


def indexed(store: EmbeddedStore, question: Callable[[Tables], T]) -> T | None:
    """The answer of the store's in-memory index (kg.index) when it has a current one.

    Every function below validates its input and builds its SPARQL first, then asks the index,
    and runs the SPARQL only when the index cannot answer: both give the same rows.
    """
    index = store.index
    return None if index is None else index.answer(question)


def count(store: EmbeddedStore, where: str, variable: str) -> int:
    """How many distinct bindings of `variable` the pattern `where` has."""
    rows = select(store, f"SELECT (COUNT(DISTINCT ?{variable}) AS ?n) WHERE {{ {where} }}")
    return int(rows[0]["n"] or 0)


def values(variable: str, terms: Iterable[str]) -> str:
    """`VALUES ?variable { ... }` over already-escaped terms."""
    return f"VALUES ?{variable} {{ {' '.join(terms)} }}"


def iri_values(variable: str, iris: Iterable[str]) -> str:
    return values(variable, (sparql_iri(str(iri)) for iri in iris))


# -- entities -----------------------------------------------------------------------------

def _entity_where(*, text: str | None, entity_type: str | None, iris: Iterable[str] = ()) -> str:
    types = ENTITY_TYPES
    if entity_type:
        types = (check_choice("entity type", entity_type, ENTITY_TYPES),)
    parts = [iri_values("type", (AIKG[t] for t in types)), "?e a ?type ; rdfs:label ?label ."]
    iris = list(iris)
    if iris:
        parts.append(iri_values("e", iris))
    if text:
        parts.append(values("needle", [sparql_literal(text.casefold())]))
        parts.append("FILTER(CONTAINS(LCASE(STR(?label)), ?needle) || EXISTS { ?e skos:altLabel ?n "
                     "FILTER(CONTAINS(LCASE(STR(?n)), ?needle)) })")
    return "\n".join(parts)


def search_entities(
    store: EmbeddedStore, *, text: str | None = None, entity_type: str | None = None,
    limit: int = 50, offset: int = 0,
) -> tuple[int, list[EntityRow]]:
    """Entities whose label or an alias contains `text` (case-insensitive), by label."""
    where = _entity_where(text=text, entity_type=entity_type)
    found = indexed(store, lambda tables: tables.search_entities(
        text, entity_type, int(limit), int(offset)))
    if found is not None:
        return found
    total = count(store, where, "e")
    page = select(store, f"""SELECT ?e (MIN(STR(?label)) AS ?l) WHERE {{ {where} }}
        GROUP BY ?e ORDER BY LCASE(?l) ?e LIMIT {int(limit)} OFFSET {int(offset)}""")
    return total, entities_by_iri(store, [row["e"] for row in page if row["e"]])


def entities_by_iri(store: EmbeddedStore, iris: Sequence[str]) -> list[EntityRow]:
    """Full descriptions of the given entities, in the given order (unknown IRIs are dropped)."""
    if not iris:
        return []
    found_rows = indexed(store, lambda tables: tables.entities_by_iri(iris))
    if found_rows is not None:
        return found_rows
    rows = select(store, f"""SELECT ?e ?type ?label ?alias ?same ?description WHERE {{
        {_entity_where(text=None, entity_type=None, iris=iris)}
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
                iri=iri, label=label, type=min(entry["type"]).rsplit("#", 1)[-1],
                aliases=tuple(sorted((entry["alias"] | entry["label"]) - {label})),
                same_as=tuple(sorted(entry["same"])),
                description=min(entry["description"]) if entry["description"] else None))
    return out


def entity(store: EmbeddedStore, entity_id: str) -> EntityRow | None:
    found = entities_by_iri(store, [entity_id_iri(entity_id)])
    return found[0] if found else None


# -- provenance ---------------------------------------------------------------------------

EVIDENCE_PATTERN = """?node aikg:evidence ?ev ; aikg:confidence ?confidence ;
      prov:wasDerivedFrom ?article .
  ?ev rdf:value ?sentence ; aikg:startOffset ?start ; aikg:endOffset ?end .
  OPTIONAL { ?article schema:identifier ?articleId } OPTIONAL { ?article schema:headline ?title }
  OPTIONAL { ?article schema:datePublished ?published }"""
EVIDENCE_VARS = "?sentence ?start ?end ?article ?articleId ?title ?published ?confidence"


def evidence_of(row: Row) -> EvidenceRow:
    return EvidenceRow(
        sentence=row["sentence"] or "", start=int(row["start"] or 0), end=int(row["end"] or 0),
        article=row["article"] or "", article_id=row["articleId"], article_title=row["title"],
        article_date=row["published"])


def evidence_rows(store: EmbeddedStore, nodes: Sequence[str]) -> dict[str, EvidenceRow]:
    """The evidence of the given statement or event nodes (nodes without one are left out)."""
    if not nodes:
        return {}
    rows = select(store, f"""SELECT ?node {EVIDENCE_VARS} WHERE {{
        {iri_values("node", nodes)} {EVIDENCE_PATTERN} }}""")
    found: dict[str, EvidenceRow] = {}
    for row in sorted(rows, key=lambda r: (r["node"] or "", r["sentence"] or "")):
        found.setdefault(row["node"] or "", evidence_of(row))
    return found


def _value(term: object) -> str | None:
    return getattr(term, "value", None) if term is not None else None


# -- facts --------------------------------------------------------------------------------

def facts(
    store: EmbeddedStore, *, predicate: str | None = None, subject: str | None = None,
    object: str | None = None, article: str | None = None, limit: int = 50, offset: int = 0,
) -> tuple[int, list[FactRow]]:
    """Fact statements, filtered by predicate name and subject/object entity ids."""
    parts = ["?node a aikg:FactStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .",
             EVIDENCE_PATTERN,
             "OPTIONAL { ?node aikg:title ?factTitle } OPTIONAL { ?node aikg:date ?date }"]
    if predicate:
        parts.append(iri_values("p", [AIKG[check_choice("predicate", predicate, PREDICATES)]]))
    iris = {variable: entity_id_iri(entity_id) if entity_id else None
            for variable, entity_id in (("s", subject), ("o", object))}
    for variable, iri in iris.items():
        if iri:
            parts.append(iri_values(variable, [iri]))
    if article:
        parts.append(iri_values("article", [article]))
    where = "\n".join(parts)
    found = indexed(store, lambda tables: tables.facts(
        predicate=predicate, subject=iris["s"], object=iris["o"], article=article,
        limit=int(limit), offset=int(offset)))
    if found is not None:
        return found
    total = count(store, where, "node")
    rows = select(store, f"""SELECT DISTINCT ?node ?s ?p ?o ?factTitle ?date {EVIDENCE_VARS}
        WHERE {{ {where} }} ORDER BY ?p ?s ?o ?node LIMIT {int(limit)} OFFSET {int(offset)}""")
    return total, [
        FactRow(statement=row["node"] or "", subject=row["s"] or "",
                predicate=(row["p"] or "").rsplit("#", 1)[-1], object=row["o"] or "",
                title=row["factTitle"], date=row["date"],
                confidence=float(row["confidence"] or 0), evidence=evidence_of(row))
        for row in rows
    ]


# -- events -------------------------------------------------------------------------------

def events(
    store: EmbeddedStore, where: EventFilter | None = None, *, limit: int = 50, offset: int = 0,
) -> tuple[int, list[EventRow]]:
    """Events matching `where`, by date, with their participants and evidence."""
    where = where or EventFilter()
    body = event_where(where)
    found = indexed(store, lambda tables: tables.events(
        where, limit=int(limit), offset=int(offset)))
    if found is not None:
        return found
    total = count(store, body, "node")
    rows = select(store, f"""SELECT DISTINCT ?node ?type ?when ?date ?location {EVIDENCE_VARS}
        WHERE {{ {body} }} ORDER BY ?when ?node LIMIT {int(limit)} OFFSET {int(offset)}""")
    if not rows:
        return total, []
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
        role = (detail["role"] or "").rsplit("#", 1)[-1]
        value = detail["value"] or ""
        if role == "topic":
            value = detail["topicLabel"] or value.rsplit("/", 1)[-1]
        node.setdefault(role, []).append(value)
    return total, [_event_row(row, roles[row["node"] or ""]) for row in rows]


def event_where(where: EventFilter) -> str:
    """The SPARQL pattern of the events `where` selects (?node, ?type, ?when, evidence)."""
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


def _event_row(row: Row, roles: dict[str, list[str]]) -> EventRow:
    def one(role: str) -> str | None:
        return min(roles[role]) if roles.get(role) else None

    return EventRow(
        iri=row["node"] or "", type=(row["type"] or "").rsplit("#", 1)[-1], label=one("label"),
        participants=tuple(sorted(set(roles.get("participant", [])))), actor=one("actor"),
        target=one("target"), proposed=one("proposed"),
        topics=tuple(sorted(set(roles.get("topic", [])))), date=row["date"],
        location=row["location"], confidence=float(row["confidence"] or 0),
        evidence=evidence_of(row))


def meetings(store: EmbeddedStore, *, topic: str | None = None) -> list[MeetingRow]:
    """Who met whom, optionally about a topic (its narrower topics count too)."""
    _, rows = events(store, EventFilter(types=("Meeting",), topic=topic), limit=10**6)
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


def timeline(store: EmbeddedStore, where: EventFilter | None = None) -> list[tuple[str, str, int]]:
    """(month, event type, count) for events matching `where`; undated events are left out."""
    where = where or EventFilter()
    body = event_where(where)
    found = indexed(store, lambda tables: tables.timeline(where))
    if found is not None:
        return found
    rows = select(store, f"""SELECT ?month ?type (COUNT(DISTINCT ?node) AS ?n) WHERE {{
        {body} FILTER(BOUND(?when)) BIND(SUBSTR(?when, 1, 7) AS ?month) }}
        GROUP BY ?month ?type ORDER BY ?month ?type""")
    return [(row["month"] or "", (row["type"] or "").rsplit("#", 1)[-1], int(row["n"] or 0))
            for row in rows]


# -- the whole store ----------------------------------------------------------------------

def type_counts(store: EmbeddedStore) -> dict[str, int]:
    """Distinct instances per aikg: class (entities, events, facts, articles)."""
    found = indexed(store, lambda tables: tables.type_counts())
    if found is not None:
        return found
    rows = select(store, "SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?type . "
                         "FILTER(STRSTARTS(STR(?type), STR(aikg:))) } GROUP BY ?type")
    return {(row["type"] or "").rsplit("#", 1)[-1]: int(row["n"] or 0) for row in rows}


def mentioned_entity_counts(store: EmbeddedStore) -> dict[str, int]:
    """Distinct entities per type (Person, Company, ...) that the articles name in a fact or an
    event: what the articles say, not what the gazetteer lists."""
    found = indexed(store, lambda tables: tables.mentioned_entity_counts(ENTITY_TYPES))
    if found is not None:
        return found
    roles = " ".join(f"aikg:{role}" for role in ROLES)
    types = " ".join(f"aikg:{name}" for name in ENTITY_TYPES)
    rows = select(store, f"""SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{
        {{ ?st a aikg:FactStatement ; aikg:evidence ?ev ; aikg:confidence ?c ;
               prov:wasDerivedFrom ?a . {{ ?st rdf:subject ?e }} UNION {{ ?st rdf:object ?e }} }}
        UNION
        {{ ?st a ?event ; aikg:evidence ?ev ; aikg:confidence ?c ; prov:wasDerivedFrom ?a ;
               ?role ?e . VALUES ?role {{ {roles} }} }}
        ?e a ?type . VALUES ?type {{ {types} }}
    }} GROUP BY ?type""")
    counts = {(row["type"] or "").rsplit("#", 1)[-1]: int(row["n"] or 0) for row in rows}
    return {name: counts.get(name, 0) for name in ENTITY_TYPES}


def gazetteer_entity_counts(store: EmbeddedStore) -> dict[str, int]:
    """Entities per type that the gazetteer (ontology/entities.ttl) describes."""
    types = " ".join(f"aikg:{name}" for name in ENTITY_TYPES)
    rows = select(store, f"""SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{
        GRAPH {sparql_iri(str(ENTITIES_GRAPH))} {{ ?e a ?type }} VALUES ?type {{ {types} }}
    }} GROUP BY ?type""")
    counts = {(row["type"] or "").rsplit("#", 1)[-1]: int(row["n"] or 0) for row in rows}
    return {name: counts.get(name, 0) for name in ENTITY_TYPES}


def graph_totals(store: EmbeddedStore) -> tuple[int, int]:
    """(named graphs, triples in them)."""
    found = indexed(store, lambda tables: tables.graph_totals())
    if found is not None:
        return found
    counts = store.graph_counts()
    return len(counts), sum(counts.values())


def predicate_counts(store: EmbeddedStore) -> dict[str, int]:
    found = indexed(store, lambda tables: tables.predicate_counts())
    if found is not None:
        return found
    rows = select(store, """SELECT ?p (COUNT(DISTINCT ?st) AS ?n) WHERE {
        ?st a aikg:FactStatement ; rdf:predicate ?p . } GROUP BY ?p""")
    return {(row["p"] or "").rsplit("#", 1)[-1]: int(row["n"] or 0) for row in rows}


def article_extraction(store: EmbeddedStore, article: str, graph: str) -> dict[str, object]:
    """The article's extraction rebuilt from its graph, in the DESIGN.md JSON format."""
    rows = select(store, f"""SELECT ?e ?type ?label ?alias ?same WHERE {{
        GRAPH {sparql_iri(graph)} {{
        {iri_values("type", (AIKG[t] for t in ENTITY_TYPES))} ?e a ?type ; rdfs:label ?label .
        OPTIONAL {{ ?e skos:altLabel ?alias }} OPTIONAL {{ ?e owl:sameAs ?same }} }} }}""")
    entities: dict[str, dict[str, object]] = {}
    for row in rows:
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
    _, fact_rows = facts(store, article=article, limit=10**6)
    _, event_rows = events(store, EventFilter(article=article), limit=10**6)
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
