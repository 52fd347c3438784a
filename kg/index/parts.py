"""What each graph says, read in a handful of streaming queries: the unit the index adds and drops.

A `Part` is everything one named graph (or the default graph) contributes: its facts and
events as IRIs and short values with their evidence sentence, the descriptive properties of
every subject (labels, aliases, topic labels, article metadata), its aikg: types, and its
size. Properties are kept per graph and
merged at answer time, because descriptions are spread over graphs (the gazetteer's entities
graph, the ontology's topics, unknown entities in the articles that mention them).
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kg.models import EVENT_TYPES
from kg.namespaces import AIKG, QUERY_PREFIXES, SCHEMA
from kg.store import NativeResult

#: The key of the default graph's part (named graphs are keyed by their IRI).
DEFAULT_GRAPH = ""
AIKG_NS = str(AIKG._NS)
RDFS_LABEL = str(RDFS.label)
#: Properties kept per subject; each answer merges them over every graph.
DESCRIPTIVE = (
    RDFS_LABEL, str(SKOS.altLabel), str(OWL.sameAs), str(RDFS.comment),
    str(SKOS.definition), str(SCHEMA.description), str(SKOS.prefLabel), str(SKOS.broader),
    str(SCHEMA.identifier), str(SCHEMA.headline), str(SCHEMA.datePublished),
    str(AIKG.contentHash), str(DCTERMS.source),
)
ROLE_PROPERTIES = ("participant", "actor", "target", "proposed", "topic")

#: Properties of fact statements, events and evidence nodes, read into the part's structure.
STRUCTURAL = (
    str(RDF.subject), str(RDF.predicate), str(RDF.object),
    *(AIKG_NS + name for name in ("title", "date", "confidence", "evidence", "location",
                                  *ROLE_PROPERTIES)),
    str(PROV.wasDerivedFrom),
)
# Flat scans only: a pattern with OPTIONALs costs ~15x more per row than reading the triples.
_VALUES = f"""SELECT ?g ?s ?p ?v WHERE {{ {{values}} {{open}}
  VALUES ?p {{ {" ".join(f"<{p}>" for p in DESCRIPTIVE + STRUCTURAL)} }} ?s ?p ?v {{close}} }}"""
_TYPES = """SELECT ?g ?s ?t WHERE { {values} {open}
  ?s a ?t FILTER(STRSTARTS(STR(?t), STR(aikg:))) {close} }"""
#: Evidence nodes: the sentence and its offsets in the article.
_EVIDENCE = """SELECT ?g ?ev ?sentence ?start ?end WHERE { {values} {open}
  ?ev rdf:value ?sentence ; aikg:startOffset ?start ; aikg:endOffset ?end {close} }"""
_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { {values} {open} ?s ?p ?o {close} } GROUP BY ?g"
_DESCRIPTIVE = frozenset(DESCRIPTIVE)
_EVENT_TYPES = frozenset(EVENT_TYPES)
_DERIVED_FROM = str(PROV.wasDerivedFrom)
_SUBJECT, _PREDICATE, _OBJECT = str(RDF.subject), str(RDF.predicate), str(RDF.object)
_STATEMENT_PARTS = frozenset({_SUBJECT, _PREDICATE, _OBJECT})


#: An evidence sentence and its offsets in the article.
Evidence = tuple[str, int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class StatementPart:
    """What facts and events share: their node and provenance."""

    node: str
    date: str | None
    confidence: float | None
    article: str | None
    evidence: Evidence | None

    @property
    def listed(self) -> bool:
        """Whether the domain questions list it (they need evidence, confidence and article)."""
        return self.evidence is not None and self.confidence is not None \
            and self.article is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class FactPart(StatementPart):
    subject: str
    predicate: str  # local name: "memberOf"
    object: str
    title: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EventPart(StatementPart):
    type: str  # local name: "Meeting"
    location: str | None


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
    #: subject -> property IRI (one of STRUCTURAL) -> values, while the part is being read
    structure: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    #: evidence node -> (sentence, start, end), while the part is being read
    evidence: dict[str, Evidence] = field(default_factory=dict)


#: The store's `query_native` (kg.store.Store): SPARQL text and pyoxigraph options in.
Query = Callable[..., NativeResult]


def read_parts(query: Query, graphs: Iterable[str] | None,
               cancelled: Callable[[], bool] = lambda: False) -> dict[str, Part]:
    """The parts of the given graphs (named graph IRIs, DEFAULT_GRAPH for the default graph);
    of every graph when None. A graph asked for and found empty gets an empty part.

    `query(sparql, **options)` is the store's native query (the union of graphs by default).
    """
    parts: dict[str, Part] = {}
    default_scope = ({"values": "", "open": "", "close": ""},
                     {"default_graph": ox.DefaultGraph()}, DEFAULT_GRAPH)
    if graphs is None:
        scopes = [({"values": "", "open": "GRAPH ?g {", "close": "}"}, {}, None),
                  default_scope]
    else:
        asked = set(graphs)
        wanted = sorted(asked - {DEFAULT_GRAPH})
        values = "VALUES ?g { " + " ".join(f"<{g}>" for g in wanted) + " }"
        scopes = [({"values": values, "open": "GRAPH ?g {", "close": "}"}, {}, None)] \
            if wanted else []
        if DEFAULT_GRAPH in asked:
            scopes.append(default_scope)
        parts = {g: Part(g) for g in asked}  # an emptied graph is an empty part
    for slots, options, fixed_graph in scopes:
        for template, reader in _READERS:
            if cancelled():
                return {}
            sparql = template.replace("{values}", slots["values"]) \
                .replace("{open}", slots["open"]).replace("{close}", slots["close"])
            if fixed_graph is not None:
                sparql = sparql.replace("SELECT ?g ", "SELECT ").replace("GROUP BY ?g", "")
            rows = query(sparql, prefixes=QUERY_PREFIXES, **options)
            reader(parts, rows, fixed_graph)
    for part in parts.values():
        _assemble(part)
    return parts


_TYPE = str(RDF.type)
_VALUE = str(RDF.value)
_START, _END = AIKG_NS + "startOffset", AIKG_NS + "endOffset"
_STRUCTURAL = frozenset(STRUCTURAL)


def scan_parts(quads: Iterable[ox.Quad]) -> Iterator[Part]:
    """The parts of the graphs whose quads these are, one per graph, in the order read.

    `quads` must come grouped by graph, as an Oxigraph scan gives them (Store.scan_quads):
    each graph's quads are read once, with no SPARQL, so a store of any size is read in one
    pass with the memory of one graph. Gives what `read_parts` gives for the same graphs.
    """
    part: Part | None = None
    offsets: dict[str, list[str | None]] = {}
    descriptive, structural = _DESCRIPTIVE, _STRUCTURAL
    cut = len(AIKG_NS)
    for quad in quads:
        graph_name = quad.graph_name
        graph = DEFAULT_GRAPH if isinstance(graph_name, ox.DefaultGraph) else graph_name.value
        if part is None or graph != part.graph:
            if part is not None:
                yield _finish(part, offsets)
            part, offsets = Part(graph), {}
        part.triples += 1
        subject, prop, value = _lexical(quad.subject), quad.predicate.value, _lexical(quad.object)
        if prop in descriptive or prop in structural:
            _put(part, subject, prop, value)
        elif prop == _TYPE:
            if value.startswith(AIKG_NS):
                part.types.add((subject, value[cut:]))
        elif prop in (_VALUE, _START, _END):
            slot = offsets.get(subject)
            if slot is None:
                slot = offsets[subject] = [None, None, None]
            slot[(_VALUE, _START, _END).index(prop)] = value
    if part is not None:
        yield _finish(part, offsets)


def _lexical(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """A term as the SPARQL CSV results format writes it (what read_parts reads)."""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Triple):  # RDF-star: never in the domain questions' triples
        return str(term)
    return term.value


def _finish(part: Part, offsets: dict[str, list[str | None]]) -> Part:
    for node, (sentence, start, end) in offsets.items():
        if sentence is None or start is None or end is None:
            continue
        try:
            part.evidence[node] = (sys.intern(sentence), int(start), int(end))
        except ValueError:  # offsets that are not integers: not evidence the routes can show
            continue
    _assemble(part)
    return part


def _assemble(part: Part) -> None:
    """Facts, events and their roles from the part's statement triples (then dropped)."""
    structure, part.structure = part.structure, {}
    evidence, part.evidence = part.evidence, {}
    classes: dict[str, set[str]] = {}
    for subject, cls in part.types:
        classes.setdefault(subject, set()).add(cls)
    for node, node_classes in classes.items():
        props = structure.get(node, {})

        def one(name: str, props: dict[str, set[str]] = props) -> str | None:
            found = props.get(AIKG_NS + name)
            return min(found) if found else None

        article = min(props.get(_DERIVED_FROM, ())) if props.get(_DERIVED_FROM) else None
        found = [evidence[ev] for ev in props.get(AIKG_NS + "evidence", ()) if ev in evidence]
        evidenced = min(found) if found else None
        confidence = min((c for c in map(_float, props.get(AIKG_NS + "confidence", ()))
                          if c is not None), default=None)
        if "FactStatement" in node_classes and props.keys() >= _STATEMENT_PARTS:
            part.facts[node] = FactPart(
                node=node, subject=min(props[_SUBJECT]),
                predicate=_local(min(props[_PREDICATE])),
                object=min(props[_OBJECT]), title=one("title"), date=one("date"),
                confidence=confidence, article=article, evidence=evidenced)
        event_types = sorted(node_classes & _EVENT_TYPES)
        if event_types:
            part.events[node] = EventPart(
                node=node, type=event_types[0], date=one("date"), location=one("location"),
                confidence=confidence, article=article, evidence=evidenced)
            part.roles[node] = {role: props[AIKG_NS + role] for role in ROLE_PROPERTIES
                                if AIKG_NS + role in props}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def _float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


Reader = Callable[[dict[str, Part], NativeResult, str | None], None]


def _rows(parts: dict[str, Part], rows: NativeResult, fixed_graph: str | None
          ) -> Iterator[tuple[Part, list[str]]]:
    """(part, values) per row. The engine writes the rows as CSV (plain lexical values) to a
    temporary file, and the csv module reads them back as a stream: ~10x cheaper than a
    Python object per term, and memory stays flat however large the store."""
    assert isinstance(rows, ox.QuerySolutions)
    with tempfile.TemporaryFile() as spool:
        rows.serialize(spool, ox.QueryResultsFormat.CSV)
        spool.seek(0)
        reader = csv.reader(io.TextIOWrapper(spool, encoding="utf-8", newline=""))
        next(reader, None)  # the header
        graph: str | None = None
        part = Part(DEFAULT_GRAPH)
        for values in reader:
            row_graph = fixed_graph if fixed_graph is not None else values.pop(0)
            if row_graph != graph:  # rows come grouped by graph: one part lookup per run
                graph = row_graph
                part = parts.get(graph) or parts.setdefault(graph, Part(graph))
            yield part, values


def _read_value(parts: dict[str, Part], rows: NativeResult,
                fixed_graph: str | None) -> None:
    for part, (subject, prop, value) in _rows(parts, rows, fixed_graph):
        _put(part, subject, prop, value)


def _put(part: Part, subject: str, prop: str, value: str) -> None:
    """One descriptive or structural value into its part."""
    target = part.properties if prop in _DESCRIPTIVE else part.structure
    props = target.get(subject)
    if props is None:
        props = target[subject] = {}
    found = props.get(prop)
    if found is None:
        props[prop] = {value}
    else:
        found.add(value)


def _read_type(parts: dict[str, Part], rows: NativeResult,
               fixed_graph: str | None) -> None:
    cut = len(AIKG_NS)
    for part, (subject, cls) in _rows(parts, rows, fixed_graph):
        part.types.add((subject, cls[cut:]))


def _read_evidence(parts: dict[str, Part], rows: NativeResult,
                   fixed_graph: str | None) -> None:
    for part, (node, sentence, start, end) in _rows(parts, rows, fixed_graph):
        try:
            part.evidence[node] = (sys.intern(sentence), int(start), int(end))
        except ValueError:  # offsets that are not integers: not evidence the routes can show
            continue


def _read_size(parts: dict[str, Part], rows: NativeResult,
               fixed_graph: str | None) -> None:
    for part, (count,) in _rows(parts, rows, fixed_graph):
        part.triples = int(count)


_READERS: tuple[tuple[str, Reader], ...] = (
    (_SIZES, _read_size), (_VALUES, _read_value), (_TYPES, _read_type),
    (_EVIDENCE, _read_evidence),
)
