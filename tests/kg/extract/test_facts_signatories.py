"""issuedBy for joint texts (ruling 15): "the ministerial statement adopted by 27 countries and
the EU", "X joined Y in endorsing the declaration", "the endorsers include A and B", and a
declaration "on" a subject that is no target. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article, Extraction

US_GOV = "government/government-of-the-united-states"
CN_GOV = "government/government-of-china"
NL_GOV = "government/government-of-netherlands"
UN = "alliance/united-nations"


def run(nlp: Language, text: str) -> Extraction:
    article = Article(id="t", title="", text=text, date=dt.date(2024, 5, 22))
    return extract_article(article, nlp=nlp)


def issued(extraction: Extraction) -> dict[str, set[str]]:
    labels = {e.id: e.label for e in extraction.entities if e.type == "Policy"}
    out: dict[str, set[str]] = {}
    for fact in extraction.facts:
        if fact.subject in labels:
            out.setdefault(labels[fact.subject], set()).add(f"{fact.predicate} {fact.object}")
    return out


@pytest.mark.parametrize(("text", "expected"), [
    # summit report: a lower-case statement adopted by named parties
    ("The ministerial statement was adopted by 27 countries and the UN on Wednesday.",
     {f"issuedBy {UN}"}),
    ("Delegates welcomed the joint statement adopted by the Netherlands and China.",
     {f"issuedBy {NL_GOV}", f"issuedBy {CN_GOV}"}),
    # op-ed: a joiner and the party joined, diplomats acting for their government
    ("In February, Chinese diplomats joined the United States in endorsing the declaration "
     "on military AI.", {f"issuedBy {CN_GOV}", f"issuedBy {US_GOV}"}),
])
def test_the_parties_of_a_joint_text_issue_it(nlp: Language, text: str,
                                              expected: set[str]) -> None:
    assert list(issued(run(nlp, text)).values()) == [expected]


def test_the_endorsers_named_later_issue_the_text_named_before(nlp: Language) -> None:
    text = ("Washington launched a declaration on military AI in February. "
            "Its endorsers include the Netherlands and China, along with smaller states.")
    assert list(issued(run(nlp, text)).values()) == [
        {f"issuedBy {US_GOV}", f"issuedBy {NL_GOV}", f"issuedBy {CN_GOV}"}]


@pytest.mark.parametrize("text", [
    # a statement someone merely issued is no joint text
    "The Foreign Ministry issued a statement on Monday criticising the United States.",
    # the countries the signers come from sign nothing
    "Washington launched a declaration on military AI in February. The signatories include "
    "developers from the Netherlands and China.",
])
def test_no_joint_issuer_without_parties_of_the_text(nlp: Language, text: str) -> None:
    issuers = set().union(*issued(run(nlp, text)).values())
    assert not issuers & {f"issuedBy {NL_GOV}", f"issuedBy {CN_GOV}"}
