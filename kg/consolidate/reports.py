"""What consolidation reads from the store: report events, entity names, article metadata.

A *report* is one event node of one article graph, as extracted. Reads are flat scans of a
few predicates (no OPTIONAL joins, which cost ~15x more per row: see kg.index.parts), scoped
to given graphs or nodes with VALUES when the refresh is incremental.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from kg.consolidate.entities import EntityName
from kg.models import ENTITY_TYPES, EVENT_TYPES
from kg.namespaces import AIKG, ENTITIES_GRAPH, GRAPH, PREFIXES, SCHEMA
from kg.store import Store

AIKG_NS = str(AIKG._NS)
ARTICLE_GRAPH_PREFIX = str(GRAPH["article/"])
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DERIVED_FROM = PREFIXES["prov"] + "wasDerivedFrom"
ROLES = ("participant", "actor", "target", "proposed")
EVENT_CLASSES = " ".join(f"aikg:{name}" for name in EVENT_TYPES)
_EVENT_PROPERTIES = " ".join(
    f"aikg:{name}" for name in (*ROLES, "topic", "date", "location"))
_ENTITY_CLASSES = " ".join(f"aikg:{name}" for name in ENTITY_TYPES)
#: Values queries are cut into chunks of this many IRIs (a long VALUES is parsed per query).
CHUNK = 2000


@dataclass(frozen=True)
class Report:
    """One extracted event: node IRI, its article and graph, type ("Meeting"), roles as
    (role, entity IRI) pairs, topics (IRIs), date ("2023-11-15" or "2023-11"), location,
    and the article's publication date and source."""

    node: str
    graph: str
    article: str
    type: str
    roles: frozenset[tuple[str, str]]
    topics: frozenset[str]
    date: str | None
    location: str | None
    published: dt.date | None
    source: str | None


def values(variable: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{variable} {{ {' '.join(f'<{iri}>' for iri in iris)} }}"


def chunks(items: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def select(store: Store, sparql: str) -> Iterator[list[str]]:
    """Rows of a SELECT as lists of lexical values ('' for unbound)."""
    rows = store.query_native(sparql, prefixes=PREFIXES)
    assert isinstance(rows, ox.QuerySolutions)
    width = len(rows.variables)
    for row in rows:
        yield [term.value if (term := row[i]) is not None else "" for i in range(width)]


def read_reports(store: Store, *, graphs: Iterable[str] | None = None,
                 nodes: Iterable[str] | None = None) -> list[Report]:
    """The reports of the given article graphs, or the given event nodes, or (both None)
    every article graph's. Graphs that are gone give nothing."""
    if graphs is not None and nodes is not None:
        raise ValueError("give graphs or nodes, not both")
    scopes: Iterable[str]
    if graphs is not None:
        scopes = [values("g", batch) for batch in chunks(sorted(set(graphs)))]
    elif nodes is not None:
        scopes = [values("e", batch) for batch in chunks(sorted(set(nodes)))]
    else:
        scopes = [""]
    props: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    kinds: dict[str, str] = {}
    graph_of: dict[str, str] = {}
    for scope in scopes:
        for graph, node, kind in select(store, f"""SELECT ?g ?e ?t WHERE {{ {scope}
                GRAPH ?g {{ ?e a ?t VALUES ?t {{ {EVENT_CLASSES} }} }} }}"""):
            if graph.startswith(ARTICLE_GRAPH_PREFIX):
                kinds[node] = min(kinds.get(node, kind), kind)
                graph_of[node] = graph
    for batch in chunks(sorted(kinds)):
        for node, prop, value in select(store, f"""SELECT ?e ?p ?v WHERE {{
                {values("e", batch)} ?e ?p ?v VALUES ?p {{ {_EVENT_PROPERTIES} }} }}"""):
            props[node][prop[len(AIKG_NS):]].add(value)
    articles = read_articles(store, set(graph_of.values()))
    reports = []
    for node in sorted(kinds):
        found = props.get(node, {})
        article, published, source = articles.get(graph_of[node], ("", None, None))
        reports.append(Report(
            node=node, graph=graph_of[node], article=article, type=kinds[node][len(AIKG_NS):],
            roles=frozenset((role, iri) for role in ROLES for iri in found.get(role, ())),
            topics=frozenset(found.get("topic", ())),
            date=min(found["date"]) if found.get("date") else None,
            location=min(found["location"]) if found.get("location") else None,
            published=published, source=source))
    return reports


def read_articles(store: Store, graphs: Iterable[str]
                  ) -> dict[str, tuple[str, dt.date | None, str | None]]:
    """Article graph -> (article IRI, publication date, source)."""
    found: dict[str, tuple[str, dt.date | None, str | None]] = {}
    for batch in chunks(sorted(graphs)):
        for graph, article, published, source in select(store, f"""
                SELECT ?g ?a ?d ?s WHERE {{ {values("g", batch)} GRAPH ?g {{
                  ?a a aikg:Article OPTIONAL {{ ?a <{SCHEMA.datePublished}> ?d }}
                  OPTIONAL {{ ?a dcterms:source ?s }} }} }}"""):
            found[graph] = (article, _date(published), source or None)
    return found


def read_entity_names(store: Store) -> list[EntityName]:
    """Every entity the store describes: the gazetteer's (known) and those article graphs
    describe (unknown to the gazetteer), with their labels and aliases."""
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    known: set[str] = set()
    for graph, node, kind, label in select(store, f"""SELECT ?g ?e ?t ?l WHERE {{
            GRAPH ?g {{ ?e a ?t VALUES ?t {{ {_ENTITY_CLASSES} }}
            {{ ?e rdfs:label ?l }} UNION {{ ?e skos:altLabel ?l }} }} }}"""):
        names[(node, kind[len(AIKG_NS):])].add(label)
        if graph == str(ENTITIES_GRAPH):
            known.add(node)
    return [EntityName(iri, kind, frozenset(labels), iri in known)
            for (iri, kind), labels in sorted(names.items())]


def article_graphs(store: Store) -> set[str]:
    """Every article graph in the store."""
    return {graph for graph, in select(store, """SELECT DISTINCT ?g WHERE {
        GRAPH ?g { ?a a aikg:Article } }""") if graph.startswith(ARTICLE_GRAPH_PREFIX)}


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
