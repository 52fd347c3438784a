"""Extraction -> RDF. The only place IRIs are minted.

An article's graph holds its metadata, the entities it mentions (type, label, the aliases
seen in it), each fact as a direct triple plus an aikg:FactStatement carrying evidence,
and each event as a node. Node IRIs are derived from the article's content hash and the
statement's position, so re-ingesting the same text yields the very same triples.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container
from decimal import Decimal

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
    """All triples of one article, ready to be written to its named graph.

    Entities in `known_entities` (those the store's entities graph already describes) get no
    type, label or aliases here: repeated in every article graph, their descriptions would
    come back once per graph from the union and multiply the rows of every join on them.
    """
    graph = new_graph()
    article = extraction.article
    source = article_iri(article)
    _add_article(graph, article, ingested_at or dt.datetime.now(dt.UTC))
    labels = {entity.id: entity.label for entity in extraction.entities}
    for entity in extraction.entities:
        if entity.id not in known_entities:
            _add_entity(graph, entity)
    evidence_nodes: dict[tuple[int, int], URIRef] = {}

    def evidence_node(evidence: Evidence) -> URIRef:
        key = (evidence.start, evidence.end)
        if key not in evidence_nodes:
            node = ARTICLE[f"{article.hash}/evidence/{len(evidence_nodes)}"]
            graph.add((node, RDF.type, AIKG.Evidence))
            graph.add((node, RDF.value, Literal(evidence.text)))
            graph.add((node, AIKG.startOffset, Literal(evidence.start)))
            graph.add((node, AIKG.endOffset, Literal(evidence.end)))
            graph.add((node, PROV.wasDerivedFrom, source))
            evidence_nodes[key] = node
        return evidence_nodes[key]

    for index, fact in enumerate(extraction.facts):
        node = ARTICLE[f"{article.hash}/fact/{index}"]
        _add_fact(graph, node, fact, evidence_node(fact.evidence), source)
    for index, event in enumerate(extraction.events):
        node = ARTICLE[f"{article.hash}/event/{index}"]
        _add_event(graph, node, event, evidence_node(event.evidence), source, labels)
    return graph


def date_literal(value: str) -> Literal | None:
    """xsd:date for a day, xsd:gYearMonth for a month; None for anything vaguer."""
    if _DAY.match(value):
        return Literal(value, datatype=XSD.date)
    if _MONTH.match(value):
        return Literal(value, datatype=XSD.gYearMonth)
    return None


def _add_article(graph: Graph, article: Article, ingested_at: dt.datetime) -> None:
    node = article_iri(article)
    graph.add((node, RDF.type, AIKG.Article))
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, SCHEMA.headline, Literal(article.title)))
    graph.add((node, SCHEMA.identifier, Literal(article.id)))
    graph.add((node, SCHEMA.text, Literal(article.text)))
    graph.add((node, AIKG.contentHash, Literal(article.hash)))
    graph.add((node, AIKG.ingestedAt, Literal(ingested_at.replace(microsecond=0))))
    if article.source:
        graph.add((node, DCTERMS.source, Literal(article.source)))
    if article.date:
        graph.add((node, SCHEMA.datePublished, Literal(article.date, datatype=XSD.date)))
    if article.url:
        graph.add((node, SCHEMA.url, URIRef(article.url)))


def _add_entity(graph: Graph, entity: Entity) -> None:
    node = entity_iri(entity.id)
    graph.add((node, RDF.type, _ENTITY_CLASSES[entity.type]))
    graph.add((node, RDFS.label, Literal(entity.label)))
    for alias in entity.aliases:
        if alias != entity.label:
            graph.add((node, SKOS.altLabel, Literal(alias)))
    if entity.wikidata:
        graph.add((node, OWL.sameAs, WIKIDATA[entity.wikidata]))


def _add_fact(graph: Graph, node: URIRef, fact: Fact, evidence: URIRef, source: URIRef) -> None:
    subject, obj = entity_iri(fact.subject), entity_iri(fact.object)
    predicate = AIKG[fact.predicate]
    graph.add((subject, predicate, obj))
    graph.add((node, RDF.type, AIKG.FactStatement))
    graph.add((node, RDF.subject, subject))
    graph.add((node, RDF.predicate, predicate))
    graph.add((node, RDF.object, obj))
    _add_provenance(graph, node, evidence, fact.confidence, source)
    if fact.title:
        graph.add((node, AIKG.title, Literal(fact.title)))
    date = date_literal(fact.date) if fact.date else None
    if date is not None:
        graph.add((node, AIKG.date, date))


def _add_event(
    graph: Graph, node: URIRef, event: Event, evidence: URIRef, source: URIRef,
    labels: dict[str, str],
) -> None:
    graph.add((node, RDF.type, _EVENT_CLASSES[event.type]))
    names = [labels.get(key, key) for key in event.participants]
    if event.actor:
        graph.add((node, AIKG.actor, entity_iri(event.actor)))
        names.append(labels.get(event.actor, event.actor))
    for role, key in ((AIKG.target, event.target), (AIKG.proposed, event.proposed)):
        if key:
            graph.add((node, role, entity_iri(key)))
            names.append(labels.get(key, key))
    for key in event.participants:
        graph.add((node, AIKG.participant, entity_iri(key)))
    graph.add((node, RDFS.label, Literal(f"{event.type}: {', '.join(names)}")))
    for topic in event.topics:
        graph.add((node, AIKG.topic, topic_iri(topic)))
    date = date_literal(event.date) if event.date else None
    if date is not None:
        graph.add((node, AIKG.date, date))
    if event.location:
        graph.add((node, AIKG.location, Literal(event.location)))
    _add_provenance(graph, node, evidence, event.confidence, source)


def _add_provenance(
    graph: Graph, node: URIRef, evidence: URIRef, confidence: float, source: URIRef
) -> None:
    graph.add((node, AIKG.evidence, evidence))
    confidence_value = Decimal(str(round(confidence, 3)))
    graph.add((node, AIKG.confidence, Literal(confidence_value, datatype=XSD.decimal)))
    graph.add((node, PROV.wasDerivedFrom, source))
