"""What consolidation reads from the store: report events, entity names, article metadata.

A *report* is one event node of one article graph, as extracted. Reads are flat scans of a
few predicates (no OPTIONAL joins, which cost ~15x more per row: see kg.index.parts), scoped
to given graphs or nodes with VALUES when the refresh is incremental.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from kg.consolidate.entities import EntityName
from kg.models import ENTITY_TYPES, EVENT_TYPES
from kg.namespaces import AIKG, BASE, ENTITIES_GRAPH, GRAPH, PREFIXES, SCHEMA
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


def article_of_graph(graph: str) -> str:
    """The article IRI of an article graph (both carry the content hash)."""
    return BASE + "article/" + graph[len(ARTICLE_GRAPH_PREFIX):]


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
    """Rows of a SELECT as lists of lexical values ('' for unbound).

    The engine writes the rows as CSV to a spooled file and the csv module reads them back:
    ~10x cheaper than a Python object per term (the approach of kg.index.parts).
    """
    rows = store.query_native(sparql, prefixes=PREFIXES)
    assert isinstance(rows, ox.QuerySolutions)
    with tempfile.SpooledTemporaryFile(max_size=1 << 22) as spool:
        rows.serialize(spool, ox.QueryResultsFormat.CSV)
        spool.seek(0)
        reader = csv.reader(io.TextIOWrapper(spool, encoding="utf-8", newline=""))
        next(reader, None)  # the header
        yield from reader


def read_reports(store: Store, *, graphs: Iterable[str] | None = None,
                 nodes: Iterable[str] | None = None) -> list[Report]:
    """The reports of the given article graphs, or the given event nodes, or (both None)
    every article graph's. Graphs that are gone give nothing."""
    if graphs is not None and nodes is not None:
        raise ValueError("give graphs or nodes, not both")
    # FILTER(?p IN ...) rather than VALUES ?p: Oxigraph joins a VALUES of predicates with a
    # VALUES of graphs or nodes by scanning each predicate whole (measured 5 s against 0.01 s).
    wanted = f"FILTER(?p IN (<{RDF_TYPE}>, {_EVENT_PROPERTIES.replace(' ', ', ')}))"
    queries: list[str]
    if graphs is not None:
        queries = [f"SELECT ?g ?e ?p ?v WHERE {{ {values('g', batch)} GRAPH ?g {{ ?e ?p ?v "
                   f"{wanted} }} }}" for batch in chunks(sorted(set(graphs)))]
    elif nodes is not None:
        queries = [f"SELECT ?g ?e ?p ?v WHERE {{ {values('e', batch)} GRAPH ?g {{ ?e ?p ?v "
                   f"{wanted} }} }}" for batch in chunks(sorted(set(nodes)))]
    else:  # one scan per predicate, on its index
        queries = [f"SELECT ?g ?e ?p ?v WHERE {{ GRAPH ?g {{ ?e a ?v FILTER(?v IN "
                   f"({EVENT_CLASSES.replace(' ', ', ')})) }} BIND(<{RDF_TYPE}> AS ?p) }}"]
        queries += [f"SELECT ?g ?e ?p ?v WHERE {{ GRAPH ?g {{ ?e {prop} ?v }} BIND({prop} AS ?p) }}"
                    for prop in _EVENT_PROPERTIES.split()]
    props: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    kinds: dict[str, str] = {}
    graph_of: dict[str, str] = {}
    classes = {AIKG_NS + name for name in EVENT_TYPES}
    for query in queries:
        for graph, node, prop, value in select(store, query):
            if not graph.startswith(ARTICLE_GRAPH_PREFIX):
                continue
            if prop == RDF_TYPE:
                if value in classes:
                    kinds[node] = min(kinds.get(node, value), value)
                    graph_of[node] = graph
            else:
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
    """Article graph -> (article IRI, publication date, source).

    Two flat scans rather than one pattern with OPTIONALs, which Oxigraph evaluates per
    graph of the VALUES (measured 8.7 s against 0.3 s for 2,000 graphs at 10k articles)."""
    published: dict[str, dt.date | None] = {}
    sources: dict[str, str] = {}
    for batch in chunks(sorted(graphs)):
        scope = values("g", batch)
        for graph, day in select(store, f"""SELECT ?g ?d WHERE {{ {scope} GRAPH ?g {{
                ?a <{SCHEMA.datePublished}> ?d }} }}"""):
            published[graph] = _date(day)
        for graph, source in select(store, f"""SELECT ?g ?s WHERE {{ {scope} GRAPH ?g {{
                ?a dcterms:source ?s }} }}"""):
            sources[graph] = source
    return {graph: (article_of_graph(graph), published.get(graph), sources.get(graph))
            for graph in graphs if graph.startswith(ARTICLE_GRAPH_PREFIX)}


def read_entity_names(store: Store) -> list[EntityName]:
    """Every entity the store describes: the gazetteer's (known) and those article graphs
    describe (unknown to the gazetteer), with their labels and aliases."""
    return entity_names_of(read_names_by_graph(store))


#: One name of an entity in one graph: (entity IRI, type name, label or alias).
Name = tuple[str, str, str]


def read_names_by_graph(store: Store, graphs: Iterable[str] | None = None
                        ) -> dict[str, set[Name]]:
    """Graph -> the entity names it describes, for the given graphs (gone ones give
    nothing) or for every graph."""
    scopes = ([values("g", batch) for batch in chunks(sorted(set(graphs)))]
              if graphs is not None else [""])
    found: dict[str, set[Name]] = defaultdict(set)
    for scope in scopes:
        for graph, node, kind, label in select(store, f"""SELECT ?g ?e ?t ?l WHERE {{ {scope}
                GRAPH ?g {{ ?e a ?t VALUES ?t {{ {_ENTITY_CLASSES} }}
                {{ ?e rdfs:label ?l }} UNION {{ ?e skos:altLabel ?l }} }} }}"""):
            found[graph].add((node, kind[len(AIKG_NS):], label))
    return found


def entity_names_of(by_graph: dict[str, set[Name]] | Iterable[tuple[str, Iterable[Name]]]
                    ) -> list[EntityName]:
    """The EntityNames of names per graph (an entity is known when the gazetteer's graph,
    ENTITIES_GRAPH, describes it), sorted by (IRI, type)."""
    items = by_graph.items() if isinstance(by_graph, dict) else by_graph
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    known: set[str] = set()
    for graph, found in items:
        for node, kind, label in found:
            names[(node, kind)].add(label)
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
