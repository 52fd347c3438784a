"""Shared fixtures: a small inline gazetteer and the spaCy pipeline, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from kg.gazetteer import Gazetteer, load_gazetteer
from kg.nlp import build_pipeline, load_model

#: A few entities in the format of ontology/entities.ttl, so rule tests do not depend on it.
ENTITIES_TTL = """\
@prefix aikg: <https://w3id.org/aikg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix company: <https://w3id.org/aikg/id/company/> .
@prefix government: <https://w3id.org/aikg/id/government/> .
@prefix country: <https://w3id.org/aikg/id/country/> .
@prefix alliance: <https://w3id.org/aikg/id/alliance/> .
@prefix person: <https://w3id.org/aikg/id/person/> .
@prefix policy: <https://w3id.org/aikg/id/policy/> .

company:baidu a aikg:Company ; rdfs:label "Baidu" ; owl:sameAs wd:Q14772 .
company:tencent a aikg:Company ; rdfs:label "Tencent" ; skos:altLabel "Tencent Holdings" .
company:nvidia a aikg:Company ; rdfs:label "Nvidia" ; skos:altLabel "NVIDIA" .
company:samsung a aikg:Company ; rdfs:label "Samsung Electronics" ; skos:altLabel "Samsung" .
company:google a aikg:Company ; rdfs:label "Google" .
company:sensetime a aikg:Company ; rdfs:label "SenseTime" .
company:anthropic a aikg:Company ; rdfs:label "Anthropic" .
company:amazon a aikg:Company ; rdfs:label "Amazon" .
alliance:partnership-on-ai a aikg:Alliance ; rdfs:label "Partnership on AI" ;
    skos:altLabel "PAI" .
alliance:united-nations a aikg:Alliance ; rdfs:label "United Nations" ; skos:altLabel "UN" .
country:china a aikg:Country ; rdfs:label "China" ; skos:altLabel "PRC" ;
    skos:hiddenLabel "Chinese" ; owl:sameAs wd:Q148 .
country:united-states a aikg:Country ; rdfs:label "United States" ;
    skos:altLabel "US", "U.S.", "USA", "America" ; skos:hiddenLabel "American", "US" .
country:netherlands a aikg:Country ; rdfs:label "Netherlands" ; skos:hiddenLabel "Dutch" .
country:south-korea a aikg:Country ; rdfs:label "South Korea" ; skos:hiddenLabel "South Korean" .
government:government-of-china a aikg:Government ; rdfs:label "Government of China" ;
    skos:altLabel "China", "PRC", "Beijing", "Chinese government" .
government:government-of-the-united-states a aikg:Government ;
    rdfs:label "Government of the United States" ;
    skos:altLabel "US", "U.S.", "United States", "Washington", "US government" ;
    owl:sameAs wd:Q48525 .
government:ministry-of-foreign-affairs-of-china a aikg:Government ;
    rdfs:label "Ministry of Foreign Affairs of China" ;
    skos:altLabel "Foreign Ministry", "Chinese Foreign Ministry" ;
    aikg:partOf government:government-of-china .
government:ministry-of-commerce-of-china a aikg:Government ;
    rdfs:label "Ministry of Commerce of China" ; skos:altLabel "Ministry of Commerce", "MOFCOM" ;
    aikg:partOf government:government-of-china .
government:us-department-of-commerce a aikg:Government ;
    rdfs:label "US Department of Commerce" ;
    skos:altLabel "Commerce Department", "Department of Commerce" ;
    aikg:partOf government:government-of-the-united-states .
person:xi-jinping a aikg:Person ; rdfs:label "Xi Jinping" ;
    rdfs:comment "General Secretary of the Chinese Communist Party and President of China." .
person:gina-raimondo a aikg:Person ; rdfs:label "Gina Raimondo" ;
    rdfs:comment "US Secretary of Commerce (2021–2025)." .
policy:entity-list a aikg:Policy ; rdfs:label "Entity List" ;
    aikg:issuedBy government:us-department-of-commerce .
"""

TOPICS_TTL = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix topic: <https://w3id.org/aikg/topic/> .

topic:ai skos:prefLabel "AI" ; skos:hiddenLabel "artificial intelligence", "ai" .
topic:semiconductors skos:prefLabel "semiconductors" ;
    skos:hiddenLabel "chip", "chips", "semiconductor", "chipmaker" .
topic:export-controls skos:prefLabel "export controls" ;
    skos:hiddenLabel "export controls", "export curbs", "entity list" .
topic:trade skos:prefLabel "trade" ; skos:hiddenLabel "trade", "tariffs" .
"""


@pytest.fixture(scope="session")
def ontology_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("ontology")
    (directory / "entities.ttl").write_text(ENTITIES_TTL, encoding="utf-8")
    (directory / "topics.ttl").write_text(TOPICS_TTL, encoding="utf-8")
    return directory


@pytest.fixture(scope="session")
def gazetteer(ontology_dir: Path) -> Gazetteer:
    return load_gazetteer(ontology_dir / "entities.ttl", ontology_dir / "topics.ttl")


@pytest.fixture(scope="session")
def nlp(gazetteer: Gazetteer) -> Language:
    """The real pipeline (statistical model + components) over the fixture gazetteer."""
    return build_pipeline(load_model(), gazetteer)
