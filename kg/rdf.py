"""Extraction -> RDF. The only place IRIs are minted.

An article's graph holds its metadata, the entities it mentions (type, label, the aliases
seen in it), each fact as a direct triple plus an aikg:FactStatement carrying evidence,
and each event as a node. Node IRIs are derived from the article's content hash and the
statement's position, so re-ingesting the same text yields the very same triples.

The triples are built once, as pyoxigraph terms: `extraction_to_ntriples` gives the N-Triples
lines that ingest writes (no rdflib Graph on the hot path), `extraction_to_graph` an rdflib
Graph of the very same triples.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Container, Iterator
from decimal import Decimal

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg.models import Article, Entity, Event, Evidence, Extraction, Fact, slugify
from kg.namespaces import AIKG, ARTICLE, GRAPH, ID, PREFIXES, SCHEMA, TOPIC, WIKIDATA

_ENTITY_CLASSES: dict[str, URIRef] = {
    "Person": AIKG.Person,
    "Company": AIKG.Company,
    "Government": AIKG.Government,
    "Alliance": AIKG.Alliance,
    "Country": AIKG.Country,
    "Policy": AIKG.Policy,
}
_EVENT_CLASSES: dict[str, URIRef] = {
    "Meeting": AIKG.Meeting,
    "Criticism": AIKG.Criticism,
    "Demand": AIKG.Demand,
    "Proposal": AIKG.Proposal,
    "Cooperation": AIKG.Cooperation,
}
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: One article's triples, as pyoxigraph terms (subject, predicate, object).
Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]


@functools.lru_cache(maxsize=4096)
def _node(iri: str) -> ox.NamedNode:
    """A pyoxigraph IRI, checked once per distinct string (vocabulary terms recur)."""
    return ox.NamedNode(iri)


def _typed(value: str, datatype: URIRef) -> ox.Literal:
    return ox.Literal(value, datatype=_node(str(datatype)))


def article_iri(article: Article) -> URIRef:
    return ARTICLE[article.hash]


def article_graph_iri(article: Article) -> URIRef:
    """The named graph holding everything extracted from this article's text."""
    return GRAPH[f"article/{article.hash}"]


def entity_iri(key: str) -> URIRef:
    """IRI of an entity key such as 'company/baidu' (see kg.models.entity_key)."""
    return ID[key]


def entity_key_of(iri: str) -> str | None:
    """The inverse of entity_iri, or None for an IRI outside the entity namespace."""
    return iri[len(str(ID)):] if iri.startswith(str(ID)) else None


def topic_iri(label: str) -> URIRef:
    return TOPIC[slugify(label)]


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def extraction_to_graph(
    extraction: Extraction, *, ingested_at: dt.datetime | None = None,
    known_entities: Container[str] = frozenset(),
) -> Graph:
    """All triples of one article as an rdflib Graph (see `extraction_triples`)."""
    graph = new_graph()
    for triple in extraction_triples(extraction, ingested_at=ingested_at,
                                     known_entities=known_entities):
        graph.add(tuple(_to_rdflib(term) for term in triple))  # type: ignore[arg-type]
    return graph


def extraction_to_ntriples(
    extraction: Extraction, *, ingested_at: dt.datetime | None = None,
    known_entities: Container[str] = frozenset(),
) -> list[str]:
    """All triples of one article as N-Triples lines, each once, ready for Store.put_graph.

    The same triples as `extraction_to_graph`, without building an rdflib Graph: the write
    path of ingest, and cheap to send from a worker process.
    """
    lines = (f"{ox.Triple(*triple)} ." for triple in extraction_triples(
        extraction, ingested_at=ingested_at, known_entities=known_entities))
    return list(dict.fromkeys(lines))


def extraction_triples(
    extraction: Extraction, *, ingested_at: dt.datetime | None = None,
    known_entities: Container[str] = frozenset(),
) -> Iterator[Triple]:
    """All triples of one article, ready to be written to its named graph.

    Entities in `known_entities` (those the store's entities graph already describes) get no
    type, label or aliases here: repeated in every article graph, their descriptions would
    come back once per graph from the union and multiply the rows of every join on them.
    """
    article = extraction.article
    digest = article.hash  # sha256 of the text: computed once, not once per node
    source = ox.NamedNode(str(article_iri(article)))
    yield from _article_triples(source, article, ingested_at or dt.datetime.now(dt.UTC))
    labels = {entity.id: entity.label for entity in extraction.entities}
    for entity in extraction.entities:
        if entity.id not in known_entities:
            yield from _entity_triples(entity)
    evidence_nodes: dict[tuple[int, int], ox.NamedNode] = {}
    for index, fact in enumerate(extraction.facts):
        evidence = yield from _evidence_triples(evidence_nodes, fact.evidence, digest, source)
        node = ox.NamedNode(str(ARTICLE[f"{digest}/fact/{index}"]))
        yield from _fact_triples(node, fact, evidence, source)
    for index, event in enumerate(extraction.events):
        evidence = yield from _evidence_triples(evidence_nodes, event.evidence, digest, source)
        node = ox.NamedNode(str(ARTICLE[f"{digest}/event/{index}"]))
        yield from _event_triples(node, event, evidence, source, labels)


def date_literal(value: str) -> ox.Literal | None:
    """xsd:date for a day, xsd:gYearMonth for a month; None for anything vaguer."""
    if _DAY.match(value):
        return _typed(value, XSD.date)
    if _MONTH.match(value):
        return _typed(value, XSD.gYearMonth)
    return None


_TYPE, _LABEL, _VALUE = _node(str(RDF.type)), _node(str(RDFS.label)), _node(str(RDF.value))
_DERIVED_FROM = _node(str(PROV.wasDerivedFrom))


def _evidence_triples(
    nodes: dict[tuple[int, int], ox.NamedNode], evidence: Evidence, digest: str,
    source: ox.NamedNode,
) -> Iterator[Triple]:
    """The evidence node of a span (its triples the first time a span is seen); returns it."""
    key = (evidence.start, evidence.end)
    if key not in nodes:
        node = ox.NamedNode(str(ARTICLE[f"{digest}/evidence/{len(nodes)}"]))
        yield node, _TYPE, _node(str(AIKG.Evidence))
        yield node, _VALUE, ox.Literal(evidence.text)
        yield node, _node(str(AIKG.startOffset)), _typed(str(evidence.start), XSD.integer)
        yield node, _node(str(AIKG.endOffset)), _typed(str(evidence.end), XSD.integer)
        yield node, _DERIVED_FROM, source
        nodes[key] = node
    return nodes[key]


def _article_triples(node: ox.NamedNode, article: Article, ingested_at: dt.datetime
                     ) -> Iterator[Triple]:
    yield node, _TYPE, _node(str(AIKG.Article))
    yield node, _TYPE, _node(str(SCHEMA.NewsArticle))
    yield node, _node(str(SCHEMA.headline)), ox.Literal(article.title)
    yield node, _node(str(SCHEMA.identifier)), ox.Literal(article.id)
    yield node, _node(str(SCHEMA.text)), ox.Literal(article.text)
    yield node, _node(str(AIKG.contentHash)), ox.Literal(article.hash)
    yield (node, _node(str(AIKG.ingestedAt)),
           _typed(ingested_at.replace(microsecond=0).isoformat(), XSD.dateTime))
    if article.source:
        yield node, _node(str(DCTERMS.source)), ox.Literal(article.source)
    if article.date:
        yield node, _node(str(SCHEMA.datePublished)), _typed(article.date.isoformat(), XSD.date)
    if article.url:
        yield node, _node(str(SCHEMA.url)), ox.NamedNode(article.url)


def _entity_triples(entity: Entity) -> Iterator[Triple]:
    node = _node(str(entity_iri(entity.id)))
    yield node, _TYPE, _node(str(_ENTITY_CLASSES[entity.type]))
    yield node, _LABEL, ox.Literal(entity.label)
    for alias in entity.aliases:
        if alias != entity.label:
            yield node, _node(str(SKOS.altLabel)), ox.Literal(alias)
    if entity.wikidata:
        yield node, _node(str(OWL.sameAs)), _node(str(WIKIDATA[entity.wikidata]))


def _fact_triples(node: ox.NamedNode, fact: Fact, evidence: ox.NamedNode,
                  source: ox.NamedNode) -> Iterator[Triple]:
    subject = _node(str(entity_iri(fact.subject)))
    obj = _node(str(entity_iri(fact.object)))
    predicate = _node(str(AIKG[fact.predicate]))
    yield subject, predicate, obj
    yield node, _TYPE, _node(str(AIKG.FactStatement))
    yield node, _node(str(RDF.subject)), subject
    yield node, _node(str(RDF.predicate)), predicate
    yield node, _node(str(RDF.object)), obj
    yield from _provenance_triples(node, evidence, fact.confidence, source)
    if fact.title:
        yield node, _node(str(AIKG.title)), ox.Literal(fact.title)
    date = date_literal(fact.date) if fact.date else None
    if date is not None:
        yield node, _node(str(AIKG.date)), date


def _event_triples(
    node: ox.NamedNode, event: Event, evidence: ox.NamedNode, source: ox.NamedNode,
    labels: dict[str, str],
) -> Iterator[Triple]:
    yield node, _TYPE, _node(str(_EVENT_CLASSES[event.type]))
    names = [labels.get(key, key) for key in event.participants]
    if event.actor:
        yield node, _node(str(AIKG.actor)), _node(str(entity_iri(event.actor)))
        names.append(labels.get(event.actor, event.actor))
    for role, key in ((AIKG.target, event.target), (AIKG.proposed, event.proposed)):
        if key:
            yield node, _node(str(role)), _node(str(entity_iri(key)))
            names.append(labels.get(key, key))
    for key in event.participants:
        yield node, _node(str(AIKG.participant)), _node(str(entity_iri(key)))
    yield node, _LABEL, ox.Literal(f"{event.type}: {', '.join(names)}")
    for topic in event.topics:
        yield node, _node(str(AIKG.topic)), _node(str(topic_iri(topic)))
    date = date_literal(event.date) if event.date else None
    if date is not None:
        yield node, _node(str(AIKG.date)), date
    if event.location:
        yield node, _node(str(AIKG.location)), ox.Literal(event.location)
    yield from _provenance_triples(node, evidence, event.confidence, source)


def _provenance_triples(node: ox.NamedNode, evidence: ox.NamedNode, confidence: float,
                        source: ox.NamedNode) -> Iterator[Triple]:
    yield node, _node(str(AIKG.evidence)), evidence
    # format "f": the lexical form rdflib gives a Decimal (no exponent).
    value = format(Decimal(str(round(confidence, 3))), "f")
    yield node, _node(str(AIKG.confidence)), _typed(value, XSD.decimal)
    yield node, _DERIVED_FROM, source


_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


def _to_rdflib(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype in (_XSD_STRING, _LANG_STRING):
        return Literal(term.value)  # rdflib's plain literal: xsd:string in RDF 1.1
    return Literal(term.value, datatype=URIRef(datatype))
