"""What each graph says, read in a handful of streaming queries: the unit the index adds and drops.

A `Part` is everything one named graph (or the default graph) contributes: its facts and
events as IRIs and short values, the descriptive properties of every subject (labels,
aliases, topic labels, article metadata), its aikg: types, and its size. Sentences are not
kept: the index reads them for the rows a caller asks for. Properties are kept per graph and
merged at answer time, because descriptions are spread over graphs (the gazetteer's entities
graph, the ontology's topics, unknown entities in the articles that mention them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.models import EVENT_TYPES
from kg.namespaces import AIKG, PREFIXES, SCHEMA

#: The key of the default graph's part (named graphs are keyed by their IRI).
DEFAULT_GRAPH = ""
AIKG_NS = str(AIKG._NS)
RDFS_LABEL = PREFIXES["rdfs"] + "label"
SKOS = PREFIXES["skos"]
#: Properties kept per subject; each answer merges them over every graph.
DESCRIPTIVE = (
    RDFS_LABEL, SKOS + "altLabel", PREFIXES["owl"] + "sameAs", PREFIXES["rdfs"] + "comment",
    SKOS + "definition", str(SCHEMA.description), SKOS + "prefLabel", SKOS + "broader",
    str(SCHEMA.identifier), str(SCHEMA.headline), str(SCHEMA.datePublished),
    str(AIKG.contentHash), PREFIXES["dcterms"] + "source",
)
ROLE_PROPERTIES = ("participant", "actor", "target", "proposed", "topic")

_PREFIXES = {**PREFIXES, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
_EVIDENCED = """OPTIONAL { ?node aikg:evidence ?ev . ?ev rdf:value ?sentence ;
      aikg:startOffset ?start ; aikg:endOffset ?end . BIND(true AS ?evidenced) }"""
_FACTS = f"""SELECT ?g ?node ?s ?p ?o ?title ?date ?confidence ?article ?evidenced WHERE {{
  {{values}} {{open}}
  ?node a aikg:FactStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL {{ ?node aikg:confidence ?confidence }} OPTIONAL {{ ?node prov:wasDerivedFrom ?article }}
  OPTIONAL {{ ?node aikg:title ?title }} OPTIONAL {{ ?node aikg:date ?date }}
  {_EVIDENCED} {{close}} }}"""
_EVENTS = f"""SELECT ?g ?node ?type ?date ?location ?confidence ?article ?evidenced WHERE {{
  {{values}} {{open}}
  VALUES ?type {{ {" ".join(f"aikg:{t}" for t in EVENT_TYPES)} }} ?node a ?type .
  OPTIONAL {{ ?node aikg:confidence ?confidence }} OPTIONAL {{ ?node prov:wasDerivedFrom ?article }}
  OPTIONAL {{ ?node aikg:date ?date }} OPTIONAL {{ ?node aikg:location ?location }}
  {_EVIDENCED} {{close}} }}"""
_ROLES = f"""SELECT ?g ?node ?p ?v WHERE {{ {{values}} {{open}}
  VALUES ?p {{ {" ".join(f"aikg:{r}" for r in ROLE_PROPERTIES)} }} ?node ?p ?v {{close}} }}"""
_PROPERTIES = f"""SELECT ?g ?s ?p ?v WHERE {{ {{values}} {{open}}
  VALUES ?p {{ {" ".join(f"<{p}>" for p in DESCRIPTIVE)} }} ?s ?p ?v {{close}} }}"""
_TYPES = """SELECT ?g ?s ?t WHERE { {values} {open}
  ?s a ?t FILTER(STRSTARTS(STR(?t), STR(aikg:))) {close} }"""
_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { {values} {open} ?s ?p ?o {close} } GROUP BY ?g"


@dataclass(frozen=True, slots=True)
class FactPart:
    node: str
    subject: str
    predicate: str  # local name: "memberOf"
    object: str
    title: str | None
    date: str | None
    confidence: float | None
    article: str | None
    evidenced: bool

    @property
    def listed(self) -> bool:
        """Whether the domain questions list it (they need evidence, confidence and article)."""
        return self.evidenced and self.confidence is not None and self.article is not None


@dataclass(frozen=True, slots=True)
class EventPart:
    node: str
    type: str  # local name: "Meeting"
    date: str | None
    location: str | None
    confidence: float | None
    article: str | None
    evidenced: bool

    @property
    def listed(self) -> bool:
        return self.evidenced and self.confidence is not None and self.article is not None


@dataclass
class Part:
    graph: str
    triples: int = 0
    facts: dict[str, FactPart] = field(default_factory=dict)
    events: dict[str, EventPart] = field(default_factory=dict)
    #: node -> role local name ("participant", ..., "topic") -> values
    roles: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    #: subject -> property IRI (one of DESCRIPTIVE) -> values
    properties: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    #: (subject, aikg: class local name)
    types: set[tuple[str, str]] = field(default_factory=set)


Query = Callable[..., Iterable[ox.QuerySolution]]


def read_parts(query: Query, graphs: Iterable[str] | None,
               cancelled: Callable[[], bool] = lambda: False) -> dict[str, Part]:
    """The parts of the given named graphs; of every graph and the default graph when None.

    `query(sparql, **options)` is the store's native query (the union of graphs by default).
    """
    parts: dict[str, Part] = {}
    if graphs is None:
        scopes = [({"values": "", "open": "GRAPH ?g {", "close": "}"}, {}, None),
                  ({"values": "", "open": "", "close": ""}, {"default_graph": ox.DefaultGraph()},
                   DEFAULT_GRAPH)]
    else:
        wanted = sorted(set(graphs) - {DEFAULT_GRAPH})
        if not wanted:
            return {}
        values = "VALUES ?g { " + " ".join(f"<{g}>" for g in wanted) + " }"
        scopes = [({"values": values, "open": "GRAPH ?g {", "close": "}"}, {}, None)]
        parts = {g: Part(g) for g in wanted}  # an emptied graph is an empty part
    for slots, options, fixed_graph in scopes:
        for template, reader in _READERS:
            if cancelled():
                return {}
            sparql = template.replace("{values}", slots["values"]) \
                .replace("{open}", slots["open"]).replace("{close}", slots["close"])
            if fixed_graph is not None:
                sparql = sparql.replace("SELECT ?g ", "SELECT ").replace("GROUP BY ?g", "")
            for row in query(sparql, prefixes=_PREFIXES, **options):
                values = [None if term is None else term.value for term in row]
                graph = fixed_graph if fixed_graph is not None else values.pop(0)
                part = parts.get(graph)
                if part is None:
                    part = parts[graph] = Part(graph)
                reader(part, values)
    return {graph: part for graph, part in parts.items()
            if part.triples or graph != DEFAULT_GRAPH}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def _float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _read_fact(part: Part, row: list[str | None]) -> None:
    node, s, p, o, title, date, confidence, article, evidenced = row
    assert node is not None and s is not None and p is not None and o is not None
    if node not in part.facts:
        part.facts[node] = FactPart(node, s, _local(p), o, title, date, _float(confidence),
                                    article, evidenced is not None)


def _read_event(part: Part, row: list[str | None]) -> None:
    node, event_type, date, location, confidence, article, evidenced = row
    assert node is not None and event_type is not None
    if node not in part.events:
        part.events[node] = EventPart(node, _local(event_type), date, location,
                                      _float(confidence), article, evidenced is not None)


def _read_role(part: Part, row: list[str | None]) -> None:
    node, prop, value = row
    assert node is not None and prop is not None and value is not None
    part.roles.setdefault(node, {}).setdefault(_local(prop), set()).add(value)


def _read_property(part: Part, row: list[str | None]) -> None:
    subject, prop, value = row
    assert subject is not None and prop is not None and value is not None
    part.properties.setdefault(subject, {}).setdefault(prop, set()).add(value)


def _read_type(part: Part, row: list[str | None]) -> None:
    subject, cls = row
    assert subject is not None and cls is not None
    part.types.add((subject, cls[len(AIKG_NS):]))


def _read_size(part: Part, row: list[str | None]) -> None:
    part.triples = int(row[0] or 0)


_READERS: tuple[tuple[str, Callable[[Part, list[str | None]], None]], ...] = (
    (_SIZES, _read_size), (_FACTS, _read_fact), (_EVENTS, _read_event), (_ROLES, _read_role),
    (_PROPERTIES, _read_property), (_TYPES, _read_type),
)
