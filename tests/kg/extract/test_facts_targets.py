"""targets of a policy: a party the measure compels ("forces X to sell"), and not the
nationality of a company it names ("into the U.S. chipmaker Nvidia"). Sentences written for
these tests, in several voices."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from kg.extract import extract_article
from kg.models import Article, Extraction


def run(nlp: Language, text: str) -> Extraction:
    article = Article(id="t", title="", text=text, date=dt.date(2025, 3, 4))
    return extract_article(article, nlp=nlp)


def targets(extraction: Extraction) -> set[str]:
    return {f.object for f in extraction.facts if f.predicate == "targets"}


@pytest.mark.parametrize(("text", "expected"), [
    # wire: a relative clause on the act
    ("Washington passed a law that forces Tencent to sell its stake in the game studio.",
     {"company/tencent"}),
    # ministry transcript: a participle on the order
    ("The Commerce Department issued an order requiring Nvidia to stop all shipments.",
     {"company/nvidia"}),
    # tech press: "compel" and "oblige"
    ("China's Ministry of Commerce published rules that oblige Samsung to report every sale.",
     {"company/samsung"}),
    ("The regulator's new directive, which Beijing issued in May, compels Baidu and SenseTime "
     "to store data at home.", {"company/baidu", "company/sensetime"}),
])
def test_a_party_the_measure_compels_is_its_target(nlp: Language, text: str,
                                                    expected: set[str]) -> None:
    assert targets(run(nlp, text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The Ministry of Commerce opened an investigation into the U.S. chipmaker Nvidia.",
     {"company/nvidia"}),
    ("Beijing imposed a ban on the American company Google on Monday.", {"company/google"}),
])
def test_a_company_nationality_is_no_target(nlp: Language, text: str,
                                            expected: set[str]) -> None:
    assert targets(run(nlp, text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # company filing: the policy is the subject of an earlier verb in the coordination
    ("Samsung said the new U.S. rules could raise costs and would also cover shipments to "
     "countries such as China and the Netherlands.",
     {"country/china", "country/netherlands"}),
    # wire: a destination in the policy's own clause
    ("Tencent said the licence requirements the Commerce Department imposed on its chip "
     "sales to China in May no longer applied.", {"country/china"}),
])
def test_targets_through_coordination_and_the_policy_clause(
    nlp: Language, text: str, expected: set[str]
) -> None:
    assert targets(run(nlp, text)) == expected


def test_a_coordinated_verb_with_its_own_subject_is_not_the_policy_s(nlp: Language) -> None:
    text = ("The new U.S. rules took effect on Monday and the Ministry of Commerce banned "
            "shipments to the Netherlands.")
    assert "country/netherlands" not in {
        f.object for f in run(nlp, text).facts
        if f.predicate == "targets" and f.subject.endswith("rules")}


@pytest.mark.parametrize(("text", "expected"), [
    # wire: "along with ..., among them X" after the listing verb
    ("On Friday the Commerce Department added Samsung to its Entity List, along with dozens "
     "of other organisations, among them the search company Baidu.",
     {"company/samsung", "company/baidu"}),
    # agency release: the additions named by a copula in the next sentence
    ("The Commerce Department added Samsung to the Entity List on Friday. Among the new "
     "additions are Tencent and SenseTime, two internet groups.",
     {"company/samsung", "company/tencent", "company/sensetime"}),
])
def test_every_listed_party_is_a_target(nlp: Language, text: str,
                                        expected: set[str]) -> None:
    assert targets(run(nlp, text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # wire: a summing-up noun after the clause
    ("The Dutch government published rules on chip tools on Friday, a measure that will "
     "force Samsung to seek permits.", {"company/samsung"}),
    # tech press: the summing-up noun in apposition to the policy
    ("Beijing imposed new export rules, a move that will hit Nvidia hardest.",
     {"company/nvidia"}),
])
def test_a_summing_up_noun_passes_its_targets_to_the_policy(
    nlp: Language, text: str, expected: set[str]
) -> None:
    assert targets(run(nlp, text)) == expected


def test_a_summing_up_noun_of_no_policy_adds_nothing(nlp: Language) -> None:
    text = "Nvidia cut its prices on Friday, a move that will hit Samsung hardest."
    assert targets(run(nlp, text)) == set()


@pytest.mark.parametrize(("text", "expected"), [
    # wire: the market a party is kept from, on the gerund or on its object
    ("Samsung has been barred by U.S. export controls from selling its best chips in China.",
     {"company/samsung", "country/china"}),
    ("Tencent was blocked by the Commerce Department's rules from buying chips from Nvidia.",
     {"company/tencent", "company/nvidia"}),
])
def test_the_market_a_party_is_kept_from_is_a_target(nlp: Language, text: str,
                                                      expected: set[str]) -> None:
    assert targets(run(nlp, text)) == expected


def test_additions_without_a_list_before_are_nothing(nlp: Language) -> None:
    text = "Among the additions to the new phone is a camera made by Samsung."
    assert targets(run(nlp, text)) == set()


def test_a_compelled_party_of_no_policy_is_nothing(nlp: Language) -> None:
    # no measure: the market, not a government, forces the sale
    assert targets(run(nlp, "Falling prices forced Baidu to sell its chip unit.")) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Rivals such as Tencent, which has been on the Entity List since May, lost sales.",
     {"company/tencent"}),
    # the relative clause says nothing of a list
    ("Rivals such as Tencent, which sells cloud services, lost sales to Baidu.", set()),
])
def test_a_party_a_relative_clause_puts_on_a_list_is_its_target(
        nlp: Language, text: str, expected: set[str]) -> None:
    assert targets(run(nlp, text)) == expected
