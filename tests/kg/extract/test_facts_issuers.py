"""issuedBy: co-issuers joined by "together with" / "along with" and the bodies a group noun
lists ("six other agencies: A, B and C"); a policy word set off by a comma before a named
policy is that policy, even when the parser makes the two phrases twin subjects. Sentences
written for these tests, in several voices."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article, Extraction

CN_GOV = "government/government-of-china"
MOFCOM = "government/ministry-of-commerce-of-china"
MFA = "government/ministry-of-foreign-affairs-of-china"
COMMERCE = "government/us-department-of-commerce"
ENTITY_LIST = "policy/entity-list"


def run(nlp: Language, text: str) -> Extraction:
    article = Article(id="t", title="", text=text, date=dt.date(2025, 3, 4))
    return extract_article(article, nlp=nlp)


def issued(extraction: Extraction) -> dict[str, set[str]]:
    """Policy label -> its issuers."""
    labels = {e.id: e.label for e in extraction.entities if e.type == "Policy"}
    out: dict[str, set[str]] = {}
    for fact in extraction.facts:
        if fact.predicate == "issuedBy" and fact.subject in labels:
            out.setdefault(labels[fact.subject], set()).add(fact.object)
    return out


@pytest.mark.parametrize(("text", "expected"), [
    # ministry release: a group noun and a colon list
    ("The new export rules were issued on Monday by the Ministry of Commerce together with "
     "two other agencies: the Foreign Ministry and the Commerce Department.",
     {MOFCOM, MFA, COMMERCE}),
    # wire: "along with" and a plain conjunct
    ("The export control rules were published by the Ministry of Commerce along with the "
     "Foreign Ministry.", {MOFCOM, MFA}),
])
def test_every_co_issuer_is_an_issuer(nlp: Language, text: str, expected: set[str]) -> None:
    assert set().union(*issued(run(nlp, text)).values()) == expected


def test_a_group_noun_without_names_adds_no_issuer(nlp: Language) -> None:
    text = ("The export control rules were issued by the Ministry of Commerce together with "
            "several other agencies.")
    assert list(issued(run(nlp, text)).values()) == [{MOFCOM}]


def test_a_policy_word_before_a_named_policy_is_that_policy(nlp: Language) -> None:
    text = ("The blacklist at the heart of the dispute, the Entity List, was expanded on "
            "Monday by the Commerce Department.")
    extraction = run(nlp, text)
    assert issued(extraction) == {"Entity List": {COMMERCE}}
    aliases = next(e.aliases for e in extraction.entities if e.id == ENTITY_LIST)
    assert "blacklist" in aliases


@pytest.mark.parametrize(("text", "expected"), [
    # state media: the announcing body of the same nation
    ("China will levy an additional tariff on U.S. goods from April 10, the Ministry of "
     "Commerce announced on Friday.", {CN_GOV, MOFCOM}),
    # the announcer of another nation's measure is no issuer
    ("The United States will impose tariffs on Chinese goods, the Ministry of Commerce said.",
     {"government/government-of-the-united-states"}),
])
def test_a_body_announcing_its_nation_s_measure_issues_it(nlp: Language, text: str,
                                                          expected: set[str]) -> None:
    assert set().union(*issued(run(nlp, text)).values()) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The 78th session of the United Nations adopted the resolution on AI capacity-building.",
     {"alliance/united-nations"}),
    ("A plenary of the UN adopted a resolution on AI safety on Thursday.",
     {"alliance/united-nations"}),
    # a session with no body named is nobody
    ("The closing session adopted a resolution on AI safety on Thursday.", set()),
])
def test_a_sitting_of_a_body_acts_for_it(nlp: Language, text: str,
                                         expected: set[str]) -> None:
    assert set().union(set(), *issued(run(nlp, text)).values()) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a document named "... Plan" is no intention: the verb over it decides
    ("In July, the Ministry of Commerce issued the Robotics Industry Development Plan.",
     {MOFCOM}),
    ("The Ministry of Commerce may issue a Robotics Industry Development Plan next year.",
     set()),
])
def test_a_plan_s_name_is_no_intention(nlp: Language, text: str,
                                       expected: set[str]) -> None:
    assert set().union(set(), *issued(run(nlp, text)).values()) == expected
