"""The ontology files: aikg.ttl in sync with kg.namespaces, gazetteer, topics and SHACL shapes."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pyshacl
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, SH, SKOS
from rdflib.term import Node

from kg.models import ENTITY_TYPES, slugify
from kg.namespaces import AIKG, ID, SCHEMA, TOPIC

REPO_ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_DIR = REPO_ROOT / "ontology"
GOLD_DIR = REPO_ROOT / "tests" / "gold"
ONTOLOGY_FILES = ("aikg.ttl", "shapes.ttl", "topics.ttl", "entities.ttl")

TOPIC_SCHEME = TOPIC["scheme"]
WIKIDATA_PREFIX = "http://www.wikidata.org/entity/Q"
ENTITY_CLASSES: dict[Node, str] = {AIKG[name]: name for name in ENTITY_TYPES}
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
FOAF = Namespace("http://xmlns.com/foaf/0.1/")


def parse(name: str) -> Graph:
    return Graph().parse(ONTOLOGY_DIR / name, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return parse("aikg.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return parse("shapes.ttl")


@pytest.fixture(scope="module")
def topics() -> Graph:
    return parse("topics.ttl")


@pytest.fixture(scope="module")
def entities() -> Graph:
    return parse("entities.ttl")


def aikg_terms() -> set[str]:
    return set(AIKG.__annotations__)


def declared_terms(ontology: Graph) -> dict[str, set[Node]]:
    """Local name -> rdf:types of every aikg: term the ontology declares."""
    declared: dict[str, set[Node]] = defaultdict(set)
    namespace = str(AIKG._NS)
    for term, kind in ontology.subject_objects(RDF.type):
        if isinstance(term, URIRef) and str(term).startswith(namespace):
            declared[str(term)[len(namespace):]].add(kind)
    return declared


def gazetteer_entities(entities: Graph) -> list[URIRef]:
    return sorted({s for s in entities.subjects() if isinstance(s, URIRef)})


def surface_forms(entities: Graph, entity: Node) -> set[str]:
    return {str(o) for p in (RDFS.label, SKOS.altLabel) for o in entities.objects(entity, p)}


def topic_concepts(topics: Graph) -> list[URIRef]:
    return sorted(t for t in topics.subjects(RDF.type, AIKG.Topic) if isinstance(t, URIRef))


# --- every file parses ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ONTOLOGY_FILES)
def test_ontology_file_parses(name: str) -> None:
    assert len(parse(name)) > 50


# --- aikg.ttl and kg.namespaces.AIKG -------------------------------------------------------


def test_every_namespace_term_is_declared(ontology: Graph) -> None:
    assert aikg_terms() - set(declared_terms(ontology)) == set()


def test_every_declared_term_is_in_the_namespace(ontology: Graph) -> None:
    assert set(declared_terms(ontology)) - aikg_terms() == set()


@pytest.mark.parametrize("name", sorted(aikg_terms()))
def test_term_is_a_class_or_a_property_with_label_and_comment(ontology: Graph, name: str) -> None:
    term = AIKG[name]
    kinds = set(ontology.objects(term, RDF.type))
    if name[0].isupper():
        assert OWL.Class in kinds
    else:
        assert kinds & set(PROPERTY_TYPES)
    assert ontology.value(term, RDFS.label) is not None
    assert ontology.value(term, RDFS.comment) is not None


DATA_PROPERTIES = sorted(n for n in aikg_terms() if n[0].islower() and n != "wikidata")


@pytest.mark.parametrize("name", DATA_PROPERTIES)
def test_object_and_datatype_properties_have_domain_and_range(ontology: Graph, name: str) -> None:
    term = AIKG[name]
    assert set(ontology.objects(term, RDF.type)) & {OWL.ObjectProperty, OWL.DatatypeProperty}
    assert ontology.value(term, RDFS.domain) is not None
    assert ontology.value(term, RDFS.range) is not None


def test_wikidata_is_an_annotation_property(ontology: Graph) -> None:
    # Entities link to Wikidata with owl:sameAs; aikg:wikidata is declared for completeness only.
    assert (AIKG.wikidata, RDF.type, OWL.AnnotationProperty) in ontology


@pytest.mark.parametrize(("child", "parent"), [
    (AIKG.Person, AIKG.Agent),
    (AIKG.Organization, AIKG.Agent),
    (AIKG.Company, AIKG.Organization),
    (AIKG.Government, AIKG.Organization),
    (AIKG.Alliance, AIKG.Organization),
    (AIKG.Meeting, AIKG.Event),
    (AIKG.Criticism, AIKG.Event),
    (AIKG.Demand, AIKG.Event),
    (AIKG.Proposal, AIKG.Event),
    (AIKG.Cooperation, AIKG.Event),
    (AIKG.Topic, SKOS.Concept),
    (AIKG.Article, SCHEMA.NewsArticle),
    (AIKG.FactStatement, RDF.Statement),
    (AIKG.Agent, PROV.Agent),
    (AIKG.Agent, FOAF.Agent),
    (AIKG.Person, SCHEMA.Person),
    (AIKG.Organization, SCHEMA.Organization),
    (AIKG.Country, SCHEMA.Country),
])
def test_subclass_links(ontology: Graph, child: URIRef, parent: URIRef) -> None:
    assert (child, RDFS.subClassOf, parent) in ontology


@pytest.mark.parametrize(("prop", "domain", "range_"), [
    (AIKG.memberOf, AIKG.Organization, AIKG.Alliance),
    (AIKG.withdrewFrom, AIKG.Organization, AIKG.Alliance),
    (AIKG.roleIn, AIKG.Person, AIKG.Organization),
    (AIKG.partOf, AIKG.Government, AIKG.Government),
    (AIKG.basedIn, AIKG.Company, AIKG.Country),
    (AIKG.issuedBy, AIKG.Policy, AIKG.Government),
    (AIKG.investsIn, AIKG.Company, AIKG.Company),
    (AIKG.topic, AIKG.Event, AIKG.Topic),
    (AIKG.evidence, None, AIKG.Evidence),
    (AIKG.confidence, None, URIRef("http://www.w3.org/2001/XMLSchema#decimal")),
    (AIKG.startOffset, AIKG.Evidence, URIRef("http://www.w3.org/2001/XMLSchema#integer")),
    (AIKG.ingestedAt, AIKG.Article, URIRef("http://www.w3.org/2001/XMLSchema#dateTime")),
])
def test_relation_domains_and_ranges(
    ontology: Graph, prop: URIRef, domain: URIRef | None, range_: URIRef
) -> None:
    if domain is not None:
        assert ontology.value(prop, RDFS.domain) == domain
    assert ontology.value(prop, RDFS.range) == range_


# --- the gazetteer (entities.ttl) ----------------------------------------------------------


def test_gazetteer_has_at_least_200_entities(entities: Graph) -> None:
    assert len(gazetteer_entities(entities)) >= 200


@pytest.mark.parametrize("entity_type", ENTITY_TYPES)
def test_gazetteer_covers_every_entity_type(entities: Graph, entity_type: str) -> None:
    assert len(set(entities.subjects(RDF.type, AIKG[entity_type]))) >= 10


def test_each_entity_has_one_type_one_label_and_a_slug_iri(entities: Graph) -> None:
    problems = []
    for entity in gazetteer_entities(entities):
        types = [ENTITY_CLASSES[t] for t in entities.objects(entity, RDF.type)
                 if t in ENTITY_CLASSES]
        labels = list(entities.objects(entity, RDFS.label))
        if len(types) != 1 or len(labels) != 1:
            problems.append(f"{entity}: types {types}, labels {labels}")
            continue
        label = labels[0]
        assert isinstance(label, Literal)
        if label.language is not None or label.datatype is not None:
            problems.append(f"{entity}: label {label!r} is not a plain literal")
        expected = ID[f"{types[0].lower()}/{slugify(str(label))}"]
        if entity != expected:
            problems.append(f"{entity}: expected {expected} from label {str(label)!r}")
    assert problems == []


def test_no_surface_form_is_shared_except_by_a_country_and_its_government(entities: Graph) -> None:
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for entity in gazetteer_entities(entities):
        for form in surface_forms(entities, entity):
            owners[form.casefold()].add(entity)
    shared = {}
    for form, holders in owners.items():
        if len(holders) < 2:
            continue
        types = sorted(ENTITY_CLASSES.get(kind, str(kind))
                       for holder in holders for kind in entities.objects(holder, RDF.type))
        national = all(entities.value(holder, AIKG.partOf) is None for holder in holders)
        if types != ["Country", "Government"] or not national:
            shared[form] = sorted(map(str, holders))
    assert shared == {}


@pytest.mark.parametrize(("surface", "expected"), [
    ("Beijing", {"government/government-of-china"}),
    ("Washington", {"government/government-of-the-united-states"}),
    ("China", {"country/china", "government/government-of-china"}),
    ("U.S.", {"country/united-states", "government/government-of-the-united-states"}),
    ("MOFCOM", {"government/ministry-of-commerce-of-china"}),
    ("商务部", {"government/ministry-of-commerce-of-china"}),
    ("Chinese Foreign Ministry", {"government/ministry-of-foreign-affairs-of-china"}),
    ("BIS", {"government/bureau-of-industry-and-security"}),
    ("Pentagon", {"government/us-department-of-defense"}),
    ("Partnership for AI", {"alliance/partnership-on-ai"}),
    ("WAICO", {"alliance/world-ai-cooperation-organization"}),
    ("Entities list", {"policy/entity-list"}),
    ("Alibaba", {"company/alibaba-group"}),
    ("百度", {"company/baidu"}),
    ("TSMC", {"company/tsmc"}),
    ("Joseph R. Biden", {"person/joe-biden"}),
])
def test_surface_forms_resolve(entities: Graph, surface: str, expected: set[str]) -> None:
    found = {
        str(entity)[len(str(ID)):]
        for entity in gazetteer_entities(entities)
        if surface.casefold() in {form.casefold() for form in surface_forms(entities, entity)}
    }
    assert found == expected


def test_people_have_no_bare_surname_alias(entities: Graph) -> None:
    # The extractor links surnames within an article; a one-word Latin alias would be one.
    one_word = {
        (str(person), str(alias))
        for person in entities.subjects(RDF.type, AIKG.Person)
        for alias in entities.objects(person, SKOS.altLabel)
        if str(alias).isascii() and " " not in str(alias)
    }
    assert one_word == set()


def national_governments(entities: Graph) -> set[Node]:
    """Top-level governments that share a name with a Country (how the extractor pairs them)."""
    country_forms = {
        form.casefold()
        for country in entities.subjects(RDF.type, AIKG.Country)
        for form in surface_forms(entities, country)
    }
    return {
        government
        for government in entities.subjects(RDF.type, AIKG.Government)
        if entities.value(government, AIKG.partOf) is None
        and {f.casefold() for f in surface_forms(entities, government)} & country_forms
    }


def test_government_bodies_point_at_known_governments(entities: Graph) -> None:
    for body, parent in entities.subject_objects(AIKG.partOf):
        assert (body, RDF.type, AIKG.Government) in entities
        assert (parent, RDF.type, AIKG.Government) in entities, f"{body} partOf unknown {parent}"


def test_part_of_chains_end_at_a_national_government(entities: Graph) -> None:
    # The ruling party is the one top-level Government that is not a national government.
    tops = national_governments(entities) | {ID["government/chinese-communist-party"]}
    for body in set(entities.subjects(AIKG.partOf, None)):
        chain = [body]
        while (parent := entities.value(chain[-1], AIKG.partOf)) is not None:
            assert parent not in chain, f"partOf cycle: {chain}"
            chain.append(parent)
        assert chain[-1] in tops, chain


@pytest.mark.parametrize(("country", "government"), [
    ("china", "government-of-china"),
    ("united-states", "government-of-the-united-states"),
    ("taiwan", "government-of-taiwan"),
    ("netherlands", "government-of-the-netherlands"),
    ("japan", "government-of-japan"),
    ("south-korea", "government-of-south-korea"),
])
def test_country_and_national_government_share_a_name(
    entities: Graph, country: str, government: str
) -> None:
    assert ID[f"government/{government}"] in national_governments(entities)
    shared = surface_forms(entities, ID[f"country/{country}"]) & surface_forms(
        entities, ID[f"government/{government}"])
    assert shared


def test_policies_are_issued_by_known_governments(entities: Graph) -> None:
    for policy, issuer in entities.subject_objects(AIKG.issuedBy):
        assert (policy, RDF.type, AIKG.Policy) in entities
        assert (issuer, RDF.type, AIKG.Government) in entities, f"{policy} by unknown {issuer}"


def test_gazetteer_asserts_no_roles_memberships_or_events(entities: Graph) -> None:
    allowed = {RDF.type, RDFS.label, RDFS.comment, SKOS.altLabel, SKOS.hiddenLabel, OWL.sameAs,
               AIKG.partOf, AIKG.issuedBy}
    assert set(entities.predicates()) - allowed == set()


def test_wikidata_links_are_entity_iris_used_once(entities: Graph) -> None:
    holders: dict[Node, list[Node]] = defaultdict(list)
    for entity, same in entities.subject_objects(OWL.sameAs):
        assert str(same).startswith(WIKIDATA_PREFIX) and str(same)[len(WIKIDATA_PREFIX):].isdigit()
        holders[same].append(entity)
    assert {str(q): e for q, e in holders.items() if len(e) > 1} == {}
    assert len(holders) >= 50


@pytest.mark.parametrize(("entity", "qid"), [
    ("country/china", "Q148"),
    ("country/united-states", "Q30"),
    ("government/government-of-the-united-states", "Q48525"),
    ("company/baidu", "Q14772"),
    ("company/huawei", "Q160120"),
    ("person/xi-jinping", "Q15031"),
])
def test_known_wikidata_links(entities: Graph, entity: str, qid: str) -> None:
    assert entities.value(ID[entity], OWL.sameAs) == URIRef(f"http://www.wikidata.org/entity/{qid}")


def test_countries_carry_demonyms(entities: Graph) -> None:
    for country in entities.subjects(RDF.type, AIKG.Country):
        assert list(entities.objects(country, SKOS.hiddenLabel)), country
    china = ID["country/china"]
    assert Literal("Chinese") in set(entities.objects(china, SKOS.hiddenLabel))


# --- topics.ttl ----------------------------------------------------------------------------


def test_topic_scheme(topics: Graph) -> None:
    assert (TOPIC_SCHEME, RDF.type, SKOS.ConceptScheme) in topics
    assert len(topic_concepts(topics)) >= 19


def test_each_topic_has_a_pref_label_keywords_and_a_slug_iri(topics: Graph) -> None:
    problems = []
    for topic in topic_concepts(topics):
        labels = list(topics.objects(topic, SKOS.prefLabel))
        keywords = [str(k) for k in topics.objects(topic, SKOS.hiddenLabel)]
        if len(labels) != 1 or len(keywords) < 3:
            problems.append(f"{topic}: {len(labels)} prefLabels, {len(keywords)} hiddenLabels")
            continue
        label = str(labels[0])
        if topic != TOPIC[slugify(label)]:
            problems.append(f"{topic}: expected {TOPIC[slugify(label)]}")
        if (topic, RDF.type, SKOS.Concept) not in topics:
            problems.append(f"{topic}: not a skos:Concept")
        if (topic, SKOS.inScheme, TOPIC_SCHEME) not in topics:
            problems.append(f"{topic}: not in the scheme")
        if any(k != k.lower() or k == label for k in keywords):
            problems.append(f"{topic}: keywords must be lower-case and differ from the prefLabel")
    assert problems == []


@pytest.mark.parametrize("label", [
    "AI", "AI safety", "AI governance", "semiconductors", "export controls", "trade", "5G",
    "open-source AI", "military AI", "data privacy", "human rights", "investment",
    "national security", "technological protectionism", "COVID-19", "digital economy",
    "sanctions", "cybersecurity", "telecommunications",
])
def test_required_topics_exist(topics: Graph, label: str) -> None:
    assert (TOPIC[slugify(label)], SKOS.prefLabel, Literal(label)) in topics


def test_every_gold_topic_is_in_the_scheme(topics: Graph) -> None:
    labels = {str(label) for label in topics.objects(None, SKOS.prefLabel)}
    used = {
        topic
        for path in [*GOLD_DIR.glob("*.json"), *GOLD_DIR.glob("dev/gold/*.json")]
        for event in json.loads(path.read_text(encoding="utf-8"))["events"]
        for topic in event.get("topics", ())
    }
    assert used and used - labels == set()


@pytest.mark.parametrize(("child", "parent"), [
    ("ai-safety", "ai"), ("ai-governance", "ai"), ("military-ai", "ai"), ("open-source-ai", "ai"),
    ("5g", "telecommunications"),
])
def test_topic_hierarchy(topics: Graph, child: str, parent: str) -> None:
    assert (TOPIC[child], SKOS.broader, TOPIC[parent]) in topics


# --- SHACL ---------------------------------------------------------------------------------


def validate(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, set[tuple[str, str]]]:
    """pyshacl as kg.validate runs it; the (constraint component, path) of every result."""
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    results = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        component = str(report.value(result, SH.sourceConstraintComponent)).split("#")[-1]
        path = report.value(result, SH.resultPath)
        results.add((component, str(path).split("#")[-1].split("/")[-1] if path else ""))
    return bool(conforms), results


def test_gazetteer_topics_and_ontology_conform_to_the_shapes(
    ontology: Graph, shapes: Graph, topics: Graph, entities: Graph
) -> None:
    # The store's union holds the ontology graph (aikg, shapes, topics) and the entities graph.
    conforms, results = validate(ontology + shapes + topics + entities, shapes, ontology)
    assert conforms, sorted(results)


#: One article graph as kg.rdf writes it: typed entities, a fact with its statement, events.
ARTICLE_HASH = "0f1e2d3c4b5a69788796a5b4c3d2e1f0" * 2
ARTICLE = f"https://w3id.org/aikg/article/{ARTICLE_HASH}"
ARTICLE_TTL = f"""\
@prefix aikg: <https://w3id.org/aikg/ontology#> .
@prefix alliance: <https://w3id.org/aikg/id/alliance/> .
@prefix article: <https://w3id.org/aikg/article/> .
@prefix company: <https://w3id.org/aikg/id/company/> .
@prefix country: <https://w3id.org/aikg/id/country/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix government: <https://w3id.org/aikg/id/government/> .
@prefix person: <https://w3id.org/aikg/id/person/> .
@prefix policy: <https://w3id.org/aikg/id/policy/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix topic: <https://w3id.org/aikg/topic/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix evidence: <{ARTICLE}/evidence/> .
@prefix fact: <{ARTICLE}/fact/> .
@prefix event: <{ARTICLE}/event/> .

article:{ARTICLE_HASH}
    a aikg:Article , schema:NewsArticle ;
    schema:headline "Baidu leaves the Partnership on AI" ;
    schema:datePublished "2020-06-29"^^xsd:date ;
    schema:identifier "000_sample" ;
    dcterms:source "seeds/000_sample.txt" ;
    schema:text "Baidu will leave the Partnership on AI." ;
    aikg:contentHash "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0" ;
    aikg:ingestedAt "2024-05-14T08:00:00+00:00"^^xsd:dateTime .

company:baidu a aikg:Company ; rdfs:label "Baidu" .
company:microsoft a aikg:Company ; rdfs:label "Microsoft" .
company:openai a aikg:Company ; rdfs:label "OpenAI" .
company:huawei a aikg:Company ; rdfs:label "Huawei" .
alliance:partnership-on-ai a aikg:Alliance ; rdfs:label "Partnership on AI" .
alliance:world-ai-cooperation-organization a aikg:Alliance ;
    rdfs:label "World AI Cooperation Organization" .
country:china a aikg:Country ; rdfs:label "China" .
government:government-of-china a aikg:Government ; rdfs:label "Government of China" .
government:government-of-the-united-states a aikg:Government ;
    rdfs:label "Government of the United States" .
person:brad-smith a aikg:Person ; rdfs:label "Brad Smith" .
person:wang-wentao a aikg:Person ; rdfs:label "Wang Wentao" .
person:li-qiang a aikg:Person ; rdfs:label "Li Qiang" .
policy:entity-list a aikg:Policy ; rdfs:label "Entity List" .

company:baidu aikg:withdrewFrom alliance:partnership-on-ai ; aikg:basedIn country:china .
person:brad-smith aikg:roleIn company:microsoft .
company:microsoft aikg:investsIn company:openai .
policy:entity-list aikg:targets company:huawei ;
    aikg:issuedBy government:government-of-the-united-states .

evidence:0 a aikg:Evidence ;
    rdf:value "Baidu will leave the Partnership on AI." ;
    aikg:startOffset 0 ; aikg:endOffset 39 ;
    prov:wasDerivedFrom article:{ARTICLE_HASH} .

fact:0 a aikg:FactStatement ;
    rdf:subject company:baidu ; rdf:predicate aikg:withdrewFrom ;
    rdf:object alliance:partnership-on-ai ;
    aikg:date "2020-06"^^xsd:gYearMonth ;
    aikg:evidence evidence:0 ; aikg:confidence 0.9 ;
    prov:wasDerivedFrom article:{ARTICLE_HASH} .

fact:1 a aikg:FactStatement ;
    rdf:subject person:brad-smith ; rdf:predicate aikg:roleIn ; rdf:object company:microsoft ;
    aikg:title "President" ;
    aikg:evidence evidence:0 ; aikg:confidence 1.0 ;
    prov:wasDerivedFrom article:{ARTICLE_HASH} .

event:0 a aikg:Meeting ;
    rdfs:label "Meeting: Brad Smith, Wang Wentao" ;
    aikg:participant person:brad-smith , person:wang-wentao ;
    aikg:topic topic:ai , topic:trade ;
    aikg:date "2023-12-06"^^xsd:date ; aikg:location "Beijing" ;
    aikg:evidence evidence:0 ; aikg:confidence 0.8 ;
    prov:wasDerivedFrom article:{ARTICLE_HASH} .

event:1 a aikg:Demand ;
    aikg:actor government:government-of-china ;
    aikg:target government:government-of-the-united-states ;
    aikg:topic topic:technological-protectionism ;
    aikg:evidence evidence:0 ; aikg:confidence 0.7 ;
    prov:wasDerivedFrom article:{ARTICLE_HASH} .

event:2 a aikg:Proposal ;
    aikg:actor person:li-qiang ;
    aikg:proposed alliance:world-ai-cooperation-organization ;
    aikg:topic topic:ai-governance ;
    aikg:date "2025-07"^^xsd:gYearMonth ;
    aikg:evidence evidence:0 ; aikg:confidence 0.7 ;
    prov:wasDerivedFrom article:{ARTICLE_HASH} .
"""

UPDATE_PREFIXES = f"""\
PREFIX aikg: <{AIKG._NS}>
PREFIX person: <{ID}person/>
PREFIX company: <{ID}company/>
PREFIX country: <{ID}country/>
PREFIX government: <{ID}government/>
PREFIX alliance: <{ID}alliance/>
PREFIX policy: <{ID}policy/>
PREFIX agent: <{ID}agent/>
PREFIX topic: <{TOPIC}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX evidence: <{ARTICLE}/evidence/>
PREFIX fact: <{ARTICLE}/fact/>
PREFIX event: <{ARTICLE}/event/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


@pytest.fixture(scope="module")
def article_data(ontology: Graph, shapes: Graph, topics: Graph) -> Graph:
    """An article graph in a store-like union with the ontology, shapes and topics."""
    return ontology + shapes + topics + Graph().parse(data=ARTICLE_TTL, format="turtle")


def test_an_article_graph_as_kg_rdf_writes_it_conforms(
    article_data: Graph, shapes: Graph, ontology: Graph, entities: Graph
) -> None:
    conforms, results = validate(article_data + entities, shapes, ontology)
    assert conforms, sorted(results)


@pytest.mark.parametrize(("update", "expected"), [
    pytest.param("DELETE DATA { event:0 aikg:participant person:wang-wentao }",
                 ("MinCountConstraintComponent", "participant"), id="meeting-of-one"),
    pytest.param("INSERT DATA { event:0 aikg:participant country:china }",
                 ("NodeConstraintComponent", "participant"), id="country-as-participant"),
    pytest.param("INSERT DATA { event:0 aikg:actor person:brad-smith }",
                 ("MaxCountConstraintComponent", "actor"), id="meeting-with-actor"),
    pytest.param("INSERT DATA { event:1 aikg:actor person:li-qiang }",
                 ("MaxCountConstraintComponent", "actor"), id="demand-with-two-actors"),
    pytest.param("DELETE WHERE { event:1 aikg:target ?target }",
                 ("MinCountConstraintComponent", "target"), id="demand-without-target"),
    pytest.param("INSERT DATA { event:1 aikg:target country:china }",
                 ("NodeConstraintComponent", "target"), id="demand-targeting-a-country"),
    pytest.param("DELETE WHERE { event:2 aikg:proposed ?p } ;"
                 " INSERT DATA { event:2 aikg:proposed company:baidu }",
                 ("NodeConstraintComponent", "proposed"), id="proposal-of-a-company"),
    pytest.param("DELETE WHERE { event:0 aikg:confidence ?c } ;"
                 " INSERT DATA { event:0 aikg:confidence 1.5 }",
                 ("MaxInclusiveConstraintComponent", "confidence"), id="confidence-above-one"),
    pytest.param("DELETE WHERE { fact:0 aikg:confidence ?c } ;"
                 " INSERT DATA { fact:0 aikg:confidence \"0.9\"^^xsd:double }",
                 ("DatatypeConstraintComponent", "confidence"), id="confidence-as-double"),
    pytest.param("DELETE WHERE { event:0 aikg:evidence ?e }",
                 ("MinCountConstraintComponent", "evidence"), id="event-without-evidence"),
    pytest.param("DELETE WHERE { fact:1 prov:wasDerivedFrom ?a }",
                 ("MinCountConstraintComponent", "wasDerivedFrom"), id="fact-without-source"),
    pytest.param("DELETE WHERE { event:0 aikg:date ?d } ;"
                 " INSERT DATA { event:0 aikg:date \"2023-12-06\" }",
                 ("NodeConstraintComponent", "date"), id="date-as-plain-string"),
    pytest.param("INSERT DATA { event:0 aikg:topic topic:unknown-topic }",
                 ("ClassConstraintComponent", "topic"), id="topic-outside-the-scheme"),
    pytest.param("INSERT DATA { company:baidu aikg:basedIn government:government-of-china }",
                 ("ClassConstraintComponent", "basedIn"), id="based-in-a-government"),
    pytest.param("INSERT DATA { person:brad-smith aikg:roleIn country:china }",
                 ("NodeConstraintComponent", "roleIn"), id="role-in-a-country"),
    pytest.param("INSERT DATA { company:baidu aikg:memberOf company:microsoft }",
                 ("ClassConstraintComponent", "memberOf"), id="member-of-a-company"),
    pytest.param("INSERT DATA { company:baidu aikg:partOf government:government-of-china }",
                 ("ClassConstraintComponent", ""), id="company-part-of-a-government"),
    pytest.param("INSERT DATA { policy:entity-list aikg:issuedBy"
                 " alliance:partnership-on-ai }",
                 ("ClassConstraintComponent", "issuedBy"), id="issued-by-an-alliance"),
    pytest.param("INSERT DATA { policy:entity-list aikg:targets topic:ai }",
                 ("NodeConstraintComponent", "targets"), id="policy-targeting-a-topic"),
    pytest.param("INSERT DATA { company:microsoft aikg:investsIn person:li-qiang }",
                 ("ClassConstraintComponent", "investsIn"), id="invests-in-a-person"),
    pytest.param("DELETE DATA { company:baidu aikg:withdrewFrom alliance:partnership-on-ai }",
                 ("SPARQLConstraintComponent", ""), id="reified-fact-not-asserted"),
    pytest.param("DELETE WHERE { fact:0 rdf:predicate ?p } ;"
                 " INSERT DATA { fact:0 rdf:predicate aikg:topic ."
                 " company:baidu aikg:topic alliance:partnership-on-ai }",
                 ("InConstraintComponent", "predicate"), id="fact-outside-the-inventory"),
    pytest.param("DELETE WHERE { evidence:0 aikg:startOffset ?s } ;"
                 " INSERT DATA { evidence:0 aikg:startOffset 40 }",
                 ("LessThanConstraintComponent", "startOffset"), id="evidence-ends-before-start"),
    pytest.param("DELETE WHERE { evidence:0 rdf:value ?v }",
                 ("MinCountConstraintComponent", "value"), id="evidence-without-text"),
    pytest.param("DELETE WHERE { ?article aikg:contentHash ?h }",
                 ("MinCountConstraintComponent", "contentHash"), id="article-without-hash"),
    pytest.param("DELETE { ?article aikg:contentHash ?h }"
                 " INSERT { ?article aikg:contentHash \"ABC\" }"
                 " WHERE { ?article aikg:contentHash ?h }",
                 ("PatternConstraintComponent", "contentHash"), id="article-hash-not-sha256"),
    pytest.param("DELETE { ?article aikg:ingestedAt ?t }"
                 " INSERT { ?article aikg:ingestedAt \"2024-05-14\"^^xsd:date }"
                 " WHERE { ?article aikg:ingestedAt ?t }",
                 ("DatatypeConstraintComponent", "ingestedAt"), id="ingested-at-not-datetime"),
    pytest.param("INSERT DATA { company:acme a aikg:Company }",
                 ("MinCountConstraintComponent", "label"), id="entity-without-label"),
    pytest.param("INSERT DATA { company:baidu a aikg:Government }",
                 ("NotConstraintComponent", ""), id="entity-with-two-types"),
    pytest.param("INSERT DATA { company:baidu owl:sameAs <https://example.org/baidu> }",
                 ("PatternConstraintComponent", "sameAs"), id="same-as-outside-wikidata"),
    pytest.param("INSERT DATA { agent:someone a aikg:Agent ; rdfs:label \"Someone\" }",
                 ("NodeConstraintComponent", ""), id="abstract-agent"),
])
def test_shapes_catch_violations(
    article_data: Graph, shapes: Graph, ontology: Graph, update: str, expected: tuple[str, str]
) -> None:
    data = Graph() + article_data
    data.update(UPDATE_PREFIXES + update)
    conforms, results = validate(data, shapes, ontology)
    assert not conforms
    assert expected in results, sorted(results)
