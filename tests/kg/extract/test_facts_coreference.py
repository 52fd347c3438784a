"""Policy coreference across head words of one sort: "the bill" after "the X Act", "the
rules" after "the Entity List"-style names, never across nations ("China's tariff ... the
duties Washington unveiled" are two policies). Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article, Extraction

US_GOV = "government/government-of-the-united-states"
CN_GOV = "government/government-of-china"
COMMERCE = "government/us-department-of-commerce"
MOFCOM = "government/ministry-of-commerce-of-china"


def run(nlp: Language, text: str) -> Extraction:
    article = Article(id="t", title="", text=text, date=dt.date(2025, 3, 4))
    return extract_article(article, nlp=nlp)


def policy_facts(extraction: Extraction) -> dict[str, set[tuple[str, str]]]:
    labels = {e.id: e.label for e in extraction.entities if e.type == "Policy"}
    out: dict[str, set[tuple[str, str]]] = {}
    for fact in extraction.facts:
        if fact.subject in labels:
            out.setdefault(labels[fact.subject], set()).add((fact.predicate, fact.object))
    return out


def test_the_bill_is_the_act_named_before(nlp: Language) -> None:
    text = ("Washington enacted a chip security act in May. "
            "In June the Commerce Department implemented the bill.")
    found = policy_facts(run(nlp, text))
    assert list(found.values()) == [{("issuedBy", US_GOV), ("issuedBy", COMMERCE)}]


def test_the_order_is_the_directive_of_another_word(nlp: Language) -> None:
    text = ("The Commerce Department issued a directive to Nvidia on Monday. "
            "The order requires Nvidia to stop shipments of its chips.")
    found = policy_facts(run(nlp, text))
    assert list(found.values()) == [{("issuedBy", COMMERCE), ("targets", "company/nvidia")}]


def test_a_definite_phrase_with_another_nation_is_another_policy(nlp: Language) -> None:
    text = ("The Ministry of Commerce will levy an additional tariff on U.S. goods, "
            "hitting back at the sweeping duties Washington unveiled on Wednesday.")
    found = policy_facts(run(nlp, text))
    assert len(found) == 2 and all(
        len({o for p, o in facts if p == "issuedBy"} & {US_GOV, MOFCOM}) == 1
        for facts in found.values())


def test_the_package_refers_back_and_takes_its_issuer(nlp: Language) -> None:
    text = ("Washington tightened its export controls on Monday. "
            "The package, released by the Commerce Department, closes loopholes.")
    found = policy_facts(run(nlp, text))
    assert list(found.values()) == [{("issuedBy", US_GOV), ("issuedBy", COMMERCE)}]


def test_a_package_is_no_policy_of_its_own(nlp: Language) -> None:
    assert policy_facts(run(nlp, "Washington unveiled an aid package for farmers.")) == {}


def test_a_description_of_the_same_sort_nearby_is_the_same_policy(nlp: Language) -> None:
    text = ("The Commerce Department issued export guidance on Nvidia chips on Monday. "
            "Beijing said the U.S. restrictions were unfair.")
    found = policy_facts(run(nlp, text))
    assert len(found) == 1


def test_two_policies_of_one_sort_far_apart_stay_two(nlp: Language) -> None:
    filler = " ".join(["Shares of Samsung rose sharply in Seoul on the news that day."] * 8)
    text = ("The Commerce Department issued export guidance on Nvidia chips on Monday. "
            f"{filler} Years earlier, Washington had imposed restrictions on Tencent.")
    assert len(policy_facts(run(nlp, text))) == 2
