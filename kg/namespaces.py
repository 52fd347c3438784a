"""The project's IRIs: the aikg: ontology as a closed namespace, the bases for data IRIs, and
the prefix maps (W3C vocabularies come from rdflib.namespace, never spelled by hand).

Kept in sync with ontology/aikg.ttl by tests/kg/test_ontology.py.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, DefinedNamespace

BASE = "https://w3id.org/aikg/"


class AIKG(DefinedNamespace):
    """The aikg: ontology (classes and properties of DESIGN.md)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # Classes
    Agent: URIRef
    Organization: URIRef
    Person: URIRef
    Company: URIRef
    Government: URIRef
    Alliance: URIRef
    Country: URIRef
    Policy: URIRef
    Topic: URIRef
    Article: URIRef
    Event: URIRef
    Meeting: URIRef
    Criticism: URIRef
    Demand: URIRef
    Proposal: URIRef
    Cooperation: URIRef
    FactStatement: URIRef
    Evidence: URIRef

    # Fact predicates (the relation inventory)
    memberOf: URIRef
    withdrewFrom: URIRef
    roleIn: URIRef
    partOf: URIRef
    basedIn: URIRef
    issuedBy: URIRef
    targets: URIRef
    investsIn: URIRef

    # Event roles
    participant: URIRef
    actor: URIRef
    target: URIRef
    proposed: URIRef
    topic: URIRef
    date: URIRef
    location: URIRef

    # Provenance and qualification
    evidence: URIRef
    confidence: URIRef
    title: URIRef
    startOffset: URIRef
    endOffset: URIRef
    contentHash: URIRef
    ingestedAt: URIRef
    wikidata: URIRef

    # Consolidation (issue 14: derived graphs, see docs/consolidation.md)
    ConsolidatedEvent: URIRef
    EntityMerge: URIRef
    PolicyVariant: URIRef
    consolidates: URIRef
    eventClass: URIRef
    blockKey: URIRef
    reportCount: URIRef
    sourceCount: URIRef
    firstReported: URIRef
    lastReported: URIRef
    sameEntityAs: URIRef
    mergedEntity: URIRef
    mergedWith: URIRef
    mergeRule: URIRef
    mergeScore: URIRef
    variantOf: URIRef


class SCHEMA(DefinedNamespace):
    """The schema.org terms the project uses; closed, so a misspelt term fails at import
    instead of matching nothing (rdflib's own vocabularies do the same)."""

    _fail = True
    _NS = Namespace("https://schema.org/")

    Country: URIRef
    NewsArticle: URIRef
    Organization: URIRef
    Person: URIRef
    datePublished: URIRef
    description: URIRef
    headline: URIRef
    identifier: URIRef
    name: URIRef
    text: URIRef
    url: URIRef


#: Entities (people, organisations, policies...): ID[f"{type}/{slug}"].
ID = Namespace(BASE + "id/")
#: Topic concepts of the SKOS scheme: TOPIC[slug].
TOPIC = Namespace(BASE + "topic/")
#: Articles and the nodes minted inside them: ARTICLE[hash], ARTICLE[f"{hash}/event/3"].
ARTICLE = Namespace(BASE + "article/")
#: Named graphs: GRAPH["article/<hash>"], GRAPH.entities, GRAPH.ontology.
GRAPH = Namespace(BASE + "graph/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")

ENTITIES_GRAPH = GRAPH["entities"]
ONTOLOGY_GRAPH = GRAPH["ontology"]

#: Prefixes bound on every store and export (oxrdflib keeps bindings only in memory).
PREFIXES: dict[str, str] = {
    "aikg": str(AIKG._NS),
    "id": str(ID),
    "topic": str(TOPIC),
    "article": str(ARTICLE),
    "graph": str(GRAPH),
    "wd": str(WIKIDATA),
    "schema": str(SCHEMA._NS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "owl": str(OWL),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "sh": str(SH),
}
#: One prefix per entity type (`person:li-qiang`): the exports write entity IRIs with them
#: (kg.store.serialize), so what a reader copies from an export parses as a query.
ENTITY_TYPE_PREFIXES: dict[str, str] = {kind: f"{ID}{kind}/" for kind in (
    "person", "company", "government", "alliance", "country", "policy")}
#: The one prefix map of queries: the store's prefixes, the entity types' and rdf: (left out
#: of exports, where Turtle's `a` says it). kg.sparql, kg.index, both stores and the /sparql
#: endpoint pre-bind it.
QUERY_PREFIXES: dict[str, str] = {"rdf": str(RDF), **PREFIXES, **ENTITY_TYPE_PREFIXES}
