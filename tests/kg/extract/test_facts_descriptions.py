"""Bodies described instead of named ("China's market regulator", "the watchdog"): linked to
the known body whose gazetteer description says so (kg/extract/linking.py), on sentences
written for these tests, over a gazetteer of their own that carries descriptions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.gazetteer import load_gazetteer
from kg.models import Article, Extraction
from kg.nlp import build_pipeline, load_model

ENTITIES_TTL = """\
@prefix aikg: <https://w3id.org/aikg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix company: <https://w3id.org/aikg/id/company/> .
@prefix government: <https://w3id.org/aikg/id/government/> .
@prefix country: <https://w3id.org/aikg/id/country/> .

company:nvidia a aikg:Company ; rdfs:label "Nvidia" .
company:qualcomm a aikg:Company ; rdfs:label "Qualcomm" .
country:china a aikg:Country ; rdfs:label "China" ; skos:hiddenLabel "Chinese" .
country:united-states a aikg:Country ; rdfs:label "United States" ;
    skos:altLabel "US", "U.S." ; skos:hiddenLabel "American" .
government:government-of-china a aikg:Government ; rdfs:label "Government of China" ;
    skos:altLabel "China", "Beijing" .
government:government-of-the-united-states a aikg:Government ;
    rdfs:label "Government of the United States" ; skos:altLabel "US", "U.S.", "Washington" .
government:state-administration-for-market-regulation a aikg:Government ;
    rdfs:label "State Administration for Market Regulation" ; skos:altLabel "SAMR" ;
    aikg:partOf government:government-of-china ;
    rdfs:comment "China's market and antitrust regulator." .
government:cyberspace-administration-of-china a aikg:Government ;
    rdfs:label "Cyberspace Administration of China" ; skos:altLabel "CAC" ;
    aikg:partOf government:government-of-china ;
    rdfs:comment "China's internet regulator, which approves generative AI services." .
government:securities-and-exchange-commission a aikg:Government ;
    rdfs:label "Securities and Exchange Commission" ; skos:altLabel "SEC" ;
    aikg:partOf government:government-of-the-united-states ;
    rdfs:comment "US securities regulator." .
"""

TOPICS_TTL = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix topic: <https://w3id.org/aikg/topic/> .
topic:ai skos:prefLabel "AI" ; skos:hiddenLabel "ai" .
"""

SAMR = "government/state-administration-for-market-regulation"
CAC = "government/cyberspace-administration-of-china"
SEC = "government/securities-and-exchange-commission"


@pytest.fixture(scope="module")
def described_nlp(tmp_path_factory: pytest.TempPathFactory) -> Language:
    directory: Path = tmp_path_factory.mktemp("described")
    (directory / "entities.ttl").write_text(ENTITIES_TTL, encoding="utf-8")
    (directory / "topics.ttl").write_text(TOPICS_TTL, encoding="utf-8")
    gazetteer = load_gazetteer(directory / "entities.ttl", directory / "topics.ttl")
    return build_pipeline(load_model(), gazetteer)


def run(nlp: Language, text: str) -> Extraction:
    article = Article(id="t", title="", text=text, date=dt.date(2025, 3, 4))
    return extract_article(article, nlp=nlp)


def issuers(extraction: Extraction) -> set[str]:
    return {f.object for f in extraction.facts if f.predicate == "issuedBy"}


@pytest.mark.parametrize(("text", "body"), [
    # wire: possessive nation, one describing word
    ("China's market regulator on Monday opened an investigation into Qualcomm.", SAMR),
    # tech press: adjective nation, a rank word, "watchdog" for "regulator"
    ("The powerful Chinese internet watchdog has launched a probe into Nvidia.", CAC),
    # state media: the city metonym as the nation
    ("Beijing's antitrust regulator started an investigation into Nvidia last week.", SAMR),
    # another nation's body
    ("The U.S. securities regulator imposed a fine on Nvidia in 2022.", SEC),
])
def test_a_described_body_is_the_known_body(described_nlp: Language, text: str,
                                            body: str) -> None:
    assert body in issuers(run(described_nlp, text))


@pytest.mark.parametrize("text", [
    # two bodies of the nation are regulators: no single one is meant
    "China's regulator opened an investigation into Qualcomm on Monday.",
    # no body of that nation is described so
    "The Chinese banking regulator opened an investigation into Qualcomm.",
    # a nation whose bodies the gazetteer does not describe
    "The American internet regulator opened an investigation into Qualcomm.",
])
def test_no_body_without_one_matching_description(described_nlp: Language, text: str) -> None:
    assert not issuers(run(described_nlp, text)) & {SAMR, CAC, SEC}


def test_the_regulator_refers_back_to_the_body_so_described(described_nlp: Language) -> None:
    text = ("The State Administration for Market Regulation met Nvidia on Monday. "
            "The regulator later imposed a fine on Qualcomm.")
    extraction = run(described_nlp, text)
    assert (SAMR in issuers(extraction)) and any(
        f.predicate == "targets" and f.object == "company/qualcomm" for f in extraction.facts)
