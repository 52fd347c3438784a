"""roleIn a legislative chamber from the member's title ("Senator X", "U.S. Congresswoman
X"), with no partOf the nation for a chamber the gazetteer puts in Congress; sentences written
for these tests over a gazetteer of their own that knows the chambers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.gazetteer import load_gazetteer
from kg.models import Article
from kg.nlp import build_pipeline, load_model

ENTITIES_TTL = """\
@prefix aikg: <https://w3id.org/aikg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix government: <https://w3id.org/aikg/id/government/> .
@prefix country: <https://w3id.org/aikg/id/country/> .

country:united-states a aikg:Country ; rdfs:label "United States" ;
    skos:altLabel "US", "U.S." ; skos:hiddenLabel "American" .
country:china a aikg:Country ; rdfs:label "China" ; skos:hiddenLabel "Chinese" .
government:government-of-china a aikg:Government ; rdfs:label "Government of China" ;
    skos:altLabel "China", "Beijing" .
government:government-of-the-united-states a aikg:Government ;
    rdfs:label "Government of the United States" ; skos:altLabel "US", "U.S.", "Washington" .
government:united-states-congress a aikg:Government ; rdfs:label "United States Congress" ;
    skos:altLabel "Congress" ; aikg:partOf government:government-of-the-united-states .
government:united-states-senate a aikg:Government ; rdfs:label "United States Senate" ;
    skos:altLabel "U.S. Senate", "Senate" ; aikg:partOf government:united-states-congress .
government:united-states-house-of-representatives a aikg:Government ;
    rdfs:label "United States House of Representatives" ;
    skos:altLabel "House of Representatives" ; aikg:partOf government:united-states-congress .
"""

TOPICS_TTL = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix topic: <https://w3id.org/aikg/topic/> .
topic:ai skos:prefLabel "AI" ; skos:hiddenLabel "ai" .
"""

SENATE = "government/united-states-senate"
HOUSE = "government/united-states-house-of-representatives"


@pytest.fixture(scope="module")
def chamber_nlp(tmp_path_factory: pytest.TempPathFactory) -> Language:
    directory: Path = tmp_path_factory.mktemp("chambers")
    (directory / "entities.ttl").write_text(ENTITIES_TTL, encoding="utf-8")
    (directory / "topics.ttl").write_text(TOPICS_TTL, encoding="utf-8")
    gazetteer = load_gazetteer(directory / "entities.ttl", directory / "topics.ttl")
    return build_pipeline(load_model(), gazetteer)


def structure(nlp: Language, text: str) -> set[tuple[str, str, str]]:
    article = Article(id="c", title="", text=text, date=dt.date(2025, 3, 4))
    return {(f.subject, f.predicate, f.object) for f in extract_article(article, nlp=nlp).facts
            if f.predicate in ("roleIn", "partOf")}


@pytest.mark.parametrize(("text", "expected"), [
    # tech press: the nation on the title, no partOf the nation for the chamber
    ("In May, U.S. Senator Tom Harlow introduced a bill on chip tracking.",
     {("person/tom-harlow", "roleIn", SENATE)}),
    # live blog: the bare title
    ("12:15 p.m. -- Senator Ada Quill said the app should be banned.",
     {("person/ada-quill", "roleIn", SENATE)}),
    # wire: the other chamber
    ("Congresswoman Mary Vale met Chinese diplomats in Washington on Friday.",
     {("person/mary-vale", "roleIn", HOUSE)}),
    # hearing summary: "Representative" is a member of the House (found by heldout3)
    ("Representative Dan Orrin pressed the department to close the loophole.",
     {("person/dan-orrin", "roleIn", HOUSE)}),
])
def test_a_member_title_names_the_chamber(chamber_nlp: Language, text: str,
                                          expected: set[tuple[str, str, str]]) -> None:
    assert structure(chamber_nlp, text) == expected


@pytest.mark.parametrize("text", [
    # a former member has no role (ruling 1)
    "Former Senator Tom Harlow said the app should be banned.",
    # no chamber of that nation is known
    "Chinese Senator Li Wen said the vote was unfair.",
    # a company's representative, a trade representative: no chamber
    "A Huawei representative, Li Wen, said the company would comply.",
    "Trade Representative Dan Orrin said the tariffs would stay.",
])
def test_no_chamber_role_without_a_current_known_chamber(chamber_nlp: Language,
                                                        text: str) -> None:
    assert not {o for _, p, o in structure(chamber_nlp, text) if p == "roleIn"} & {SENATE, HOUSE}
