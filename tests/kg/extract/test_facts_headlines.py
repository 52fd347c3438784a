"""A headline's policy word is the body's policy of the same sort (kg/extract/policy/
_resolve_headlines): it adds the headline's issuer and targets to that policy, and mints
no policy of its own. Articles written for these tests, in several voices."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article, Extraction

US_GOV = "government/government-of-the-united-states"
CN_GOV = "government/government-of-china"
MOFCOM = "government/ministry-of-commerce-of-china"
COMMERCE = "government/us-department-of-commerce"
NVIDIA = "company/nvidia"


def run(nlp: Language, title: str, body: str) -> Extraction:
    article = Article(id="t", title=title, text=f"{title}\n\n{body}", date=dt.date(2025, 3, 4))
    return extract_article(article, nlp=nlp)


def policy_facts(extraction: Extraction) -> dict[str, set[tuple[str, str]]]:
    """Policy label -> its (predicate, object) facts."""
    labels = {e.id: e.label for e in extraction.entities if e.type == "Policy"}
    out: dict[str, set[tuple[str, str]]] = {label: set() for label in labels.values()}
    for fact in extraction.facts:
        if fact.subject in labels:
            out[labels[fact.subject]].add((fact.predicate, fact.object))
    return out


@pytest.mark.parametrize(("title", "body", "expected"), [
    # wire: the headline names the nation, the body the ministry and another word
    ("China opens probe into Nvidia as chip feud deepens",
     "BEIJING, March 4 -- The Ministry of Commerce on Tuesday launched an investigation "
     "into the U.S. chipmaker Nvidia, officials said.",
     {("issuedBy", CN_GOV), ("issuedBy", MOFCOM), ("targets", NVIDIA)}),
    # tech press: "curbs" in the headline, "restrictions" in the body
    ("U.S. tightens chip curbs on Nvidia",
     "The Commerce Department on Monday announced restrictions that hit Nvidia hardest.",
     {("issuedBy", US_GOV), ("issuedBy", COMMERCE), ("targets", NVIDIA)}),
])
def test_the_headline_phrase_is_the_body_policy_of_its_sort(
    nlp: Language, title: str, body: str, expected: set[tuple[str, str]]
) -> None:
    found = policy_facts(run(nlp, title, body))
    assert list(found.values()) == [expected]


def test_a_headline_policy_of_another_sort_or_nation_stays_out(nlp: Language) -> None:
    # the headline's tariffs are no restriction; its U.S. ban is not China's ban
    extraction = run(nlp, "U.S. ban on Nvidia sales and new tariffs anger Beijing",
                     "The Ministry of Commerce imposed a ban on exports of gallium to the "
                     "United States on Tuesday.")
    assert list(policy_facts(extraction).values()) == [
        {("issuedBy", MOFCOM), ("targets", "country/united-states")}]


def test_a_headline_target_the_body_never_names_is_left_out(nlp: Language) -> None:
    # capitals in a headline mark no names ("Sensitive Technologies" is no company)
    extraction = run(nlp, "Beijing Opens Probe Into Tencent",
                     "The Ministry of Commerce opened an investigation into Nvidia.")
    assert list(policy_facts(extraction).values()) == [
        {("issuedBy", CN_GOV), ("issuedBy", MOFCOM), ("targets", NVIDIA)}]


def test_a_headline_alone_makes_no_policy(nlp: Language) -> None:
    extraction = run(nlp, "China opens probe into Nvidia", "Shares of Nvidia fell 3% on Monday.")
    assert policy_facts(extraction) == {}
